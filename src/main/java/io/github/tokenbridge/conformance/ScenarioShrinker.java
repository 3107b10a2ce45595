package io.github.tokenbridge.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reduces a generated scenario with an unregistered divergence to a minimal one that still shows
 * the same failure (same verb, same outcome on each side): it tries every scenario one line shorter
 * and every simpler security descriptor, all of a round in one target batch, keeps the first that
 * still fails, and repeats until nothing smaller fails. Each candidate is replayed on the model, so
 * its expected outcomes stay the model's. The result is written as a {@code .scn} file with the two
 * sides' records as comments, ready to be corrected to Windows behaviour and added to the corpus.
 */
final class ScenarioShrinker {

    private static final int MAX_ROUNDS = 40;
    private final BackendFactory model;
    private final DifferentialRun run;

    ScenarioShrinker(BackendFactory model, DifferentialRun run) {
        this.model = model;
        this.run = run;
    }

    /** Shrinks {@code u}; the smallest scenario found that fails the same way. */
    DifferentialRun.Unexplained shrink(DifferentialRun.Unexplained u) {
        DifferentialRun.Unexplained best = u;
        for (int round = 0; round < MAX_ROUNDS && best.probe() != null; round++) {
            List<List<DraftLine>> candidates = candidates(best.scenario().drafts(), best.step());
            if (candidates.isEmpty()) {
                break;
            }
            List<GeneratedScenario> batch = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                String id = u.scenario().id() + "-r" + round + "-c" + i;
                batch.add(new GeneratedScenario(id, ModelReplay.replay(model, id, candidates.get(i))));
            }
            DifferentialRun.Unexplained found = null;
            for (DifferentialRun.Unexplained c : run.probeBatch(model, batch, "shrink-" + u.scenario().id() + "-" + round)) {
                if (DifferentialRun.sameFailure(u, c)) {
                    found = c;
                    break;
                }
            }
            if (found == null) {
                break;
            }
            best = found;
        }
        return best;
    }

    /** Every draft one step simpler: a line left out (never the diverging one), or a simpler descriptor. */
    private static List<List<DraftLine>> candidates(List<DraftLine> drafts, int failingStep) {
        List<List<DraftLine>> out = new ArrayList<>();
        if (failingStep < drafts.size()) {
            out.add(new ArrayList<>(drafts.subList(0, failingStep)));
            return out;
        }
        for (int i = failingStep - 2; i >= 0; i--) {
            List<DraftLine> fewer = new ArrayList<>(drafts);
            fewer.remove(i);
            out.add(fewer);
        }
        for (int i = 0; i < drafts.size(); i++) {
            DraftLine d = drafts.get(i);
            if (d.sd() != null) {
                for (SecurityDescriptorSpec simpler : d.sd().simplifications()) {
                    List<DraftLine> copy = new ArrayList<>(drafts);
                    copy.set(i, d.withSd(simpler));
                    out.add(copy);
                }
            }
        }
        return out;
    }

    /** Shrinks {@code u} and writes the result under the run's {@code shrunk/} directory; the file. */
    Path shrinkAndWrite(DifferentialRun.Unexplained u) {
        DifferentialRun.Unexplained s = shrink(u);
        Path dir = run.options().out().resolve("shrunk");
        Path file = dir.resolve(u.scenario().id() + ".scn");
        StringBuilder sb = new StringBuilder();
        sb.append("# Shrunk from generated scenario ").append(u.scenario().id()).append(" (seed ")
                .append(run.options().seed()).append(").\n");
        sb.append("# Expected outcomes are the model's. At step ").append(s.step()).append(" (").append(s.what())
                .append(") the two differ:\n");
        sb.append("#   model:  ").append(s.model()).append('\n');
        sb.append("#   other:  ").append(s.other()).append('\n');
        sb.append("# Settle which is Windows from sources, write that outcome, rename, cite the rule.\n");
        sb.append(s.scenario().text());
        try {
            Files.createDirectories(dir);
            Files.writeString(file, sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
