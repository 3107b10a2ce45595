package io.github.tokenbridge.reliability;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationRestoreError;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.OpenAs;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.PrivilegeScope;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.model.fault.FaultPlan;
import io.github.tokenbridge.model.fault.SpiOperation;
import io.github.tokenbridge.testing.CapturedOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

import static io.github.tokenbridge.reliability.FaultAssertions.assertWinFailure;
import static io.github.tokenbridge.reliability.FaultAssertions.failing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every failure path of the public API, driven through the fault-injecting model backend: the
 * caller gets the exception naming the failed function and its exact status (or the fatal
 * {@link ImpersonationRestoreError}), and nothing leaks (model handles back to the baseline, no
 * thread impersonating, model invariants intact).
 */
class PublicApiFaultTest {

    private static final Set<TokenAccess> DUP_QUERY = EnumSet.of(TokenAccess.DUPLICATE, TokenAccess.QUERY);
    private static final Set<TokenAccess> ALL_USED = EnumSet.of(TokenAccess.DUPLICATE, TokenAccess.QUERY,
            TokenAccess.IMPERSONATE, TokenAccess.ADJUST_PRIVILEGES);

    private final FaultWorld world = FaultWorld.standardUser();

    @AfterEach
    void tearDown() {
        world.close();
    }

    // ---------------------------------------------------------------- restore at scope close

    @Test
    @DisplayName("R46: SetThreadToken failing while a nested scope restores the outer impersonation is fatal and poisons the thread")
    void nestedScopeClose_setThreadTokenFails_restoreErrorAndPoisonedThread() throws Exception {
        AccessToken process = world.system.openProcessToken(ALL_USED);
        AccessToken impersonation = process.duplicate(ALL_USED, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION);
        FaultWorld.runOnOwnThread(() -> {
            ImpersonationScope outer = world.system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
            ImpersonationScope inner = world.system.impersonate(impersonation);
            world.inject(failing(SpiOperation.SET_THREAD_TOKEN, 1, NtStatus.STATUS_ACCESS_DENIED));
            ImpersonationRestoreError error = assertThrows(ImpersonationRestoreError.class, inner::close);
            assertWinFailure(error.getCause(), "SetThreadToken", NtStatus.STATUS_ACCESS_DENIED);
            // poisoned: every later call on this thread is refused, the outer scope too
            assertThrows(ImpersonationRestoreError.class, world.system::isImpersonating);
            assertThrows(ImpersonationRestoreError.class, outer::close);
            assertEquals(1, world.model.world().impersonatingThreadCount(), "the thread is left as the failed restore left it");
            // clean up the raw model thread below the API, on the same thread
            assertTrue(world.model.revertToSelf().succeeded());
            return null;
        });
        assertEquals(1, world.faults.injectedFaults().size());
        impersonation.close();
        process.close();
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R45: RevertToSelf failing when the outermost scope closes is fatal and poisons the thread")
    void outermostScopeClose_revertFails_restoreErrorAndPoisonedThread() throws Exception {
        FaultWorld.runOnOwnThread(() -> {
            ImpersonationScope scope = world.system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
            world.inject(failing(SpiOperation.REVERT_TO_SELF, 1, NtStatus.STATUS_INSUFFICIENT_RESOURCES));
            ImpersonationRestoreError error = assertThrows(ImpersonationRestoreError.class, scope::close);
            assertWinFailure(error.getCause(), "RevertToSelf", NtStatus.STATUS_INSUFFICIENT_RESOURCES);
            assertThrows(ImpersonationRestoreError.class, () -> world.system.openProcessToken(DUP_QUERY));
            assertTrue(world.model.revertToSelf().succeeded());
            return null;
        });
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R46: a restore whose read-back fails is fatal too (identity unverifiable)")
    void scopeClose_readBackAfterRestoreFails_restoreError() throws Exception {
        FaultWorld.runOnOwnThread(() -> {
            ImpersonationScope scope = world.system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
            world.inject(failing(SpiOperation.OPEN_THREAD_TOKEN, 1, NtStatus.STATUS_ACCESS_DENIED));
            ImpersonationRestoreError error = assertThrows(ImpersonationRestoreError.class, scope::close);
            assertWinFailure(error.getCause(), "OpenThreadToken", NtStatus.STATUS_ACCESS_DENIED);
            return null;
        });
        // the revert itself happened: only the verification failed
        world.assertNoLeaks();
    }

    // ---------------------------------------------------------------- entering

    @Test
    @DisplayName("R46: OpenThreadToken failing while saving the current impersonation changes nothing")
    void impersonate_savingFails_winTokenExceptionAndNothingChanged() {
        AccessToken process = world.system.openProcessToken(ALL_USED);
        try (ImpersonationScope outer = world.system.impersonateSelf(ImpersonationLevel.IMPERSONATION)) {
            world.inject(failing(SpiOperation.OPEN_THREAD_TOKEN, 1, NtStatus.STATUS_ACCESS_DENIED));
            WinTokenException e = assertThrows(WinTokenException.class, () -> world.system.impersonate(process));
            assertWinFailure(e, "OpenThreadToken", NtStatus.STATUS_ACCESS_DENIED);
            assertEquals(0, world.faults.callCount(SpiOperation.IMPERSONATE_LOGGED_ON_USER), "entered despite the failed save");
            assertTrue(outer.isOpen());
        }
        process.close();
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R46: GetTokenInformation failing while describing the saved token closes the saved handle")
    void impersonate_describingSavedTokenFails_savedHandleClosed() {
        try (ImpersonationScope outer = world.system.impersonateSelf(ImpersonationLevel.IMPERSONATION)) {
            int before = world.model.world().openHandleCount();
            world.inject(failing(SpiOperation.GET_TOKEN_INFORMATION, 1, NtStatus.STATUS_ACCESS_DENIED));
            WinTokenException e = assertThrows(WinTokenException.class,
                    () -> world.system.impersonateSelf(ImpersonationLevel.IDENTIFICATION));
            assertWinFailure(e, "GetTokenInformation", NtStatus.STATUS_ACCESS_DENIED);
            assertEquals(before, world.model.world().openHandleCount());
            assertEquals(0, world.faults.callCount(SpiOperation.IMPERSONATE_SELF));
        }
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R39: the level read-back failing undoes the impersonation and reports OpenThreadToken")
    void impersonate_levelReadBackFails_undoneAndReported() {
        // call 1 saves (ERROR_NO_TOKEN), call 2 reads the level back
        world.inject(failing(SpiOperation.OPEN_THREAD_TOKEN, 2, NtStatus.STATUS_ACCESS_DENIED));
        WinTokenException e = assertThrows(WinTokenException.class,
                () -> world.system.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        assertEquals("OpenThreadToken", e.function(), e.getMessage());
        assertEquals(Win32Error.ERROR_ACCESS_DENIED.code(), e.win32Error(), e.getMessage());
        assertEquals(1, world.faults.callCount(SpiOperation.REVERT_TO_SELF), "the impersonation was undone");
        assertFalse(world.system.isImpersonating());
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R39: the read-back's GetTokenInformation failing undoes the impersonation and names that function")
    void impersonate_levelQueryFails_undoneAndReportedWithItsStatus() {
        world.inject(failing(SpiOperation.GET_TOKEN_INFORMATION, 1, NtStatus.STATUS_INSUFFICIENT_RESOURCES));
        WinTokenException e = assertThrows(WinTokenException.class,
                () -> world.system.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        assertWinFailure(e, "GetTokenInformation", NtStatus.STATUS_INSUFFICIENT_RESOURCES);
        assertFalse(world.system.isImpersonating());
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R42: ImpersonateLoggedOnUser failing is reported with its status and leaves the thread as it was")
    void impersonate_entryFails_winTokenExceptionAndNotImpersonating() {
        AccessToken process = world.system.openProcessToken(ALL_USED);
        world.inject(failing(SpiOperation.IMPERSONATE_LOGGED_ON_USER, 1, NtStatus.STATUS_PRIVILEGE_NOT_HELD));
        WinTokenException e = assertThrows(WinTokenException.class, () -> world.system.impersonate(process));
        assertWinFailure(e, "ImpersonateLoggedOnUser", NtStatus.STATUS_PRIVILEGE_NOT_HELD);
        assertFalse(world.system.isImpersonating());
        process.close();
        world.assertNoLeaks();
    }

    // ---------------------------------------------------------------- inside an impersonation

    @Test
    @DisplayName("R52: DuplicateTokenEx failing mid-impersonation is reported; the scope still restores cleanly")
    void duplicate_failsMidImpersonation_reportedAndScopeRestores() {
        AccessToken process = world.system.openProcessToken(ALL_USED);
        AccessToken impersonation = process.duplicate(ALL_USED, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION);
        try (ImpersonationScope scope = world.system.impersonate(impersonation)) {
            world.inject(FaultPlan.builder().when(SpiOperation.DUPLICATE_TOKEN_EX).always()
                    .failWith(NtStatus.STATUS_NO_MEMORY).build());
            WinTokenException e = assertThrows(WinTokenException.class,
                    () -> impersonation.duplicate(DUP_QUERY, ImpersonationLevel.IDENTIFICATION, TokenType.IMPERSONATION));
            assertWinFailure(e, "DuplicateTokenEx", NtStatus.STATUS_NO_MEMORY);
            assertEquals(Win32Error.ERROR_NOT_ENOUGH_MEMORY.code(), e.win32Error());
            assertTrue(scope.isOpen());
        }
        assertFalse(world.system.isImpersonating());
        impersonation.close();
        process.close();
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R22: OpenProcessToken failing after OpenProcess succeeded still closes the process handle")
    void openProcessTokenById_tokenOpenFails_processHandleClosed() {
        int pid = world.system.currentProcessId();
        world.inject(failing(SpiOperation.OPEN_PROCESS_TOKEN, 1, NtStatus.STATUS_ACCESS_DENIED));
        WinTokenException e = assertThrows(WinTokenException.class, () -> world.system.openProcessToken(pid, DUP_QUERY));
        assertWinFailure(e, "OpenProcessToken", NtStatus.STATUS_ACCESS_DENIED);
        assertEquals(1, world.faults.callCount(SpiOperation.CLOSE_HANDLE));
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R27: OpenThreadToken failing with anything but ERROR_NO_TOKEN is an exception, not 'no token'")
    void openThreadToken_fails_exceptionNotEmpty() {
        world.inject(failing(SpiOperation.OPEN_THREAD_TOKEN, 1, NtStatus.STATUS_ACCESS_DENIED));
        WinTokenException e = assertThrows(WinTokenException.class,
                () -> world.system.openThreadToken(DUP_QUERY, OpenAs.SELF));
        assertWinFailure(e, "OpenThreadToken", NtStatus.STATUS_ACCESS_DENIED);
        world.assertNoLeaks();
    }

    // ---------------------------------------------------------------- closing

    @Test
    @DisplayName("CloseHandle failing is reported once by close(); the token counts as closed")
    void close_closeHandleFails_reportedOnceAndClosed() {
        AccessToken token = world.system.openProcessToken(DUP_QUERY);
        world.inject(FaultPlan.builder().when(SpiOperation.CLOSE_HANDLE).onCall(1).afterPerforming()
                .failWith(NtStatus.STATUS_INVALID_HANDLE).build());
        try (CapturedOutput output = CapturedOutput.capture()) {
            WinTokenException e = assertThrows(WinTokenException.class, token::close);
            assertWinFailure(e, "CloseHandle", NtStatus.STATUS_INVALID_HANDLE);
            assertFalse(token.isOpen());
            token.close(); // exactly once: a second close neither calls CloseHandle nor throws (nor logs)
            output.assertLogged(Level.SEVERE, "CloseHandle failed: ERROR_INVALID_HANDLE", 1);
        }
        assertEquals(1, world.faults.callCount(SpiOperation.CLOSE_HANDLE));
        assertThrows(IllegalStateException.class, token::type);
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("CloseHandle failing without effect leaves exactly that one model handle, visible to the caller")
    void close_closeHandleFailsWithoutEffect_handleStaysInModel() {
        AccessToken token = world.system.openProcessToken(DUP_QUERY);
        world.inject(failing(SpiOperation.CLOSE_HANDLE, 1, NtStatus.STATUS_ACCESS_DENIED));
        try (CapturedOutput output = CapturedOutput.capture()) {
            WinTokenException e = assertThrows(WinTokenException.class, token::close);
            assertWinFailure(e, "CloseHandle", NtStatus.STATUS_ACCESS_DENIED);
            assertEquals(e.getMessage(), output.assertLogged(Level.SEVERE, "CloseHandle failed: ERROR_ACCESS_DENIED", 1).get(0));
        }
        assertEquals(world.baselineHandles + 1, world.model.world().openHandleCount());
        assertEquals(0, world.system.openHandles().size(), "the system no longer owns it");
    }

    // ---------------------------------------------------------------- privilege scopes

    @Test
    @DisplayName("R56: AdjustTokenPrivileges failing when a privilege scope restores is reported; the handle is released")
    void privilegeScopeClose_restoreFails_reportedAndHandleReleased() {
        AccessToken token = world.system.openProcessToken(ALL_USED);
        PrivilegeScope scope = world.system.enablePrivileges(token, Privilege.SeShutdownPrivilege);
        token.close(); // the scope keeps the handle open until it closes
        assertEquals(world.baselineHandles + 1, world.model.world().openHandleCount());
        world.inject(failing(SpiOperation.ADJUST_TOKEN_PRIVILEGES, 1, NtStatus.STATUS_ACCESS_DENIED));
        WinTokenException e = assertThrows(WinTokenException.class, scope::close);
        assertWinFailure(e, "AdjustTokenPrivileges", NtStatus.STATUS_ACCESS_DENIED);
        scope.close(); // closes exactly once
        assertEquals(1, world.faults.callCount(SpiOperation.ADJUST_TOKEN_PRIVILEGES));
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R56: AdjustTokenPrivileges failing on enable leaves no scope and no retained handle")
    void enablePrivileges_adjustFails_noScopeNoLeak() {
        AccessToken token = world.system.openProcessToken(ALL_USED);
        world.inject(failing(SpiOperation.ADJUST_TOKEN_PRIVILEGES, 1, NtStatus.STATUS_ACCESS_DENIED));
        WinTokenException e = assertThrows(WinTokenException.class,
                () -> world.system.enablePrivileges(token, Privilege.SeShutdownPrivilege));
        assertWinFailure(e, "AdjustTokenPrivileges", NtStatus.STATUS_ACCESS_DENIED);
        token.close();
        world.assertNoLeaks();
    }

    // ---------------------------------------------------------------- executors

    @Test
    @DisplayName("R45: the guard's RevertToSelf failing after a leaky task poisons that pooled thread")
    void guard_revertAfterLeakyTaskFails_poisonsPooledThread() throws Exception {
        java.util.concurrent.ExecutorService raw = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.ExecutorService pool = world.system.guard(raw);
        AtomicReference<io.github.tokenbridge.model.ModelThread> leakyModelThread = new AtomicReference<>();
        AtomicReference<Thread> leakyThread = new AtomicReference<>();
        try (CapturedOutput output = CapturedOutput.capture()) {
            java.util.concurrent.Future<?> leaky = pool.submit(() -> {
                leakyModelThread.set(world.model.world().currentThread());
                leakyThread.set(Thread.currentThread());
                world.system.impersonateSelf(ImpersonationLevel.IMPERSONATION); // never closed
                world.inject(failing(SpiOperation.REVERT_TO_SELF, 1, NtStatus.STATUS_ACCESS_DENIED));
                return null;
            });
            java.util.concurrent.ExecutionException failure = assertThrows(java.util.concurrent.ExecutionException.class,
                    leaky::get);
            ImpersonationRestoreError error = assertInstanceOf(ImpersonationRestoreError.class, failure.getCause());
            assertWinFailure(error.getCause(), "RevertToSelf", NtStatus.STATUS_ACCESS_DENIED);
            // the poisoned thread is discarded by the pool: the next task runs on a fresh, unimpersonated thread
            java.util.concurrent.Future<Thread> next = pool.submit(() -> {
                assertFalse(world.system.isImpersonating());
                return Thread.currentThread();
            });
            assertNotSame(leakyThread.get(), next.get());
            leakyThread.get().join(10_000);
            assertFalse(leakyThread.get().isAlive(), "the poisoned pool thread must end");
            ImpersonationRestoreError killed = output.awaitUncaught(ImpersonationRestoreError.class);
            assertTrue(killed.getMessage().contains("RevertToSelf failed"), killed.getMessage());
            // its model thread is still impersonating as the failed revert left it; undo that below the API
            assertTrue(leakyModelThread.get().isImpersonating());
            assertTrue(world.model.world().runAs(leakyModelThread.get(), world.model::revertToSelf).succeeded());
        } finally {
            pool.shutdown();
        }
        world.assertNoLeaks();
    }
}
