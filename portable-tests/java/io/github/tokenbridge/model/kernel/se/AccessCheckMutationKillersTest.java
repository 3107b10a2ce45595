package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access-check cases PIT found no test for (docs/mutation-testing.md), none of them about the
 * mandatory integrity step (being reworked separately): privilege-granted rights leave the DACL
 * pass (R61, R63), the PRIVILEGE_SET sizing boundary (R62), decision reuse, OWNER RIGHTS deny ACEs
 * against the owner's group attributes (R63) and the trace's pass and decision steps.
 */
class AccessCheckMutationKillersTest {

    private static final int READ_DATA = 0x1;
    private static final Sid PROJECT = Sid.parse("S-1-5-21-1000-2000-3000-5001");
    private static final int SE_PRIVILEGE_ENABLED = 0x2;

    private static AccessDecision evaluate(String sddl, TokenState token, int desired, int privilegeSetLength) {
        AccessDecision out = new AccessDecision();
        AccessCheck.evaluate(Sddl.parse(sddl), token, desired, GenericMapping.FILE, privilegeSetLength, 0, null, out);
        return out;
    }

    @Test
    @DisplayName("R61/R63: ACCESS_SYSTEM_SECURITY from SeSecurityPrivilege plus a DACL-granted right: both granted")
    void accessCheck_systemSecurityAndReadControl_privilegeRightLeavesTheDaclPass() {
        TokenState token = TestTokens.alice().privilege(Privilege.SeSecurityPrivilege, SE_PRIVILEGE_ENABLED).build();
        AccessDecision out = evaluate("O:BAG:SYD:(A;;RC;;;WD)", token, AccessCheck.ACCESS_SYSTEM_SECURITY | AccessCheck.READ_CONTROL, -1);
        assertTrue(out.accessGranted());
        assertEquals(AccessCheck.ACCESS_SYSTEM_SECURITY | AccessCheck.READ_CONTROL, out.granted());
    }

    @Test
    @DisplayName("R63 (Privilege Constants: SeTakeOwnership): WRITE_OWNER from the privilege plus READ_CONTROL from the DACL")
    void accessCheck_writeOwnerByPrivilegeAndReadControlByDacl_bothGranted() {
        TokenState token = TestTokens.alice().privilege(Privilege.SeTakeOwnershipPrivilege, SE_PRIVILEGE_ENABLED).build();
        AccessDecision out = evaluate("O:BAG:SYD:(A;;RC;;;WD)", token, AccessCheck.WRITE_OWNER | AccessCheck.READ_CONTROL, -1);
        assertTrue(out.accessGranted());
        assertEquals(AccessCheck.WRITE_OWNER | AccessCheck.READ_CONTROL, out.granted());
        assertEquals(Privilege.SeTakeOwnershipPrivilege.luid(), out.privilegesUsed().get(0).luid());
    }

    @Test
    @DisplayName("R62: a PRIVILEGE_SET of exactly the required 20 bytes is enough, also when a privilege is reported")
    void accessCheck_privilegeSetExactlyRequired_succeeds() {
        AccessDecision plain = evaluate("O:BAG:SYD:(A;;FA;;;WD)", TestTokens.alice().build(), READ_DATA, AccessCheck.PRIVILEGE_SET_SIZE);
        assertEquals(0, plain.callStatus());
        assertTrue(plain.accessGranted());
        TokenState token = TestTokens.alice().privilege(Privilege.SeSecurityPrivilege, SE_PRIVILEGE_ENABLED).build();
        AccessDecision withPrivilege = evaluate("O:BAG:SYD:(A;;FA;;;WD)", token, AccessCheck.ACCESS_SYSTEM_SECURITY, 8 + 12);
        assertEquals(0, withPrivilege.callStatus());
        assertTrue(withPrivilege.accessGranted());
        AccessDecision short1 = evaluate("O:BAG:SYD:(A;;FA;;;WD)", token, AccessCheck.ACCESS_SYSTEM_SECURITY, 8 + 12 - 1);
        assertEquals(NtStatus.STATUS_BUFFER_TOO_SMALL.code(), short1.callStatus());
    }

    @Test
    @DisplayName("one AccessDecision reused: each evaluation starts from a reset outcome")
    void evaluate_reusedDecision_carriesNothingOver() {
        TokenState token = TestTokens.alice().privilege(Privilege.SeSecurityPrivilege, SE_PRIVILEGE_ENABLED).build();
        AccessDecision out = new AccessDecision();
        AccessCheck.evaluate(Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)"), token, AccessCheck.ACCESS_SYSTEM_SECURITY, GenericMapping.FILE,
                -1, 0, null, out);
        assertEquals(1, out.privilegesUsed().size());
        AccessCheck.evaluate(Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)"), token, READ_DATA, GenericMapping.FILE, -1, 0, null, out);
        assertEquals(List.of(), out.privilegesUsed());
        assertEquals(READ_DATA, out.granted());
        AccessCheck.evaluateObjectOpen(Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)"), token, AccessCheck.ACCESS_SYSTEM_SECURITY,
                GenericMapping.FILE, null, out);
        AccessCheck.evaluateObjectOpen(Sddl.parse("O:BAG:SYD:"), token, READ_DATA, GenericMapping.FILE, null, out);
        assertFalse(out.accessGranted());
        assertEquals(0, out.granted());
        assertEquals(List.of(), out.privilegesUsed());
    }

    /** OWNER RIGHTS deny READ_CONTROL, then Everyone full access; the descriptor's owner is {@code owner}. */
    private static AccessDecision ownerRightsDeny(String owner, TokenState token) {
        AccessDecision out = new AccessDecision();
        AccessCheck.evaluate(Sddl.parse("O:" + owner + "G:SYD:(D;;RC;;;OW)(A;;FA;;;WD)"), token, AccessCheck.READ_CONTROL,
                GenericMapping.FILE, -1, 0, null, out);
        return out;
    }

    @Test
    @DisplayName("R63: an OWNER RIGHTS deny ACE applies when the owner is the user, an enabled or a deny-only group")
    void accessCheck_ownerRightsDeny_matchesUserEnabledAndDenyOnlyOwnerGroups() {
        assertFalse(ownerRightsDeny(TestTokens.ALICE.toString(), TestTokens.alice().build()).accessGranted());
        assertFalse(ownerRightsDeny(PROJECT.toString(), TestTokens.alice().group(PROJECT, TestTokens.OPTIONAL_ENABLED).build())
                .accessGranted());
        assertFalse(ownerRightsDeny(PROJECT.toString(), TestTokens.alice().group(PROJECT, TestTokens.DENY_ONLY).build())
                .accessGranted(), "deny ACEs match deny-only SIDs");
    }

    @Test
    @DisplayName("R63: an OWNER RIGHTS deny ACE does not apply when the owner is a disabled group or not in the token")
    void accessCheck_ownerRightsDeny_ignoresDisabledOrAbsentOwner() {
        assertTrue(ownerRightsDeny(PROJECT.toString(), TestTokens.alice().group(PROJECT, TestTokens.DISABLED).build())
                .accessGranted());
        assertTrue(ownerRightsDeny(PROJECT.toString(), TestTokens.alice().build()).accessGranted());
        assertTrue(ownerRightsDeny(PROJECT.toString(), TestTokens.alice().group(Sid.BUILTIN_ADMINISTRATORS, TestTokens.DISABLED)
                .group(PROJECT, TestTokens.DISABLED).build()).accessGranted(), "a later disabled match is no match either");
    }

    @Test
    @DisplayName("R63: an object open of a descriptor without owner: OWNER RIGHTS ACEs match nobody")
    void objectOpen_noOwner_ownerRightsAceMatchesNobody() {
        AccessDecision out = new AccessDecision();
        AccessCheck.evaluateObjectOpen(Sddl.parse("G:SYD:(A;;FA;;;OW)"), TestTokens.alice().build(), READ_DATA,
                GenericMapping.FILE, null, out);
        assertFalse(out.accessGranted());
    }

    @Test
    @DisplayName("explain: an empty DACL is reported as EMPTY, a pass ends with the bits it granted, the last step is the decision")
    void trace_emptyDaclAndGrantedPass_stepsSayWhatHappened() {
        AccessCheckTrace empty = new AccessCheckTrace();
        AccessCheck.check(Sddl.parse("O:BAG:SYD:"), TestTokens.alice().build(), READ_DATA, GenericMapping.FILE, empty);
        assertTrue(empty.steps().contains(new AccessCheckStep.DaclPassStarted(AccessCheckStep.Pass.NORMAL, AccessCheckStep.DaclKind.EMPTY)),
                empty.render());
        AccessCheckTrace granted = new AccessCheckTrace();
        SecurityDescriptor sd = Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)");
        AccessCheck.check(sd, TestTokens.alice().build(), READ_DATA, GenericMapping.FILE, granted);
        assertTrue(granted.steps().contains(new AccessCheckStep.DaclPassEnded(AccessCheckStep.Pass.NORMAL, READ_DATA)), granted.render());
        AccessCheckStep last = granted.steps().get(granted.steps().size() - 1);
        assertInstanceOf(AccessCheckStep.Decision.class, last);
        assertEquals(READ_DATA, ((AccessCheckStep.Decision) last).granted());
    }

    @Test
    @DisplayName("R61/R63: MAXIMUM_ALLOWED with ACCESS_SYSTEM_SECURITY or WRITE_OWNER adds the privilege-granted right to the DACL's")
    void accessCheck_maximumAllowedWithPrivilegeRights_addsThemToTheDaclGrant() {
        TokenState token = TestTokens.alice().privilege(Privilege.SeSecurityPrivilege, SE_PRIVILEGE_ENABLED)
                .privilege(Privilege.SeTakeOwnershipPrivilege, SE_PRIVILEGE_ENABLED).build();
        AccessDecision security = evaluate("O:BAG:SYD:(A;;RC;;;WD)", token,
                AccessCheck.MAXIMUM_ALLOWED | AccessCheck.ACCESS_SYSTEM_SECURITY, -1);
        assertEquals(AccessCheck.READ_CONTROL | AccessCheck.ACCESS_SYSTEM_SECURITY, security.granted());
        AccessDecision owner = evaluate("O:BAG:SYD:(A;;RC;;;WD)", token, AccessCheck.MAXIMUM_ALLOWED | AccessCheck.WRITE_OWNER, -1);
        assertEquals(AccessCheck.READ_CONTROL | AccessCheck.WRITE_OWNER, owner.granted());
    }

    @Test
    @DisplayName("R62: a too-small PRIVILEGE_SET fails the call before any evaluation, even for an empty desired mask")
    void accessCheck_zeroPrivilegeSetAndNothingDesired_bufferTooSmallCallFailure() {
        AccessDecision out = evaluate("O:BAG:SYD:(A;;FA;;;WD)", TestTokens.alice().build(), 0, 0);
        assertEquals(NtStatus.STATUS_BUFFER_TOO_SMALL.code(), out.callStatus());
        assertEquals(AccessCheck.PRIVILEGE_SET_SIZE, out.requiredPrivilegeSetLength());
    }

    @Test
    @DisplayName("R62: two privileges used need a 32-byte PRIVILEGE_SET; 20 bytes fail with the required length, and the trace says so")
    void accessCheck_twoPrivilegesUsedWith20Bytes_bufferTooSmallWithRequired32() {
        TokenState token = TestTokens.alice().privilege(Privilege.SeSecurityPrivilege, SE_PRIVILEGE_ENABLED)
                .privilege(Privilege.SeTakeOwnershipPrivilege, SE_PRIVILEGE_ENABLED).build();
        AccessCheckTrace trace = new AccessCheckTrace();
        AccessDecision out = new AccessDecision();
        AccessCheck.evaluate(Sddl.parse("O:BAG:SYD:(A;;RC;;;WD)"), token, AccessCheck.ACCESS_SYSTEM_SECURITY | AccessCheck.WRITE_OWNER,
                GenericMapping.FILE, AccessCheck.PRIVILEGE_SET_SIZE, 0, trace, out);
        assertEquals(NtStatus.STATUS_BUFFER_TOO_SMALL.code(), out.callStatus());
        assertEquals(8 + 12 * 2, out.requiredPrivilegeSetLength());
        assertTrue(trace.steps().contains(new AccessCheckStep.PreconditionFailed(AccessCheckStep.Precondition.PRIVILEGE_SET_TOO_SMALL,
                NtStatus.STATUS_BUFFER_TOO_SMALL)), trace.render());
        assertTrue(trace.steps().contains(new AccessCheckStep.PrivilegeConsulted(Privilege.SeSecurityPrivilege,
                AccessCheck.ACCESS_SYSTEM_SECURITY, true, AccessCheck.ACCESS_SYSTEM_SECURITY)), trace.render());
    }

    @Test
    @DisplayName("explain: a NULL DACL pass and a MAXIMUM_ALLOWED pass end with exactly the bits granted")
    void trace_nullDaclAndMaximumAllowed_passEndsWithTheGrantedBits() {
        AccessCheckTrace nullDacl = new AccessCheckTrace();
        AccessCheck.check(Sddl.parse("O:BAG:SYD:NO_ACCESS_CONTROL"), TestTokens.alice().build(), READ_DATA, GenericMapping.FILE, nullDacl);
        assertTrue(nullDacl.steps().contains(new AccessCheckStep.DaclPassStarted(AccessCheckStep.Pass.NORMAL,
                AccessCheckStep.DaclKind.NULL_DACL)), nullDacl.render());
        assertTrue(nullDacl.steps().contains(new AccessCheckStep.DaclPassEnded(AccessCheckStep.Pass.NORMAL, READ_DATA)), nullDacl.render());
        AccessCheckTrace max = new AccessCheckTrace();
        AccessCheck.check(Sddl.parse("O:BAG:SYD:(A;;FR;;;WD)"), TestTokens.alice().build(), AccessCheck.MAXIMUM_ALLOWED,
                GenericMapping.FILE, max);
        assertTrue(max.steps().contains(new AccessCheckStep.DaclPassEnded(AccessCheckStep.Pass.NORMAL, GenericMapping.FILE.genericRead())),
                max.render());
    }
}
