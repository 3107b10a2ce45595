package io.github.tokenbridge.model;


import io.github.tokenbridge.Acl;
import io.github.tokenbridge.Ace;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
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
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.tokenbridge.model.ModelAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/** Sections 2 and 3 of docs/rules.md (effective token, opening tokens; R16-R34) through the SPI. */
class OpeningTokensRulesTest {

    private static final int PROCESS_QUERY_INFORMATION = 0x0400;
    private static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    private static final int THREAD_QUERY_INFORMATION = 0x0040;
    private static final int THREAD_QUERY_LIMITED_INFORMATION = 0x0800;

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());

    private Handle processToken(int access) {
        return ok(backend.openProcessToken(Handle.CURRENT_PROCESS, access));
    }

    private Handle otherUserImpersonationToken() {
        Handle other = ok(backend.world().logon(LogonPrincipal.OTHER, LogonType.INTERACTIVE, LogonOrigin.SELF));
        return ok(backend.duplicateTokenEx(other, TOKEN_ALL_ACCESS, null, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
    }

    @Test // R16, R24
    void openProcessToken_whileImpersonatingOtherUser_checkedUnderImpersonationToken() {
        Handle other = otherUserImpersonationToken();
        ok(backend.impersonateLoggedOnUser(other));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
        ok(backend.revertToSelf());
        ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
    }

    @Test // R17
    void createThread_whileCreatorImpersonates_newThreadDoesNotImpersonate() throws Exception {
        ok(backend.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        ModelThread thread = ok(backend.world().createThread(Handle.CURRENT_PROCESS));
        assertFalse(thread.isImpersonating());
        backend.world().runAs(thread, () -> {
            fails(NtStatus.STATUS_NO_TOKEN, backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_QUERY, true));
            return null;
        });
        ok(backend.revertToSelf());
    }

    @Test // R18
    void createProcess_pseudoProcessToken_invalidHandle() {
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.world().createProcess(Handle.CURRENT_PROCESS_TOKEN));
    }

    @Test // R18
    void createProcess_whileImpersonating_childGetsGivenPrimaryToken() {
        Handle logon = ok(backend.world().logon(LogonPrincipal.SELF, LogonType.INTERACTIVE, LogonOrigin.SELF));
        TokenStatistics expected = query(backend, logon, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        ok(backend.impersonateLoggedOnUser(otherUserImpersonationToken()));
        Handle process = ok(backend.world().createProcess(logon));
        ok(backend.revertToSelf());
        Handle childToken = ok(backend.openProcessToken(process, TOKEN_QUERY));
        assertEquals(expected.tokenId(), query(backend, childToken, TokenInformationClass.TokenStatistics, TokenStatistics.class).tokenId());
    }

    @Test // R18, R15
    void createProcess_nullTokenWhileImpersonatingOtherUser_childGetsNewDuplicateOfProcessToken() {
        TokenStatistics parent = query(backend, processToken(TOKEN_QUERY), TokenInformationClass.TokenStatistics, TokenStatistics.class);
        Handle other = otherUserImpersonationToken();
        Sid otherUser = query(backend, other, TokenInformationClass.TokenUser, TokenGroup.class).sid();
        ok(backend.impersonateLoggedOnUser(other));
        Handle process = ok(backend.world().createProcess(Handle.NULL));
        assertTrue(backend.world().currentThread().isImpersonating(), "creating a process leaves impersonation alone");
        // R15: the new token object's default security comes from the creator's effective token (the
        // impersonated user), so the creator opens it while impersonating and not after reverting
        Handle childToken = ok(backend.openProcessToken(process, TOKEN_QUERY));
        ok(backend.revertToSelf());
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.openProcessToken(process, TOKEN_QUERY));
        Sid childUser = query(backend, childToken, TokenInformationClass.TokenUser, TokenGroup.class).sid();
        assertEquals(backend.world().configuration().user(), childUser);
        assertNotEquals(otherUser, childUser);
        TokenStatistics child = query(backend, childToken, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        assertNotEquals(parent.tokenId(), child.tokenId(), "a new token object");
        assertEquals(parent.authenticationId(), child.authenticationId());
        assertEquals(parent.modifiedId(), child.modifiedId());
        assertEquals(parent.groupCount(), child.groupCount());
        assertEquals(parent.privilegeCount(), child.privilegeCount());
        assertEquals(TokenType.PRIMARY, child.type());
    }

    @Test // R18
    void createProcess_nullTokenTwice_eachChildGetsItsOwnNewToken() {
        // the caller's process token is already in use by its own process: assigning it would fail (R13)
        Luid parent = query(backend, processToken(TOKEN_QUERY), TokenInformationClass.TokenStatistics, TokenStatistics.class).tokenId();
        Handle first = ok(backend.openProcessToken(ok(backend.world().createProcess(Handle.NULL)), TOKEN_QUERY));
        Handle second = ok(backend.openProcessToken(ok(backend.world().createProcess(Handle.NULL)), TOKEN_QUERY));
        Luid firstId = query(backend, first, TokenInformationClass.TokenStatistics, TokenStatistics.class).tokenId();
        Luid secondId = query(backend, second, TokenInformationClass.TokenStatistics, TokenStatistics.class).tokenId();
        assertEquals(3, java.util.Set.of(parent, firstId, secondId).size());
    }

    @Test // R19
    void pseudoTokenHandles_queriesWorkButCannotDuplicateAndMinus5WithoutImpersonationIsNoToken() {
        TokenStatistics opened = query(backend, processToken(TOKEN_QUERY), TokenInformationClass.TokenStatistics, TokenStatistics.class);
        assertEquals(opened, query(backend, Handle.CURRENT_PROCESS_TOKEN, TokenInformationClass.TokenStatistics, TokenStatistics.class));
        assertEquals(opened, query(backend, Handle.CURRENT_THREAD_EFFECTIVE_TOKEN, TokenInformationClass.TokenStatistics, TokenStatistics.class));
        fails(NtStatus.STATUS_NO_TOKEN, backend.getTokenInformation(Handle.CURRENT_THREAD_TOKEN, TokenInformationClass.TokenUser, -1));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.duplicateToken(Handle.CURRENT_PROCESS_TOKEN, ImpersonationLevel.IMPERSONATION));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.duplicateHandle(Handle.CURRENT_PROCESS_TOKEN, TOKEN_QUERY, 0));
    }

    @Test // R19
    void pseudoThreadToken_whileImpersonating_refersToThreadToken() {
        ok(backend.impersonateSelf(ImpersonationLevel.IDENTIFICATION));
        assertEquals(TokenType.IMPERSONATION, query(backend, Handle.CURRENT_THREAD_TOKEN, TokenInformationClass.TokenType, TokenType.class));
        assertEquals(TokenType.IMPERSONATION, query(backend, Handle.CURRENT_THREAD_EFFECTIVE_TOKEN, TokenInformationClass.TokenType, TokenType.class));
        ok(backend.revertToSelf());
    }

    @Test // R20
    void openProcessToken_impersonatingAtIdentificationOrAnonymous_badImpersonationLevel() {
        for (ImpersonationLevel low : List.of(ImpersonationLevel.ANONYMOUS, ImpersonationLevel.IDENTIFICATION)) {
            ok(backend.impersonateSelf(low));
            fails(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
            ok(backend.revertToSelf());
        }
        ok(backend.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
        ok(backend.revertToSelf());
    }

    @Test // R21
    void duplicateHandle_moreAccessWhileImpersonatingOther_checkedAgainstThreadToken() {
        Handle queryOnly = processToken(TOKEN_QUERY);
        ok(backend.duplicateHandle(queryOnly, TOKEN_QUERY, 0));
        ok(backend.impersonateLoggedOnUser(otherUserImpersonationToken()));
        ok(backend.duplicateHandle(queryOnly, TOKEN_QUERY, 0));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.duplicateHandle(queryOnly, TOKEN_QUERY | TOKEN_DUPLICATE, 0));
        ok(backend.revertToSelf());
        assertEquals(TOKEN_QUERY | TOKEN_DUPLICATE,
                ok(backend.queryGrantedAccess(ok(backend.duplicateHandle(queryOnly, TOKEN_QUERY | TOKEN_DUPLICATE, 0)))));
    }

    @Test // R22
    void openProcessToken_processHandleRights_limitedInformationSufficesOthersDenied() {
        int pid = backend.getCurrentProcessId();
        Handle limited = ok(backend.openProcess(PROCESS_QUERY_LIMITED_INFORMATION, pid));
        ok(backend.openProcessToken(limited, TOKEN_QUERY));
        Handle full = ok(backend.openProcess(PROCESS_QUERY_INFORMATION, pid));
        ok(backend.openProcessToken(full, TOKEN_QUERY));
        Handle none = ok(backend.openProcess(0x0001, pid));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.openProcessToken(none, TOKEN_QUERY));
    }

    @Test // R22: a handle granted PROCESS_QUERY_INFORMATION also holds the limited right
    void openProcessToken_duplicatedQueryInformationHandle_succeedsWithImpliedLimitedRight() {
        Handle full = ok(backend.duplicateHandle(Handle.CURRENT_PROCESS, PROCESS_QUERY_INFORMATION, 0));
        assertEquals(PROCESS_QUERY_INFORMATION | PROCESS_QUERY_LIMITED_INFORMATION, ok(backend.queryGrantedAccess(full)));
        ok(backend.openProcessToken(full, TOKEN_QUERY));
    }

    @Test // R12 (process and thread objects): the generic mappings W-SEC test_process_access / test_thread_security assert
    void duplicateHandle_genericRights_mapThroughTheProcessAndThreadMappings() {
        int synchronize = 0x00100000;
        int readControl = 0x00020000;
        int processTerminate = 0x0001;
        Handle execute = ok(backend.duplicateHandle(Handle.CURRENT_PROCESS, 0x20000000, 0)); // GENERIC_EXECUTE
        assertEquals(synchronize | readControl | PROCESS_QUERY_LIMITED_INFORMATION | processTerminate,
                ok(backend.queryGrantedAccess(execute)));
        ok(backend.openProcessToken(execute, TOKEN_QUERY));
        Handle read = ok(backend.duplicateHandle(Handle.CURRENT_PROCESS, 0x80000000, 0)); // GENERIC_READ
        assertEquals(readControl | PROCESS_QUERY_INFORMATION | 0x0010 | PROCESS_QUERY_LIMITED_INFORMATION,
                ok(backend.queryGrantedAccess(read)));
        Handle threadExecute = ok(backend.duplicateHandle(Handle.CURRENT_THREAD, 0x20000000, 0));
        assertEquals(synchronize | readControl | THREAD_QUERY_LIMITED_INFORMATION | 0x1000, // THREAD_RESUME
                ok(backend.queryGrantedAccess(threadExecute)));
    }

    @Test // R22
    void openProcessToken_badHandles_invalidHandleAndTypeMismatch() {
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.openProcessToken(Handle.NULL, TOKEN_QUERY));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.openProcessToken(new Handle(0x7FF0), TOKEN_QUERY));
        fails(NtStatus.STATUS_OBJECT_TYPE_MISMATCH, backend.openProcessToken(Handle.CURRENT_THREAD, TOKEN_QUERY));
        Handle token = processToken(TOKEN_QUERY);
        fails(NtStatus.STATUS_OBJECT_TYPE_MISMATCH, backend.openProcessToken(token, TOKEN_QUERY));
        ok(backend.closeHandle(token));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.getTokenInformation(token, TokenInformationClass.TokenUser, -1));
    }

    @Test // R23
    @SuppressWarnings("unchecked")
    void openProcessToken_twice_sameObjectAndChangesVisibleThroughBoth() {
        Handle a = processToken(TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES);
        Handle b = processToken(TOKEN_QUERY);
        ok(backend.adjustTokenPrivileges(a, false, List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2)), -1));
        List<TokenPrivilege> seen = query(backend, b, TokenInformationClass.TokenPrivileges, List.class);
        assertTrue(seen.contains(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2)));
    }

    @Test // R24
    void openProcessToken_zeroAccess_handleWithNoRights() {
        Handle h = processToken(0);
        assertEquals(0, ok(backend.queryGrantedAccess(h)));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.getTokenInformation(h, TokenInformationClass.TokenUser, -1));
    }

    @Test // R25
    void openProcessToken_accessSystemSecurity_needsEnabledSeSecurityPrivilege() {
        fails(NtStatus.STATUS_PRIVILEGE_NOT_HELD, backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY | ACCESS_SYSTEM_SECURITY));
        ModelBackend admin = ModelBackend.create(ModelConfiguration.elevatedAdmin());
        fails(NtStatus.STATUS_PRIVILEGE_NOT_HELD, admin.openProcessToken(Handle.CURRENT_PROCESS, ACCESS_SYSTEM_SECURITY));
        Handle adjust = ok(admin.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_ADJUST_PRIVILEGES));
        ok(admin.adjustTokenPrivileges(adjust, false, List.of(TokenPrivilege.of(Privilege.SeSecurityPrivilege, 2)), -1));
        Handle h = ok(admin.openProcessToken(Handle.CURRENT_PROCESS, ACCESS_SYSTEM_SECURITY));
        assertEquals(ACCESS_SYSTEM_SECURITY, ok(admin.queryGrantedAccess(h)));
    }

    @Test // R26
    void ntOpenTokenEx_kernelHandleAttribute_droppedAndHandleIsPositiveMultipleOf4() {
        Handle h = ok(backend.ntOpenProcessTokenEx(Handle.CURRENT_PROCESS, TOKEN_QUERY, 0x200));
        assertTrue(h.value() > 0 && h.value() % 4 == 0);
        ok(backend.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        Handle t = ok(backend.ntOpenThreadTokenEx(Handle.CURRENT_THREAD, TOKEN_QUERY, false, 0x200));
        assertTrue(t.value() > 0 && t.value() % 4 == 0);
        ok(backend.revertToSelf());
    }

    @Test // R27
    void openThreadToken_notImpersonating_noTokenForEitherOpenAsSelfAndAnyAccess() {
        for (boolean self : new boolean[] {true, false}) {
            fails(NtStatus.STATUS_NO_TOKEN, backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_QUERY, self));
            fails(NtStatus.STATUS_NO_TOKEN, backend.ntOpenThreadTokenEx(Handle.CURRENT_THREAD, 0, self, 0));
            fails(NtStatus.STATUS_NO_TOKEN, backend.openThreadToken(Handle.CURRENT_THREAD, 0x00100000, self));
        }
    }

    @Test // R28
    void openThreadToken_anonymousLevel_cantOpenAnonymousWhateverAccess() {
        ok(backend.impersonateSelf(ImpersonationLevel.ANONYMOUS));
        for (boolean self : new boolean[] {true, false}) {
            fails(NtStatus.STATUS_CANT_OPEN_ANONYMOUS, backend.openThreadToken(Handle.CURRENT_THREAD, 0, self));
            fails(NtStatus.STATUS_CANT_OPEN_ANONYMOUS, backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_ALL_ACCESS, self));
        }
        ok(backend.revertToSelf());
    }

    @Test // R29
    void openThreadToken_identificationLevel_openAsSelfSucceedsOtherwiseBadLevel() {
        ok(backend.impersonateSelf(ImpersonationLevel.IDENTIFICATION));
        Handle h = ok(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_QUERY, true));
        assertEquals(ImpersonationLevel.IDENTIFICATION, query(backend, h, TokenInformationClass.TokenImpersonationLevel, ImpersonationLevel.class));
        fails(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_QUERY, false));
        assertTrue(backend.world().currentThread().isImpersonating(), "impersonation restored after OpenAsSelf");
        ok(backend.revertToSelf());
    }

    @Test // R30
    void openThreadToken_impersonationLevel_bothOpenAsSelfValuesSucceed() {
        ok(backend.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        ok(backend.openThreadToken(Handle.CURRENT_THREAD, 0x00020008, false));
        ok(backend.openThreadToken(Handle.CURRENT_THREAD, 0x00020008, true));
        ok(backend.revertToSelf());
    }

    @Test // R31
    void openThreadToken_threadHandleRights_queryInformationRequired() {
        ok(backend.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        int tid = backend.getCurrentThreadId();
        Handle limited = ok(backend.openThread(THREAD_QUERY_LIMITED_INFORMATION, tid));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.openThreadToken(limited, TOKEN_QUERY, true));
        Handle full = ok(backend.openThread(THREAD_QUERY_INFORMATION, tid));
        ok(backend.openThreadToken(full, TOKEN_QUERY, true));
        fails(NtStatus.STATUS_OBJECT_TYPE_MISMATCH, backend.openThreadToken(Handle.CURRENT_PROCESS, TOKEN_QUERY, true));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.openThreadToken(Handle.NULL, TOKEN_QUERY, true));
        ok(backend.revertToSelf());
    }

    @Test // R32
    void openThreadToken_noTokenCheckedBeforeThreadAccessIsNot() {
        Handle noRights = ok(backend.openThread(THREAD_QUERY_LIMITED_INFORMATION, backend.getCurrentThreadId()));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.openThreadToken(noRights, TOKEN_QUERY, true));
        fails(NtStatus.STATUS_NO_TOKEN, backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_ALL_ACCESS, true));
    }

    @Test // R32
    void openThreadToken_otherThreadsTokenWithOpenAsSelf_checkedUnderProcessToken() throws Exception {
        ModelThread worker = ok(backend.world().createThread(Handle.CURRENT_PROCESS));
        backend.world().runAs(worker, () -> ok(backend.impersonateSelf(ImpersonationLevel.IMPERSONATION)));
        Handle workerHandle = ok(backend.openThread(THREAD_QUERY_INFORMATION, worker.threadId()));
        ok(backend.impersonateSelf(ImpersonationLevel.IDENTIFICATION));
        fails(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, backend.openThreadToken(workerHandle, TOKEN_QUERY, false));
        ok(backend.openThreadToken(workerHandle, TOKEN_QUERY, true));
        ok(backend.revertToSelf());
    }

    @Test // R33, R44
    void openThreadToken_copyOnOpenAnonymous_returnsCopyThenSameCopy() {
        ok(backend.impersonateAnonymousToken(Handle.CURRENT_THREAD));
        Handle first = ok(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_ALL_ACCESS, true));
        Handle second = ok(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_QUERY, true));
        TokenStatistics a = query(backend, first, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        TokenStatistics b = query(backend, second, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        assertEquals(a.tokenId(), b.tokenId());
        assertEquals(Sid.ANONYMOUS_LOGON, query(backend, first, TokenInformationClass.TokenUser, TokenGroup.class).sid());
        assertEquals(io.github.tokenbridge.Luid.ANONYMOUS_LOGON, a.authenticationId());
        ok(backend.revertToSelf());
        ok(backend.impersonateAnonymousToken(Handle.CURRENT_THREAD));
        Handle third = ok(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_QUERY, true));
        assertNotEquals(a.tokenId(), query(backend, third, TokenInformationClass.TokenStatistics, TokenStatistics.class).tokenId());
        ok(backend.revertToSelf());
    }

    @Test // R34
    @SuppressWarnings("unchecked")
    void setThreadToken_notDowngraded_threadHoldsSuppliedObject() {
        Handle imp = ok(backend.duplicateTokenEx(processToken(TOKEN_DUPLICATE), TOKEN_ALL_ACCESS, null,
                ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        ok(backend.setThreadToken(null, imp));
        Handle thread = ok(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_ADJUST_PRIVILEGES, true));
        ok(backend.adjustTokenPrivileges(thread, false, List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2)), -1));
        List<TokenPrivilege> seen = query(backend, imp, TokenInformationClass.TokenPrivileges, List.class);
        assertTrue(seen.contains(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2)));
        ok(backend.revertToSelf());
    }

    @Test // R24
    void openProcessToken_childProcessTokenDaclGrantsOnlyQuery_otherRightsDenied() {
        SecurityDescriptor sd = SecurityDescriptor.of(null, null,
                Acl.of(Ace.allow(TOKEN_QUERY | TOKEN_ASSIGN_PRIMARY, Sid.EVERYONE)));
        Handle primary = ok(backend.duplicateTokenEx(processToken(TOKEN_DUPLICATE), TOKEN_QUERY | TOKEN_ASSIGN_PRIMARY, sd,
                ImpersonationLevel.IMPERSONATION, TokenType.PRIMARY));
        Handle child = ok(backend.world().createProcess(primary));
        ok(backend.openProcessToken(child, TOKEN_QUERY));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.openProcessToken(child, TOKEN_QUERY | TOKEN_DUPLICATE));
        assertEquals(0x00020000 | 0x00040000 | TOKEN_QUERY | TOKEN_ASSIGN_PRIMARY, ok(backend.queryGrantedAccess(ok(backend.openProcessToken(child, MAXIMUM_ALLOWED)))));
        fails(NtStatus.STATUS_TOKEN_ALREADY_IN_USE, backend.world().createProcess(primary));
    }
}
