package io.github.tokenbridge.cli;

import io.github.tokenbridge.conformance.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokenbridge whoami}: the effective token (R16) of the model's presets, as text and JSON; usage errors. */
class WhoamiCommandTest {

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void whoami_offWindowsWithoutBackend_usesModelAndSaysSoInFirstLine() {
        CliRun r = CliRun.of("whoami");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("backend: model, preset standard-user (not a Windows host: these are the model's tokens, not your account's)",
                r.out().lines().findFirst().orElseThrow());
        assertEquals("User                 TB-MODEL\\tb-runner (S-1-5-21-3623811015-3361044348-30300820-1001)", r.line("User"));
        assertEquals("Integrity            MEDIUM (S-1-16-8192)", r.line("Integrity"));
        assertEquals("Type                 PRIMARY", r.line("Type"));
    }

    @Test // N3: names as whoami /all writes them, SIDs still there
    void whoamiAll_standardUser_listsNamedGroupsWithTypeSidAndWindowsWording() {
        CliRun r = CliRun.of("whoami", "--all", "--backend", "model");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("USER INFORMATION\n----------------\n"), r.out());
        assertTrue(r.line("User Name").matches("User Name +SID"), r.out());
        assertTrue(r.line("tb-model\\tb-runner").matches("tb-model\\\\tb-runner +S-1-5-21-3623811015-3361044348-30300820-1001"),
                r.out());
        assertTrue(r.out().contains("GROUP INFORMATION\n-----------------\n"), r.out());
        assertTrue(r.line("Group Name").matches("Group Name +Type +SID +Attributes"), r.out());
        assertTrue(r.line("Everyone").matches("Everyone +Well-known group +S-1-1-0 +Mandatory group, Enabled by default, Enabled group"),
                r.out());
        assertTrue(r.line("BUILTIN\\Users").matches("BUILTIN\\\\Users +Alias +S-1-5-32-545 +Mandatory group, Enabled by default, Enabled group"),
                r.out());
        assertTrue(r.line("Mandatory Label\\Medium Mandatory Level").matches("Mandatory Label\\\\Medium Mandatory Level +Label +S-1-16-8192"),
                r.out());
        assertTrue(r.line("Privilege Name").matches("Privilege Name +Description +State"), r.out());
        assertTrue(r.line("SeChangeNotifyPrivilege").matches("SeChangeNotifyPrivilege +Bypass traverse checking +Enabled"), r.out());
        assertTrue(r.line("SeShutdownPrivilege").matches("SeShutdownPrivilege +Shut down the system +Disabled"), r.out());
        assertEquals("Session              1", r.line("Session"));
        assertEquals("Origin               0x3E7", r.line("Origin"));
        assertTrue(r.line("Logon SID").matches("Logon SID +S-1-5-5-0-\\d+"), r.out());
    }

    @Test
    void whoamiAllNoNames_standardUser_listsSidsWithAttributeConstants() {
        CliRun r = CliRun.of("whoami", "--all", "--no-names", "--backend", "model");
        assertEquals(0, r.exit(), r.toString());
        // the SID column is as wide as the longest entry, the primary group <COMPUTER>\None's SID (L5)
        assertEquals("Everyone (S-1-1-0)                           MANDATORY, ENABLED_BY_DEFAULT, ENABLED", r.line("Everyone"));
        assertEquals("MediumLabel (S-1-16-8192)                    INTEGRITY, INTEGRITY_ENABLED", r.line("MediumLabel"));
        assertEquals("SeChangeNotifyPrivilege        Enabled", r.line("SeChangeNotifyPrivilege"));
        assertEquals("User                 S-1-5-21-3623811015-3361044348-30300820-1001", r.line("User "));
    }

    @Test // N3
    @SuppressWarnings("unchecked")
    void whoamiJson_standardUser_carriesAccountsAndSidsAndWording() {
        CliRun r = CliRun.of("whoami", "--json", "--backend", "model");
        assertEquals(0, r.exit(), r.toString());
        Map<String, Object> json = Json.parseObject(r.out().strip());
        assertEquals(true, json.get("namesResolved"));
        Map<String, Object> user = (Map<String, Object>) json.get("user");
        assertEquals("S-1-5-21-3623811015-3361044348-30300820-1001", user.get("sid"));
        assertEquals(Map.of("name", "tb-runner", "domain", "TB-MODEL", "qualifiedName", "TB-MODEL\\tb-runner", "type", "USER",
                "typeDisplay", "User"), user.get("account"));
        List<Map<String, Object>> groups = (List<Map<String, Object>>) json.get("groups");
        Map<String, Object> users = groups.stream().filter(g -> g.get("sid").equals("S-1-5-32-545")).findFirst().orElseThrow();
        assertEquals("BUILTIN\\Users", ((Map<String, Object>) users.get("account")).get("qualifiedName"));
        assertEquals("Alias", ((Map<String, Object>) users.get("account")).get("typeDisplay"));
        assertEquals(List.of("Mandatory group", "Enabled by default", "Enabled group"), users.get("displayAttributes"));
        assertEquals(List.of("MANDATORY", "ENABLED_BY_DEFAULT", "ENABLED"), users.get("attributes"));
        List<Map<String, Object>> privileges = (List<Map<String, Object>>) json.get("privileges");
        assertEquals("Bypass traverse checking", privileges.stream().filter(p -> p.get("name").equals("SeChangeNotifyPrivilege"))
                .findFirst().orElseThrow().get("description"));
    }

    @Test // R11
    void whoami_elevatedAdminPreset_isHighIntegrityFullElevation() {
        CliRun r = CliRun.of("whoami", "--backend", "model", "--config", "elevated-admin");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("backend: model, preset elevated-admin"), r.out());
        assertEquals("Integrity            HIGH (S-1-16-12288)", r.line("Integrity"));
        assertEquals("Elevation type       FULL", r.line("Elevation type"));
        assertEquals("Elevated             yes", r.line("Elevated"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void whoamiJson_standardUser_isOneObjectWithEveryField() {
        CliRun r = CliRun.of("whoami", "--json", "--backend", "model");
        assertEquals(0, r.exit(), r.toString());
        Map<String, Object> json = Json.parseObject(r.out().strip());
        assertEquals("model", json.get("backend"));
        assertEquals("standard-user", json.get("preset"));
        assertEquals(Map.of("name", "MEDIUM", "sid", "S-1-16-8192"), json.get("integrity"));
        assertEquals(false, json.get("elevated"));
        assertEquals(1L, ((Number) json.get("sessionId")).longValue());
        assertNull(json.get("impersonationLevel"), "a primary token has no impersonation level");
        assertEquals(1L, ((Number) json.get("schemaVersion")).longValue());
        assertEquals("PRIMARY", json.get("type"));
        List<Map<String, Object>> privileges = (List<Map<String, Object>>) json.get("privileges");
        Map<String, Object> changeNotify = privileges.stream().filter(p -> p.get("name").equals("SeChangeNotifyPrivilege"))
                .findFirst().orElseThrow();
        assertEquals(true, changeNotify.get("enabled"));
        List<Map<String, Object>> groups = (List<Map<String, Object>>) json.get("groups");
        assertEquals(List.of("MANDATORY", "ENABLED_BY_DEFAULT", "ENABLED"), groups.get(0).get("attributes"));
    }

    @Test
    void whoami_unknownPreset_exitsTwoNamingTheOption() {
        CliRun r = CliRun.of("whoami", "--backend", "model", "--config", "nobody");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge whoami: --config: unknown model preset \"nobody\""), r.err());
        assertTrue(r.err().contains("Usage: tokenbridge whoami"), r.err());
    }

    @Test
    void whoami_unknownBackend_exitsTwo() {
        CliRun r = CliRun.of("whoami", "--backend", "wine");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge whoami: --backend: unknown backend 'wine' (model or jna)"), r.err());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void whoami_jnaOffWindows_exitsTwoWithoutFallingBack() {
        CliRun r = CliRun.of("whoami", "--backend", "jna");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge whoami: --backend jna needs a Windows host"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void whoami_configWithJna_exitsTwo() {
        CliRun r = CliRun.of("whoami", "--backend", "jna", "--config", "elevated-admin");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge whoami: --config selects a model preset"), r.err());
    }

    @Test
    void whoamiHelp_exitsZeroWithUsage() {
        CliRun r = CliRun.of("whoami", "--help");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("Usage: tokenbridge whoami"), r.out());
        assertTrue(r.out().contains("--backend=model|jna"), r.out());
    }
}
