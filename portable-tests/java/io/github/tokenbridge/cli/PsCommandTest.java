package io.github.tokenbridge.cli;

import io.github.tokenbridge.conformance.Json;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokenbridge ps}: the model's processes and threads, the ids {@code show} takes (R17: a new thread does not impersonate). */
class PsCommandTest {

    private static final ModelBackend WORLD = ModelBackend.create(ModelConfiguration.standardUser());

    @Test
    void ps_standardUser_listsTheProcessAndTheCallingThread() {
        CliRun r = CliRun.of("ps");
        assertEquals(0, r.exit(), r.toString());
        String pid = Integer.toString(WORLD.getCurrentProcessId());
        String tid = Integer.toString(WORLD.getCurrentThreadId());
        // the user is named as whoami names it (N3), with its SID
        assertTrue(r.line(pid).matches(pid + " +- +MEDIUM +- +[^ ]+\\\\[^ ]+ \\(S-1-5-21-[-0-9]+\\)"), r.out());
        assertTrue(r.line(tid).matches(tid + " +no +\\(this thread\\)"), r.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void psJson_localSystem_typedProcessesAndThreads() {
        CliRun r = CliRun.of("ps", "--json", "--config", "local-system");
        assertEquals(0, r.exit(), r.toString());
        Map<String, Object> json = Json.parseObject(r.out().strip());
        List<Map<String, Object>> processes = (List<Map<String, Object>>) json.get("processes");
        assertEquals(1, processes.size(), r.out());
        Map<String, Object> process = processes.get(0);
        assertEquals((long) WORLD.getCurrentProcessId(), ((Number) process.get("pid")).longValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) process.get("user");
        assertEquals("S-1-5-18", user.get("sid"));
        assertEquals("LocalSystem", user.get("name"));
        @SuppressWarnings("unchecked")
        Map<String, Object> account = (Map<String, Object>) user.get("account");
        assertEquals("NT AUTHORITY\\SYSTEM", account.get("qualifiedName"), r.out()); // N3
        assertEquals("WELL_KNOWN_GROUP", account.get("type"), r.out());
        assertEquals("SYSTEM", process.get("integrity"));
        Map<String, Object> thread = ((List<Map<String, Object>>) process.get("threads")).get(0);
        assertEquals(true, thread.get("current"));
        assertEquals(false, thread.get("impersonating"));
    }

    @Test
    void psIds_areAcceptedByShow() {
        CliRun r = CliRun.of("show", "--backend", "model", "--process", Integer.toString(WORLD.getCurrentProcessId()));
        assertEquals(0, r.exit(), r.toString());
    }

    @Test
    void ps_unknownPreset_isAUsageError() {
        CliRun r = CliRun.of("ps", "--config", "nobody");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge ps: --config: unknown model preset"), r.err());
    }
}
