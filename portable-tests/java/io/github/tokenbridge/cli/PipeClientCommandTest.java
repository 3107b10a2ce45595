package io.github.tokenbridge.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tokenbridge pipe-client} on the model: its world has no server, so the open fails as
 * Windows' does without one (P11); the bad-input rules. Its round trip with a server runs on
 * Windows ({@code PipeCommandsLiveTest}) and, on the model, inside {@code pipe-server}.
 */
class PipeClientCommandTest {

    @Test // P11
    void model_noServerInThisWorld_fileNotFoundWithTheHint() {
        CliRun r = CliRun.of("pipe-client", "--backend", "model", "--level", "impersonation");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out());
        assertEquals("tokenbridge pipe-client: CreateFileW failed: ERROR_FILE_NOT_FOUND (2), STATUS_OBJECT_NAME_NOT_FOUND"
                + " (0xC0000034) [model]: no server listens on \\\\.\\pipe\\tokenbridge-demo (the model's world is this"
                + " process: pipe-server --backend model --client-as ... runs a server and its client in one world)",
                r.err().strip());
    }

    @Test // P1
    void malformedPipeName_isAUsageError() {
        CliRun r = CliRun.of("pipe-client", "--backend", "model", "\\\\server\\pipe\\remote");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge pipe-client: NAME: malformed pipe name '\\\\server\\pipe\\remote'"
                + " (not a local pipe: give NAME or \\\\.\\pipe\\NAME; P1)"), r.err());
        assertTrue(r.err().contains("Usage: tokenbridge pipe-client"), r.err());
    }

    @Test // P13 P14
    void sqosOptionsWithoutALevel_orUnknownValues_areUsageErrors() {
        CliRun effective = CliRun.of("pipe-client", "--backend", "model", "--effective-only");
        assertEquals(2, effective.exit(), effective.toString());
        assertTrue(effective.err().startsWith("tokenbridge pipe-client: --effective-only needs --level: without one the"
                + " client passes no SQOS and Windows' default applies (P14)"), effective.err());
        CliRun tracking = CliRun.of("pipe-client", "--backend", "model", "--level", "identification", "--tracking", "sometimes");
        assertEquals(2, tracking.exit(), tracking.toString());
        assertTrue(tracking.err().startsWith("tokenbridge pipe-client: --tracking: unknown tracking 'sometimes' (static or dynamic)"),
                tracking.err());
        CliRun level = CliRun.of("pipe-client", "--backend", "model", "--level", "full");
        assertEquals(2, level.exit(), level.toString());
        assertTrue(level.err().startsWith("tokenbridge pipe-client: --level: unknown level 'full'"), level.err());
    }

    @Test
    void help_namesTheSqosOptions() {
        CliRun r = CliRun.of("pipe-client", "--help");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("--level=LEVEL") && r.out().contains("--tracking=static|dynamic")
                && r.out().contains("--effective-only"), r.out());
    }
}
