package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The text {@code explain access} prints for each kind of step other than the integrity and
 * owner-rights steps (those are being reworked with issue 12's integrity and owner fixes).
 */
class AccessCheckExplanationTextTest {

    private static String line(AccessCheckStep step) {
        return AccessCheckExplanation.line(step);
    }

    @Test
    @DisplayName("explain: precondition, privilege and DACL-kind lines")
    void line_preconditionPrivilegeAndDaclKinds_sayWhatHappened() {
        assertEquals("precondition failed: NO_OWNER -> STATUS_INVALID_SECURITY_DESCR (R62)",
                line(new AccessCheckStep.PreconditionFailed(AccessCheckStep.Precondition.NO_OWNER, NtStatus.STATUS_INVALID_SECURITY_DESCR)));
        assertEquals("privilege SeSecurityPrivilege for 0x1000000: enabled, grants 0x1000000",
                line(new AccessCheckStep.PrivilegeConsulted(Privilege.SeSecurityPrivilege, 0x1000000, true, 0x1000000)));
        assertEquals("privilege SeBackupPrivilege for 0x1: not held or not enabled",
                line(new AccessCheckStep.PrivilegeConsulted(Privilege.SeBackupPrivilege, 0x1, false, 0)));
        assertEquals("normal pass: DACL absent: grants everything asked",
                line(new AccessCheckStep.DaclPassStarted(AccessCheckStep.Pass.NORMAL, AccessCheckStep.DaclKind.ABSENT)));
        assertEquals("normal pass: DACL NULL: grants everything asked",
                line(new AccessCheckStep.DaclPassStarted(AccessCheckStep.Pass.NORMAL, AccessCheckStep.DaclKind.NULL_DACL)));
        assertEquals("restricted pass: DACL empty: grants nothing",
                line(new AccessCheckStep.DaclPassStarted(AccessCheckStep.Pass.RESTRICTED, AccessCheckStep.DaclKind.EMPTY)));
        assertEquals("normal pass: DACL present",
                line(new AccessCheckStep.DaclPassStarted(AccessCheckStep.Pass.NORMAL, AccessCheckStep.DaclKind.PRESENT)));
        assertEquals("restricted pass grants 0x3", line(new AccessCheckStep.DaclPassEnded(AccessCheckStep.Pass.RESTRICTED, 3)));
    }

    @Test
    @DisplayName("explain: one line per ACE outcome, and the decision")
    void line_aceOutcomesAndDecision_sayWhatHappened() {
        Ace ace = Ace.allow(0x1, Sid.EVERYONE);
        String text = "(A;;CC;;;WD)";
        assertEquals("  ace 0 " + text + ": inherit-only, skipped", line(new AccessCheckStep.AceEvaluated(AccessCheckStep.Pass.NORMAL,
                0, ace, 0, AccessCheckStep.Match.NONE, AccessCheckStep.AceOutcome.SKIPPED_INHERIT_ONLY, 0)));
        assertEquals("  ace 1 " + text + ": not an allow/deny ACE, skipped", line(new AccessCheckStep.AceEvaluated(
                AccessCheckStep.Pass.NORMAL, 1, ace, 0, AccessCheckStep.Match.NONE, AccessCheckStep.AceOutcome.SKIPPED_NOT_ACCESS_ACE, 0)));
        assertEquals("  ace 2 " + text + ": trustee not matched (absent, disabled, or deny-only for an allow ACE)",
                line(new AccessCheckStep.AceEvaluated(AccessCheckStep.Pass.NORMAL, 2, ace, 1, AccessCheckStep.Match.NONE,
                        AccessCheckStep.AceOutcome.NO_MATCH, 0)));
        assertEquals("  ace 3 " + text + ": matched as GROUP, no undecided bits", line(new AccessCheckStep.AceEvaluated(
                AccessCheckStep.Pass.NORMAL, 3, ace, 1, AccessCheckStep.Match.GROUP, AccessCheckStep.AceOutcome.NO_EFFECT, 0)));
        assertEquals("  ace 4 " + text + ": matched as GROUP, grants 0x1", line(new AccessCheckStep.AceEvaluated(
                AccessCheckStep.Pass.NORMAL, 4, ace, 1, AccessCheckStep.Match.GROUP, AccessCheckStep.AceOutcome.GRANTED, 1)));
        assertEquals("access granted: desired 0x1, granted 0x1", line(new AccessCheckStep.Decision(NtStatus.STATUS_SUCCESS, true,
                NtStatus.STATUS_SUCCESS, 1, 1)));
        assertEquals("access denied: desired 0x1 -> STATUS_ACCESS_DENIED", line(new AccessCheckStep.Decision(NtStatus.STATUS_SUCCESS,
                false, NtStatus.STATUS_ACCESS_DENIED, 1, 0)));
    }
}
