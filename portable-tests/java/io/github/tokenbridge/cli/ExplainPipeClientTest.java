package io.github.tokenbridge.cli;

import io.github.tokenbridge.conformance.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.model.kernel.se.ImpersonationCheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tokenbridge explain impersonation --pipe-client}: the level a pipe server gets for a
 * client's SQOS and why (P13-P24, R37, R38), and that the explanation agrees with what the model's
 * pipe path ({@code pipe-server --backend model}: CreateFileW's flags, npfs' capture,
 * ImpersonateNamedPipeClient) actually gives.
 */
class ExplainPipeClientTest {

    @Test // P13 P16 R38 (e) P24 P23
    void otherUserStaticImpersonation_standardUserServer_downgradedByDifferentUser() {
        CliRun r = CliRun.of("explain", "impersonation", "--pipe-client", "logon:other", "--level", "impersonation");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.line("pipe client:").startsWith("pipe client: logon:other (origin system), a thread of model process "), r.out());
        assertEquals("client SQOS: SECURITY_SQOS_PRESENT|SECURITY_IMPERSONATION (0x00120000): Impersonation (P13), static"
                + " tracking", r.line("client SQOS:"));
        assertEquals("captured: once, at open (static tracking: P16, P18); the server can impersonate as soon as the client"
                + " is connected (P20)", r.line("captured:"));
        assertEquals("level offered to the server: IMPERSONATION", r.line("level offered"));
        assertTrue(r.out().contains("  (d) the token's origin is the process's logon session: does not apply\n"
                + "  (e) the token's user differs from the process's: decides, deny\n"), r.out());
        assertTrue(r.out().contains("decision: downgraded (DIFFERENT_USER); the server thread gets an Identification-level"
                + " copy and the call still succeeds (R38)"), r.out());
        assertEquals("server level: IDENTIFICATION: the server can query the client's token and run AccessCheck with it,"
                + " but cannot open objects as the client (P23, R20)", r.line("server level:"));
    }

    @Test // P14 P17 P19 P20 P21
    void noSqos_sameUser_windowsDefaultDynamicEffectiveOnly_impersonation() {
        CliRun r = CliRun.of("explain", "impersonation", "--pipe-client", "standard-user");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("client SQOS: none (no SECURITY_SQOS_PRESENT): Windows' default, Impersonation, dynamic tracking,"
                + " effective-only (P14)", r.line("client SQOS:"));
        assertEquals("captured: with each client write (dynamic tracking: P17, P18); ImpersonateNamedPipeClient fails with"
                + " ERROR_CANNOT_IMPERSONATE until the server has read a message (P20)", r.line("captured:"));
        assertTrue(r.line("token captured:").endsWith("; effective-only: its disabled privileges and groups are removed (P19)"),
                r.out());
        assertTrue(r.out().contains("decision: allowed (DEFAULT_ALLOW); the server thread impersonates at IMPERSONATION"), r.out());
        assertEquals("server level: IMPERSONATION: the server can open objects as the client (P21)", r.line("server level:"));
    }

    @Test // P15 R37 P23 R28
    void sqosPresentAlone_isAnonymous_allowedAsLowLevel() {
        CliRun r = CliRun.of("explain", "impersonation", "--pipe-client", "logon:admin", "--level", "anonymous");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("client SQOS: SECURITY_SQOS_PRESENT with level bits 0 (SECURITY_ANONYMOUS) (0x00100000): Anonymous"
                + " (P15: SQOS_PRESENT alone is SECURITY_ANONYMOUS, whatever CreateFileW's page says), static tracking",
                r.line("client SQOS:"));
        assertTrue(r.out().contains("  (a) level Anonymous/Identification, or the anonymous logon session (R37): decides, allow\n"),
                r.out());
        assertEquals("server level: ANONYMOUS: OpenThreadToken fails with ERROR_CANT_OPEN_ANONYMOUS, the server cannot learn"
                + " who the client is (P23, R28)", r.line("server level:"));
    }

    @Test // R38 (b)
    void serviceWithSeImpersonatePrivilege_keepsTheClientsLevel() {
        CliRun r = CliRun.of("explain", "impersonation", "--pipe-client", "logon:other", "--level", "delegation",
                "--config", "service-impersonate");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("decision: allowed (IMPERSONATE_PRIVILEGE); the server thread impersonates at DELEGATION"),
                r.out());
    }

    @Test // R38 (c)
    void highIntegrityClient_mediumServer_downgradedByIntegrity() {
        CliRun r = CliRun.of("explain", "impersonation", "--pipe-client", "elevated-admin", "--level", "impersonation",
                "--tracking", "dynamic");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("decision: downgraded (INTEGRITY_TOO_LOW)"), r.out());
    }

    @Test // R38 (d)
    void logonMadeByTheServer_allowedBySameOrigin() {
        CliRun r = CliRun.of("explain", "impersonation", "--pipe-client", "logon:other", "--level", "impersonation",
                "--origin", "self");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.line("pipe client:").startsWith("pipe client: logon:other (origin self)"), r.out());
        assertTrue(r.out().contains("decision: allowed (SAME_ORIGIN_SESSION)"), r.out());
    }

    @Test // P14 R38 (e)
    @SuppressWarnings("unchecked")
    void json_typedPipeClientMemberAndDecision() {
        CliRun r = CliRun.of("explain", "impersonation", "--pipe-client", "logon:other", "--json");
        assertEquals(0, r.exit(), r.toString());
        Map<String, Object> json = Json.parseObject(r.out().strip());
        assertEquals("explain impersonation", json.get("command"));
        assertEquals(null, json.get("token"));
        assertEquals("system", json.get("origin"));
        assertEquals("IMPERSONATION", json.get("requestedLevel"));
        Map<String, Object> client = (Map<String, Object>) json.get("pipeClient");
        assertEquals("logon:other", client.get("as"));
        assertTrue(client.get("processId") instanceof Number, client.toString());
        Map<String, Object> sqos = (Map<String, Object>) client.get("sqos");
        assertEquals(false, sqos.get("present"));
        assertEquals(0L, ((Number) ((Map<String, Object>) sqos.get("flags")).get("value")).longValue());
        assertEquals("IMPERSONATION", sqos.get("level"));
        assertEquals("DYNAMIC", sqos.get("tracking"));
        assertEquals(true, sqos.get("effectiveOnly"));
        assertEquals("EACH_MESSAGE", client.get("capturedAt"));
        assertEquals(true, client.get("readBeforeImpersonate"));
        assertEquals("IMPERSONATION", client.get("offeredLevel"));
        assertEquals("IDENTIFICATION", client.get("serverLevel"));
        assertEquals(List.of("P14", "P17", "P18", "P20", "P22", "P19", "R38", "P24", "P23", "R20"), client.get("rules"));
        Map<String, Object> decision = (Map<String, Object>) json.get("decision");
        assertEquals(false, decision.get("allowed"));
        assertEquals("DIFFERENT_USER", decision.get("decidedBy"));
        assertEquals("IDENTIFICATION", decision.get("effectiveLevel"));
        List<Map<String, Object>> checks = (List<Map<String, Object>>) json.get("checks");
        assertEquals("deny", checks.get(checks.size() - 1).get("outcome"));
    }

    @Test
    void json_tokenMode_hasNoPipeClient() {
        CliRun r = CliRun.of("explain", "impersonation", "--token", "self", "--level", "impersonation", "--json");
        assertEquals(0, r.exit(), r.toString());
        Map<String, Object> json = Json.parseObject(r.out().strip());
        assertTrue(json.containsKey("pipeClient") && json.get("pipeClient") == null, json.toString());
    }

    @Test
    void badCombinations_areUsageErrors() {
        assertUsage("give --token TOKEN or --pipe-client CLIENT (one of them)", "--level", "impersonation");
        assertUsage("give --token TOKEN or --pipe-client CLIENT (one of them)", "--token", "self", "--pipe-client", "logon:other");
        assertUsage("--token needs --level LEVEL", "--token", "self");
        assertUsage("--tracking and --effective-only describe a pipe client's SQOS: use them with --pipe-client",
                "--token", "self", "--level", "impersonation", "--effective-only");
        assertUsage("--pipe-client: unknown client 'root' (logon:self, logon:other, logon:admin, or a preset (", "--pipe-client", "root");
        assertUsage("--effective-only needs --level", "--pipe-client", "logon:other", "--effective-only");
        assertUsage("--origin: unknown origin 'lsa' (self or system)", "--pipe-client", "logon:other", "--origin", "lsa");
    }

    private static void assertUsage(String message, String... options) {
        List<String> args = new ArrayList<>(List.of("explain", "impersonation"));
        args.addAll(List.of(options));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge explain impersonation: " + message), r.err());
        assertEquals("", r.out());
    }

    /**
     * The explanation's level is the level the model's pipe path gives, for servers with and without
     * SeImpersonatePrivilege, clients of the same and other users, lower and higher integrity, the
     * anonymous session, and every SQOS (P13-P24, R37, R38 a b c e, default allow).
     */
    @Test
    @SuppressWarnings("unchecked")
    void explanationLevel_equalsTheLevelThePipeServerGets_forManyCombinations() {
        List<String> servers = List.of("standard-user", "service-impersonate", "local-system", "filtered-admin");
        List<String> clients = List.of("same", "logon:self", "logon:other", "logon:admin", "elevated-admin", "local-system",
                "anonymous");
        List<List<String>> qualities = List.of(List.of(), List.of("--level", "anonymous"), List.of("--level", "identification"),
                List.of("--level", "impersonation"), List.of("--level", "impersonation", "--tracking", "dynamic"),
                List.of("--level", "delegation", "--tracking", "dynamic", "--effective-only"));
        Set<ImpersonationCheck> decidedBy = EnumSet.noneOf(ImpersonationCheck.class);
        Set<ImpersonationLevel> serverLevels = EnumSet.noneOf(ImpersonationLevel.class);
        int compared = 0;
        for (String server : servers) {
            for (String client : clients) {
                String who = client.equals("same") ? server : client;
                for (List<String> sqos : qualities) {
                    List<String> explain = new ArrayList<>(List.of("explain", "impersonation", "--config", server,
                            "--pipe-client", who, "--json"));
                    explain.addAll(sqos);
                    CliRun e = CliRun.of(explain.toArray(String[]::new));
                    assertEquals(0, e.exit(), e.toString());
                    Map<String, Object> ej = Json.parseObject(e.out().strip());
                    Map<String, Object> decision = (Map<String, Object>) ej.get("decision");
                    String explained = (String) decision.get("effectiveLevel");
                    assertEquals(explained, ((Map<String, Object>) ej.get("pipeClient")).get("serverLevel"), e.out());

                    List<String> serve = new ArrayList<>(List.of("pipe-server", "--backend", "model", "--config", server,
                            "--client-as", who, "--sddl", "D:(A;;GA;;;WD)(A;;GA;;;AN)S:(ML;;NW;;;S-1-16-0)", "--json"));
                    serve.addAll(sqos);
                    CliRun s = CliRun.of(serve.toArray(String[]::new));
                    assertEquals(0, s.exit(), s.toString());
                    Map<String, Object> impersonation = (Map<String, Object>) Json.parseObject(s.out().strip()).get("impersonation");
                    assertEquals(explained, impersonation.get("level"), server + " serving " + who + " " + sqos);
                    decidedBy.add(ImpersonationCheck.valueOf((String) decision.get("decidedBy")));
                    serverLevels.add(ImpersonationLevel.valueOf(explained));
                    compared++;
                }
            }
        }
        assertEquals(servers.size() * clients.size() * qualities.size(), compared);
        assertEquals(EnumSet.allOf(ImpersonationLevel.class), serverLevels);
        assertTrue(decidedBy.containsAll(EnumSet.of(ImpersonationCheck.LOW_LEVEL_OR_ANONYMOUS, ImpersonationCheck.IMPERSONATE_PRIVILEGE,
                ImpersonationCheck.INTEGRITY_TOO_LOW, ImpersonationCheck.DIFFERENT_USER, ImpersonationCheck.DEFAULT_ALLOW)),
                decidedBy.toString());
    }
}
