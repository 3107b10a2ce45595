package io.github.tokenbridge.conformance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Comparison of transcripts: agreement, divergence, the register, skips; raw values never compared. */
class TranscriptComparisonTest {

    private static final String MODEL = """
            {"scenario":"a","step":1,"line":3,"kind":"step","verb":"set_thread_token","backend":"model","thread":"main","outcome":"ERROR_BAD_TOKEN_TYPE","expected":"ERROR_BAD_TOKEN_TYPE","fields":{},"raw":{"handle":"0x4"}}
            {"scenario":"a","kind":"result","backend":"model","status":"passed"}
            {"scenario":"b","step":1,"line":9,"kind":"check","text":"$t.user == $p.user","backend":"model","thread":"main","value":true,"observed":"S-1-5-21-1-2-3-1000","raw":{"left":"S-1-5-21-1-2-3-1000"}}
            {"scenario":"b","kind":"result","backend":"model","status":"passed"}
            {"scenario":"c","kind":"result","backend":"model","status":"skipped","reason":"requires model"}
            """;
    private static final String NATIVE = """
            {"scenario":"a","step":1,"line":3,"kind":"step","verb":"set_thread_token","backend":"native","thread":"main","outcome":"ok","expected":"ERROR_BAD_TOKEN_TYPE","fields":{},"raw":{}}
            {"scenario":"a","kind":"result","backend":"native","status":"failed","reason":"step 1 (line 3): expected ERROR_BAD_TOKEN_TYPE, observed ok"}
            {"scenario":"b","step":1,"line":9,"kind":"check","text":"$t.user == $p.user","backend":"native","thread":"main","value":true,"observed":"S-1-5-21-9-9-9-500","raw":{"left":"S-1-5-21-9-9-9-500"}}
            {"scenario":"b","kind":"result","backend":"native","status":"passed"}
            {"scenario":"c","kind":"result","backend":"native","status":"skipped","reason":"requires model"}
            """;

    private static List<Transcript> transcripts() {
        return List.of(Transcript.parse("model.jsonl", MODEL.lines().toList()),
                Transcript.parse("native.jsonl", NATIVE.lines().toList()));
    }

    @Test
    void compare_unregisteredDivergence_isReportedAndNotOk() {
        var report = TranscriptComparison.compare(transcripts(), DivergenceRegister.empty(), null, id -> List.of("R36"));
        assertEquals(List.of("b"), report.agreements());
        assertEquals(1, report.divergences().size());
        var d = report.divergences().get(0);
        assertEquals("a", d.scenario());
        assertEquals(1, d.step());
        assertEquals(3, d.line());
        assertEquals(List.of("native"), d.deviating());
        assertEquals(List.of("R36"), d.cites());
        assertEquals("set_thread_token -> ERROR_BAD_TOKEN_TYPE", d.sides().get(0).recorded());
        assertEquals("set_thread_token -> ok", d.sides().get(1).recorded());
        assertFalse(report.ok());
        assertEquals(1, report.skips().size());
    }

    @Test
    void compare_registeredDivergence_isKnownOnlyOnItsHost() {
        var register = DivergenceRegister.parse("r.reg",
                "divergence a step=1 backend=native host=wine expected=ERROR_BAD_TOKEN_TYPE observed=ok source=\"Wine\"\n");
        assertTrue(TranscriptComparison.compare(transcripts(), register, "wine", id -> List.of()).ok());
        assertFalse(TranscriptComparison.compare(transcripts(), register, null, id -> List.of()).ok());
    }

    @Test
    void compare_registerWithOtherObservedValue_doesNotExcuse() {
        var register = DivergenceRegister.parse("r.reg",
                "divergence a step=* backend=native expected=ERROR_BAD_TOKEN_TYPE observed=ERROR_ACCESS_DENIED source=\"x\"\n");
        assertFalse(TranscriptComparison.compare(transcripts(), register, null, id -> List.of()).ok());
    }

    @Test
    void compare_fieldOrder_doesNotMatter() {
        String a = "{\"scenario\":\"x\",\"step\":1,\"line\":2,\"kind\":\"step\",\"verb\":\"access_check\",\"outcome\":\"ok\","
                + "\"fields\":{\"granted\":\"0x1\",\"privileges\":\"\"}}";
        String b = a.replace("{\"granted\":\"0x1\",\"privileges\":\"\"}", "{\"privileges\":\"\",\"granted\":\"0x1\"}");
        String result = "{\"scenario\":\"x\",\"kind\":\"result\",\"status\":\"passed\"}";
        var report = TranscriptComparison.compare(List.of(Transcript.parse("a", List.of(a, result)),
                Transcript.parse("b", List.of(b, result))), DivergenceRegister.empty(), null, id -> List.of());
        assertEquals(List.of("x"), report.agreements());
    }

    @Test
    void register_malformedLine_namesFileAndLine() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioSyntaxException.class,
                () -> DivergenceRegister.parse("r.reg", "\ndivergence a step=1 backend=wine expected=x observed=y source=z\n"));
        assertEquals("r.reg:2: backend must be model, jna or native, not 'wine'", e.getMessage());
    }
}
