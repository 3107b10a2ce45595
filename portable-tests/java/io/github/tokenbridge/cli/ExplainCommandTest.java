package io.github.tokenbridge.cli;

import io.github.tokenbridge.conformance.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokenbridge explain access} (R62-R64 traces) and {@code explain impersonation} (R37, R38 a-g). */
class ExplainCommandTest {

    @Test // R63
    void explainAccess_everyoneReadAskingReadAndWriteDac_deniedWithTheAceTrace() {
        CliRun r = CliRun.of("explain", "access", "--sd", "O:BAG:BAD:(A;;FR;;;WD)", "--desired", "GR|WD");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("desired: 0x80040000, mapped through the file mapping to 0x160089\n"), r.out());
        assertTrue(r.out().contains("  ace 0 (A;;FR;;;WD): matched as GROUP, grants 0x120089\n"), r.out());
        assertTrue(r.out().contains("owner BA is not an enabled SID of the token: no implicit rights\n"), r.out());
        assertTrue(r.out().strip().endsWith("result: access denied (ERROR_ACCESS_DENIED)"), r.out());
    }

    @Test // R63
    void explainAccess_everyoneFullAccessAskingRead_granted() {
        CliRun r = CliRun.of("explain", "access", "--sd", "O:BAG:BAD:(A;;FA;;;WD)", "--desired", "GENERIC_READ");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().strip().endsWith("result: access granted, 0x120089"), r.out());
    }

    @Test // R64
    void explainAccess_maximumAllowedAsOwner_grantsAceRightsPlusOwnerImplicitRights() {
        CliRun r = CliRun.of("explain", "access", "--sd", "O:BAG:BAD:(A;;KR;;;WD)", "--desired", "MAXIMUM_ALLOWED",
                "--mapping", "key", "--config", "elevated-admin");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("owner BA: implicit READ_CONTROL|WRITE_DAC (0x60000), once for the check\n"), r.out());
        assertTrue(r.out().strip().endsWith("result: access granted, 0x60019"), r.out());
    }

    @Test // R63 (integrity as an allowed mask, docs/rules.md)
    void explainAccess_mediumTokenOnHighLabelledObject_showsAllowedMaskByCategory() {
        CliRun r = CliRun.of("explain", "access", "--sd", "O:BAG:BAD:(A;;FA;;;WD)S:(ML;;NW;;;HI)", "--desired", "MAXIMUM_ALLOWED");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("integrity: token ME below object HI, label policy NO_WRITE_UP (0x1) -> allowed mask 0x1200A9 from "
                + "read 0x120089 (allowed), execute 0x100020 (allowed), write 0x11F0116 (denied)"), r.out());
        assertTrue(r.out().strip().endsWith("result: access granted, 0x1200A9"), r.out());
        CliRun owner = CliRun.of("explain", "access", "--sd", "O:BAG:BAD:(A;;FA;;;WD)S:(ML;;NW;;;HI)", "--desired", "WRITE_DAC");
        assertTrue(owner.out().strip().endsWith("result: access denied (ERROR_ACCESS_DENIED)"), owner.out());
    }

    @Test
    void explainAccess_badSddl_exitsTwoNamingTheOption() {
        CliRun r = CliRun.of("explain", "access", "--sd", "garbage", "--desired", "GR");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge explain access: --sd: SDDL: "), r.err());
        assertTrue(r.err().contains("Usage: tokenbridge explain access"), r.err());
    }

    @Test
    void explainAccess_badMask_exitsTwo() {
        CliRun r = CliRun.of("explain", "access", "--sd", "D:", "--desired", "READ_EVERYTHING");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge explain access: --desired: unknown access right 'READ_EVERYTHING'"), r.err());
    }

    @Test
    void explainAccess_missingDesired_exitsTwo() {
        CliRun r = CliRun.of("explain", "access", "--sd", "D:");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge explain access: Missing required option: '--desired=MASK'"), r.err());
    }

    @Test // R38 (c)
    void explainImpersonation_adminLogonFromStandardUser_downgradedByIntegrity() {
        CliRun r = CliRun.of("explain", "impersonation", "--token", "logon:admin", "--level", "impersonation");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("  (b) SeImpersonatePrivilege enabled in the process token: does not apply\n"), r.out());
        assertTrue(r.out().contains("  (c) process integrity below the token's: decides, deny\n"), r.out());
        assertTrue(r.out().contains("decision: downgraded (INTEGRITY_TOO_LOW)"), r.out());
    }

    @Test // R38 (d)
    void explainImpersonation_otherUserLogonMadeBySelf_allowedBySameOrigin() {
        CliRun r = CliRun.of("explain", "impersonation", "--token", "logon:other", "--level", "delegation");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("decision: allowed (SAME_ORIGIN_SESSION); the thread impersonates at DELEGATION"), r.out());
    }

    @Test // R38 (e)
    void explainImpersonation_otherUserLogonMadeBySystem_downgradedByDifferentUser() {
        CliRun r = CliRun.of("explain", "impersonation", "--token", "logon:other", "--level", "impersonation", "--origin", "system");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("decision: downgraded (DIFFERENT_USER)"), r.out());
    }

    @Test // R38 (b)
    void explainImpersonation_serviceWithSeImpersonate_allowedByPrivilege() {
        CliRun r = CliRun.of("explain", "impersonation", "--token", "logon:other", "--level", "impersonation", "--origin", "system",
                "--config", "service-impersonate");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("decision: allowed (IMPERSONATE_PRIVILEGE)"), r.out());
    }

    @Test // R37, R38 (a)
    void explainImpersonation_anonymous_allowedAsAnonymousSession() {
        CliRun r = CliRun.of("explain", "impersonation", "--token", "anonymous", "--level", "impersonation");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("decision: allowed (LOW_LEVEL_OR_ANONYMOUS)"), r.out());
    }

    @Test // R38
    void explainImpersonation_selfAtImpersonation_allowedByDefault() {
        CliRun r = CliRun.of("explain", "impersonation", "--token", "self", "--level", "impersonation");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("decision: allowed (DEFAULT_ALLOW)"), r.out());
    }

    @Test
    void explainImpersonation_unknownLevel_exitsTwo() {
        CliRun r = CliRun.of("explain", "impersonation", "--token", "self", "--level", "max");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge explain impersonation: --level: unknown level 'max'"), r.err());
    }

    @Test
    void explainImpersonation_unknownToken_exitsTwo() {
        CliRun r = CliRun.of("explain", "impersonation", "--token", "logon:root", "--level", "impersonation");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge explain impersonation: --token: unknown token 'logon:root'"), r.err());
    }

    @Test
    void explain_withoutSubcommand_exitsTwo() {
        CliRun r = CliRun.of("explain");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge explain: explain needs a subcommand: access or impersonation"), r.err());
    }

    @Test
    void explainAccess_emptySd_isAUsageError() {
        CliRun r = CliRun.of("explain", "access", "--sd", "", "--desired", "GR");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge explain access: --sd: empty security descriptor"), r.err());
        assertTrue(r.err().contains("Usage: tokenbridge explain access"), r.err());
        assertEquals("", r.out());
    }

    @Test // R63
    @SuppressWarnings("unchecked")
    void explainAccessJson_everyoneRead_typedStepsAndResult() {
        CliRun r = CliRun.of("explain", "access", "--sd", "O:BAG:BAD:(A;;FR;;;WD)", "--desired", "GR|WD", "--json");
        assertEquals(0, r.exit(), r.toString());
        Map<String, Object> json = Json.parseObject(r.out().strip());
        assertEquals("explain access", json.get("command"));
        assertEquals("O:BAG:BAD:(A;;FR;;;WD)", json.get("securityDescriptor"));
        Map<String, Object> desired = (Map<String, Object>) json.get("desired");
        assertEquals(0x80040000L, ((Number) desired.get("value")).longValue());
        assertEquals("0x80040000", desired.get("hex"));
        List<Map<String, Object>> steps = (List<Map<String, Object>>) json.get("steps");
        Map<String, Object> ace = steps.stream().filter(st -> st.get("step").equals("AceEvaluated")).findFirst().orElseThrow();
        assertEquals("(A;;FR;;;WD)", ace.get("ace"));
        assertEquals("GRANTED", ace.get("outcome"));
        assertEquals(0L, ((Number) ace.get("index")).longValue());
        Map<String, Object> result = (Map<String, Object>) json.get("result");
        assertEquals("denied", result.get("outcome"));
        assertEquals(Map.of("name", "ERROR_ACCESS_DENIED", "code", 5L), result.get("error"));
    }

    @Test // R38 c
    @SuppressWarnings("unchecked")
    void explainImpersonationJson_adminLogonFromStandardUser_downgradedByIntegrity() {
        CliRun r = CliRun.of("explain", "impersonation", "--token", "logon:admin", "--level", "impersonation", "--json");
        assertEquals(0, r.exit(), r.toString());
        Map<String, Object> json = Json.parseObject(r.out().strip());
        Map<String, Object> decision = (Map<String, Object>) json.get("decision");
        assertEquals(false, decision.get("allowed"));
        assertEquals("INTEGRITY_TOO_LOW", decision.get("decidedBy"));
        assertEquals("IDENTIFICATION", decision.get("effectiveLevel"));
        List<Map<String, Object>> checks = (List<Map<String, Object>>) json.get("checks");
        assertEquals("deny", checks.get(checks.size() - 1).get("outcome"));
        assertEquals("does-not-apply", checks.get(0).get("outcome"));
    }
}
