package io.github.tokenbridge.conformance;

import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.internal.ModelInternals;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every corpus scenario on the model, one dynamic test each. The model follows Windows, so a
 * failure is a model bug; the only exceptions are listed in {@code model-pending.txt} (a
 * temporary, reported marker): those abort while they fail and fail once they pass.
 */
class ModelCorpusTest {

    static Map<String, String> pending() throws IOException {
        Map<String, String> pending = new LinkedHashMap<>();
        try (InputStream in = ModelCorpusTest.class.getResourceAsStream("model-pending.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int space = line.indexOf(' ');
                    pending.put(line.substring(0, space), line.substring(space + 1));
                }
            }
        }
        return pending;
    }

    @org.junit.jupiter.api.Test
    void pending_everyEntry_namesAShippedScenario() throws IOException {
        java.util.Set<String> ids = new java.util.HashSet<>();
        Corpus.shipped().forEach(s -> ids.add(s.id()));
        for (String id : pending().keySet()) {
            assertTrue(ids.contains(id), "model-pending.txt names no shipped scenario: " + id);
        }
    }

    @TestFactory
    Stream<DynamicTest> corpus_onModel_behavesAsWindows() throws IOException {
        Map<String, String> pending = pending();
        ScenarioRunner runner = new ScenarioRunner(ModelBackendFactory.presets(), null, null);
        return Corpus.shipped().stream().map(s -> DynamicTest.dynamicTest(s.id() + " " + s.cites(), () -> {
            ScenarioResult r = runner.run(s);
            String marker = pending.get(s.id());
            if (marker != null) {
                if (r.status() == ScenarioResult.Status.PASSED) {
                    fail(s.id() + " passes now: remove it from model-pending.txt");
                }
                Assumptions.abort("PENDING model fix: " + marker + " -- " + r.describe());
            }
            if (r.status() == ScenarioResult.Status.SKIPPED) {
                Assumptions.abort(r.reason());
            }
            assertEquals(ScenarioResult.Status.PASSED, r.status(), r::describe);
        }));
    }

    @TestFactory
    Stream<DynamicTest> corpus_underEveryPresetOverride_failsNowhere() throws IOException {
        Map<String, String> pending = pending();
        // the six presets of scenarios.md (the model's extra "anonymous" process is no host a user runs)
        return Stream.of("standard-user", "elevated-admin", "filtered-admin", "local-system", "service-impersonate",
                "network-service").map(preset -> DynamicTest.dynamicTest("--config " + preset, () -> {
            var results = new ScenarioRunner(ModelBackendFactory.presets(), null, preset).runAll(Corpus.shipped());
            var failures = results.stream().filter(r -> r.status() == ScenarioResult.Status.FAILED)
                    .filter(r -> !pending.containsKey(r.scenario().id())).map(ScenarioResult::describe).toList();
            assertEquals(java.util.List.of(), failures, "under preset " + preset);
            assertTrue(results.stream().filter(r -> r.status() == ScenarioResult.Status.PASSED).count() >= 80,
                    ScenarioResult.summary(results));
        }));
    }

    @Test
    void pendingMarker_namesOnlyCorpusScenarios() throws IOException {
        var ids = Corpus.shipped().stream().map(Scenario::id).toList();
        for (String id : pending().keySet()) {
            assertTrue(ids.contains(id), "model-pending.txt names unknown scenario " + id);
        }
    }

    @Test
    void corpus_onModel_leavesNoHandleOrImpersonationBehind() {
        ModelBackend[] last = new ModelBackend[1];
        BackendFactory tracking = new BackendFactory() {
            @Override
            public io.github.tokenbridge.BackendKind kind() {
                return io.github.tokenbridge.BackendKind.MODEL;
            }

            @Override
            public io.github.tokenbridge.backend.TokenBackend create(String preset) {
                last[0] = ModelBackend.create(ModelConfiguration.preset(preset));
                return last[0];
            }

            @Override
            public ModelVerbs modelVerbs(io.github.tokenbridge.backend.TokenBackend backend) {
                return ModelBackendFactory.presets().modelVerbs(backend);
            }
        };
        ScenarioRunner runner = new ScenarioRunner(tracking, null, null);
        for (Scenario s : Corpus.shipped()) {
            ScenarioResult r = runner.run(s);
            if (r.status() == ScenarioResult.Status.SKIPPED) {
                continue;
            }
            assertEquals(0, last[0].world().openHandleCount(), s.id() + " left handles open");
            assertEquals(0, last[0].world().impersonatingThreadCount(), s.id() + " left a thread impersonating");
            assertEquals(0, ModelInternals.kernelRoutines(last[0].world()).outstandingReferences(), s.id() + " left kernel references");
        }
    }
}
