package io.github.tokenbridge.model.kernel.se;


import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R10 (CreateRestrictedToken) and R57 (AdjustTokenGroups). */
class TokenTransformationTest {

    private static TokenGroup group(TokenState token, Sid sid) {
        return token.groups().stream().filter(g -> g.sid().equals(sid)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("R10: a disabled SID becomes USE_FOR_DENY_ONLY with ENABLED and ENABLED_BY_DEFAULT cleared; a missing SID is ignored")
    void createRestricted_disableSid_becomesDenyOnly() {
        TokenState source = TestTokens.alice().build();
        RestrictedTokens.Outcome outcome = RestrictedTokens.create(source, 0, List.of(Sid.EVERYONE, Sid.BUILTIN_ADMINISTRATORS), List.of(), List.of());
        assertEquals(NtStatus.STATUS_SUCCESS, outcome.status());
        assertEquals(0x11, group(outcome.token(), Sid.EVERYONE).attributes(), "MANDATORY | USE_FOR_DENY_ONLY");
        assertEquals(source.groups().size(), outcome.token().groups().size());
        assertFalse(TokenMembership.check(outcome.token(), Sid.EVERYONE).member());
    }

    @Test
    @DisplayName("R10: the user SID can be disabled")
    void createRestricted_disableUser_userDenyOnly() {
        TokenState token = RestrictedTokens.create(TestTokens.alice().build(), 0, List.of(TestTokens.ALICE), List.of(), List.of()).token();
        assertEquals(0x10, token.userAttributes());
    }

    @Test
    @DisplayName("R10: deleted privileges leave the list; LUIDs not in the token are ignored")
    void createRestricted_deletePrivilege_removed() {
        TokenState source = TestTokens.alice().privilege(Privilege.SeShutdownPrivilege, 0).build();
        TokenState token = RestrictedTokens.create(source, 0, List.of(),
                List.of(Privilege.SeShutdownPrivilege.luid(), Privilege.SeDebugPrivilege.luid()), List.of()).token();
        assertEquals(List.of(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 0x3)), token.privileges());
    }

    @Test
    @DisplayName("R10: DISABLE_MAX_PRIVILEGE keeps only SeChangeNotifyPrivilege and ignores the privileges to delete")
    void createRestricted_disableMaxPrivilege_keepsChangeNotify() {
        TokenState source = TestTokens.alice().privilege(Privilege.SeShutdownPrivilege, 0).privilege(Privilege.SeDebugPrivilege, 2).build();
        TokenState token = RestrictedTokens.create(source, RestrictedTokens.DISABLE_MAX_PRIVILEGE, List.of(), List.of(), List.of()).token();
        assertEquals(List.of(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 0x3)), token.privileges());
        TokenState listed = RestrictedTokens.create(source, RestrictedTokens.DISABLE_MAX_PRIVILEGE, List.of(),
                List.of(Privilege.SeChangeNotifyPrivilege.luid()), List.of()).token();
        assertEquals(List.of(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 0x3)), listed.privileges());
    }

    @Test
    @DisplayName("R10: the result keeps type and level")
    void createRestricted_impersonationToken_keepsTypeAndLevel() {
        TokenState source = TestTokens.alice().level(ImpersonationLevel.IDENTIFICATION).build();
        TokenState token = RestrictedTokens.create(source, 0, List.of(), List.of(), List.of(Sid.EVERYONE)).token();
        assertEquals(TokenType.IMPERSONATION, token.type());
        assertEquals(ImpersonationLevel.IDENTIFICATION, token.level());
        assertEquals(TokenType.PRIMARY, RestrictedTokens.create(TestTokens.alice().primary().build(), 0, List.of(), List.of(), List.of()).token().type());
    }

    @Test
    @DisplayName("R10: restricting SIDs are added enabled and mandatory; a restricted source intersects")
    void createRestricted_restrictingSids_addedOrIntersected() {
        TokenState once = RestrictedTokens.create(TestTokens.alice().build(), 0, List.of(), List.of(), List.of(Sid.EVERYONE, Sid.RESTRICTED_CODE)).token();
        assertEquals(List.of(new TokenGroup(Sid.EVERYONE, 7), new TokenGroup(Sid.RESTRICTED_CODE, 7)), once.restrictedSids());
        TokenState twice = RestrictedTokens.create(once, 0, List.of(), List.of(), List.of(Sid.RESTRICTED_CODE, Sid.BUILTIN_USERS)).token();
        assertEquals(List.of(new TokenGroup(Sid.RESTRICTED_CODE, 7)), twice.restrictedSids());
        assertEquals(once.restrictedSids(), RestrictedTokens.create(once, 0, List.of(), List.of(), List.of()).token().restrictedSids());
    }

    @Test
    @DisplayName("R10: WRITE_RESTRICTED marks the token write-restricted, and a filtered write-restricted token stays so")
    void createRestricted_writeRestricted_marked() {
        RestrictedTokens.Outcome outcome = RestrictedTokens.create(TestTokens.alice().build(), RestrictedTokens.WRITE_RESTRICTED,
                List.of(), List.of(), List.of(Sid.EVERYONE));
        assertTrue(outcome.writeRestricted());
        assertTrue(outcome.token().writeRestricted());
        assertTrue(RestrictedTokens.create(outcome.token(), 0, List.of(), List.of(), List.of()).writeRestricted());
        assertFalse(RestrictedTokens.create(TestTokens.alice().build(), 0, List.of(), List.of(), List.of(Sid.EVERYONE)).writeRestricted());
    }

    @Test
    @DisplayName("R10: LUA_TOKEN (defined by no source) is refused; unknown flags are STATUS_INVALID_PARAMETER; SANDBOX_INERT is recorded")
    void createRestricted_unmodelledOrBadFlags_refused() {
        TokenState source = TestTokens.alice().build();
        assertThrows(UnsupportedOperationException.class,
                () -> RestrictedTokens.create(source, RestrictedTokens.LUA_TOKEN, List.of(), List.of(), List.of()));
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, RestrictedTokens.create(source, 0x100, List.of(), List.of(), List.of()).status());
        assertTrue(RestrictedTokens.create(source, RestrictedTokens.SANDBOX_INERT, List.of(), List.of(), List.of()).sandboxInert());
    }

    @Test
    @DisplayName("R57: enabling and disabling optional groups; PreviousState lists the changed ones")
    void adjustGroups_optionalGroup_toggles() {
        List<TokenGroup> groups = List.of(new TokenGroup(Sid.BUILTIN_ADMINISTRATORS, 0x6), new TokenGroup(Sid.EVERYONE, 0x7));
        GroupAdjustment.Outcome off = GroupAdjustment.adjust(groups, false, List.of(new TokenGroup(Sid.BUILTIN_ADMINISTRATORS, 0)));
        assertEquals(NtStatus.STATUS_SUCCESS, off.status());
        assertEquals(0x2, off.groups().get(0).attributes());
        assertEquals(List.of(groups.get(0)), off.previousState());
        GroupAdjustment.Outcome again = GroupAdjustment.adjust(off.groups(), false, List.of(new TokenGroup(Sid.BUILTIN_ADMINISTRATORS, 0)));
        assertFalse(again.changed());
        assertEquals(8 + 16 + 16, GroupAdjustment.previousStateLength(off.previousState()));
    }

    @Test
    @DisplayName("R57: disabling a mandatory group fails with STATUS_CANT_DISABLE_MANDATORY (1310), applying nothing")
    void adjustGroups_disableMandatory_fails() {
        List<TokenGroup> groups = List.of(new TokenGroup(Sid.BUILTIN_ADMINISTRATORS, 0x6), new TokenGroup(Sid.EVERYONE, 0x7));
        GroupAdjustment.Outcome outcome = GroupAdjustment.adjust(groups, false,
                List.of(new TokenGroup(Sid.BUILTIN_ADMINISTRATORS, 0), new TokenGroup(Sid.EVERYONE, 0)));
        assertEquals(NtStatus.STATUS_CANT_DISABLE_MANDATORY, outcome.status());
        assertEquals(1310, outcome.status().win32Error());
        assertSame(groups, outcome.groups());
    }

    @Test
    @DisplayName("R57: enabling a deny-only group fails with STATUS_CANT_ENABLE_DENY_ONLY (629)")
    void adjustGroups_enableDenyOnly_fails() {
        List<TokenGroup> groups = List.of(new TokenGroup(Sid.BUILTIN_ADMINISTRATORS, 0x10));
        GroupAdjustment.Outcome outcome = GroupAdjustment.adjust(groups, false, List.of(new TokenGroup(Sid.BUILTIN_ADMINISTRATORS, 0x4)));
        assertEquals(NtStatus.STATUS_CANT_ENABLE_DENY_ONLY, outcome.status());
        assertEquals(629, outcome.status().win32Error());
    }

    @Test
    @DisplayName("R57: a group not in the token -> STATUS_NOT_ALL_ASSIGNED (1300), the others applied")
    void adjustGroups_absentGroup_notAllAssigned() {
        List<TokenGroup> groups = List.of(new TokenGroup(Sid.BUILTIN_ADMINISTRATORS, 0x6));
        GroupAdjustment.Outcome outcome = GroupAdjustment.adjust(groups, false,
                List.of(new TokenGroup(Sid.NETWORK, 0), new TokenGroup(Sid.BUILTIN_ADMINISTRATORS, 0)));
        assertEquals(NtStatus.STATUS_NOT_ALL_ASSIGNED, outcome.status());
        assertEquals(1300, outcome.status().win32Error());
        assertEquals(0x2, outcome.groups().get(0).attributes());
    }

    @Test
    @DisplayName("R57: ResetToDefault restores ENABLED from ENABLED_BY_DEFAULT")
    void adjustGroups_resetToDefault_restoresDefaults() {
        List<TokenGroup> groups = List.of(new TokenGroup(Sid.BUILTIN_ADMINISTRATORS, 0x2), new TokenGroup(Sid.NETWORK, 0x4),
                new TokenGroup(Sid.EVERYONE, 0x7), new TokenGroup(Sid.INTERACTIVE, 0x10));
        GroupAdjustment.Outcome outcome = GroupAdjustment.adjust(groups, true, null);
        assertEquals(List.of(new TokenGroup(Sid.BUILTIN_ADMINISTRATORS, 0x6), new TokenGroup(Sid.NETWORK, 0x0),
                new TokenGroup(Sid.EVERYONE, 0x7), new TokenGroup(Sid.INTERACTIVE, 0x10)), outcome.groups());
        assertEquals(List.of(groups.get(0), groups.get(1)), outcome.previousState());
    }

    @Test
    void luidList_unknownPrivilege_ignored() {
        TokenState token = RestrictedTokens.create(TestTokens.alice().build(), 0, List.of(), List.of(new Luid(999)), List.of()).token();
        assertEquals(1, token.privileges().size());
    }
}
