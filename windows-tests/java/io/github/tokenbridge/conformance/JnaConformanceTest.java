package io.github.tokenbridge.conformance;

import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The corpus on the live Windows host through JNA (each scenario states what Windows does), and
 * the comparison of the jna transcript with a model run configured from the host's snapshot.
 */
@EnabledOnOs(OS.WINDOWS)
class JnaConformanceTest {

    @TestFactory
    Stream<DynamicTest> corpus_onJna_behavesAsTheScenariosSay() {
        ScenarioRunner runner = new ScenarioRunner(new JnaBackendFactory(), null, null);
        return Corpus.shipped().stream().map(s -> DynamicTest.dynamicTest(s.id() + " " + s.cites(), () -> {
            ScenarioResult r = runner.run(s);
            if (r.status() == ScenarioResult.Status.SKIPPED) {
                Assumptions.abort(r.reason());
            }
            assertEquals(ScenarioResult.Status.PASSED, r.status(), r::describe);
        }));
    }

    @Test
    void modelFromHostSnapshot_agreesWithJna_exceptRegisteredDivergences() {
        List<Scenario> corpus = Corpus.shipped();
        StringWriter jnaOut = new StringWriter();
        String snapshot;
        JnaBackendFactory jna = new JnaBackendFactory();
        try (TokenBackend b = jna.create(Scenario.DEFAULT_CONFIG)) {
            snapshot = SnapshotWriter.snapshot(b);
        }
        new ScenarioRunner(jna, new TranscriptWriter(jnaOut, "jna"), null).runAll(corpus);
        ModelConfiguration config = HostSnapshot.toConfiguration(Json.parseObject(snapshot),
                ModelConfiguration.preset(Scenario.DEFAULT_CONFIG));
        StringWriter modelOut = new StringWriter();
        new ScenarioRunner(ModelBackendFactory.fixed(config), new TranscriptWriter(modelOut, "model"), null).runAll(corpus);
        Map<String, List<String>> cites = new HashMap<>();
        corpus.forEach(s -> cites.put(s.id(), s.cites()));
        var report = TranscriptComparison.compare(List.of(
                Transcript.parse("model", modelOut.toString().lines().toList()),
                Transcript.parse("jna", jnaOut.toString().lines().toList())),
                DivergenceRegister.shipped(), null, id -> cites.getOrDefault(id, List.of()));
        assertTrue(report.ok(), () -> "unregistered divergences: " + report.divergences());
    }
}
