package io.github.tokenbridge.cli;

import io.github.tokenbridge.conformance.BackendFactory;
import io.github.tokenbridge.conformance.Corpus;
import io.github.tokenbridge.conformance.DivergenceRegister;
import io.github.tokenbridge.conformance.HostSnapshot;
import io.github.tokenbridge.conformance.JnaBackendFactory;
import io.github.tokenbridge.conformance.ModelBackendFactory;
import io.github.tokenbridge.conformance.Scenario;
import io.github.tokenbridge.conformance.ScenarioResult;
import io.github.tokenbridge.conformance.ScenarioRunner;
import io.github.tokenbridge.conformance.SnapshotWriter;
import io.github.tokenbridge.conformance.Transcript;
import io.github.tokenbridge.conformance.TranscriptComparison;
import io.github.tokenbridge.conformance.TranscriptWriter;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tokenbridge conformance}: runs scenarios on a backend (model or jna) and reports
 * {@code N passed, N failed, N skipped}, or compares two or three transcripts against the register
 * of known divergences. Exit code 0 exactly when nothing failed / every divergence is known;
 * 1 otherwise; 2 for bad input (a malformed scenario, an unreadable file).
 */
@Command(name = "conformance", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run conformance scenarios on a backend, or compare transcripts.")
public final class ConformanceCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--backend", defaultValue = "model", description = "model or jna (default: ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--scenarios", arity = "1..*", paramLabel = "PATH",
            description = "scenario files or directories (default: the corpus shipped in the jar)")
    List<Path> scenarios;

    @Option(names = "--transcript", paramLabel = "FILE", description = "write a JSON Lines transcript (and FILE.snapshot.json)")
    Path transcript;

    @Option(names = "--config", paramLabel = "PRESET", description = "model preset for every scenario, overriding their own")
    String config;

    @Option(names = "--snapshot", paramLabel = "SNAP.json", description = "model only: run as the principal of this host snapshot")
    Path snapshot;

    @Option(names = "--compare", arity = "2..3", paramLabel = "TRANSCRIPT", description = "compare two or three transcripts")
    List<Path> compare;

    @Option(names = "--register", paramLabel = "FILE", description = "known divergences (default: the register shipped in the jar)")
    Path register;

    @Option(names = "--host", paramLabel = "NAME", description = "the host the transcripts come from (e.g. wine), for host-specific register entries")
    String host;

    @Option(names = {"-v", "--verbose"}, description = "also list passed scenarios and agreements")
    boolean verbose;

    // [differential] generated scenarios, model vs native driver or jna (issue 18)
    @CommandLine.Mixin
    DifferentialOptions differential = new DifferentialOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (differential.requested()) {
                return differential.run(out, backend, host);
            }
            return compare != null ? compare(out) : run(out);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | UnsupportedOperationException e) {
            err.println("tokenbridge conformance: " + e.getMessage());
            return 2;
        }
    }

    private int run(PrintWriter out) {
        List<Scenario> list = scenarios == null ? Corpus.shipped() : Corpus.load(scenarios);
        BackendFactory factory = factory();
        factory.create(config != null ? config : Scenario.DEFAULT_CONFIG).close(); // fails early when unavailable
        TranscriptWriter writer = null;
        try {
            if (transcript != null) {
                Writer w = Files.newBufferedWriter(transcript, StandardCharsets.UTF_8);
                writer = new TranscriptWriter(w, factory.kind().id());
                try (TokenBackend b = factory.create(config != null ? config : Scenario.DEFAULT_CONFIG)) {
                    Files.writeString(Path.of(transcript + ".snapshot.json"), SnapshotWriter.snapshot(b) + "\n",
                            StandardCharsets.UTF_8);
                }
            }
            List<ScenarioResult> results = new ScenarioRunner(factory, writer, config).runAll(list);
            for (ScenarioResult r : results) {
                if (verbose || r.status() != ScenarioResult.Status.PASSED) {
                    out.println(r.describe());
                }
            }
            out.println(ScenarioResult.summary(results));
            out.flush();
            return results.stream().anyMatch(r -> r.status() == ScenarioResult.Status.FAILED) ? 1 : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + transcript, e);
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
    }

    private BackendFactory factory() {
        switch (backend) {
            case "model" -> {
                if (snapshot != null) {
                    ModelConfiguration base = ModelConfiguration.preset(config != null ? config : Scenario.DEFAULT_CONFIG);
                    return ModelBackendFactory.fixed(HostSnapshot.read(snapshot, base));
                }
                return ModelBackendFactory.presets();
            }
            case "jna" -> {
                if (snapshot != null) {
                    throw new IllegalArgumentException("--snapshot configures the model; the jna backend is the host itself");
                }
                return new JnaBackendFactory();
            }
            default -> throw new IllegalArgumentException("unknown backend '" + backend + "' (model or jna)");
        }
    }

    private int compare(PrintWriter out) {
        List<Transcript> transcripts = compare.stream().map(Transcript::read).toList();
        DivergenceRegister reg = register != null ? DivergenceRegister.read(register) : DivergenceRegister.shipped();
        Map<String, List<String>> cites = new HashMap<>();
        for (Scenario s : scenarios == null ? Corpus.shipped() : Corpus.load(scenarios)) {
            cites.put(s.id(), s.cites());
        }
        TranscriptComparison.Report report = TranscriptComparison.compare(transcripts, reg, host,
                id -> cites.getOrDefault(id, List.of()));
        if (verbose) {
            report.agreements().forEach(a -> out.println("agree    " + a));
        }
        for (TranscriptComparison.Divergence d : report.divergences()) {
            out.println((d.isKnown() ? "known    " : "DIVERGES ") + d.scenario() + " step " + d.step()
                    + (d.line() > 0 ? " (line " + d.line() + ")" : "") + " " + d.what()
                    + " [cites " + String.join(" ", d.cites()) + "]");
            for (TranscriptComparison.Side side : d.sides()) {
                out.println("           " + side.backend() + ": " + side.recorded());
            }
            for (var e : d.known()) {
                out.println("           register line " + e.line() + ": " + e.backend() + " observes " + e.observed()
                        + " (Windows: " + e.expected() + "); source: " + e.source());
            }
        }
        for (TranscriptComparison.Skip s : report.skips()) {
            StringBuilder sb = new StringBuilder("skipped  " + s.scenario() + ":");
            s.sides().forEach(side -> sb.append(' ').append(side.backend()).append('=').append(side.recorded()).append(';'));
            out.println(sb);
        }
        long known = report.divergences().stream().filter(TranscriptComparison.Divergence::isKnown).count();
        out.println(report.agreements().size() + " agree, " + (report.divergences().size() - known) + " diverge, "
                + known + " known divergences, " + report.skips().size() + " skipped");
        out.flush();
        return report.ok() ? 0 : 1;
    }
}
