package io.github.tokenbridge.cli;

import io.github.tokenbridge.conformance.Transcript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokenbridge conformance} end to end on the model: exit codes, summary line, transcripts, comparison. */
class ConformanceCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static Path scenario(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void version_printsTheVersionAndExitsZero() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("tokenbridge "), out.toString());
    }

    @Test
    void conformance_passingScenarioOnModel_exitsZeroWithSummaryAndTranscript(@TempDir Path dir) throws Exception {
        Path scn = scenario(dir, "a.scn", """
                scenario no-token
                  cites R27
                  open_thread_token thread=current-thread access=TOKEN_QUERY open_as_self=true -> ERROR_NO_TOKEN
                end
                """);
        Path transcript = dir.resolve("model.jsonl");
        assertEquals(0, run("conformance", "--backend", "model", "--scenarios", scn.toString(),
                "--transcript", transcript.toString()), err.toString());
        assertEquals("1 passed, 0 failed, 0 skipped", out.toString().strip());
        Transcript t = Transcript.read(transcript);
        assertEquals("model", t.backend());
        assertEquals("passed", t.scenarios().get("no-token").status());
        assertTrue(Files.readString(Path.of(transcript + ".snapshot.json")).contains("\"integrity\":\"S-1-16-8192\""));
    }

    @Test
    void conformance_failingScenario_exitsOneAndShowsExpectedObserved(@TempDir Path dir) throws Exception {
        Path scn = scenario(dir, "b.scn", """
                scenario wrong
                  cites R27
                  open_thread_token thread=current-thread access=TOKEN_QUERY open_as_self=true -> ok as $t
                end
                """);
        assertEquals(1, run("conformance", "--scenarios", scn.toString()));
        assertTrue(out.toString().contains("step 1 (line 3): open_thread_token: expected ok, observed ERROR_NO_TOKEN [cites R27]"),
                out.toString());
        assertTrue(out.toString().strip().endsWith("0 passed, 1 failed, 0 skipped"));
    }

    @Test
    void conformance_malformedScenario_exitsTwoNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path scn = scenario(dir, "c.scn", "scenario x\n  frobnicate -> ok\nend\n");
        assertEquals(2, run("conformance", "--scenarios", scn.toString()));
        assertTrue(err.toString().contains("c.scn:2: unknown verb 'frobnicate'"), err.toString());
    }

    @Test
    void conformance_snapshotConfiguresTheModel(@TempDir Path dir) throws Exception {
        Path snap = scenario(dir, "host.snapshot.json", """
                {"user":"S-1-5-21-7-7-7-1001","groups":[{"sid":"S-1-1-0","attributes":7},{"sid":"S-1-5-32-545","attributes":7},
                 {"sid":"S-1-5-5-0-99","attributes":3221225479},{"sid":"S-1-16-8192","attributes":96}],
                 "privileges":[{"name":"SeChangeNotifyPrivilege","attributes":3}],"integrity":"S-1-16-8192",
                 "elevation_type":1,"elevated":false,"authentication_id":"0x5a5a5","origin":"0x3e7","session_id":1,
                 "owner":"S-1-5-21-7-7-7-1001","primary_group":"S-1-5-21-7-7-7-513"}
                """);
        Path scn = scenario(dir, "d.scn", """
                scenario host-identity
                  cites R9
                  open_process_token process=current-process access=TOKEN_QUERY -> ok as $p
                  check $p.user == S-1-5-21-7-7-7-1001
                  check $p.authentication_id == 0x5a5a5
                  check $p.privilege_count == 1
                end
                """);
        assertEquals(0, run("conformance", "--scenarios", scn.toString(), "--snapshot", snap.toString()),
                out + "" + err);
    }

    @Test
    void conformance_compare_exitCodeFollowsTheRegister(@TempDir Path dir) throws Exception {
        Path a = scenario(dir, "a.jsonl", """
                {"scenario":"set-thread-token-rejects-a-primary-token","step":2,"line":5,"kind":"step","verb":"set_thread_token","backend":"model","thread":"main","outcome":"ERROR_BAD_TOKEN_TYPE","expected":"ERROR_BAD_TOKEN_TYPE","fields":{},"raw":{}}
                {"scenario":"set-thread-token-rejects-a-primary-token","kind":"result","backend":"model","status":"passed"}
                """);
        Path b = scenario(dir, "b.jsonl", """
                {"scenario":"set-thread-token-rejects-a-primary-token","step":2,"line":5,"kind":"step","verb":"set_thread_token","backend":"native","thread":"main","outcome":"ok","expected":"ERROR_BAD_TOKEN_TYPE","fields":{},"raw":{}}
                {"scenario":"set-thread-token-rejects-a-primary-token","kind":"result","backend":"native","status":"failed","reason":"step 2"}
                """);
        assertEquals(1, run("conformance", "--compare", a.toString(), b.toString()));
        assertTrue(out.toString().contains("DIVERGES set-thread-token-rejects-a-primary-token step 2 (line 5) set_thread_token [cites R36 R35]"),
                out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("conformance", "--compare", a.toString(), b.toString(), "--host", "wine"));
        assertTrue(out.toString().contains("0 agree, 0 diverge, 1 known divergences, 0 skipped"), out.toString());
    }
}
