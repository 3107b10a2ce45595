package io.github.tokenbridge.model;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.tokenbridge.model.ModelAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/** Section 5 of docs/rules.md (duplication, R52-R55) through the SPI. */
class DuplicationRulesTest {

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());

    private Handle processToken(int access) {
        return ok(backend.openProcessToken(Handle.CURRENT_PROCESS, access));
    }

    @Test // R52
    void duplicateToken_withoutDuplicateRight_accessDenied() {
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.duplicateToken(processToken(TOKEN_QUERY), ImpersonationLevel.IMPERSONATION));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.ntDuplicateToken(processToken(TOKEN_QUERY), 0, null, false, TokenType.PRIMARY));
    }

    @Test // R52
    void duplicateTokenEx_desiredAccess_zeroSameAsSourceMaximumAllAndQuerySourceAlone() {
        Handle source = processToken(TOKEN_DUPLICATE | TOKEN_QUERY);
        Handle zero = ok(backend.duplicateTokenEx(source, 0, null, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        assertEquals(TOKEN_DUPLICATE | TOKEN_QUERY, ok(backend.queryGrantedAccess(zero)));
        Handle max = ok(backend.duplicateTokenEx(source, MAXIMUM_ALLOWED, null, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        assertEquals(TOKEN_ALL_ACCESS, ok(backend.queryGrantedAccess(max)));
        Handle qs = ok(backend.duplicateTokenEx(source, TOKEN_QUERY_SOURCE, null, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        assertEquals(TOKEN_QUERY_SOURCE, ok(backend.queryGrantedAccess(qs)));
    }

    @Test // R52
    void duplicateToken_result_exactlyQueryAndImpersonate() {
        Handle d = ok(backend.duplicateToken(processToken(TOKEN_DUPLICATE), ImpersonationLevel.IDENTIFICATION));
        assertEquals(TOKEN_QUERY | TOKEN_IMPERSONATE, ok(backend.queryGrantedAccess(d)));
    }

    @Test // R53
    void duplicateTokenEx_raisingImpersonationLevel_badImpersonationLevel() {
        Handle anon = ok(backend.duplicateTokenEx(processToken(TOKEN_DUPLICATE), TOKEN_ALL_ACCESS, null,
                ImpersonationLevel.ANONYMOUS, TokenType.IMPERSONATION));
        fails(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL,
                backend.duplicateTokenEx(anon, TOKEN_ALL_ACCESS, null, ImpersonationLevel.IDENTIFICATION, TokenType.IMPERSONATION));
        ok(backend.duplicateTokenEx(anon, TOKEN_ALL_ACCESS, null, ImpersonationLevel.ANONYMOUS, TokenType.IMPERSONATION));
    }

    @Test // R53
    void duplicateTokenEx_identificationToPrimary_badImpersonationLevel() {
        Handle ident = ok(backend.duplicateTokenEx(processToken(TOKEN_DUPLICATE), TOKEN_ALL_ACCESS, null,
                ImpersonationLevel.IDENTIFICATION, TokenType.IMPERSONATION));
        fails(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL,
                backend.duplicateTokenEx(ident, TOKEN_ALL_ACCESS, null, ImpersonationLevel.IMPERSONATION, TokenType.PRIMARY));
        Handle imp = ok(backend.duplicateTokenEx(processToken(TOKEN_DUPLICATE), TOKEN_ALL_ACCESS, null,
                ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        ok(backend.duplicateTokenEx(imp, TOKEN_ALL_ACCESS, null, ImpersonationLevel.ANONYMOUS, TokenType.PRIMARY));
    }

    @Test // R53
    void ntDuplicateToken_withoutQualityOfService_anonymousLevel() {
        Handle d = ok(backend.ntDuplicateToken(processToken(TOKEN_DUPLICATE), TOKEN_ALL_ACCESS, null, false, TokenType.IMPERSONATION));
        assertEquals(ImpersonationLevel.ANONYMOUS, query(backend, d, TokenInformationClass.TokenImpersonationLevel, ImpersonationLevel.class));
    }

    @Test // R54
    @SuppressWarnings("unchecked")
    void duplicateTokenEx_copy_newTokenIdSameIdsAndDisabledPrivilegeStaysDisabled() {
        Handle p = processToken(TOKEN_ALL_ACCESS);
        ok(backend.adjustTokenPrivileges(p, false, List.of(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 0)), -1));
        TokenStatistics source = query(backend, p, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        Handle d = ok(backend.duplicateTokenEx(p, TOKEN_ALL_ACCESS, null, ImpersonationLevel.IMPERSONATION, TokenType.PRIMARY));
        TokenStatistics copy = query(backend, d, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        assertNotEquals(source.tokenId(), copy.tokenId());
        assertEquals(source.authenticationId(), copy.authenticationId());
        assertEquals(source.modifiedId(), copy.modifiedId());
        assertEquals(query(backend, p, TokenInformationClass.TokenGroups, List.class), query(backend, d, TokenInformationClass.TokenGroups, List.class));
        List<TokenPrivilege> privileges = query(backend, d, TokenInformationClass.TokenPrivileges, List.class);
        assertTrue(privileges.contains(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 1)));
        assertEquals(query(backend, p, TokenInformationClass.TokenOrigin, io.github.tokenbridge.Luid.class),
                query(backend, d, TokenInformationClass.TokenOrigin, io.github.tokenbridge.Luid.class));
    }

    @Test // R55
    @SuppressWarnings("unchecked")
    void ntDuplicateToken_effectiveOnly_dropsDisabledPrivilegesAndGroupsNeverUser() {
        Handle p = processToken(TOKEN_ALL_ACCESS);
        ok(backend.adjustTokenPrivileges(p, false, List.of(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 0)), -1));
        Handle d = ok(backend.ntDuplicateToken(p, TOKEN_ALL_ACCESS, ImpersonationLevel.IMPERSONATION, true, TokenType.IMPERSONATION));
        assertTrue(((List<TokenPrivilege>) query(backend, d, TokenInformationClass.TokenPrivileges, List.class)).isEmpty());
        List<TokenGroup> groups = query(backend, d, TokenInformationClass.TokenGroups, List.class);
        assertTrue(groups.stream().allMatch(g -> g.enabled() || (g.attributes() & 0x20) != 0));
        assertEquals(backend.world().configuration().user(), query(backend, d, TokenInformationClass.TokenUser, TokenGroup.class).sid());
    }

    @Test // R55 (and ReactOS): a deny-only group is not enabled, so EffectiveOnly drops it (unverified on Windows)
    @SuppressWarnings("unchecked")
    void ntDuplicateToken_effectiveOnlyFilteredAdmin_denyOnlyAdministratorsDropped() {
        ModelBackend admin = ModelBackend.create(ModelConfiguration.filteredAdmin());
        Handle p = ok(admin.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_DUPLICATE));
        Handle d = ok(admin.ntDuplicateToken(p, TOKEN_QUERY, ImpersonationLevel.IMPERSONATION, true, TokenType.IMPERSONATION));
        List<TokenGroup> groups = query(admin, d, TokenInformationClass.TokenGroups, List.class);
        assertTrue(groups.stream().noneMatch(g -> g.sid().equals(io.github.tokenbridge.Sid.BUILTIN_ADMINISTRATORS)),
                groups.toString());
    }
}
