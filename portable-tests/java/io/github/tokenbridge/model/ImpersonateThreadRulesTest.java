package io.github.tokenbridge.model;


import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.github.tokenbridge.model.ModelAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/** R43 (NtImpersonateThread) through the model's SPI, with R38, R50 and R51 where they apply. */
class ImpersonateThreadRulesTest {

    private static final int THREAD_SET_THREAD_TOKEN = 0x0080;
    private static final int THREAD_IMPERSONATE = 0x0100;
    private static final int THREAD_DIRECT_IMPERSONATION = 0x0200;
    private static final int THREAD_QUERY_INFORMATION = 0x0040;

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
    private final List<ModelThread> workers = new ArrayList<>();

    @AfterEach
    void noImpersonationLeaks() {
        ok(backend.revertToSelf());
        for (ModelThread worker : workers) {
            Handle h = ok(backend.openThread(THREAD_SET_THREAD_TOKEN, worker.threadId()));
            ok(backend.setThreadToken(h, Handle.NULL));
        }
        ok(backend.revertToSelf());
        assertEquals(0, backend.world().impersonatingThreadCount());
    }

    private ModelThread worker() {
        ModelThread worker = ok(backend.world().createThread(Handle.CURRENT_PROCESS));
        workers.add(worker);
        return worker;
    }

    /** The token of {@code thread}, opened as self with TOKEN_QUERY (R39's way of reading it). */
    private Handle threadToken(Handle thread) {
        return ok(backend.openThreadToken(thread, TOKEN_QUERY, true));
    }

    private ImpersonationLevel level(Handle thread) {
        return query(backend, threadToken(thread), TokenInformationClass.TokenImpersonationLevel, ImpersonationLevel.class);
    }

    private Sid user(Handle token) {
        return query(backend, token, TokenInformationClass.TokenUser, TokenGroup.class).sid();
    }

    @Test
    @DisplayName("R43: a thread impersonates itself at Impersonation; the token is a copy of its process token")
    void ntImpersonateThread_selfAtImpersonation_impersonatesCopyOfProcessToken() {
        ok(backend.ntImpersonateThread(Handle.CURRENT_THREAD, Handle.CURRENT_THREAD, ImpersonationLevel.IMPERSONATION,
                false, false));
        assertTrue(backend.world().currentThread().isImpersonating());
        assertEquals(ImpersonationLevel.IMPERSONATION, level(Handle.CURRENT_THREAD));
        Handle thread = threadToken(Handle.CURRENT_THREAD);
        assertEquals(user(Handle.CURRENT_PROCESS_TOKEN), user(thread));
        assertNotEquals(query(backend, Handle.CURRENT_PROCESS_TOKEN, TokenInformationClass.TokenStatistics, TokenStatistics.class).tokenId(),
                query(backend, thread, TokenInformationClass.TokenStatistics, TokenStatistics.class).tokenId());
    }

    @Test
    @DisplayName("R43: the requested level is the level the server gets (Identification here)")
    void ntImpersonateThread_identificationRequested_serverAtIdentification() {
        ok(backend.ntImpersonateThread(Handle.CURRENT_THREAD, Handle.CURRENT_THREAD, ImpersonationLevel.IDENTIFICATION,
                false, false));
        assertEquals(ImpersonationLevel.IDENTIFICATION, level(Handle.CURRENT_THREAD));
        fails(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY)); // R20
    }

    @Test
    @DisplayName("R43, R39: client at Identification, Impersonation asked -> STATUS_BAD_IMPERSONATION_LEVEL, nothing changes")
    void ntImpersonateThread_clientAtIdentification_badImpersonationLevel() {
        ok(backend.impersonateSelf(ImpersonationLevel.IDENTIFICATION));
        Handle before = threadToken(Handle.CURRENT_THREAD);
        fails(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, backend.ntImpersonateThread(Handle.CURRENT_THREAD,
                Handle.CURRENT_THREAD, ImpersonationLevel.IMPERSONATION, false, false));
        fails(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, backend.ntImpersonateThread(Handle.CURRENT_THREAD,
                Handle.CURRENT_THREAD, ImpersonationLevel.DELEGATION, true, false));
        assertEquals(query(backend, before, TokenInformationClass.TokenStatistics, TokenStatistics.class).tokenId(),
                query(backend, threadToken(Handle.CURRENT_THREAD), TokenInformationClass.TokenStatistics,
                        TokenStatistics.class).tokenId());
    }

    @Test
    @DisplayName("R43, R51: a client impersonating at Identification cannot be captured even at Identification")
    void ntImpersonateThread_clientAtIdentificationIdentificationAsked_badImpersonationLevel() {
        ok(backend.impersonateSelf(ImpersonationLevel.IDENTIFICATION));
        fails(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, backend.ntImpersonateThread(Handle.CURRENT_THREAD,
                Handle.CURRENT_THREAD, ImpersonationLevel.IDENTIFICATION, false, false));
    }

    @Test
    @DisplayName("R43: client handle without THREAD_DIRECT_IMPERSONATION -> STATUS_ACCESS_DENIED")
    void ntImpersonateThread_clientWithoutDirectImpersonation_accessDenied() {
        Handle client = ok(backend.openThread(THREAD_IMPERSONATE | THREAD_QUERY_INFORMATION, backend.getCurrentThreadId()));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.ntImpersonateThread(Handle.CURRENT_THREAD, client,
                ImpersonationLevel.IMPERSONATION, false, false));
        assertFalse(backend.world().currentThread().isImpersonating());
        Handle direct = ok(backend.duplicateHandle(client, THREAD_DIRECT_IMPERSONATION, 0));
        ok(backend.ntImpersonateThread(Handle.CURRENT_THREAD, direct, ImpersonationLevel.IMPERSONATION, false, false));
    }

    @Test
    @DisplayName("R43: server handle without THREAD_IMPERSONATE -> STATUS_ACCESS_DENIED")
    void ntImpersonateThread_serverWithoutImpersonate_accessDenied() {
        Handle server = ok(backend.openThread(THREAD_DIRECT_IMPERSONATION | THREAD_SET_THREAD_TOKEN,
                backend.getCurrentThreadId()));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.ntImpersonateThread(server, Handle.CURRENT_THREAD,
                ImpersonationLevel.IMPERSONATION, false, false));
        assertFalse(backend.world().currentThread().isImpersonating());
    }

    @Test
    @DisplayName("R43: a token or process handle where a thread is expected -> STATUS_OBJECT_TYPE_MISMATCH")
    void ntImpersonateThread_nonThreadHandles_objectTypeMismatch() {
        Handle token = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
        fails(NtStatus.STATUS_OBJECT_TYPE_MISMATCH, backend.ntImpersonateThread(Handle.CURRENT_THREAD, token,
                ImpersonationLevel.IMPERSONATION, false, false));
        fails(NtStatus.STATUS_OBJECT_TYPE_MISMATCH, backend.ntImpersonateThread(Handle.CURRENT_PROCESS,
                Handle.CURRENT_THREAD, ImpersonationLevel.IMPERSONATION, false, false));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.ntImpersonateThread(Handle.CURRENT_THREAD, new Handle(0x7FF0),
                ImpersonationLevel.IMPERSONATION, false, false));
    }

    @Test
    @DisplayName("R43: another thread (the server) impersonates the calling thread's effective token")
    void ntImpersonateThread_workerServerCallerClient_workerImpersonatesCallersToken() {
        ModelThread worker = worker();
        Handle server = ok(backend.openThread(THREAD_IMPERSONATE | THREAD_QUERY_INFORMATION, worker.threadId()));
        ok(backend.impersonateLoggedOnUser(ok(backend.world().logon(LogonPrincipal.OTHER, LogonType.INTERACTIVE, LogonOrigin.SELF))));
        Sid other = user(threadToken(Handle.CURRENT_THREAD));
        ok(backend.ntImpersonateThread(server, Handle.CURRENT_THREAD, ImpersonationLevel.IMPERSONATION, false, false));
        assertTrue(worker.isImpersonating());
        assertEquals(ImpersonationLevel.IMPERSONATION, level(server));
        assertEquals(other, user(threadToken(server)));
        assertNotEquals(user(Handle.CURRENT_PROCESS_TOKEN), other);
    }

    @Test
    @DisplayName("R43, R50: EffectiveOnly drops the privileges the client has disabled")
    @SuppressWarnings("unchecked")
    void ntImpersonateThread_effectiveOnly_serverTokenLacksDisabledPrivilege() {
        ok(backend.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        Handle mine = ok(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_ADJUST_PRIVILEGES, true));
        ok(backend.adjustTokenPrivileges(mine, false, List.of(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 0)), -1));
        ModelThread worker = worker();
        Handle server = ok(backend.openThread(THREAD_IMPERSONATE | THREAD_QUERY_INFORMATION, worker.threadId()));

        ok(backend.ntImpersonateThread(server, Handle.CURRENT_THREAD, ImpersonationLevel.IMPERSONATION, false, true));
        List<TokenPrivilege> effective = query(backend, threadToken(server), TokenInformationClass.TokenPrivileges, List.class);
        assertTrue(effective.stream().noneMatch(p -> p.luid().equals(Privilege.SeChangeNotifyPrivilege.luid())));

        ok(backend.ntImpersonateThread(server, Handle.CURRENT_THREAD, ImpersonationLevel.IMPERSONATION, false, false));
        List<TokenPrivilege> full = query(backend, threadToken(server), TokenInformationClass.TokenPrivileges, List.class);
        assertTrue(full.contains(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 1)), "disabled, enabled by default");
    }

    @Test
    @DisplayName("R43, R38 (c): the server's process at Low IL gets a medium client token downgraded, and success")
    void ntImpersonateThread_serverProcessLowIntegrity_silentlyDowngradedToIdentification() {
        ok(backend.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        Handle process = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_ADJUST_DEFAULT));
        ok(backend.setTokenInformation(process, TokenInformationClass.TokenIntegrityLevel, Sid.LOW_LABEL));
        ModelThread worker = worker();
        Handle server = ok(backend.openThread(THREAD_IMPERSONATE | THREAD_QUERY_INFORMATION, worker.threadId()));
        ok(backend.ntImpersonateThread(server, Handle.CURRENT_THREAD, ImpersonationLevel.IMPERSONATION, false, false));
        assertTrue(worker.isImpersonating());
        assertEquals(ImpersonationLevel.IDENTIFICATION, level(server));
    }
}
