package io.github.tokenbridge.model.kernel.se;


import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.PrivilegeAttribute;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.Win32Error;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R63: AccessCheck evaluation. */
class AccessCheckEvaluationTest {

    private static final int READ_DATA = 0x1;
    private static final int WRITE_DATA = 0x2;
    private static final String ALICE = TestTokens.ALICE.toString();

    private static AccessDecision check(String sddl, TokenState token, int desired) {
        return check(Sddl.parse(sddl), token, desired, GenericMapping.FILE);
    }

    private static AccessDecision check(SecurityDescriptor sd, TokenState token, int desired, GenericMapping mapping) {
        AccessDecision out = AccessCheck.check(sd, token, desired, mapping, null);
        assertEquals(0, out.callStatus(), "the call itself succeeds");
        return out;
    }

    private static void assertDenied(AccessDecision out) {
        assertFalse(out.accessGranted());
        assertEquals(0, out.granted());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED.code(), out.accessStatusCode());
        assertEquals(Win32Error.ERROR_ACCESS_DENIED.code(), out.toResult().denialError());
    }

    @Test
    @DisplayName("R63: a NULL DACL grants everything asked")
    void accessCheck_nullDacl_grantsDesired() {
        AccessDecision out = check("O:BAG:SYD:NO_ACCESS_CONTROL", TestTokens.alice().build(), 0x1F01FF);
        assertTrue(out.accessGranted());
        assertEquals(0x1F01FF, out.granted());
    }

    @Test
    @DisplayName("R63: a NULL DACL with MAXIMUM_ALLOWED grants the mapping's GenericAll (KEY_ALL_ACCESS)")
    void accessCheck_nullDaclMaximumAllowed_grantsGenericAll() {
        AccessDecision out = check(Sddl.parse("O:BAG:SYD:NO_ACCESS_CONTROL"), TestTokens.alice().build(),
                AccessCheck.MAXIMUM_ALLOWED, GenericMapping.KEY);
        assertEquals(0xF003F, out.granted());
    }

    @Test
    @DisplayName("R63: an absent DACL grants everything asked, like a NULL DACL")
    void accessCheck_absentDacl_grantsDesired() {
        AccessDecision out = check("O:BAG:SY", TestTokens.alice().build(), WRITE_DATA | AccessCheck.DELETE);
        assertEquals(WRITE_DATA | AccessCheck.DELETE, out.granted());
        assertEquals(0x1F01FF, check("O:BAG:SY", TestTokens.alice().build(), AccessCheck.MAXIMUM_ALLOWED).granted());
    }

    @Test
    @DisplayName("R63: an empty DACL grants nothing")
    void accessCheck_emptyDacl_deniesAccess() {
        assertDenied(check("O:BAG:SYD:", TestTokens.alice().build(), READ_DATA));
        assertDenied(check("O:BAG:SYD:", TestTokens.alice().build(), AccessCheck.MAXIMUM_ALLOWED));
    }

    @Test
    @DisplayName("R63: desired 0 -> the call succeeds, access status FALSE, granted 0")
    void accessCheck_desiredZero_deniedWithGrantedZero() {
        assertDenied(check("O:BAG:SYD:(A;;FA;;;WD)", TestTokens.alice().build(), 0));
    }

    @Test
    @DisplayName("R63: ACEs are read in order: a deny before an allow wins, an allow before a deny wins")
    void accessCheck_aceOrder_firstDecisionWins() {
        assertDenied(check("O:BAG:SYD:(D;;0x1;;;WD)(A;;FA;;;WD)", TestTokens.alice().build(), READ_DATA));
        AccessDecision out = check("O:BAG:SYD:(A;;FA;;;WD)(D;;0x1;;;WD)", TestTokens.alice().build(), READ_DATA);
        assertTrue(out.accessGranted());
        assertEquals(READ_DATA, out.granted());
    }

    @Test
    @DisplayName("R63: a deny for one bit denies a request that includes that bit even when allowed later")
    void accessCheck_partialDeny_deniesCombinedRequest() {
        assertDenied(check("O:BAG:SYD:(D;;0x2;;;BU)(A;;FA;;;WD)", TestTokens.alice().build(), READ_DATA | WRITE_DATA));
        assertEquals(READ_DATA, check("O:BAG:SYD:(D;;0x2;;;BU)(A;;FA;;;WD)", TestTokens.alice().build(), READ_DATA).granted());
    }

    @Test
    @DisplayName("R63: an inherit-only ACE is skipped")
    void accessCheck_inheritOnlyAce_skipped() {
        assertDenied(check("O:BAG:SYD:(A;OICIIO;FA;;;WD)", TestTokens.alice().build(), READ_DATA));
        assertTrue(check("O:BAG:SYD:(D;IO;FA;;;WD)(A;;FA;;;WD)", TestTokens.alice().build(), READ_DATA).accessGranted());
    }

    @Test
    @DisplayName("R63: a deny-only group matches deny ACEs only")
    void accessCheck_denyOnlyGroup_matchesDenyOnly() {
        TokenState token = TestTokens.alice().group(Sid.BUILTIN_ADMINISTRATORS, TestTokens.DENY_ONLY).build();
        assertDenied(check("O:SYG:SYD:(A;;FA;;;BA)", token, READ_DATA));
        assertDenied(check("O:SYG:SYD:(D;;0x1;;;BA)(A;;FA;;;WD)", token, READ_DATA));
    }

    @Test
    @DisplayName("R63: a disabled group matches nothing, neither allow nor deny")
    void accessCheck_disabledGroup_matchesNothing() {
        TokenState token = TestTokens.alice().group(Sid.BUILTIN_ADMINISTRATORS, TestTokens.DISABLED).build();
        assertDenied(check("O:SYG:SYD:(A;;FA;;;BA)", token, READ_DATA));
        assertTrue(check("O:SYG:SYD:(D;;FA;;;BA)(A;;FA;;;WD)", token, READ_DATA).accessGranted());
    }

    @Test
    @DisplayName("R63: the owner is implicitly granted READ_CONTROL|WRITE_DAC, even past a deny ACE")
    void accessCheck_owner_implicitReadControlWriteDac() {
        String sddl = "O:" + ALICE + "G:SYD:(D;;FA;;;WD)";
        AccessDecision out = check(sddl, TestTokens.alice().build(), AccessCheck.READ_CONTROL | AccessCheck.WRITE_DAC);
        assertTrue(out.accessGranted());
        assertEquals(AccessCheck.READ_CONTROL | AccessCheck.WRITE_DAC, check(sddl, TestTokens.alice().build(), AccessCheck.MAXIMUM_ALLOWED).granted());
        assertDenied(check(sddl, TestTokens.alice().build(), AccessCheck.DELETE));
    }

    @Test
    @DisplayName("R63: an OWNER RIGHTS ACE replaces the owner's implicit rights")
    void accessCheck_ownerRightsAce_replacesImplicitRights() {
        String sddl = "O:" + ALICE + "G:SYD:(A;;0x1;;;OW)";
        assertDenied(check(sddl, TestTokens.alice().build(), AccessCheck.READ_CONTROL));
        assertEquals(READ_DATA, check(sddl, TestTokens.alice().build(), AccessCheck.MAXIMUM_ALLOWED).granted());
        assertDenied(check("O:BAG:SYD:(A;;0x1;;;OW)", TestTokens.alice().build(), READ_DATA));
    }

    @Test
    @DisplayName("R63: ACCESS_SYSTEM_SECURITY with SeSecurityPrivilege enabled is granted and reported")
    void accessCheck_accessSystemSecurityWithPrivilege_grantedAndReported() {
        TokenState token = TestTokens.alice().privilege(Privilege.SeSecurityPrivilege, 0x2).build();
        AccessDecision out = check("O:BAG:SYD:", token, AccessCheck.ACCESS_SYSTEM_SECURITY);
        assertTrue(out.accessGranted());
        assertEquals(AccessCheck.ACCESS_SYSTEM_SECURITY, out.granted());
        AccessCheckResult result = out.toResult();
        assertEquals(1, result.privilegesUsed().size());
        assertEquals(Privilege.SeSecurityPrivilege.luid(), result.privilegesUsed().get(0).luid());
        assertEquals(PrivilegeAttribute.USED_FOR_ACCESS.mask(), result.privilegesUsed().get(0).attributes());
    }

    @Test
    @DisplayName("R63: ACCESS_SYSTEM_SECURITY without the enabled privilege -> ERROR_PRIVILEGE_NOT_HELD access status")
    void accessCheck_accessSystemSecurityPrivilegeDisabled_privilegeNotHeld() {
        TokenState token = TestTokens.alice().privilege(Privilege.SeSecurityPrivilege, 0x0).build();
        AccessDecision out = check("O:BAG:SYD:(A;;0x1f01ff;;;WD)", token, AccessCheck.ACCESS_SYSTEM_SECURITY | READ_DATA);
        assertFalse(out.accessGranted());
        assertEquals(NtStatus.STATUS_PRIVILEGE_NOT_HELD.code(), out.accessStatusCode());
        assertEquals(Win32Error.ERROR_PRIVILEGE_NOT_HELD.code(), out.toResult().denialError());
        assertEquals(0, out.granted());
    }

    @Test
    @DisplayName("R63a: SeTakeOwnershipPrivilege grants WRITE_OWNER when asked for explicitly, not under MAXIMUM_ALLOWED")
    void accessCheck_takeOwnership_grantsWriteOwnerWhenAsked() {
        TokenState token = TestTokens.alice().privilege(Privilege.SeTakeOwnershipPrivilege, 0x2).build();
        AccessDecision out = check("O:BAG:SYD:(A;;0x1;;;WD)", token, AccessCheck.WRITE_OWNER | READ_DATA);
        assertEquals(AccessCheck.WRITE_OWNER | READ_DATA, out.granted());
        assertEquals(READ_DATA, check("O:BAG:SYD:(A;;0x1;;;WD)", token, AccessCheck.MAXIMUM_ALLOWED).granted());
        assertDenied(check("O:BAG:SYD:(A;;0x1;;;WD)", TestTokens.alice().build(), AccessCheck.WRITE_OWNER));
    }

    @Test
    @DisplayName("R63a: SeBackupPrivilege applies only with backup intent")
    void accessCheck_backupPrivilege_onlyWithBackupIntent() {
        TokenState token = TestTokens.alice().privilege(Privilege.SeBackupPrivilege, 0x2).build();
        SecurityDescriptor sd = Sddl.parse("O:BAG:SYD:");
        assertDenied(check(sd, token, READ_DATA, GenericMapping.FILE));
        AccessDecision out = new AccessDecision();
        AccessCheck.evaluate(sd, token, READ_DATA, GenericMapping.FILE, -1, AccessCheck.BACKUP_RESTORE_INTENT, null, out);
        assertTrue(out.accessGranted());
        assertEquals(Privilege.SeBackupPrivilege.luid(), out.privilegesUsed().get(0).luid());
        AccessCheck.evaluate(sd, token, WRITE_DATA, GenericMapping.FILE, -1, AccessCheck.BACKUP_RESTORE_INTENT, null, out);
        assertFalse(out.accessGranted());
    }

    @Test
    @DisplayName("R63: a restricted token gets only what both the normal and the restricted pass grant")
    void accessCheck_restrictedToken_intersectsPasses() {
        TokenState token = TestTokens.alice().restrictedSid(Sid.EVERYONE).build();
        String sddl = "O:BAG:SYD:(A;;0x3;;;BU)(A;;0x1;;;WD)";
        assertEquals(READ_DATA, check(sddl, token, AccessCheck.MAXIMUM_ALLOWED).granted());
        assertDenied(check(sddl, token, WRITE_DATA));
        assertEquals(0x3, check(sddl, TestTokens.alice().build(), AccessCheck.MAXIMUM_ALLOWED).granted());
        assertDenied(check("O:BAG:SYD:(A;;0x3;;;BU)", TestTokens.alice().restrictedSid(Sid.RESTRICTED_CODE).build(), READ_DATA));
    }

    @Test
    @DisplayName("R63: no-write-up: a Low token on an unlabelled (Medium) object is held to the read and execute categories")
    void accessCheck_lowTokenOnUnlabelledObject_writeDenied() {
        TokenState low = TestTokens.alice().integrity(Sid.LOW_LABEL).build();
        assertDenied(check("O:BAG:SYD:(A;;FA;;;WD)", low, WRITE_DATA));
        assertTrue(check("O:BAG:SYD:(A;;FA;;;WD)", low, READ_DATA).accessGranted());
        assertEquals(0x1200A9, check("O:BAG:SYD:(A;;FA;;;WD)", low, AccessCheck.MAXIMUM_ALLOWED).granted(),
                "FILE_GENERIC_READ | FILE_EXECUTE | SYNCHRONIZE; READ_CONTROL and SYNCHRONIZE survive, DELETE/WRITE_DAC/WRITE_OWNER do not");
        assertTrue(check("O:BAG:SYD:(A;;FA;;;WD)S:(ML;;NW;;;LW)", low, WRITE_DATA).accessGranted());
    }

    @Test
    @DisplayName("R63: a no-read-up label denies GenericRead bits to a lower token; policy off disables the check")
    void accessCheck_noReadUpLabel_readDenied() {
        TokenState medium = TestTokens.alice().build();
        assertDenied(check("O:BAG:SYD:(A;;FA;;;WD)S:(ML;;NWNR;;;HI)", medium, READ_DATA));
        TokenState noPolicy = TestTokens.alice().policy(0).build();
        assertTrue(check("O:BAG:SYD:(A;;FA;;;WD)S:(ML;;NWNR;;;HI)", noPolicy, READ_DATA | WRITE_DATA).accessGranted());
    }

    @Test
    @DisplayName("R63: MAXIMUM_ALLOWED sums allows not yet denied")
    void accessCheck_maximumAllowed_sumsAllows() {
        AccessDecision out = check("O:BAG:SYD:(D;;0x2;;;IU)(A;;0x3;;;WD)(A;;0x10000;;;BU)", TestTokens.alice().build(),
                AccessCheck.MAXIMUM_ALLOWED);
        assertEquals(0x10001, out.granted());
        assertDenied(check("O:BAG:SYD:(D;;0x2;;;IU)(A;;0x3;;;WD)", TestTokens.alice().build(), AccessCheck.MAXIMUM_ALLOWED | WRITE_DATA));
    }

    @Test
    @DisplayName("R63: generic bits in ACE masks are mapped with the object's generic mapping")
    void accessCheck_genericAceMask_mapped() {
        AccessDecision out = check("O:BAG:SYD:(A;;GR;;;WD)", TestTokens.alice().build(), AccessCheck.MAXIMUM_ALLOWED);
        assertEquals(0x120089, out.granted());
    }

    @Test
    @DisplayName("R63: a deny-only user matches deny ACEs but not allow ACEs")
    void accessCheck_denyOnlyUser_matchesDenyOnly() {
        TokenState token = TestTokens.alice().user(TestTokens.ALICE, TestTokens.DENY_ONLY).build();
        assertDenied(check("O:BAG:SYD:(A;;FA;;;" + ALICE + ")", token, READ_DATA));
        assertDenied(check("O:BAG:SYD:(D;;0x1;;;" + ALICE + ")(A;;FA;;;WD)", token, READ_DATA));
    }

    // --- fidelity (issue 12): integrity as an allowed mask, owner rights once, write-restricted ---

    private static final GenericMapping PROCESS = new GenericMapping(0x00020410, 0x00020BEA, 0x00121001, 0x001FFFFF);

    @Test
    @DisplayName("R63: integrity is checked first: a Low owner is denied WRITE_DAC on a Medium object, keeps READ_CONTROL")
    void accessCheck_lowOwner_ownerRightsDoNotLiftIntegrity() {
        TokenState low = TestTokens.alice().integrity(Sid.LOW_LABEL).build();
        String sddl = "O:" + ALICE + "G:SYD:";
        assertDenied(check(sddl, low, AccessCheck.WRITE_DAC));
        assertTrue(check(sddl, low, AccessCheck.READ_CONTROL).accessGranted());
        assertEquals(AccessCheck.READ_CONTROL, check(sddl, low, AccessCheck.MAXIMUM_ALLOWED).granted());
        assertEquals(AccessCheck.READ_CONTROL | AccessCheck.WRITE_DAC, check(sddl, TestTokens.alice().build(), AccessCheck.MAXIMUM_ALLOWED).granted());
    }

    @Test
    @DisplayName("R63: SeTakeOwnershipPrivilege does not lift integrity; SeRelabelPrivilege adds WRITE_OWNER back (R63a)")
    void accessCheck_lowTokenWriteOwner_onlyRelabelLiftsIntegrity() {
        String sddl = "O:BAG:SYD:(A;;FA;;;WD)";
        TokenState takeOwnership = TestTokens.alice().integrity(Sid.LOW_LABEL).privilege(Privilege.SeTakeOwnershipPrivilege, 0x2).build();
        assertDenied(check(sddl, takeOwnership, AccessCheck.WRITE_OWNER));
        TokenState relabel = TestTokens.alice().integrity(Sid.LOW_LABEL).privilege(Privilege.SeRelabelPrivilege, 0x2).build();
        AccessDecision out = check(sddl, relabel, AccessCheck.WRITE_OWNER);
        assertTrue(out.accessGranted());
        assertEquals(Privilege.SeRelabelPrivilege.luid(), out.privilegesUsed().get(0).luid());
        TokenState disabled = TestTokens.alice().integrity(Sid.LOW_LABEL).privilege(Privilege.SeRelabelPrivilege, 0).build();
        assertDenied(check(sddl, disabled, AccessCheck.WRITE_OWNER));
    }

    @Test
    @DisplayName("R63: integrity comes before the SACL-right privilege: a Low token asking ACCESS_SYSTEM_SECURITY is denied, not PRIVILEGE_NOT_HELD")
    void accessCheck_lowTokenAccessSystemSecurity_integrityDeniesFirst() {
        TokenState low = TestTokens.alice().integrity(Sid.LOW_LABEL).privilege(Privilege.SeSecurityPrivilege, 0x2).build();
        assertDenied(check("O:BAG:SYD:(A;;FA;;;WD)", low, AccessCheck.ACCESS_SYSTEM_SECURITY));
        TokenState lowWithout = TestTokens.alice().integrity(Sid.LOW_LABEL).build();
        assertDenied(check("O:BAG:SYD:(A;;FA;;;WD)", lowWithout, AccessCheck.ACCESS_SYSTEM_SECURITY));
        TokenState mediumWithout = TestTokens.alice().build();
        assertEquals(NtStatus.STATUS_PRIVILEGE_NOT_HELD.code(),
                check("O:BAG:SYD:(A;;FA;;;WD)", mediumWithout, AccessCheck.ACCESS_SYSTEM_SECURITY).accessStatusCode());
    }

    @Test
    @DisplayName("R63: a specific right in no category of the mapping is denied to a lower token")
    void accessCheck_rightOfNoCategory_deniedToLowerToken() {
        GenericMapping mapping = new GenericMapping(0x1, 0x2, 0x4, 0xF);
        SecurityDescriptor sd = Sddl.parse("O:BAG:SYD:(A;;0xF;;;WD)");
        assertDenied(check(sd, TestTokens.alice().integrity(Sid.LOW_LABEL).build(), 0x8, mapping));
        assertTrue(check(sd, TestTokens.alice().build(), 0x8, mapping).accessGranted());
        assertEquals(0x5, check(sd, TestTokens.alice().integrity(Sid.LOW_LABEL).build(), AccessCheck.MAXIMUM_ALLOWED, mapping).granted());
    }

    @Test
    @DisplayName("R63: a process label (NO_WRITE_UP|NO_READ_UP) leaves a lower token the execute category only, READ_CONTROL excluded")
    void accessCheck_processLabelNoReadUp_executeCategoryOnly() {
        SecurityDescriptor sd = Sddl.parse("O:BAG:SYD:(A;;0x1FFFFF;;;WD)S:(ML;;NWNR;;;ME)");
        TokenState low = TestTokens.alice().integrity(Sid.LOW_LABEL).build();
        assertEquals(0x101001, check(sd, low, AccessCheck.MAXIMUM_ALLOWED, PROCESS).granted());
        assertDenied(check(sd, low, AccessCheck.READ_CONTROL, PROCESS));
        assertTrue(check(sd, low, 0x1000, PROCESS).accessGranted(), "PROCESS_QUERY_LIMITED_INFORMATION");
        assertEquals(0x1FFFFF, check(sd, TestTokens.alice().build(), AccessCheck.MAXIMUM_ALLOWED, PROCESS).granted());
    }

    @Test
    @DisplayName("R63: a label without NO_WRITE_UP (NO_READ_UP only) lets a lower token write but not read")
    void accessCheck_noReadUpOnlyLabel_writeAllowedReadDenied() {
        TokenState medium = TestTokens.alice().build();
        String sddl = "O:BAG:SYD:(A;;FA;;;WD)S:(ML;;NR;;;HI)";
        assertTrue(check(sddl, medium, WRITE_DATA).accessGranted());
        assertDenied(check(sddl, medium, READ_DATA));
        assertTrue(check(sddl, medium, AccessCheck.READ_CONTROL).accessGranted(), "READ_CONTROL is also in FILE_GENERIC_WRITE");
    }

    @Test
    @DisplayName("R63: restricted owner rights are granted once, only when the owner is also a restricting SID")
    void accessCheck_restrictedOwner_implicitRightsOnlyWhenRestricting() {
        String sddl = "O:" + ALICE + "G:SYD:(A;;RC;;;RC)";
        TokenState notRestricting = TestTokens.alice().restrictedSid(Sid.RESTRICTED_CODE).build();
        assertDenied(check(sddl, notRestricting, AccessCheck.READ_CONTROL));
        assertDenied(check("O:" + ALICE + "G:SYD:", notRestricting, AccessCheck.WRITE_DAC));
        TokenState restricting = TestTokens.alice().restrictedSid(TestTokens.ALICE).build();
        assertEquals(AccessCheck.READ_CONTROL | AccessCheck.WRITE_DAC,
                check("O:" + ALICE + "G:SYD:", restricting, AccessCheck.MAXIMUM_ALLOWED).granted());
        TokenState denyOnlyOwner = TestTokens.alice().user(TestTokens.ALICE, TestTokens.DENY_ONLY).restrictedSid(TestTokens.ALICE).build();
        assertDenied(check("O:" + ALICE + "G:SYD:", denyOnlyOwner, AccessCheck.WRITE_DAC));
    }

    @Test
    @DisplayName("R63: a write-restricted token's restricting SIDs judge only the write rights asked (R10 WRITE_RESTRICTED)")
    void accessCheck_writeRestricted_restrictedPassForWriteRightsOnly() {
        Sid writeRestrictedSid = Sid.parse("S-1-5-33");
        TokenState writeRestricted = TestTokens.alice().restrictedSid(writeRestrictedSid).writeRestricted().build();
        TokenState restricted = TestTokens.alice().restrictedSid(writeRestrictedSid).build();
        String everyone = "O:BAG:SYD:(A;;FA;;;WD)";
        assertTrue(check(everyone, writeRestricted, READ_DATA).accessGranted());
        assertDenied(check(everyone, restricted, READ_DATA));
        assertDenied(check(everyone, writeRestricted, WRITE_DATA));
        String both = "O:BAG:SYD:(A;;FA;;;WD)(A;;0x2;;;S-1-5-33)";
        assertTrue(check(both, writeRestricted, READ_DATA | WRITE_DATA).accessGranted());
        assertEquals(0x1F01FF & ~0x120116 | WRITE_DATA, check(both, writeRestricted, AccessCheck.MAXIMUM_ALLOWED).granted());
    }
}
