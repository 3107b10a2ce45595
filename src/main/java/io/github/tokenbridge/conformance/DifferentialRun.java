package io.github.tokenbridge.conformance;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.model.ModelConfiguration;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A differential run: generated scenarios (expected outcomes: the model's) run on the model and
 * on a target (the native driver under Wine or on Windows, or the jna backend), batch by batch;
 * the transcripts are compared line by line, every difference is looked up in the
 * {@link DifferentialRegister}, unexplained ones are shrunk ({@link ScenarioShrinker}) and written
 * out as {@code .scn} files; the run prints the corner coverage, the register's counts and exactly
 * one line {@code differential: N generated, A agree, R registered, U unregistered}.
 */
public final class DifferentialRun {

    /**
     * What to run.
     *
     * @param seed        the seed (printed first)
     * @param count       how many scenarios
     * @param batch       scenarios per target process
     * @param maxLines    the most lines per scenario
     * @param host        the host name register entries with {@code host=} must match, or null
     * @param out         the directory for batches, transcripts and shrunk scenarios
     * @param shrinkLimit how many unregistered divergences are shrunk (the rest are only listed)
     */
    public record Options(long seed, int count, int batch, int maxLines, String host, Path out, int shrinkLimit) {
    }

    /** The counts of the summary line. */
    public record Summary(int generated, int agree, int registered, int unregistered) {
        /** The summary line. */
        public String line() {
            return "differential: " + generated + " generated, " + agree + " agree, " + registered + " registered, "
                    + unregistered + " unregistered";
        }
    }

    /** The observed outcome of a line during which the target process died (in a fresh process too). */
    static final String CRASHED = "crashed";

    /** An unexplained divergence: the scenario, the step, and each side's record. */
    record Unexplained(GeneratedScenario scenario, int step, String what, String model, String other,
                       DifferentialRegister.Case probe) {
    }

    private final DifferentialTarget target;
    private final DifferentialRegister register;
    private final Options options;
    private final PrintWriter out;

    public DifferentialRun(DifferentialTarget target, DifferentialRegister register, Options options, PrintWriter out) {
        this.target = target;
        this.register = register;
        this.options = options;
        this.out = out;
    }

    /** Runs everything; the summary (also printed). */
    public Summary run() {
        out.println("differential: seed " + options.seed() + " (" + options.count() + " scenarios, target "
                + target.backend() + (options.host() == null ? "" : ", host " + options.host()) + ")");
        out.flush();
        try {
            Files.createDirectories(options.out());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + options.out(), e);
        }
        Path snapshot = options.out().resolve("target.snapshot.json");
        target.snapshot(snapshot);
        BackendFactory model = ModelBackendFactory.fixed(HostSnapshot.read(snapshot,
                ModelConfiguration.preset(Scenario.DEFAULT_CONFIG)));
        ScenarioGenerator generator = new ScenarioGenerator(model, processUser(model), options.maxLines());
        CornerCoverage coverage = new CornerCoverage();
        int agree = 0;
        int registered = 0;
        List<Unexplained> unexplained = new ArrayList<>();
        for (int start = 0; start < options.count(); start += options.batch()) {
            int end = Math.min(options.count(), start + options.batch());
            List<GeneratedScenario> batch = new ArrayList<>();
            for (int i = start; i < end; i++) {
                GeneratedScenario g = generator.generate(options.seed(), i);
                coverage.add(g);
                batch.add(g);
            }
            Comparison c = compare(model, batch, "batch-" + start);
            agree += c.agree;
            registered += c.registered;
            unexplained.addAll(c.unexplained);
        }
        out.print(coverage.table());
        out.println("register (" + register.entries().size() + " entries; cases explained):");
        for (DifferentialRegister.Entry e : register.entries()) {
            out.printf("  %7d  %s [%s] %s%n", e.matched().get(), e.name(), e.rule(), e.source());
        }
        ScenarioShrinker shrinker = new ScenarioShrinker(model, this);
        int shrunk = 0;
        for (Unexplained u : unexplained) {
            out.println("UNREGISTERED " + u.scenario().id() + " step " + u.step() + " " + u.what());
            out.println("    model:  " + u.model());
            out.println("    " + target.backend() + ": " + u.other());
            if (u.probe() != null) {
                out.println("    line:   " + u.probe().text());
                out.println("    facts:  " + u.probe().facts());
            }
            if (shrunk++ < options.shrinkLimit()) {
                Path file = shrinker.shrinkAndWrite(u);
                out.println("    shrunk: " + file);
            }
        }
        Summary s = new Summary(options.count(), agree, registered, unexplained.size());
        out.println(s.line());
        out.flush();
        return s;
    }

    /** The result of comparing one batch. */
    record Comparison(int agree, int registered, List<Unexplained> unexplained) {
    }

    /** Runs {@code batch} on the model and the target and compares; {@code name} names its files. */
    Comparison compare(BackendFactory model, List<GeneratedScenario> batch, String name) {
        Path dir = options.out();
        Path scn = dir.resolve(name + ".scn");
        Path modelT = dir.resolve(name + ".model.jsonl");
        Path otherT = dir.resolve(name + "." + target.backend() + ".jsonl");
        StringBuilder text = new StringBuilder("# generated by tokenbridge conformance --generate (seed ")
                .append(options.seed()).append("); expected outcomes are the model's\n");
        batch.forEach(g -> text.append(g.text()));
        List<Scenario> parsed;
        try {
            Files.writeString(scn, text, StandardCharsets.UTF_8);
            parsed = ScenarioParser.parse(scn);
            try (TranscriptWriter w = new TranscriptWriter(Files.newBufferedWriter(modelT, StandardCharsets.UTF_8), "model")) {
                new ScenarioRunner(model, w, null).runAll(parsed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir, e);
        }
        Transcript m = Transcript.read(modelT);
        Transcript o = runResuming(batch, scn, otherT, name);
        Map<String, Scenario> byId = new LinkedHashMap<>();
        parsed.forEach(s -> byId.put(s.id(), s));
        int agree = 0;
        int registered = 0;
        List<Unexplained> unexplained = new ArrayList<>();
        for (GeneratedScenario g : batch) {
            Optional<Unexplained> d = divergence(g, byId.get(g.id()), m.scenarios().get(g.id()), o.scenarios().get(g.id()));
            if (d.isEmpty()) {
                agree++;
            } else if (d.get().probe() != null
                    && register.explain(d.get().probe(), target.backend(), options.host()).isPresent()) {
                registered++;
            } else {
                unexplained.add(d.get());
            }
        }
        return new Comparison(agree, registered, unexplained);
    }

    /**
     * Runs the batch on the target; when the target process dies part-way (wineserver has been
     * seen to crash after a few hundred scenarios), the rest runs in a new process, and a scenario
     * that kills a fresh process too is left missing (an unregistered divergence).
     */
    private Transcript runResuming(List<GeneratedScenario> batch, Path scn, Path otherT, String name) {
        Map<String, Transcript.Trace> traces = new LinkedHashMap<>(runOnce(scn, otherT));
        int from = firstMissing(batch, traces, 0);
        int restart = 0;
        while (from < batch.size()) {
            out.println("differential: the " + target.backend() + " run stopped before " + batch.get(from).id()
                    + "; resuming in a new process");
            out.flush();
            StringBuilder rest = new StringBuilder();
            batch.subList(from, batch.size()).forEach(g -> rest.append(g.text()));
            Path file = options.out().resolve(name + "-resume-" + restart + ".scn");
            Path t = options.out().resolve(name + "-resume-" + restart++ + "." + target.backend() + ".jsonl");
            try {
                Files.writeString(file, rest, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            Map<String, Transcript.Trace> more = runOnce(file, t);
            int next = firstMissing(batch, more, from);
            batch.subList(from, next).forEach(g -> traces.put(g.id(), more.get(g.id())));
            if (next == from && more.get(batch.get(from).id()) != null) {
                // it stopped a fresh process too: keep the lines it got through (the divergence names the next)
                traces.put(batch.get(from).id(), more.get(batch.get(from).id()));
            }
            from = next == from ? firstMissing(batch, traces, from + 1) : next;
        }
        return new Transcript(otherT.toString(), target.backend(), traces);
    }

    /**
     * One target process over {@code scn}; its traces. A process that died before it wrote its
     * transcript (Wine has been seen to) gives none: every scenario is then missing and resumed.
     */
    private Map<String, Transcript.Trace> runOnce(Path scn, Path transcript) {
        target.run(List.of(scn), transcript);
        return Files.exists(transcript) ? Transcript.read(transcript).scenarios() : Map.of();
    }

    private static int firstMissing(List<GeneratedScenario> batch, Map<String, Transcript.Trace> traces, int from) {
        for (int i = from; i < batch.size(); i++) {
            Transcript.Trace t = traces.get(batch.get(i).id());
            if (t == null || t.status().equals("missing")) {
                return i;
            }
        }
        return batch.size();
    }

    /** The first line where the two traces differ, or empty when they agree. */
    private Optional<Unexplained> divergence(GeneratedScenario g, Scenario s, Transcript.Trace model, Transcript.Trace other) {
        if (model == null || !model.status().equals("passed")) {
            return Optional.of(new Unexplained(g, 0, "model run", model == null ? "absent" : model.status() + " " + model.reason(),
                    "", null));
        }
        if (other == null || other.status().equals("skipped")
                || (other.status().equals("missing") && other.records().isEmpty())) {
            return Optional.of(new Unexplained(g, 0, "target run", "passed", other == null ? "absent" : other.status(), null));
        }
        for (var e : model.records().entrySet()) {
            int step = e.getKey();
            Map<String, Object> o = other.records().get(step);
            if (o == null && other.status().equals("missing")) {
                // the target process died on this line, in a fresh process too: observed "crashed"
                Map<String, Object> crashed = Map.of("kind", "step", "outcome", CRASHED);
                return Optional.of(new Unexplained(g, step, String.valueOf(e.getValue().getOrDefault("verb",
                        e.getValue().get("text"))), TranscriptComparison.signature(e.getValue()), CRASHED,
                        probe(g, s, step, crashed, e.getValue())));
            }
            String ms = TranscriptComparison.signature(e.getValue());
            String os = TranscriptComparison.signature(o);
            if (!ms.equals(os)) {
                return Optional.of(new Unexplained(g, step, String.valueOf(e.getValue().getOrDefault("verb",
                        e.getValue().get("text"))), ms, os, probe(g, s, step, o, e.getValue())));
            }
        }
        if (!other.status().equals("passed")) {
            return Optional.of(new Unexplained(g, 0, "result", "passed", other.status() + " " + other.reason(), null));
        }
        return Optional.empty();
    }

    private static DifferentialRegister.Case probe(GeneratedScenario g, Scenario s, int step, Map<String, Object> o,
                                                   Map<String, Object> m) {
        ModelReplay.Kept k = g.line(step);
        ScenarioLine line = s.lines().get(step - 1);
        Map<String, String> args = line instanceof ScenarioLine.Step st ? st.args() : Map.of();
        String observed = o == null ? "not run" : "check".equals(o.get("kind")) ? String.valueOf(o.get("value"))
                : String.valueOf(o.get("outcome"));
        return new DifferentialRegister.Case(k.draft().verbName(), args, k.facts(), k.text(), k.outcome(), observed,
                fieldsOf(o), fieldsOf(m));
    }

    private static Map<String, String> fieldsOf(Map<String, Object> record) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (record != null && record.get("fields") instanceof Map<?, ?> f) {
            f.forEach((a, b) -> fields.put(String.valueOf(a), String.valueOf(b)));
        }
        return fields;
    }

    /** Whether {@code u2} is the same failure as {@code u} (same verb, same outcomes on both sides). */
    static boolean sameFailure(Unexplained u, Unexplained u2) {
        return u2.probe() != null && u.probe() != null && u2.probe().verb().equals(u.probe().verb())
                && u2.probe().observed().equals(u.probe().observed()) && u2.probe().model().equals(u.probe().model());
    }

    /** Runs candidate scenarios (one batch) without touching the register's counts; their unexplained divergences. */
    List<Unexplained> probeBatch(BackendFactory model, List<GeneratedScenario> batch, String name) {
        DifferentialRun quiet = new DifferentialRun(target, DifferentialRegister.parse("none", ""), options, out);
        List<Unexplained> all = quiet.compare(model, batch, name).unexplained();
        List<Unexplained> left = new ArrayList<>();
        for (Unexplained u : all) {
            if (u.probe() == null || register.find(u.probe(), target.backend(), options.host()).isEmpty()) {
                left.add(u);
            }
        }
        return left;
    }

    /** The options of this run. */
    Options options() {
        return options;
    }

    private static String processUser(BackendFactory model) {
        try (TokenBackend b = model.create(Scenario.DEFAULT_CONFIG)) {
            Result<Handle> p = b.openProcessToken(Handle.CURRENT_PROCESS, 0x8);
            try {
                return new TokenReader(b).user(p.value()).toString();
            } finally {
                b.closeHandle(p.value());
            }
        }
    }
}
