package io.github.tokenbridge.cli;

import io.github.tokenbridge.conformance.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokenbridge logon} on the model's conformance accounts (rules L1, L5, L6, L9, L12). */
class LogonCommandTest {

    @TempDir
    Path dir;

    private Path password(String text) throws IOException {
        Path f = dir.resolve("pw.txt");
        Files.writeString(f, text + "\n");
        return f;
    }

    @Test // L1 L6
    void logonInteractive_tbUser_showsThePrimaryTokenWithInteractiveAndNoPassword() throws IOException {
        CliRun r = CliRun.of("logon", "--backend", "model", "--password-file", password("Tb-user-1!").toString(), "tb-user");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("token: logon .\\tb-user type interactive\n"), r.out());
        assertTrue(r.line("NT AUTHORITY\\INTERACTIVE").matches(
                "NT AUTHORITY\\\\INTERACTIVE +Well-known group +S-1-5-4 +Mandatory group, Enabled by default, Enabled group"), r.out());
        assertEquals("Type                 PRIMARY", r.line("Type"));
        assertFalse(r.out().contains("Tb-user-1!") || r.err().contains("Tb-user-1!"), "the password is never printed");
    }

    @Test // L1 L2
    @SuppressWarnings("unchecked")
    void logonNetworkJson_tbUser_isAnImpersonationTokenWithNetwork() throws IOException {
        CliRun r = CliRun.of("logon", "--backend", "model", "--json", "--type", "network",
                "--password-file", password("Tb-user-1!").toString(), "tb-user");
        assertEquals(0, r.exit(), r.toString());
        Map<String, Object> json = Json.parseObject(r.out().strip());
        assertEquals("logon", json.get("command"));
        assertEquals(Map.of("user", "tb-user", "domain", ".", "type", "NETWORK", "provider", "DEFAULT"), json.get("logon"));
        assertEquals("IMPERSONATION", json.get("type"));
        List<Map<String, Object>> groups = (List<Map<String, Object>>) json.get("groups");
        assertTrue(groups.stream().anyMatch(g -> g.get("sid").equals("S-1-5-2")), r.out());
    }

    @Test // L9: an administrator's interactive logon is the filtered half
    void logonInteractive_tbAdmin_isLimitedWithAdministratorsDenyOnly() throws IOException {
        CliRun r = CliRun.of("logon", "--backend", "model", "--password-file", password("Tb-admin-1!").toString(), "tb-admin");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("Elevation type       LIMITED", r.line("Elevation type"));
        assertTrue(r.line("BUILTIN\\Administrators").endsWith("Group used for deny only"), r.out());
    }

    @Test // L12
    void logon_wrongPassword_exitsOneWithLogonFailureAndNoPassword() throws IOException {
        CliRun r = CliRun.of("logon", "--backend", "model", "--password-file", password("nope-123").toString(), "tb-user");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge logon: ") && r.err().contains("ERROR_LOGON_FAILURE"), r.err());
        assertFalse(r.err().contains("nope-123"), r.err());
    }

    @Test
    void logon_unknownType_isAUsageError() throws IOException {
        CliRun r = CliRun.of("logon", "--backend", "model", "--type", "remote", "--password-file", password("x").toString(), "tb-user");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge logon: --type: unknown logon type 'remote'"), r.err());
    }

    @Test
    void logon_noConsoleNoFile_exitsOneAskingForAPasswordFile() {
        CliRun r = CliRun.of("logon", "--backend", "model", "tb-user");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("give --password-file FILE"), r.err());
    }
}
