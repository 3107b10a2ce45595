package io.github.tokenbridge.conformance;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The differential machinery of issue 18: generator, register, replay. */
class DifferentialTest {

    private static final BackendFactory MODEL = ModelBackendFactory.presets();

    private static ScenarioGenerator generator() {
        return new ScenarioGenerator(MODEL, "S-1-5-21-1-2-3-1001", 14);
    }

    @Test
    void generate_sameSeedAndIndex_sameScenario() {
        assertEquals(generator().generate(18, 7).text(), generator().generate(18, 7).text());
        assertNotEquals(generator().generate(18, 7).text(), generator().generate(19, 7).text());
    }

    @Test
    void generate_scenarios_parseAndPassOnTheModel_R5() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append(generator().generate(3, i).text());
        }
        List<Scenario> parsed = ScenarioParser.parse("generated", text.toString());
        assertEquals(40, parsed.size());
        List<ScenarioResult> results = new ScenarioRunner(MODEL, null, null).runAll(parsed);
        results.forEach(r -> assertEquals(ScenarioResult.Status.PASSED, r.status(), r.describe()));
    }

    @Test
    void replay_falseCheck_isWrittenFlipped_R1() {
        List<ModelReplay.Kept> kept = ModelReplay.replay(MODEL, "x", List.of(
                DraftLine.step(null, "open_process_token process=current-process access=TOKEN_QUERY", "p"),
                DraftLine.check(null, List.of("$p.type == Impersonation"))));
        assertEquals("check $p.type != Impersonation", kept.get(1).text());
    }

    @Test
    void register_entryWithOnlyAVerb_isRefused() {
        assertThrows(ScenarioSyntaxException.class, () -> DifferentialRegister.parse("r",
                "generated all rule=R36 backend=native verb=set_thread_token source=\"x\""));
    }

    @Test
    void register_unknownRule_isRefused() {
        assertThrows(ScenarioSyntaxException.class, () -> DifferentialRegister.parse("r",
                "generated e rule=R999 backend=native verb=set_thread_token observed=ok source=\"x\""));
    }

    @Test
    void register_predicate_matchesAndCounts_R36() {
        DifferentialRegister reg = DifferentialRegister.parse("r",
                "generated e rule=R36 backend=native host=wine verb=set_thread_token fact.token.type=Primary observed=ok source=\"x\"");
        DifferentialRegister.Case primary = new DifferentialRegister.Case("set_thread_token", Map.of("token", "$p"),
                Map.of("token.type", "Primary"), "", "ERROR_BAD_TOKEN_TYPE", "ok", Map.of());
        DifferentialRegister.Case impersonation = new DifferentialRegister.Case("set_thread_token", Map.of("token", "$p"),
                Map.of("token.type", "Impersonation"), "", "ok", "ERROR_ACCESS_DENIED", Map.of());
        assertTrue(reg.explain(primary, "native", "wine").isPresent());
        assertFalse(reg.explain(impersonation, "native", "wine").isPresent());
        assertFalse(reg.explain(primary, "native", null).isPresent());
        assertEquals(1, reg.entries().get(0).matched().get());
    }

    @Test
    void shippedRegister_parses() {
        assertFalse(DifferentialRegister.shipped().entries().isEmpty());
    }
}
