package io.github.tokenbridge.cli;

import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokenbridge show}: a process's, a thread's (R27) or the effective token (R16); one of the three is required. */
class ShowCommandTest {

    private static final ModelBackend WORLD = ModelBackend.create(ModelConfiguration.standardUser());

    @Test
    void showProcess_modelProcessId_printsItsPrimaryToken() {
        int pid = WORLD.getCurrentProcessId();
        CliRun r = CliRun.of("show", "--backend", "model", "--process", Integer.toString(pid));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("token: process " + pid + "\n"), r.out());
        assertEquals("Type                 PRIMARY", r.line("Type"));
        assertTrue(r.line("SeChangeNotifyPrivilege").matches("SeChangeNotifyPrivilege +Bypass traverse checking +Enabled"), r.out());
    }

    @Test
    void showProcess_unknownProcess_exitsOneSayingNoSuchProcess() {
        CliRun r = CliRun.of("show", "--backend", "model", "--process", "123456");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("tokenbridge show: no process with id 123456 (OpenProcess: ERROR_INVALID_PARAMETER)", r.err().strip());
    }

    @Test // R27
    void showThread_threadNotImpersonating_exitsOneWithNoToken() {
        int tid = WORLD.getCurrentThreadId();
        CliRun r = CliRun.of("show", "--backend", "model", "--thread", Integer.toString(tid));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge show: thread " + tid + " is not impersonating (ERROR_NO_TOKEN)"), r.err());
    }

    @Test
    void showThread_unknownThread_exitsOneSayingNoSuchThread() {
        CliRun r = CliRun.of("show", "--backend", "model", "--thread", "1");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("tokenbridge show: no thread with id 1 (OpenThread: ERROR_INVALID_PARAMETER)", r.err().strip());
    }

    @Test // R16
    void showEffectiveJson_notImpersonating_isTheProcessToken() {
        CliRun r = CliRun.of("show", "--backend", "model", "--effective", "--json", "--config", "local-system");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("\"user\":{\"sid\":\"S-1-5-18\",\"name\":\"LocalSystem\",\"account\":{\"name\":\"SYSTEM\","
                + "\"domain\":\"NT AUTHORITY\",\"qualifiedName\":\"NT AUTHORITY\\\\SYSTEM\",\"type\":\"WELL_KNOWN_GROUP\","
                + "\"typeDisplay\":\"Well-known group\"}}"), r.out());
        assertTrue(r.out().contains("\"type\":\"PRIMARY\""), r.out());
    }

    @Test
    void show_noTokenChosen_exitsTwo() {
        CliRun r = CliRun.of("show", "--backend", "model");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge show: Missing required argument (specify one of these): (--process=PID | --thread=TID | --effective)"),
                r.err());
    }

    @Test
    void show_twoTokensChosen_exitsTwo() {
        CliRun r = CliRun.of("show", "--backend", "model", "--effective", "--process", "4");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("mutually exclusive"), r.err());
    }

    @Test
    void showProcess_negativeId_isAUsageError() {
        CliRun r = CliRun.of("show", "--backend", "model", "--process", "-1");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge show: --process: -1 is not a process id (0 or more)"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void compare_negativePid_isAUsageError() {
        CliRun r = CliRun.of("compare", "--backend", "model", "--left", "pid:-1");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge compare: --left: -1 is not a process id (0 or more)"), r.err());
    }

    @Test
    void compare_unknownPid_exitsOneSayingNoSuchProcess() {
        CliRun r = CliRun.of("compare", "--backend", "model", "--left", "pid:123456");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("tokenbridge compare: no process with id 123456 (OpenProcess: ERROR_INVALID_PARAMETER)", r.err().strip());
    }

    @Test // N3
    void showEffectiveNoNamesJson_sidObjectsCarryNoAccount() {
        CliRun r = CliRun.of("show", "--backend", "model", "--effective", "--json", "--no-names", "--config", "local-system");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("\"user\":{\"sid\":\"S-1-5-18\",\"name\":\"LocalSystem\",\"account\":null}"), r.out());
        assertTrue(r.out().contains("\"namesResolved\":false"), r.out());
    }
}
