package io.github.tokenbridge.model;

import io.github.tokenbridge.Acl;
import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.github.tokenbridge.model.ModelAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/** Section 1 of docs/rules.md (the token object model, R1-R15) through the SPI. */
class TokenObjectRulesTest {

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());

    private Handle processToken(int access) {
        return ok(backend.openProcessToken(Handle.CURRENT_PROCESS, access));
    }

    @Test // R1
    void getTokenInformationType_processAndDuplicate_primaryAndImpersonationWithLength4() {
        Handle p = processToken(TOKEN_QUERY | TOKEN_DUPLICATE);
        TokenInformation type = ok(backend.getTokenInformation(p, TokenInformationClass.TokenType, -1));
        assertEquals(TokenType.PRIMARY, type.value());
        assertEquals(4, type.returnLength());
        Handle d = ok(backend.duplicateToken(p, ImpersonationLevel.IMPERSONATION));
        assertEquals(TokenType.IMPERSONATION, query(backend, d, TokenInformationClass.TokenType, TokenType.class));
    }

    @Test // R3
    void getTokenInformationLevel_primaryToken_invalidParameter() {
        Handle p = processToken(MAXIMUM_ALLOWED);
        Result<TokenInformation> r = backend.getTokenInformation(p, TokenInformationClass.TokenImpersonationLevel, -1);
        fails(NtStatus.STATUS_INVALID_INFO_CLASS, r);
        assertEquals(Win32Error.ERROR_INVALID_PARAMETER.code(), r.win32Error());
    }

    @Test // R3
    void getTokenInformationLevel_impersonationToken_returnsLevel() {
        Handle d = ok(backend.duplicateToken(processToken(TOKEN_DUPLICATE), ImpersonationLevel.IDENTIFICATION));
        TokenInformation level = ok(backend.getTokenInformation(d, TokenInformationClass.TokenImpersonationLevel, 4));
        assertEquals(ImpersonationLevel.IDENTIFICATION, level.value());
    }

    @Test // R4
    void duplicateTokenEx_impersonationToPrimary_keepsStoredLevelInStatistics() {
        Handle i = ok(backend.duplicateTokenEx(processToken(TOKEN_DUPLICATE), TOKEN_ALL_ACCESS, null,
                ImpersonationLevel.DELEGATION, TokenType.IMPERSONATION));
        Handle p = ok(backend.duplicateTokenEx(i, TOKEN_ALL_ACCESS, null, ImpersonationLevel.DELEGATION, TokenType.PRIMARY));
        TokenStatistics stats = query(backend, p, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        assertEquals(TokenType.PRIMARY, stats.type());
        assertEquals(ImpersonationLevel.DELEGATION, stats.impersonationLevel());
    }

    @Test // R5
    @SuppressWarnings("unchecked")
    void getTokenInformationGroups_standardUser_excludesUserAndCountsMatchStatistics() {
        Handle p = processToken(TOKEN_QUERY);
        List<TokenGroup> groups = query(backend, p, TokenInformationClass.TokenGroups, List.class);
        Sid user = query(backend, p, TokenInformationClass.TokenUser, TokenGroup.class).sid();
        assertTrue(groups.stream().noneMatch(g -> g.sid().equals(user)));
        TokenStatistics stats = query(backend, p, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        assertEquals(groups.size(), stats.groupCount());
        assertEquals(5, stats.privilegeCount());
    }

    @Test // R6
    @SuppressWarnings("unchecked")
    void getTokenInformationLogonSid_standardUser_oneGroupWithC0000007() {
        List<TokenGroup> logon = query(backend, processToken(TOKEN_QUERY), TokenInformationClass.TokenLogonSid, List.class);
        assertEquals(1, logon.size());
        assertEquals(0xC0000007, logon.get(0).attributes());
        assertEquals("S-1-5-5-0-107187", logon.get(0).sid().toString());
    }

    @Test // R7
    @SuppressWarnings("unchecked")
    void adjustTokenPrivileges_disableChangeNotify_attributesReadEnabledByDefaultOnly() {
        Handle p = processToken(TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES);
        ok(backend.adjustTokenPrivileges(p, false, List.of(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 0)), -1));
        List<TokenPrivilege> privileges = query(backend, p, TokenInformationClass.TokenPrivileges, List.class);
        TokenPrivilege changeNotify = privileges.stream().filter(x -> x.luid().equals(Privilege.SeChangeNotifyPrivilege.luid()))
                .findFirst().orElseThrow();
        assertEquals(0x1, changeNotify.attributes());
    }

    @Test // R8
    void getTokenInformationIntegrity_standardAndAdmin_mediumAndHighWith0x60() {
        TokenGroup label = query(backend, processToken(TOKEN_QUERY), TokenInformationClass.TokenIntegrityLevel, TokenGroup.class);
        assertEquals(Sid.MEDIUM_LABEL, label.sid());
        assertEquals(0x60, label.attributes());
        ModelBackend admin = ModelBackend.create(ModelConfiguration.elevatedAdmin());
        Handle a = ok(admin.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
        assertEquals(Sid.HIGH_LABEL, query(admin, a, TokenInformationClass.TokenIntegrityLevel, TokenGroup.class).sid());
    }

    @Test // R9
    void statistics_twoOpensAndPseudoHandle_identicalAndDuplicateHasNewTokenId() {
        TokenStatistics a = query(backend, processToken(TOKEN_QUERY), TokenInformationClass.TokenStatistics, TokenStatistics.class);
        TokenStatistics b = query(backend, processToken(TOKEN_QUERY), TokenInformationClass.TokenStatistics, TokenStatistics.class);
        TokenStatistics c = query(backend, Handle.CURRENT_PROCESS_TOKEN, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        assertEquals(a, b);
        assertEquals(a, c);
        Handle d = ok(backend.duplicateToken(processToken(TOKEN_DUPLICATE), ImpersonationLevel.IMPERSONATION));
        TokenStatistics ds = query(backend, d, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        assertNotEquals(a.tokenId(), ds.tokenId());
        assertEquals(a.authenticationId(), ds.authenticationId());
        assertEquals(a.modifiedId(), ds.modifiedId());
    }

    @Test // R9
    void setTokenInformation_defaultDacl_renewsModifiedId() {
        Handle p = processToken(TOKEN_QUERY | TOKEN_ADJUST_DEFAULT);
        TokenStatistics before = query(backend, p, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        ok(backend.setTokenInformation(p, TokenInformationClass.TokenDefaultDacl, Acl.EMPTY));
        TokenStatistics after = query(backend, p, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        assertNotEquals(before.modifiedId(), after.modifiedId());
        assertEquals(before.tokenId(), after.tokenId());
    }

    @Test // R9
    void getTokenInformationOrigin_standardUser_isSystemLogonSession() {
        assertEquals(io.github.tokenbridge.Luid.SYSTEM_LOGON,
                query(backend, processToken(TOKEN_QUERY), TokenInformationClass.TokenOrigin, io.github.tokenbridge.Luid.class));
    }

    @Test // R11
    void linkedToken_elevatedAdmin_freshIdentificationLimitedTokenEachQueryAndBack() {
        ModelBackend admin = ModelBackend.create(ModelConfiguration.elevatedAdmin());
        Handle p = ok(admin.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
        assertEquals(ElevationType.FULL, query(admin, p, TokenInformationClass.TokenElevationType, ElevationType.class));
        assertEquals(Boolean.TRUE, query(admin, p, TokenInformationClass.TokenElevation, Boolean.class));
        Handle l1 = query(admin, p, TokenInformationClass.TokenLinkedToken, Handle.class);
        Handle l2 = query(admin, p, TokenInformationClass.TokenLinkedToken, Handle.class);
        assertEquals(TOKEN_ALL_ACCESS, ok(admin.queryGrantedAccess(l1)));
        assertEquals(ElevationType.LIMITED, query(admin, l1, TokenInformationClass.TokenElevationType, ElevationType.class));
        assertEquals(Boolean.FALSE, query(admin, l1, TokenInformationClass.TokenElevation, Boolean.class));
        assertEquals(TokenType.IMPERSONATION, query(admin, l1, TokenInformationClass.TokenType, TokenType.class));
        assertEquals(ImpersonationLevel.IDENTIFICATION,
                query(admin, l1, TokenInformationClass.TokenImpersonationLevel, ImpersonationLevel.class));
        assertNotEquals(query(admin, l1, TokenInformationClass.TokenStatistics, TokenStatistics.class).tokenId(),
                query(admin, l2, TokenInformationClass.TokenStatistics, TokenStatistics.class).tokenId());
        Handle back = query(admin, l1, TokenInformationClass.TokenLinkedToken, Handle.class);
        assertEquals(ElevationType.FULL, query(admin, back, TokenInformationClass.TokenElevationType, ElevationType.class));
    }

    @Test // R11
    void linkedToken_defaultElevation_noSuchLogonSession() {
        fails(NtStatus.STATUS_NO_SUCH_LOGON_SESSION,
                backend.getTokenInformation(processToken(TOKEN_QUERY), TokenInformationClass.TokenLinkedToken, -1));
    }

    @Test // R11
    void duplicateTokenEx_splitToken_preservesElevationTypeAndLinkedToken() {
        ModelBackend admin = ModelBackend.create(ModelConfiguration.filteredAdmin());
        Handle p = ok(admin.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_DUPLICATE));
        Handle d = ok(admin.duplicateTokenEx(p, TOKEN_QUERY, null, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        assertEquals(ElevationType.LIMITED, query(admin, d, TokenInformationClass.TokenElevationType, ElevationType.class));
        Handle linked = query(admin, d, TokenInformationClass.TokenLinkedToken, Handle.class);
        assertEquals(ElevationType.FULL, query(admin, linked, TokenInformationClass.TokenElevationType, ElevationType.class));
    }

    @Test // R11
    void setTokenInformation_elevationClasses_invalidParameter() {
        Handle p = processToken(TOKEN_ALL_ACCESS);
        Result<Void> r = backend.setTokenInformation(p, TokenInformationClass.TokenElevationType, ElevationType.FULL);
        assertEquals(Win32Error.ERROR_INVALID_PARAMETER.code(), r.win32Error());
        assertEquals(Win32Error.ERROR_INVALID_PARAMETER.code(),
                backend.setTokenInformation(p, TokenInformationClass.TokenElevation, true).win32Error());
    }

    @Test // R12
    void openProcessToken_maximumAllowedAndGenericRead_tokenAllAccessAndTokenRead() {
        assertEquals(TOKEN_ALL_ACCESS, ok(backend.queryGrantedAccess(processToken(MAXIMUM_ALLOWED))));
        assertEquals(0x00020008, ok(backend.queryGrantedAccess(processToken(0x80000000))));
        assertEquals(0x000200E0, ok(backend.queryGrantedAccess(processToken(0x40000000))));
    }

    @Test // R12
    void openProcessToken_synchronize_accessDenied() {
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.openProcessToken(Handle.CURRENT_PROCESS, 0x00100000));
    }

    @Test // R13
    void getTokenInformationSource_queryOnlyHandle_accessDenied() {
        Handle q = processToken(TOKEN_QUERY);
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.getTokenInformation(q, TokenInformationClass.TokenSource, -1));
        Handle s = processToken(TOKEN_QUERY_SOURCE);
        assertEquals(16, ok(backend.getTokenInformation(s, TokenInformationClass.TokenSource, -1)).returnLength());
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.getTokenInformation(s, TokenInformationClass.TokenUser, -1));
    }

    @Test // R13
    void adjustTokenPrivileges_previousStateWithoutQuery_accessDenied() {
        Handle a = processToken(TOKEN_ADJUST_PRIVILEGES);
        List<TokenPrivilege> req = List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.adjustTokenPrivileges(a, false, req, 100));
        assertEquals(0, ok(backend.adjustTokenPrivileges(a, false, req, -1)).previousState().size());
    }

    @Test // R13
    void setThreadToken_handleWithOnlyImpersonate_succeeds() {
        Handle d = ok(backend.duplicateTokenEx(processToken(TOKEN_DUPLICATE), TOKEN_IMPERSONATE, null,
                ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        ok(backend.setThreadToken(null, d));
        ok(backend.revertToSelf());
        Handle q = ok(backend.duplicateToken(processToken(TOKEN_DUPLICATE), ImpersonationLevel.IMPERSONATION));
        Handle queryOnly = ok(backend.duplicateHandle(q, TOKEN_QUERY, 0));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.setThreadToken(null, queryOnly));
    }

    @Test // R14
    void duplicateTokenEx_explicitDescriptor_newTokenGetsThatDacl() {
        SecurityDescriptor onlyQuery = SecurityDescriptor.of(null, null,
                Acl.of(io.github.tokenbridge.Ace.allow(TOKEN_QUERY, Sid.EVERYONE)));
        Handle d = ok(backend.duplicateTokenEx(processToken(TOKEN_DUPLICATE), TOKEN_QUERY, onlyQuery,
                ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.duplicateHandle(d, TOKEN_QUERY | TOKEN_IMPERSONATE, 0));
        assertEquals(0x00020000 | 0x00040000 | TOKEN_QUERY,
                ok(backend.queryGrantedAccess(ok(backend.duplicateHandle(d, MAXIMUM_ALLOWED, 0)))));
    }

    @Test // R14 (a), O10: W-SEC test_token_security_descriptor; the given DACL is stored mapped, flags kept
    void duplicateTokenEx_explicitGenericAllAce_storedAsTokenAllAccessWithItsFlags() {
        SecurityDescriptor given = SecurityDescriptor.of(null, null, Acl.of(
                new io.github.tokenbridge.Ace(io.github.tokenbridge.AceType.ACCESS_ALLOWED, 0x4, 0x10000000, Sid.parse("S-1-5-6")),
                new io.github.tokenbridge.Ace(io.github.tokenbridge.AceType.ACCESS_ALLOWED, 0x8 | 0x2, 0x10000000, Sid.EVERYONE)));
        Handle d = ok(backend.duplicateTokenEx(processToken(TOKEN_DUPLICATE), 0x00020000, given,
                ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        List<io.github.tokenbridge.Ace> aces = ok(backend.getSecurityInfo(d,
                io.github.tokenbridge.backend.SeObjectType.SE_KERNEL_OBJECT, 0x4)).dacl().aces();
        assertEquals(2, aces.size());
        assertEquals(0x4, aces.get(0).flags());
        assertEquals(TOKEN_ALL_ACCESS, aces.get(0).mask(), "GENERIC_ALL is mapped to the token's rights");
        assertEquals(0x10000000, aces.get(1).mask(), "an inherit-only ACE keeps its generic rights (O10)");
    }

    @Test // R14 (c): W-SEC test_token_label, "Test the linked token": the label comes from the caller
    void linkedToken_label_isTheCallersLevelNotTheLinkedHalfs() {
        ModelBackend filtered = ModelBackend.create(ModelConfiguration.filteredAdmin());
        Handle p = ok(filtered.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
        Handle linked = query(filtered, p, TokenInformationClass.TokenLinkedToken, Handle.class);
        TokenGroup integrity = query(filtered, linked, TokenInformationClass.TokenIntegrityLevel, TokenGroup.class);
        assertEquals(Sid.HIGH_LABEL, integrity.sid(), "the linked half of a filtered admin runs at High");
        List<io.github.tokenbridge.Ace> label = ok(filtered.getSecurityInfo(linked,
                io.github.tokenbridge.backend.SeObjectType.SE_KERNEL_OBJECT, 0x10)).sacl().aces();
        assertEquals(1, label.size());
        assertEquals(Sid.MEDIUM_LABEL, label.get(0).sid(), "the label is the filtered caller's Medium");
        assertEquals(io.github.tokenbridge.Ace.NO_WRITE_UP, label.get(0).mask());
    }

    @Test // R61: W-SEC test_elevation calls PrivilegeCheck on the process token (a primary token)
    void privilegeCheck_primaryToken_checkedAsItIs() {
        Handle p = processToken(TOKEN_QUERY | TOKEN_DUPLICATE);
        assertTrue(ok(backend.privilegeCheck(p, List.of(Privilege.SeChangeNotifyPrivilege.luid()), true)).held());
        Handle d = ok(backend.duplicateTokenEx(p, TOKEN_ALL_ACCESS, null, ImpersonationLevel.IMPERSONATION, TokenType.PRIMARY));
        ok(backend.adjustTokenPrivileges(d, false, List.of(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 4)), -1));
        assertFalse(ok(backend.privilegeCheck(d, List.of(Privilege.SeChangeNotifyPrivilege.luid()), true)).held());
    }

    @Test // R14
    void duplicateTokenEx_noDescriptor_sourceDaclNotCopied() {
        SecurityDescriptor onlyQuery = SecurityDescriptor.of(null, null,
                Acl.of(io.github.tokenbridge.Ace.allow(TOKEN_QUERY | TOKEN_DUPLICATE, Sid.EVERYONE)));
        Handle restricted = ok(backend.duplicateTokenEx(processToken(TOKEN_DUPLICATE), TOKEN_DUPLICATE, onlyQuery,
                ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        Handle copy = ok(backend.duplicateTokenEx(restricted, MAXIMUM_ALLOWED, null, ImpersonationLevel.IMPERSONATION,
                TokenType.IMPERSONATION));
        assertEquals(TOKEN_ALL_ACCESS, ok(backend.queryGrantedAccess(copy)));
    }

    @Test // R15
    @SuppressWarnings("unchecked")
    void setTokenInformationDefaultDacl_null_acceptedAndQueryReturnsNullWithLength8() {
        Handle p = processToken(TOKEN_QUERY | TOKEN_ADJUST_DEFAULT);
        Optional<Acl> before = query(backend, p, TokenInformationClass.TokenDefaultDacl, Optional.class);
        assertTrue(before.isPresent());
        assertEquals(3, before.get().aces().size());
        ok(backend.setTokenInformation(p, TokenInformationClass.TokenDefaultDacl, null));
        TokenInformation after = ok(backend.getTokenInformation(p, TokenInformationClass.TokenDefaultDacl, -1));
        assertEquals(Optional.empty(), after.value());
        assertEquals(8, after.returnLength());
        ok(backend.setTokenInformation(p, TokenInformationClass.TokenDefaultDacl, Acl.EMPTY));
        assertEquals(0, ((Optional<Acl>) query(backend, p, TokenInformationClass.TokenDefaultDacl, Optional.class)).orElseThrow().aces().size());
    }

    @Test // R15
    @SuppressWarnings("unchecked")
    void defaultDacl_elevatedAdmin_referencesOwnerNotUser() {
        ModelBackend admin = ModelBackend.create(ModelConfiguration.elevatedAdmin());
        Handle p = ok(admin.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
        Acl dacl = ((Optional<Acl>) query(admin, p, TokenInformationClass.TokenDefaultDacl, Optional.class)).orElseThrow();
        assertEquals(Sid.BUILTIN_ADMINISTRATORS, query(admin, p, TokenInformationClass.TokenOwner, Sid.class));
        assertTrue(dacl.aces().stream().anyMatch(a -> a.sid().equals(Sid.BUILTIN_ADMINISTRATORS)));
        assertTrue(dacl.aces().stream().noneMatch(a -> a.sid().equals(admin.world().configuration().user())));
    }

    @Test // R56
    void adjustTokenPrivileges_missingPrivilege_successWithNotAllAssigned() {
        Handle p = processToken(TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES);
        Result<AdjustResult<TokenPrivilege>> r = backend.adjustTokenPrivileges(p, false,
                List.of(TokenPrivilege.of(Privilege.SeDebugPrivilege, 2), TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2)), 100);
        assertTrue(r.succeeded());
        assertEquals(Win32Error.ERROR_NOT_ALL_ASSIGNED.code(), r.win32Error());
        assertEquals(1, r.value().previousState().size());
        assertEquals(16, r.value().returnLength());
    }

    @Test // R56
    void adjustTokenPrivileges_previousStateTooSmall_insufficientBufferNothingApplied() {
        Handle p = processToken(TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES);
        List<TokenPrivilege> req = List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2));
        Result<AdjustResult<TokenPrivilege>> r = backend.adjustTokenPrivileges(p, false, req, 8);
        fails(NtStatus.STATUS_BUFFER_TOO_SMALL, r);
        assertEquals(16, r.value().returnLength());
        Result<AdjustResult<TokenPrivilege>> again = backend.adjustTokenPrivileges(p, false, req, 16);
        assertEquals(0, again.win32Error());
        assertEquals(List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 0)), again.value().previousState());
    }

    @Test // R56
    @SuppressWarnings("unchecked")
    void adjustTokenPrivileges_removed_privilegeGoneForGood() {
        Handle p = processToken(TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES);
        ok(backend.adjustTokenPrivileges(p, false, List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 4)), -1));
        List<TokenPrivilege> privileges = query(backend, p, TokenInformationClass.TokenPrivileges, List.class);
        assertTrue(privileges.stream().noneMatch(x -> x.luid().equals(Privilege.SeShutdownPrivilege.luid())));
        Result<?> r = backend.adjustTokenPrivileges(p, false, List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2)), -1);
        assertEquals(Win32Error.ERROR_NOT_ALL_ASSIGNED.code(), r.win32Error());
    }

    @Test // R56
    @SuppressWarnings("unchecked")
    void adjustTokenPrivileges_disableAll_clearsEnabledEverywhere() {
        Handle p = processToken(TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES);
        ok(backend.adjustTokenPrivileges(p, true, null, -1));
        List<TokenPrivilege> privileges = query(backend, p, TokenInformationClass.TokenPrivileges, List.class);
        assertTrue(privileges.stream().noneMatch(TokenPrivilege::enabled));
    }

    @Test // R58
    void setTokenInformation_ownerAndPrimaryGroupNotInToken_invalidOwnerAndPrimaryGroup() {
        Handle p = processToken(TOKEN_QUERY | TOKEN_ADJUST_DEFAULT);
        fails(NtStatus.STATUS_INVALID_OWNER, backend.setTokenInformation(p, TokenInformationClass.TokenOwner, Sid.EVERYONE));
        fails(NtStatus.STATUS_INVALID_PRIMARY_GROUP,
                backend.setTokenInformation(p, TokenInformationClass.TokenPrimaryGroup, Sid.LOCAL_SYSTEM));
        ok(backend.setTokenInformation(p, TokenInformationClass.TokenPrimaryGroup, Sid.EVERYONE));
        assertEquals(Sid.EVERYONE, query(backend, p, TokenInformationClass.TokenPrimaryGroup, Sid.class));
    }

    @Test // R58
    void setTokenInformation_raiseIntegrityWithoutRelabel_privilegeNotHeldButLoweringWorks() {
        Handle p = processToken(TOKEN_QUERY | TOKEN_ADJUST_DEFAULT);
        fails(NtStatus.STATUS_PRIVILEGE_NOT_HELD,
                backend.setTokenInformation(p, TokenInformationClass.TokenIntegrityLevel, Sid.HIGH_LABEL));
        ok(backend.setTokenInformation(p, TokenInformationClass.TokenIntegrityLevel, Sid.LOW_LABEL));
        assertEquals(Sid.LOW_LABEL, query(backend, p, TokenInformationClass.TokenIntegrityLevel, TokenGroup.class).sid());
    }

    @Test // R58
    void setTokenInformation_sessionIdWithoutTcb_privilegeNotHeld() {
        Handle p = processToken(TOKEN_ALL_ACCESS);
        fails(NtStatus.STATUS_PRIVILEGE_NOT_HELD, backend.setTokenInformation(p, TokenInformationClass.TokenSessionId, 2));
        Handle noSessionRight = processToken(TOKEN_ADJUST_DEFAULT);
        fails(NtStatus.STATUS_ACCESS_DENIED,
                backend.setTokenInformation(noSessionRight, TokenInformationClass.TokenSessionId, 2));
        ModelBackend system = ModelBackend.create(ModelConfiguration.localSystem());
        Handle s = ok(system.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_ALL_ACCESS));
        ok(system.setTokenInformation(s, TokenInformationClass.TokenSessionId, 2));
        assertEquals(2, query(system, s, TokenInformationClass.TokenSessionId, Integer.class));
    }
}
