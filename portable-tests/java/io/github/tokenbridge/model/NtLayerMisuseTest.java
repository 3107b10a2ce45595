package io.github.tokenbridge.model;

import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.PrivilegeAttribute;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PrivilegeCheckResult;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.nt.NtLayer;
import io.github.tokenbridge.model.nt.NtThreadImpersonation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.tokenbridge.model.ModelAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Misuse of the Nt layer that the scenario language cannot express: information lengths, NULL
 * NewState pointers, an empty generic mapping (R90, R94; the ReactOS apitests written against Windows).
 */
class NtLayerMisuseTest {

    private static final int TOKEN_ADJUST_GROUPS = 0x0040;
    private static final int READ_CONTROL = 0x00020000;
    private static final int WRITE_DAC = 0x00040000;

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
    private final NtLayer nt = new NtLayer(ModelInternals.kernelServices(backend.world()));

    private ThreadObject caller() {
        return backend.world().caller();
    }

    private Handle duplicate(int access, TokenType type) {
        Handle process = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_DUPLICATE));
        return ok(backend.duplicateTokenEx(process, access, null, ImpersonationLevel.IMPERSONATION, type));
    }

    @Test
    @DisplayName("R90 d: NtSetInformationThread checks the length before it references the thread handle")
    void ntSetInformationThread_wrongLength_beforeTheThreadHandle() {
        fails(NtStatus.STATUS_INFO_LENGTH_MISMATCH, nt.impersonation().setImpersonationToken(caller(), 0, 0, 0));
        fails(NtStatus.STATUS_INFO_LENGTH_MISMATCH, nt.impersonation().setImpersonationToken(caller(), 0, 0, 4));
        fails(NtStatus.STATUS_INFO_LENGTH_MISMATCH,
                nt.impersonation().setImpersonationToken(caller(), Handle.CURRENT_THREAD.value(), 0, 16));
        fails(NtStatus.STATUS_INVALID_HANDLE,
                nt.impersonation().setImpersonationToken(caller(), 0, 0, NtThreadImpersonation.HANDLE_SIZE));
        ok(nt.impersonation().setImpersonationToken(caller(), Handle.CURRENT_THREAD.value(), 0, NtThreadImpersonation.HANDLE_SIZE));
    }

    @Test
    @DisplayName("R94 a: AdjustTokenGroups with a NULL NewState needs ResetToDefault (R-APIT NtAdjustGroupsToken.c)")
    void adjustTokenGroups_nullNewState_invalidParameterUnlessReset() {
        Handle token = duplicate(TOKEN_ALL_ACCESS, TokenType.PRIMARY);
        Handle groupsOnly = ok(backend.duplicateHandle(token, TOKEN_ADJUST_GROUPS, 0));
        fails(NtStatus.STATUS_INVALID_PARAMETER, backend.adjustTokenGroups(groupsOnly, false, null, -1));
        ok(backend.adjustTokenGroups(groupsOnly, true, null, -1));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.adjustTokenGroups(Handle.NULL, true, null, -1));
        Handle duplicateOnly = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_DUPLICATE));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.adjustTokenGroups(duplicateOnly, true, null, -1));
    }

    @Test
    @DisplayName("R94 a: the NULL-NewState check comes first (ReactOS order, IMPL)")
    void adjustCalls_nullNewStateWithABadHandle_invalidParameter() {
        fails(NtStatus.STATUS_INVALID_PARAMETER, backend.adjustTokenGroups(Handle.NULL, false, null, -1));
        fails(NtStatus.STATUS_INVALID_PARAMETER, backend.adjustTokenPrivileges(Handle.NULL, false, null, -1));
    }

    @Test
    @DisplayName("R94 a, R56: AdjustTokenPrivileges with a NULL NewState needs DisableAllPrivileges, which ignores NewState")
    void adjustTokenPrivileges_nullNewState_invalidParameterUnlessDisableAll() throws Exception {
        Handle token = duplicate(TOKEN_ALL_ACCESS, TokenType.PRIMARY);
        fails(NtStatus.STATUS_INVALID_PARAMETER, backend.adjustTokenPrivileges(token, false, null, -1));
        ok(backend.adjustTokenPrivileges(token, true,
                List.of(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 2)), -1));
        List<?> privileges = query(backend, token, TokenInformationClass.TokenPrivileges, List.class);
        assertTrue(privileges.contains(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 1)),
                () -> "DisableAllPrivileges leaves only ENABLED_BY_DEFAULT: " + privileges);
        ok(backend.adjustTokenPrivileges(token, true, null, -1));
    }

    @Test
    @DisplayName("R90 a: NtQueryInformationToken references the handle before it looks at the length")
    void ntQueryInformationToken_badHandleWithShortBuffer_handleErrorFirst() {
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.ntQueryInformationToken(Handle.NULL, TokenInformationClass.TokenUser, 0));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.ntQueryInformationToken(Handle.NULL, TokenInformationClass.TokenType, 0));
        fails(NtStatus.STATUS_OBJECT_TYPE_MISMATCH,
                backend.ntQueryInformationToken(Handle.CURRENT_PROCESS, TokenInformationClass.TokenStatistics, 1));
        Handle noRights = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, 0));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.ntQueryInformationToken(noRights, TokenInformationClass.TokenSource, 0));
    }

    @Test
    @DisplayName("R63, R62: NtAccessCheck with an empty GENERIC_MAPPING still grants the owner (R-APIT NtAccessCheck.c)")
    void accessCheck_emptyMapping_ownerRightsStillGranted() {
        Handle impersonation = duplicate(TOKEN_QUERY | TOKEN_DUPLICATE, TokenType.IMPERSONATION);
        AccessCheckResult r = ok(backend.accessCheck(Sddl.parse("O:WDG:WDD:(A;;GA;;;WD)"), impersonation, MAXIMUM_ALLOWED,
                new GenericMapping(0, 0, 0, 0), -1));
        assertTrue(r.accessStatus(), () -> "access status: " + r);
        assertEquals(READ_CONTROL | WRITE_DAC, r.grantedAccess() & (READ_CONTROL | WRITE_DAC), () -> "granted: " + r);
    }

    @Test
    @DisplayName("R96: generic bits are refused before the token handle, its type, its level and the descriptor")
    void accessCheck_genericBits_refusedFirst() {
        SecurityDescriptor valid = Sddl.parse("O:S-1-5-21-1-2-3-4242G:S-1-5-21-1-2-3-513D:(A;;KA;;;WD)");
        SecurityDescriptor noOwner = Sddl.parse("D:(A;;KA;;;WD)");
        GenericMapping key = new GenericMapping(0x20019, 0x20006, 0x20019, 0xF003F);
        Handle process = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY | TOKEN_DUPLICATE));
        Handle anonymous = ok(backend.duplicateToken(process, ImpersonationLevel.ANONYMOUS));
        Handle noQuery = ok(backend.duplicateTokenEx(process, TOKEN_IMPERSONATE, null, ImpersonationLevel.IDENTIFICATION,
                TokenType.IMPERSONATION));
        int genericWrite = 0x40000000;
        fails(NtStatus.STATUS_GENERIC_NOT_MAPPED, backend.accessCheck(valid, anonymous, genericWrite, key, -1));
        fails(NtStatus.STATUS_GENERIC_NOT_MAPPED, backend.accessCheck(valid, process, genericWrite, key, -1));
        fails(NtStatus.STATUS_GENERIC_NOT_MAPPED, backend.accessCheck(valid, Handle.NULL, genericWrite, key, -1));
        fails(NtStatus.STATUS_GENERIC_NOT_MAPPED, backend.accessCheck(valid, noQuery, genericWrite, key, -1));
        fails(NtStatus.STATUS_GENERIC_NOT_MAPPED, backend.accessCheck(noOwner, anonymous, genericWrite | MAXIMUM_ALLOWED, key, -1));
        fails(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, backend.accessCheck(noOwner, anonymous, MAXIMUM_ALLOWED, key, -1));
        fails(NtStatus.STATUS_NO_IMPERSONATION_TOKEN, backend.accessCheck(noOwner, process, MAXIMUM_ALLOWED, key, -1));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.accessCheck(noOwner, Handle.NULL, MAXIMUM_ALLOWED, key, -1));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.accessCheck(valid, noQuery, MAXIMUM_ALLOWED, key, -1));
        Handle identification = ok(backend.duplicateToken(process, ImpersonationLevel.IDENTIFICATION));
        fails(NtStatus.STATUS_INVALID_SECURITY_DESCR, backend.accessCheck(noOwner, identification, MAXIMUM_ALLOWED, key, -1));
    }

    @Test
    @DisplayName("R96: the explanation of a refused generic mask names that precondition")
    void explainAccessCheck_genericBits_preconditionStep() {
        Handle process = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY | TOKEN_DUPLICATE));
        var trace = backend.world().explainAccessCheck(Sddl.parse("D:"), process, 0x80000000, new GenericMapping(1, 2, 4, 7));
        assertEquals(NtStatus.STATUS_GENERIC_NOT_MAPPED.code(), trace.ntStatus().orElseThrow());
        assertTrue(trace.value().toString().contains("GENERIC"), () -> "trace: " + trace.value());
    }

    @Test
    @DisplayName("R94 b: NtFilterToken with no flags and no lists makes a new token with the source handle's access")
    void filterToken_nothingToChange_newTokenSameAccess() {
        Handle source = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_DUPLICATE | TOKEN_QUERY));
        Handle filtered = ok(backend.createRestrictedToken(source, 0, List.of(), List.of(), List.of()));
        assertEquals(TOKEN_DUPLICATE | TOKEN_QUERY, ok(backend.queryGrantedAccess(filtered)));
        TokenStatistics before = query(backend, source, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        TokenStatistics after = query(backend, filtered, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        assertNotEquals(before.tokenId(), after.tokenId());
        assertEquals(before.authenticationId(), after.authenticationId());
        assertEquals(before.groupCount(), after.groupCount());
        assertEquals(before.privilegeCount(), after.privilegeCount());
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.createRestrictedToken(Handle.NULL, 0, List.of(), List.of(), List.of()));
    }

    @Test
    @DisplayName("R56, R61, R94 b: a LUID no privilege has is a privilege the token lacks (kmtests SeQueryInfoToken.c: zero LUIDs are not held)")
    void privilegeCalls_unknownLuids_treatedAsNotHeld() {
        Handle token = duplicate(TOKEN_ALL_ACCESS, TokenType.IMPERSONATION);
        Luid unknown = new Luid(0x7fff1234L);
        Luid zero = new Luid(0);
        assertTrue(Privilege.fromLuid(unknown).isEmpty());
        Result<AdjustResult<TokenPrivilege>> adjusted = backend.adjustTokenPrivileges(token, false,
                List.of(new TokenPrivilege(unknown, PrivilegeAttribute.ENABLED.mask())), -1);
        assertTrue(adjusted.succeeded());
        assertEquals(Win32Error.ERROR_NOT_ALL_ASSIGNED.code(), adjusted.win32Error(), adjusted::toString);
        PrivilegeCheckResult checked = ok(backend.privilegeCheck(token, List.of(zero, unknown), false));
        assertFalse(checked.held());
        assertEquals(List.of(new TokenPrivilege(zero, 0), new TokenPrivilege(unknown, 0)), checked.privileges());
        Handle filtered = ok(backend.createRestrictedToken(token, 0, List.of(), List.of(unknown, zero), List.of()));
        assertEquals(query(backend, token, TokenInformationClass.TokenPrivileges, List.class),
                query(backend, filtered, TokenInformationClass.TokenPrivileges, List.class));
    }

    @Test
    @DisplayName("R93 a: a query-only class is refused before the handle's rights are looked at (IMPL order)")
    void setTokenInformation_queryOnlyClass_invalidInfoClassEvenWithoutRights() {
        Handle noRights = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, 0));
        fails(NtStatus.STATUS_INVALID_INFO_CLASS, backend.setTokenInformation(noRights, TokenInformationClass.TokenType, 1));
        fails(NtStatus.STATUS_INVALID_INFO_CLASS, backend.setTokenInformation(Handle.NULL, TokenInformationClass.TokenStatistics, 0));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.setTokenInformation(noRights, TokenInformationClass.TokenDefaultDacl, null));
    }
}
