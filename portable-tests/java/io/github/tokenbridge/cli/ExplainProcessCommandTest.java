package io.github.tokenbridge.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokenbridge explain process} (R80-R84, L18). */
class ExplainProcessCommandTest {

    @Test
    void explainProcess_otherUsersTokenAsStandardUser_namesTheRefusedRule() {
        CliRun r = CliRun.of("explain", "process", "--token", "other");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("[R82] refused"), r.toString());
        assertTrue(r.out().contains("fails with ERROR_PRIVILEGE_NOT_HELD"), r.toString());
    }

    @Test
    void explainProcess_restrictedCopy_isAChildAndShowsTheChildsGroups() {
        CliRun r = CliRun.of("explain", "process", "--token", "restricted");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("[R82] ok: the token is a child"), r.toString());
        assertTrue(r.out().contains("S-1-1-0 (deny-only)"), r.toString());
    }

    @Test
    void explainProcess_withTokenAsServiceAccount_runsAsTheOtherUser() {
        CliRun r = CliRun.of("explain", "process", "--config", "service-impersonate", "--token", "other", "--method", "with-token");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("[R84] ok"), r.toString());
        assertTrue(r.out().contains("runs as S-1-5-21-3623811015-3361044348-30300820-1002"), r.toString());
    }

    @Test
    void explainProcess_unknownMethod_isAUsageError() {
        CliRun r = CliRun.of("explain", "process", "--method", "sideways");
        assertEquals(2, r.exit(), r.toString());
    }
}
