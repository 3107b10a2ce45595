package io.github.tokenbridge.conformance;

import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The runner over a mocked backend: outcomes, failures, skips, threads, cleanup and transcript records. */
class ScenarioRunnerTest {

    private TokenBackend backend;
    private final List<String> revertThreads = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        backend = mock(TokenBackend.class);
        when(backend.kind()).thenReturn(BackendKind.JNA);
        when(backend.revertToSelf()).thenAnswer(i -> {
            revertThreads.add(Thread.currentThread().getName());
            return Result.ok(null);
        });
        when(backend.closeHandle(any())).thenReturn(Result.ok(null));
        when(backend.openThreadToken(eq(Handle.CURRENT_THREAD), anyInt(), anyBoolean())).thenReturn(Result.win32Failure(1008));
        when(backend.openProcessToken(eq(Handle.CURRENT_PROCESS), anyInt())).thenReturn(Result.ok(new Handle(0x10)));
        when(backend.getTokenInformation(eq(new Handle(0x10)), eq(TokenInformationClass.TokenType), eq(-1)))
                .thenReturn(Result.ok(new TokenInformation(TokenInformationClass.TokenType, 4, TokenType.PRIMARY)));
        when(backend.getTokenInformation(eq(Handle.CURRENT_THREAD_TOKEN), eq(TokenInformationClass.TokenType), eq(-1)))
                .thenReturn(Result.win32Failure(1008));
        when(backend.duplicateHandle(Handle.CURRENT_THREAD, 0, 2)).thenReturn(Result.ok(new Handle(0x20)));
    }

    private BackendFactory factory(BackendKind kind) {
        return new BackendFactory() {
            @Override
            public BackendKind kind() {
                return kind;
            }

            @Override
            public TokenBackend create(String preset) {
                return backend;
            }
        };
    }

    private static Scenario scenario(String body) {
        return ScenarioParser.parse("t.scn", "scenario s\n  cites R27\n" + body + "end\n").get(0);
    }

    @Test
    void run_outcomesAsExpected_passesAndWritesTranscript() {
        StringWriter out = new StringWriter();
        ScenarioRunner runner = new ScenarioRunner(factory(BackendKind.JNA), new TranscriptWriter(out, "jna"), null);
        ScenarioResult r = runner.run(scenario("""
                  open_thread_token thread=current-thread access=TOKEN_QUERY open_as_self=true -> ERROR_NO_TOKEN
                  open_process_token process=current-process access=TOKEN_QUERY -> ok as $p
                  check $p.type == Primary
                  check thread.impersonating == false
                """));
        assertEquals(ScenarioResult.Status.PASSED, r.status(), r.reason());
        String[] lines = out.toString().split("\n");
        assertEquals(5, lines.length);
        assertEquals("{\"scenario\":\"s\",\"step\":1,\"line\":3,\"kind\":\"step\",\"verb\":\"open_thread_token\","
                + "\"backend\":\"jna\",\"thread\":\"main\",\"outcome\":\"ERROR_NO_TOKEN\",\"expected\":\"ERROR_NO_TOKEN\","
                + "\"fields\":{},\"raw\":{}}", lines[0]);
        assertEquals("{\"scenario\":\"s\",\"step\":3,\"line\":5,\"kind\":\"check\",\"text\":\"$p.type == Primary\","
                + "\"backend\":\"jna\",\"thread\":\"main\",\"value\":true,\"observed\":\"Primary\"}", lines[2]);
        assertEquals("{\"scenario\":\"s\",\"kind\":\"result\",\"backend\":\"jna\",\"status\":\"passed\",\"cites\":[\"R27\"]}",
                lines[4]);
        verify(backend).closeHandle(new Handle(0x10));
    }

    @Test
    void run_outcomeDiffers_failsWithStepLineExpectedAndObserved() {
        ScenarioResult r = new ScenarioRunner(factory(BackendKind.JNA), null, null).run(scenario("""
                  open_thread_token thread=current-thread access=TOKEN_QUERY open_as_self=true -> ok as $t
                  revert_to_self -> ok
                """));
        assertEquals(ScenarioResult.Status.FAILED, r.status());
        assertEquals("step 1 (line 3): open_thread_token: expected ok, observed ERROR_NO_TOKEN", r.reason());
        assertTrue(r.describe().endsWith("[cites R27]"), r.describe());
    }

    @Test
    void run_falseCheck_failsWithObservedValue() {
        ScenarioResult r = new ScenarioRunner(factory(BackendKind.JNA), null, null).run(scenario("""
                  open_process_token process=current-process access=TOKEN_QUERY -> ok as $p
                  check $p.type == Impersonation
                """));
        assertEquals("step 2 (line 4): check $p.type == Impersonation: false (observed Primary)", r.reason());
    }

    @Test
    void run_modelScenarioOnJna_isSkippedWithoutCallingTheBackend() {
        Scenario s = ScenarioParser.parse("t.scn", "scenario m\n  requires model\n  logon user=other -> ok as $o\nend\n").get(0);
        ScenarioResult r = new ScenarioRunner(factory(BackendKind.JNA), null, null).run(s);
        assertEquals(ScenarioResult.Status.SKIPPED, r.status());
        assertEquals("requires model", r.reason());
        verify(backend, never()).revertToSelf();
    }

    @Test
    void run_onThread_callsOnThatThreadAndRevertsEveryThreadAtTheEnd() {
        ScenarioResult r = new ScenarioRunner(factory(BackendKind.JNA), null, null).run(scenario("""
                  create_thread -> ok as $th
                  on $th revert_to_self -> ok
                  on $th check thread.impersonating == false
                """));
        assertEquals(ScenarioResult.Status.PASSED, r.status(), r.reason());
        assertEquals(List.of("scenario-th", "scenario-main", "scenario-th"), revertThreads);
        verify(backend).closeHandle(new Handle(0x20));
    }

    @Test
    void summary_countsEachStatus() {
        Scenario s = scenario("  revert_to_self -> ok\n");
        List<ScenarioResult> results = List.of(new ScenarioResult(s, ScenarioResult.Status.PASSED, null),
                new ScenarioResult(s, ScenarioResult.Status.FAILED, "x"), new ScenarioResult(s, ScenarioResult.Status.FAILED, "y"),
                new ScenarioResult(s, ScenarioResult.Status.SKIPPED, "requires model"));
        assertEquals("1 passed, 2 failed, 1 skipped", ScenarioResult.summary(results));
    }
}
