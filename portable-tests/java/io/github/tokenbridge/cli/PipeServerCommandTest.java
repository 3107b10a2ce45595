package io.github.tokenbridge.cli;

import io.github.tokenbridge.conformance.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokenbridge pipe-server} on the model: the server and a model client of another principal in one world (P6-P26, R38). */
class PipeServerCommandTest {

    private static final String OPEN_TO_ALL = "D:(A;;GA;;;WD)";

    @Test // P14 P21 P25 P26
    void sameUserClientWithoutSqos_serverImpersonatesAtImpersonationAndReverts() {
        CliRun r = CliRun.of("pipe-server", "--backend", "model");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("backend: model, preset standard-user"), r.out());
        assertEquals("pipe: \\\\.\\pipe\\tokenbridge-demo", r.line("pipe:"));
        assertTrue(r.line("client:").startsWith("client: standard-user in model process "), r.out());
        assertTrue(r.line("client:").contains("SQOS none (no SECURITY_SQOS_PRESENT): Windows' default, Impersonation,"
                + " dynamic tracking, effective-only (P14)"), r.out());
        assertEquals("request: \"whoami\"", r.line("request:"));
        assertTrue(r.line("impersonated:").matches("impersonated: TB-MODEL\\\\tb-runner \\(S-1-5-21-[0-9-]+-1001\\)"), r.out());
        assertEquals("level      IMPERSONATION", r.line("level"));
        assertEquals("integrity  MEDIUM (S-1-16-8192)", r.line("integrity"));
        assertEquals("reverted: yes, the thread runs as the server again", r.line("reverted:"));
        assertEquals("reply: \"served as TB-MODEL\\tb-runner at IMPERSONATION\"", r.line("reply:"));
        assertEquals("the client read: \"served as TB-MODEL\\tb-runner at IMPERSONATION\"", r.line("the client read:"));
        assertFalse(r.out().contains("downgraded"), r.out());
    }

    @Test // P7 P6
    void otherUserUnderTheDefaultDacl_cannotOpenThePipe_failureWithTheHint() {
        CliRun r = CliRun.of("pipe-server", "--backend", "model", "--client-as", "logon:other");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out());
        assertEquals("tokenbridge pipe-server: the model client (logon:other) could not open the pipe: CreateFileW failed:"
                + " ERROR_ACCESS_DENIED (5), STATUS_ACCESS_DENIED (0xC0000022) [model] (the default pipe DACL gives other"
                + " users read only, P7: try --sddl \"D:(A;;GA;;;WD)\")", r.err().strip());
    }

    @Test // R38 (e) P24 R19 R24
    void otherUserAtImpersonation_standardUserServer_downgradedToIdentification() {
        CliRun r = CliRun.of("pipe-server", "--backend", "model", "--client-as", "logon:other", "--sddl", OPEN_TO_ALL,
                "--level", "impersonation", "--request", "list my files");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.line("client:").endsWith("SQOS SECURITY_SQOS_PRESENT|SECURITY_IMPERSONATION (0x00120000):"
                + " Impersonation (P13), static tracking"), r.out());
        assertEquals("request: \"list my files\"", r.line("request:"));
        assertTrue(r.line("impersonated:").matches("impersonated: TB-MODEL\\\\tb-user \\(S-1-5-21-[0-9-]+-1002\\)"), r.out());
        assertEquals("level      IDENTIFICATION", r.line("level"));
        assertTrue(r.out().contains("(read through GetCurrentThreadToken's pseudo handle, R19: the client's token does not"
                + " let the server's own identity open it, R24)"), r.out());
        assertEquals("the client offered IMPERSONATION: downgraded silently (R38, P24); why: tokenbridge explain impersonation"
                + " --pipe-client logon:other --config standard-user --level impersonation", r.line("the client offered"));
    }

    @Test // R38 (b) P24
    void otherUserWithoutSqos_serviceWithSeImpersonatePrivilege_keepsImpersonation() {
        CliRun r = CliRun.of("pipe-server", "--backend", "model", "--config", "service-impersonate", "--client-as", "logon:other",
                "--sddl", OPEN_TO_ALL);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("level      IMPERSONATION", r.line("level"));
        assertEquals("reply: \"served as TB-MODEL\\tb-user at IMPERSONATION\"", r.line("reply:"));
    }

    @Test // R38 (c): a High client of a Medium server
    void elevatedAdminPresetClient_mediumServer_downgradedByIntegrity() {
        CliRun r = CliRun.of("pipe-server", "--backend", "model", "--client-as", "elevated-admin", "--level", "delegation",
                "--tracking", "dynamic");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("level      IDENTIFICATION", r.line("level"));
        assertEquals("integrity  HIGH (S-1-16-12288)", r.line("integrity"));
        assertTrue(r.line("the client offered").startsWith("the client offered DELEGATION: downgraded silently"), r.out());
    }

    @Test // P15 P23 R28
    @SuppressWarnings("unchecked")
    void json_sqosPresentAlone_anonymousClientWhoseTokenCannotBeOpened() {
        CliRun r = CliRun.of("pipe-server", "--backend", "model", "--level", "anonymous", "--json", "--request", "hi");
        assertEquals(0, r.exit(), r.toString());
        Map<String, Object> json = Json.parseObject(r.out().strip());
        assertEquals(1L, ((Number) json.get("schemaVersion")).longValue());
        assertEquals("pipe-server", json.get("command"));
        assertEquals("model", json.get("backend"));
        assertEquals("standard-user", json.get("preset"));
        assertEquals("\\\\.\\pipe\\tokenbridge-demo", json.get("pipe"));
        Map<String, Object> client = (Map<String, Object>) json.get("client");
        assertTrue(client.get("processId") instanceof Number, client.toString());
        assertEquals("standard-user", client.get("as"));
        Map<String, Object> sqos = (Map<String, Object>) client.get("sqos");
        assertEquals(true, sqos.get("present"));
        assertEquals(0x00100000L, ((Number) ((Map<String, Object>) sqos.get("flags")).get("value")).longValue());
        assertEquals("ANONYMOUS", sqos.get("level"));
        assertEquals("STATIC", sqos.get("tracking"));
        assertEquals(false, sqos.get("effectiveOnly"));
        assertEquals("hi", json.get("request"));
        Map<String, Object> imp = (Map<String, Object>) json.get("impersonation");
        assertEquals("ANONYMOUS", imp.get("level"));
        assertEquals(false, imp.get("tokenReadable"));
        assertNull(imp.get("readThrough"));
        assertNull(imp.get("user"));
        assertNull(imp.get("integrity"));
        assertEquals("ERROR_CANT_OPEN_ANONYMOUS", ((Map<String, Object>) imp.get("error")).get("name"));
        assertEquals(1347L, ((Number) ((Map<String, Object>) imp.get("error")).get("code")).longValue());
        assertEquals("ANONYMOUS", imp.get("offeredLevel"));
        assertEquals(false, imp.get("downgraded"));
        assertEquals(true, json.get("reverted"));
        assertEquals("served an anonymous client (ANONYMOUS level)", json.get("reply"));
        assertEquals("served an anonymous client (ANONYMOUS level)", json.get("clientRead"));
    }

    @Test // R38 (e) P24
    @SuppressWarnings("unchecked")
    void json_otherUser_typedUserWithAccountAndIntegrity() {
        CliRun r = CliRun.of("pipe-server", "--backend", "model", "--client-as", "logon:other", "--sddl", OPEN_TO_ALL,
                "--level", "impersonation", "--effective-only", "--json");
        assertEquals(0, r.exit(), r.toString());
        Map<String, Object> imp = (Map<String, Object>) Json.parseObject(r.out().strip()).get("impersonation");
        assertEquals("IDENTIFICATION", imp.get("level"));
        assertEquals(true, imp.get("tokenReadable"));
        assertEquals("pseudo-handle", imp.get("readThrough"));
        Map<String, Object> user = (Map<String, Object>) imp.get("user");
        assertTrue(String.valueOf(user.get("sid")).endsWith("-1002"), user.toString());
        assertEquals("tb-user", ((Map<String, Object>) user.get("account")).get("name"));
        assertEquals("MEDIUM", ((Map<String, Object>) imp.get("integrity")).get("name"));
        assertEquals(true, imp.get("downgraded"));
        assertNull(imp.get("error"));
    }

    @Test // P10: a client already connected is accepted at once, whatever the time-out
    void zeroTimeout_clientAlreadyConnected_served() {
        CliRun r = CliRun.of("pipe-server", "--backend", "model", "--timeout", "0", "\\\\.\\PIPE\\My-Pipe");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("pipe: \\\\.\\pipe\\My-Pipe", r.line("pipe:"));
    }

    @Test // P1
    void malformedPipeName_isAUsageError() {
        for (String bad : new String[] {"", "\\\\server\\pipe\\x", "\\\\.\\pipe\\", "\\x", "a\0b"}) {
            CliRun r = CliRun.of("pipe-server", "--backend", "model", bad);
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().startsWith("tokenbridge pipe-server: NAME: malformed pipe name '" + bad + "' ("), r.err());
            assertTrue(r.err().contains("Usage: tokenbridge pipe-server"), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void negativeOrNonNumericTimeout_isAUsageError() {
        CliRun negative = CliRun.of("pipe-server", "--backend", "model", "--timeout", "-1");
        assertEquals(2, negative.exit(), negative.toString());
        assertTrue(negative.err().startsWith("tokenbridge pipe-server: --timeout: negative time-out '-1' (seconds, 0 or more)"),
                negative.err());
        CliRun text = CliRun.of("pipe-server", "--backend", "model", "--timeout", "soon");
        assertEquals(2, text.exit(), text.toString());
        assertTrue(text.err().startsWith("tokenbridge pipe-server: --timeout: not a number of seconds 'soon'"), text.err());
    }

    @Test
    void badClientOptions_areUsageErrors() {
        CliRun who = CliRun.of("pipe-server", "--backend", "model", "--client-as", "root");
        assertEquals(2, who.exit(), who.toString());
        assertTrue(who.err().startsWith("tokenbridge pipe-server: --client-as: unknown client 'root' (logon:self,"), who.err());
        CliRun tracking = CliRun.of("pipe-server", "--backend", "model", "--tracking", "dynamic");
        assertEquals(2, tracking.exit(), tracking.toString());
        assertTrue(tracking.err().startsWith("tokenbridge pipe-server: --tracking needs --level"), tracking.err());
        CliRun level = CliRun.of("pipe-server", "--backend", "model", "--level", "max");
        assertEquals(2, level.exit(), level.toString());
        assertTrue(level.err().startsWith("tokenbridge pipe-server: --level: unknown level 'max'"), level.err());
        CliRun sddl = CliRun.of("pipe-server", "--backend", "model", "--sddl", "D:(A;;GA;;;nobody)");
        assertEquals(2, sddl.exit(), sddl.toString());
        assertTrue(sddl.err().startsWith("tokenbridge pipe-server: --sddl: "), sddl.err());
    }

    @Test
    void modelClientOptionsOnJna_areAUsageError() {
        CliRun r = CliRun.of("pipe-server", "--backend", "jna", "--client-as", "logon:other");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge pipe-server: --client-as, --level, --tracking, --effective-only and"
                + " --request choose the model's client; on jna the client is another process"), r.err());
    }

    @Test
    void help_statesTheExitCodeRule() {
        CliRun r = CliRun.of("pipe-server", "--help");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains(Main.EXIT_CODE_RULE.substring(0, 30)), r.out());
        assertTrue(r.out().contains("--client-as=CLIENT"), r.out());
    }
}
