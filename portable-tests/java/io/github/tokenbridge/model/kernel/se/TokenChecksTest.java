package io.github.tokenbridge.model.kernel.se;


import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.PrivilegeAttribute;
import io.github.tokenbridge.Sid;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R60 (CheckTokenMembership), R61 (PrivilegeCheck), R64 (Identification suffices). */
class TokenChecksTest {

    private static final List<Luid> CHANGE_NOTIFY = List.of(Privilege.SeChangeNotifyPrivilege.luid());

    @Test
    @DisplayName("R60: the user and enabled groups are members")
    void checkTokenMembership_userAndEnabledGroup_member() {
        TokenState token = TestTokens.alice().build();
        assertEquals(new TokenMembership.Outcome(NtStatus.STATUS_SUCCESS, true), TokenMembership.check(token, TestTokens.ALICE));
        assertTrue(TokenMembership.check(token, Sid.EVERYONE).member());
        assertFalse(TokenMembership.check(token, Sid.BUILTIN_ADMINISTRATORS).member());
    }

    @Test
    @DisplayName("R60: deny-only and disabled groups are not members")
    void checkTokenMembership_denyOnlyOrDisabled_notMember() {
        TokenState token = TestTokens.alice().group(Sid.BUILTIN_ADMINISTRATORS, TestTokens.DENY_ONLY)
                .group(Sid.NETWORK, TestTokens.DISABLED).build();
        assertFalse(TokenMembership.check(token, Sid.BUILTIN_ADMINISTRATORS).member());
        assertFalse(TokenMembership.check(token, Sid.NETWORK).member());
    }

    @Test
    @DisplayName("R60: with restricted SIDs, the SID must also be in the restricted list")
    void checkTokenMembership_restrictedToken_needsBothLists() {
        TokenState token = TestTokens.alice().restrictedSid(Sid.EVERYONE).restrictedSid(Sid.RESTRICTED_CODE).build();
        assertTrue(TokenMembership.check(token, Sid.EVERYONE).member());
        assertFalse(TokenMembership.check(token, Sid.BUILTIN_USERS).member());
        assertFalse(TokenMembership.check(token, Sid.RESTRICTED_CODE).member());
    }

    @Test
    @DisplayName("R60: a primary token fails with STATUS_NO_IMPERSONATION_TOKEN (1309), member FALSE")
    void checkTokenMembership_primaryToken_failsNoImpersonationToken() {
        TokenMembership.Outcome outcome = TokenMembership.check(TestTokens.alice().primary().build(), Sid.EVERYONE);
        assertEquals(NtStatus.STATUS_NO_IMPERSONATION_TOKEN, outcome.status());
        assertEquals(1309, outcome.status().win32Error());
        assertFalse(outcome.member());
    }

    @Test
    @DisplayName("R64: CheckTokenMembership accepts an Identification-level token")
    void checkTokenMembership_identification_succeeds() {
        TokenState token = TestTokens.alice().level(ImpersonationLevel.IDENTIFICATION).build();
        assertEquals(new TokenMembership.Outcome(NtStatus.STATUS_SUCCESS, true), TokenMembership.check(token, Sid.EVERYONE));
    }

    @Test
    @DisplayName("R61: an enabled privilege is held and marked used-for-access")
    void privilegeCheck_enabledPrivilege_held() {
        PrivilegeChecks.Outcome outcome = PrivilegeChecks.check(TestTokens.alice().build(), CHANGE_NOTIFY, true);
        assertEquals(NtStatus.STATUS_SUCCESS, outcome.status());
        assertTrue(outcome.result().held());
        assertEquals(PrivilegeAttribute.USED_FOR_ACCESS.mask(), outcome.result().privileges().get(0).attributes());
    }

    @Test
    @DisplayName("R61: disabled, removed and absent privileges are not held; ANY needs one, ALL needs every one")
    void privilegeCheck_disabledRemovedAbsent_notHeld() {
        TokenState token = TestTokens.alice().privilege(Privilege.SeShutdownPrivilege, 0x0)
                .privilege(Privilege.SeUndockPrivilege, PrivilegeAttribute.REMOVED.mask() | 0x2).build();
        for (Privilege p : List.of(Privilege.SeShutdownPrivilege, Privilege.SeUndockPrivilege, Privilege.SeDebugPrivilege)) {
            PrivilegeChecks.Outcome outcome = PrivilegeChecks.check(token, List.of(p.luid()), true);
            assertFalse(outcome.result().held(), p.name());
            assertEquals(0, outcome.result().privileges().get(0).attributes());
        }
        List<Luid> both = List.of(Privilege.SeShutdownPrivilege.luid(), Privilege.SeChangeNotifyPrivilege.luid());
        assertFalse(PrivilegeChecks.check(token, both, true).result().held());
        assertTrue(PrivilegeChecks.check(token, both, false).result().held());
    }

    @Test
    @DisplayName("R61: Anonymous level -> STATUS_BAD_IMPERSONATION_LEVEL (1346)")
    void privilegeCheck_anonymous_fails() {
        PrivilegeChecks.Outcome anonymous = PrivilegeChecks.check(TestTokens.alice().level(ImpersonationLevel.ANONYMOUS).build(), CHANGE_NOTIFY, true);
        assertEquals(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, anonymous.status());
        assertEquals(1346, anonymous.status().win32Error());
        assertNull(anonymous.result());
    }

    @Test
    @DisplayName("R61 (W-SEC test_elevation, ReactOS NtPrivilegeCheck): a primary token is checked as it is")
    void privilegeCheck_primaryToken_isChecked() {
        PrivilegeChecks.Outcome held = PrivilegeChecks.check(TestTokens.alice().primary().build(), CHANGE_NOTIFY, true);
        assertEquals(NtStatus.STATUS_SUCCESS, held.status());
        assertTrue(held.result().held());
        PrivilegeChecks.Outcome anonymousPrimary = PrivilegeChecks.check(
                TestTokens.alice().primary().level(ImpersonationLevel.ANONYMOUS).build(), CHANGE_NOTIFY, true);
        assertEquals(NtStatus.STATUS_SUCCESS, anonymousPrimary.status(), "the level of a primary token is not looked at (R4)");
        assertFalse(PrivilegeChecks.check(TestTokens.alice().primary().build(),
                List.of(Privilege.SeDebugPrivilege.luid()), true).result().held());
    }

    @Test
    @DisplayName("R64: PrivilegeCheck accepts an Identification-level token")
    void privilegeCheck_identification_succeeds() {
        TokenState token = TestTokens.alice().level(ImpersonationLevel.IDENTIFICATION).build();
        assertTrue(PrivilegeChecks.check(token, CHANGE_NOTIFY, true).result().held());
    }
}
