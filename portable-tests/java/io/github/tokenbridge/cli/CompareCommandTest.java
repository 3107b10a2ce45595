package io.github.tokenbridge.cli;

import io.github.tokenbridge.conformance.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokenbridge compare}: only the differing fields; exit 0 identical, 1 different, 2 usage. */
class CompareCommandTest {

    @Test // R11
    void compare_elevatedVersusFilteredAdmin_listsTheSplitTokenDifferences() {
        CliRun r = CliRun.of("compare", "--left-config", "elevated-admin", "--right-config", "filtered-admin");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("left:  process token, model preset elevated-admin", r.out().lines().findFirst().orElseThrow());
        assertTrue(r.line("Elevation type").matches("Elevation type +FULL +LIMITED"), r.out());
        assertTrue(r.line("Integrity").matches("Integrity +HIGH \\(S-1-16-12288\\) +MEDIUM \\(S-1-16-8192\\)"), r.out());
        assertTrue(r.line("group Administrators").matches(
                "group Administrators \\(S-1-5-32-544\\) +MANDATORY, ENABLED_BY_DEFAULT, ENABLED, OWNER +USE_FOR_DENY_ONLY"), r.out());
        assertTrue(r.line("privilege SeDebugPrivilege").matches("privilege SeDebugPrivilege +Disabled +\\(absent\\)"), r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("User ")), "same user must not be listed:\n" + r.out());
        assertTrue(r.out().strip().endsWith("field(s) differ"), r.out());
    }

    @Test // R16
    void compare_processAndEffectiveWhileNotImpersonating_identicalExitsZero() {
        CliRun r = CliRun.of("compare", "--backend", "model", "--left", "process", "--right", "effective");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().strip().endsWith("identical: no field differs"), r.out());
    }

    @Test // R11
    void compare_processAndLinkedOfElevatedAdmin_linkedIsIdentificationLevelLimited() {
        CliRun r = CliRun.of("compare", "--backend", "model", "--config", "elevated-admin", "--left", "process", "--right", "linked");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.line("Type").matches("Type +PRIMARY +IMPERSONATION"), r.out());
        assertTrue(r.line("Impersonation level").matches("Impersonation level +- +IDENTIFICATION"), r.out());
    }

    @Test // R11
    void compare_linkedOfUnsplitToken_exitsOneLikeEveryMissingToken() {
        CliRun r = CliRun.of("compare", "--backend", "model", "--left", "linked");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("tokenbridge compare: --left linked: the process token (model preset standard-user) is not a split token,"
                + " so it has no linked token (ERROR_NO_SUCH_LOGON_SESSION)", r.err().strip());
        assertEquals("", r.out());
    }

    @Test // R27
    void compare_threadNotImpersonating_exitsOneSayingNoToken() {
        CliRun r = CliRun.of("compare", "--backend", "model", "--left", "process", "--right", "thread");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge compare: thread token, model preset standard-user has no token (ERROR_NO_TOKEN"),
                r.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void compareJson_twoPresets_listsDifferences() {
        CliRun r = CliRun.of("compare", "--json", "--left-config", "standard-user", "--right-config", "local-system");
        assertEquals(1, r.exit(), r.toString());
        Map<String, Object> json = Json.parseObject(r.out().strip());
        List<Map<String, Object>> diffs = (List<Map<String, Object>>) json.get("differences");
        Map<String, Object> user = diffs.stream().filter(d -> d.get("field").equals("User")).findFirst().orElseThrow();
        assertEquals(Map.of("sid", "S-1-5-18", "name", "LocalSystem"), user.get("right"));
        assertEquals(false, json.get("identical"));
        Map<String, Object> elevated = diffs.stream().filter(d -> d.get("field").equals("Elevated")).findFirst().orElseThrow();
        assertEquals(false, elevated.get("left"));
        assertEquals(true, elevated.get("right"));
    }

    @Test
    void compare_unknownToken_exitsTwo() {
        CliRun r = CliRun.of("compare", "--backend", "model", "--left", "primary");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge compare: --left: unknown token 'primary' (process, thread, effective, linked or pid:N)"), r.err());
    }

    @Test
    void compare_unknownPreset_exitsTwo() {
        CliRun r = CliRun.of("compare", "--left-config", "root");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge compare: --left-config: unknown model preset \"root\""), r.err());
    }
}
