package io.github.tokenbridge.jna;

import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
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
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live tests of the jna backend's SPI against the real advapi32/ntdll/kernel32 (standard user or elevated). */
@EnabledOnOs(OS.WINDOWS)
class JnaBackendLiveTest {

    static final int TOKEN_DUPLICATE = 0x2;
    static final int TOKEN_IMPERSONATE = 0x4;
    static final int TOKEN_QUERY = 0x8;
    static final int TOKEN_ADJUST_PRIVILEGES = 0x20;
    static final int TOKEN_ADJUST_DEFAULT = 0x80;
    static final int MAXIMUM_ALLOWED = 0x02000000;

    private JnaBackend backend;
    private final List<Handle> opened = new ArrayList<>();

    @BeforeEach
    void open() {
        backend = JnaBackend.create();
    }

    @AfterEach
    void closeAll() {
        backend.revertToSelf();
        for (Handle handle : opened) {
            assertTrue(backend.closeHandle(handle).succeeded(), "close " + handle);
        }
        backend.close();
    }

    private Handle keep(Result<Handle> result) {
        assertTrue(result.succeeded(), result.toString());
        opened.add(result.value());
        return result.value();
    }

    private Handle processToken(int access) {
        return keep(backend.openProcessToken(Handle.CURRENT_PROCESS, access));
    }

    private Object info(Handle token, TokenInformationClass infoClass) {
        Result<TokenInformation> result = backend.getTokenInformation(token, infoClass, -1);
        assertTrue(result.succeeded(), infoClass + ": " + result);
        return result.value().value();
    }

    @Test
    void getTokenInformation_processToken_isPrimaryWithUserAndStatistics() { // R1, R5
        Handle token = processToken(TOKEN_QUERY);
        assertEquals(TokenType.PRIMARY, info(token, TokenInformationClass.TokenType));
        TokenGroup user = (TokenGroup) info(token, TokenInformationClass.TokenUser);
        assertTrue(user.sid().toString().startsWith("S-1-5-"), user.toString());
        TokenStatistics statistics = (TokenStatistics) info(token, TokenInformationClass.TokenStatistics);
        assertEquals(TokenType.PRIMARY, statistics.type());
        assertTrue(statistics.groupCount() > 0);
        assertTrue(backend.getCurrentProcessId() > 0 && backend.getCurrentThreadId() > 0);
    }

    @Test
    void getTokenInformation_zeroLength_failsWithInsufficientBufferAndRequiredLength() { // R59
        Handle token = processToken(TOKEN_QUERY);
        Result<TokenInformation> result = backend.getTokenInformation(token, TokenInformationClass.TokenGroups, 0);
        assertEquals(Win32Error.ERROR_INSUFFICIENT_BUFFER.code(), result.win32Error());
        assertTrue(result.value().returnLength() > 8);
    }

    @Test
    void getTokenInformation_fixedClassWrongLength_failsWithBadLength() { // R59
        Handle token = processToken(TOKEN_QUERY);
        assertEquals(Win32Error.ERROR_BAD_LENGTH.code(),
                backend.getTokenInformation(token, TokenInformationClass.TokenType, 3).win32Error());
        assertEquals(NtStatus.STATUS_INFO_LENGTH_MISMATCH.code(),
                backend.ntQueryInformationToken(token, TokenInformationClass.TokenType, 3).ntStatus().getAsInt());
    }

    @Test
    void ntQueryInformationToken_user_equalsGetTokenInformation() {
        Handle token = processToken(TOKEN_QUERY);
        assertEquals(info(token, TokenInformationClass.TokenUser),
                backend.ntQueryInformationToken(token, TokenInformationClass.TokenUser, -1).value().value());
    }

    @Test
    void openThreadToken_notImpersonating_failsWithNoToken() { // R27
        assertEquals(Win32Error.ERROR_NO_TOKEN.code(), backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_QUERY, true).win32Error());
        Result<Handle> nt = backend.ntOpenThreadTokenEx(Handle.CURRENT_THREAD, TOKEN_QUERY, true, 0);
        assertEquals(NtStatus.STATUS_NO_TOKEN.code(), nt.ntStatus().getAsInt());
    }

    @Test
    void impersonateSelf_impersonation_threadTokenHasThatLevelUntilRevert() { // R20, R27
        assertTrue(backend.impersonateSelf(ImpersonationLevel.IMPERSONATION).succeeded());
        Handle token = keep(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_QUERY, true));
        assertEquals(ImpersonationLevel.IMPERSONATION, info(token, TokenInformationClass.TokenImpersonationLevel));
        assertTrue(backend.revertToSelf().succeeded());
        assertEquals(Win32Error.ERROR_NO_TOKEN.code(), backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_QUERY, true).win32Error());
    }

    @Test
    void duplicateToken_identification_grantsExactlyQueryAndImpersonate() { // R52
        Handle source = processToken(TOKEN_DUPLICATE);
        Handle duplicate = keep(backend.duplicateToken(source, ImpersonationLevel.IDENTIFICATION));
        assertEquals(TOKEN_QUERY | TOKEN_IMPERSONATE, backend.queryGrantedAccess(duplicate).value());
        assertEquals(ImpersonationLevel.IDENTIFICATION, info(duplicate, TokenInformationClass.TokenImpersonationLevel));
    }

    @Test
    void duplicateTokenEx_raisingAnonymousToIdentification_failsWithBadImpersonationLevel() { // R53
        Handle source = processToken(TOKEN_DUPLICATE);
        Handle anonymous = keep(backend.duplicateTokenEx(source, TOKEN_DUPLICATE | TOKEN_QUERY, null, ImpersonationLevel.ANONYMOUS,
                TokenType.IMPERSONATION));
        Result<Handle> raised = backend.duplicateTokenEx(anonymous, 0, null, ImpersonationLevel.IDENTIFICATION, TokenType.IMPERSONATION);
        assertEquals(Win32Error.ERROR_BAD_IMPERSONATION_LEVEL.code(), raised.win32Error());
    }

    @Test
    void ntDuplicateToken_withoutQualityOfService_producesAnonymousLevel() { // R53
        Handle source = processToken(TOKEN_DUPLICATE);
        Handle duplicate = keep(backend.ntDuplicateToken(source, TOKEN_QUERY, null, false, TokenType.IMPERSONATION));
        assertEquals(ImpersonationLevel.ANONYMOUS, info(duplicate, TokenInformationClass.TokenImpersonationLevel));
    }

    @Test
    void checkTokenMembership_primaryToken_failsWithNoImpersonationToken() { // R60
        Handle token = processToken(TOKEN_QUERY);
        assertEquals(Win32Error.ERROR_NO_IMPERSONATION_TOKEN.code(), backend.checkTokenMembership(token, Sid.EVERYONE).win32Error());
        assertEquals(true, backend.checkTokenMembership(Handle.NULL, Sid.EVERYONE).value());
    }

    @Test
    void privilegeCheck_identificationToken_changeNotifyIsHeld() { // R61, R64
        Handle duplicate = keep(backend.duplicateToken(processToken(TOKEN_DUPLICATE), ImpersonationLevel.IDENTIFICATION));
        assertTrue(backend.privilegeCheck(duplicate, List.of(Privilege.SeChangeNotifyPrivilege.luid()), true).value().held());
    }

    @Test
    void accessCheck_nullAndEmptyDacl_grantEverythingAndNothing() { // R63
        Handle duplicate = keep(backend.duplicateToken(processToken(TOKEN_DUPLICATE), ImpersonationLevel.IDENTIFICATION));
        Sid owner = ((TokenGroup) info(duplicate, TokenInformationClass.TokenUser)).sid();
        var granted = backend.accessCheck(SecurityDescriptor.withNullDacl(owner, owner), duplicate, MAXIMUM_ALLOWED,
                GenericMapping.FILE, -1).value();
        assertTrue(granted.accessStatus());
        assertEquals(GenericMapping.FILE.genericAll(), granted.grantedAccess());
        Sid other = Sid.parse("S-1-5-21-1-2-3-4");
        var denied = backend.accessCheck(SecurityDescriptor.of(other, other, Acl.EMPTY), duplicate, 1, GenericMapping.FILE, -1);
        assertTrue(denied.succeeded());
        assertFalse(denied.value().accessStatus());
        assertEquals(Win32Error.ERROR_ACCESS_DENIED.code(), denied.value().denialError());
    }

    @Test
    void adjustTokenPrivileges_privilegeNotInToken_succeedsWithNotAllAssigned() { // R56
        Handle token = keep(backend.duplicateTokenEx(processToken(TOKEN_DUPLICATE), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, null,
                ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        var result = backend.adjustTokenPrivileges(token, false, List.of(TokenPrivilege.of(Privilege.SeTcbPrivilege, 2)), -1);
        assertTrue(result.succeeded());
        assertEquals(Win32Error.ERROR_NOT_ALL_ASSIGNED.code(), result.win32Error());
    }

    @Test
    void setTokenInformation_lowerIntegrity_readsBackLowLabel() { // R58
        Handle token = keep(backend.duplicateTokenEx(processToken(TOKEN_DUPLICATE), TOKEN_ADJUST_DEFAULT | TOKEN_QUERY, null,
                ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        assertTrue(backend.setTokenInformation(token, TokenInformationClass.TokenIntegrityLevel, Sid.LOW_LABEL).succeeded());
        assertEquals(Sid.LOW_LABEL, ((TokenGroup) info(token, TokenInformationClass.TokenIntegrityLevel)).sid());
    }

    @Test
    void createRestrictedToken_restrictingSid_hasRestrictions() {
        Handle token = keep(backend.createRestrictedToken(processToken(TOKEN_DUPLICATE | TOKEN_QUERY), 0, List.of(), List.of(),
                List.of(Sid.EVERYONE)));
        assertEquals(true, info(token, TokenInformationClass.TokenHasRestrictions));
        @SuppressWarnings("unchecked") List<TokenGroup> restricted = (List<TokenGroup>) info(token, TokenInformationClass.TokenRestrictedSids);
        assertEquals(Sid.EVERYONE, restricted.get(0).sid());
    }

    @Test
    void closeHandle_invalidHandle_failsWithInvalidHandle() {
        assertEquals(Win32Error.ERROR_INVALID_HANDLE.code(), backend.closeHandle(new Handle(0x7FFC)).win32Error());
        assertEquals(NtStatus.STATUS_INVALID_HANDLE.code(), backend.ntClose(new Handle(0x7FFC)).ntStatus().getAsInt());
    }
}
