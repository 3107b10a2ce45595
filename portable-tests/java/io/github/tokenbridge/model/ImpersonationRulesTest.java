package io.github.tokenbridge.model;


import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.tokenbridge.model.ModelAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/** Section 4 of docs/rules.md (impersonation entry points, R35-R46) through the SPI. */
class ImpersonationRulesTest {

    private static final int THREAD_SET_THREAD_TOKEN = 0x0080;
    private static final int THREAD_IMPERSONATE = 0x0100;
    private static final int THREAD_QUERY_INFORMATION = 0x0040;

    private ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());

    @AfterEach
    void noImpersonationLeaks() {
        ok(backend.revertToSelf());
        assertEquals(0, backend.world().impersonatingThreadCount());
    }

    private Handle processToken(int access) {
        return ok(backend.openProcessToken(Handle.CURRENT_PROCESS, access));
    }

    private Handle impersonationToken(Handle primary, ImpersonationLevel level) {
        return ok(backend.duplicateTokenEx(primary, TOKEN_ALL_ACCESS, null, level, TokenType.IMPERSONATION));
    }

    /** The level the calling thread ends up with, read as R39 says. */
    private ImpersonationLevel threadLevel() {
        Handle t = ok(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_QUERY, true));
        try {
            return query(backend, t, TokenInformationClass.TokenImpersonationLevel, ImpersonationLevel.class);
        } finally {
            ok(backend.closeHandle(t));
        }
    }

    @Test // R35
    void ntSetInformationThread_nullTokenNotImpersonating_success() {
        ok(backend.ntSetInformationThreadImpersonationToken(Handle.CURRENT_THREAD, Handle.NULL));
    }

    @Test // R35
    void ntSetInformationThread_primaryToken_badTokenType() {
        fails(NtStatus.STATUS_BAD_TOKEN_TYPE,
                backend.ntSetInformationThreadImpersonationToken(Handle.CURRENT_THREAD, processToken(TOKEN_IMPERSONATE)));
        fails(NtStatus.STATUS_BAD_TOKEN_TYPE, backend.setThreadToken(null, processToken(TOKEN_IMPERSONATE)));
    }

    @Test // R35
    void ntSetInformationThread_threadWithoutSetThreadToken_accessDenied() {
        Handle imp = impersonationToken(processToken(TOKEN_DUPLICATE), ImpersonationLevel.IMPERSONATION);
        Handle thread = ok(backend.openThread(THREAD_QUERY_INFORMATION, backend.getCurrentThreadId()));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.ntSetInformationThreadImpersonationToken(thread, imp));
        Handle setter = ok(backend.openThread(THREAD_SET_THREAD_TOKEN, backend.getCurrentThreadId()));
        ok(backend.ntSetInformationThreadImpersonationToken(setter, imp));
        assertEquals(ImpersonationLevel.IMPERSONATION, threadLevel());
    }

    @Test // R36
    void setThreadToken_otherThreadByHandle_thatThreadImpersonates() throws Exception {
        ModelThread worker = ok(backend.world().createThread(Handle.CURRENT_PROCESS));
        Handle workerHandle = ok(backend.openThread(THREAD_SET_THREAD_TOKEN, worker.threadId()));
        ok(backend.setThreadToken(workerHandle, impersonationToken(processToken(TOKEN_DUPLICATE), ImpersonationLevel.IMPERSONATION)));
        assertTrue(worker.isImpersonating());
        assertFalse(backend.world().currentThread().isImpersonating());
        ok(backend.setThreadToken(workerHandle, Handle.NULL));
        assertFalse(worker.isImpersonating());
    }

    @Test // R37, R41
    void impersonateSelf_everyLevel_succeedsAndKeepsLevel() {
        for (ImpersonationLevel level : ImpersonationLevel.values()) {
            ok(backend.impersonateSelf(level));
            if (level != ImpersonationLevel.ANONYMOUS) {
                assertEquals(level, threadLevel());
            }
            ok(backend.revertToSelf());
        }
    }

    @Test // R38 (c), R39, R40
    void setThreadToken_processLoweredToLowIntegrity_mediumTokenDowngradedToIdentificationCopy() {
        Handle imp = impersonationToken(processToken(TOKEN_DUPLICATE), ImpersonationLevel.IMPERSONATION);
        Handle process = processToken(TOKEN_ADJUST_DEFAULT);
        ok(backend.setTokenInformation(process, TokenInformationClass.TokenIntegrityLevel, Sid.LOW_LABEL));
        TokenStatistics before = query(backend, imp, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        ok(backend.setThreadToken(null, imp));
        assertEquals(ImpersonationLevel.IDENTIFICATION, threadLevel());
        Handle held = ok(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_QUERY, true));
        assertNotEquals(before.tokenId(), query(backend, held, TokenInformationClass.TokenStatistics, TokenStatistics.class).tokenId());
        fails(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
    }

    @Test // R38 (d)
    void impersonateLoggedOnUser_otherUserLoggedOnByCaller_allowedBySameOrigin() {
        Handle other = ok(backend.world().logon(LogonPrincipal.OTHER, LogonType.INTERACTIVE, LogonOrigin.SELF));
        ok(backend.impersonateLoggedOnUser(other));
        assertEquals(ImpersonationLevel.IMPERSONATION, threadLevel());
    }

    @Test // R38 (e)
    void impersonateLoggedOnUser_otherUserLoggedOnBySystem_downgraded() {
        Handle other = ok(backend.world().logon(LogonPrincipal.OTHER, LogonType.INTERACTIVE, LogonOrigin.SYSTEM));
        ok(backend.impersonateLoggedOnUser(other));
        assertEquals(ImpersonationLevel.IDENTIFICATION, threadLevel());
    }

    @Test // R38 (b)
    void impersonateLoggedOnUser_serviceWithSeImpersonate_otherUserAllowed() {
        backend = ModelBackend.create(ModelConfiguration.serviceImpersonate());
        Handle other = ok(backend.world().logon(LogonPrincipal.OTHER, LogonType.NETWORK, LogonOrigin.SYSTEM));
        ok(backend.impersonateLoggedOnUser(other));
        assertEquals(ImpersonationLevel.IMPERSONATION, threadLevel());
    }

    @Test // R38 (c)
    void impersonateLoggedOnUser_elevatedAdminFromFilteredProcess_downgraded() {
        backend = ModelBackend.create(ModelConfiguration.filteredAdmin());
        Handle full = ok(backend.world().logon(LogonPrincipal.ADMIN, LogonType.INTERACTIVE, LogonOrigin.SYSTEM));
        ok(backend.impersonateLoggedOnUser(full));
        assertEquals(ImpersonationLevel.IDENTIFICATION, threadLevel());
    }

    @Test // R38: same user, same integrity, not elevated: not downgraded
    void impersonateLoggedOnUser_sameUserFromOtherSession_allowed() {
        Handle self = ok(backend.world().logon(LogonPrincipal.SELF, LogonType.NETWORK, LogonOrigin.SYSTEM));
        ok(backend.impersonateLoggedOnUser(self));
        assertEquals(ImpersonationLevel.IMPERSONATION, threadLevel());
    }

    @Test // R42
    void impersonateLoggedOnUser_rightsNeeded_queryThenDuplicateOrImpersonate() {
        Handle primary = processToken(TOKEN_QUERY | TOKEN_DUPLICATE);
        Handle noQuery = ok(backend.duplicateHandle(primary, TOKEN_DUPLICATE, 0));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.impersonateLoggedOnUser(noQuery));
        Handle noDuplicate = ok(backend.duplicateHandle(primary, TOKEN_QUERY, 0));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.impersonateLoggedOnUser(noDuplicate));
        ok(backend.impersonateLoggedOnUser(primary));
        assertEquals(ImpersonationLevel.IMPERSONATION, threadLevel());
        ok(backend.revertToSelf());
        Handle ident = impersonationToken(processToken(TOKEN_DUPLICATE), ImpersonationLevel.IDENTIFICATION);
        ok(backend.impersonateLoggedOnUser(ident));
        assertEquals(ImpersonationLevel.IDENTIFICATION, threadLevel());
    }

    @Test // R41
    @SuppressWarnings("unchecked")
    void impersonateSelf_privateCopy_privilegeChangeDoesNotAffectProcessToken() {
        ok(backend.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        Handle t = ok(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_ADJUST_PRIVILEGES, true));
        ok(backend.adjustTokenPrivileges(t, false, List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2)), -1));
        List<TokenPrivilege> process = query(backend, Handle.CURRENT_PROCESS_TOKEN, TokenInformationClass.TokenPrivileges, List.class);
        assertTrue(process.contains(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 0)));
    }

    @Test // R41
    void impersonateSelf_whileImpersonatingOtherUser_checkedUnderThatIdentity() {
        ok(backend.impersonateLoggedOnUser(ok(backend.world().logon(LogonPrincipal.OTHER, LogonType.INTERACTIVE, LogonOrigin.SELF))));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.impersonateSelf(ImpersonationLevel.IMPERSONATION));
    }

    @Test // R44
    void impersonateAnonymousToken_threadWithoutImpersonateRight_accessDenied() {
        Handle thread = ok(backend.openThread(THREAD_SET_THREAD_TOKEN, backend.getCurrentThreadId()));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.impersonateAnonymousToken(thread));
        Handle ok = ok(backend.openThread(THREAD_IMPERSONATE, backend.getCurrentThreadId()));
        ok(backend.ntImpersonateAnonymousToken(ok));
        assertEquals(ImpersonationLevel.IMPERSONATION, threadLevel());
    }

    @Test // R44
    @SuppressWarnings("unchecked")
    void impersonateAnonymousToken_token_anonymousUserNoEveryoneNoLogonSid() {
        ok(backend.impersonateAnonymousToken(Handle.CURRENT_THREAD));
        Handle t = ok(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_ALL_ACCESS, true));
        assertEquals(Sid.ANONYMOUS_LOGON, query(backend, t, TokenInformationClass.TokenUser, TokenGroup.class).sid());
        List<TokenGroup> groups = query(backend, t, TokenInformationClass.TokenGroups, List.class);
        assertTrue(groups.stream().noneMatch(g -> g.sid().equals(Sid.EVERYONE) || g.logonId()));
        assertTrue(((List<TokenGroup>) query(backend, t, TokenInformationClass.TokenLogonSid, List.class)).isEmpty());
    }

    @Test // R45
    void revertToSelf_afterImpersonation_openedThreadTokenHandleStillUsable() {
        ok(backend.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        ok(backend.impersonateSelf(ImpersonationLevel.IDENTIFICATION));
        Handle t = ok(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_QUERY, true));
        ok(backend.revertToSelf());
        assertFalse(backend.world().currentThread().isImpersonating(), "one RevertToSelf ends everything (no stack)");
        assertEquals(TokenType.IMPERSONATION, query(backend, t, TokenInformationClass.TokenType, TokenType.class));
        ok(backend.revertToSelf());
    }

    @Test // R46
    void setThreadToken_savedToken_restoresPreviousImpersonation() {
        ok(backend.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        Handle saved = ok(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_IMPERSONATE | TOKEN_QUERY, true));
        TokenStatistics savedStats = query(backend, saved, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        ok(backend.impersonateSelf(ImpersonationLevel.IDENTIFICATION));
        ok(backend.setThreadToken(null, saved));
        Handle now = ok(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_QUERY, true));
        assertEquals(savedStats.tokenId(), query(backend, now, TokenInformationClass.TokenStatistics, TokenStatistics.class).tokenId());
    }

    @Test // R36 error mapping
    void setThreadToken_failure_win32ErrorIsMappedStatus() {
        assertEquals(Win32Error.ERROR_INVALID_HANDLE.code(), backend.setThreadToken(null, new Handle(0x1234)).win32Error());
    }
}
