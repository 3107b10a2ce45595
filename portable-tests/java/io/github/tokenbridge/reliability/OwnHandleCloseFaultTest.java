package io.github.tokenbridge.reliability;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.model.fault.FaultPlan;
import io.github.tokenbridge.model.fault.SpiOperation;
import io.github.tokenbridge.testing.CapturedOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;

import static io.github.tokenbridge.reliability.FaultAssertions.assertWinFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failed {@code CloseHandle} of a handle tokenbridge opened for itself (the thread-token probes and
 * the saved impersonation of a scope, the process handle of {@code openProcessToken(pid)}) is
 * reported as any failed close is: an ERROR log line naming the handle, and a suppressed exception of
 * the exception the caller gets when the operation fails anyway; an operation that took effect is not
 * undone for it (issue 17).
 */
class OwnHandleCloseFaultTest {

    private static final Set<TokenAccess> ALL_USED = EnumSet.of(TokenAccess.DUPLICATE, TokenAccess.QUERY,
            TokenAccess.IMPERSONATE);
    private static final String OWN = "tokenbridge's own handle";

    private final FaultWorld world = FaultWorld.standardUser();

    @AfterEach
    void tearDown() {
        world.close();
    }

    /** Every CloseHandle performs its close, then reports STATUS_INVALID_HANDLE. */
    private static FaultPlan.Builder closesFailAfterClosing(FaultPlan.Builder plan) {
        return plan.when(SpiOperation.CLOSE_HANDLE).always().afterPerforming().failWith(NtStatus.STATUS_INVALID_HANDLE);
    }

    @Test
    @DisplayName("R46: every failed close of a scope's own handles (saved token, probes) is logged; the scope still enters and restores")
    void impersonateAndClose_ownHandleClosesFail_eachLoggedScopeWorks() throws Exception {
        FaultWorld.runOnOwnThread(() -> {
            try (AccessToken process = world.system.openProcessToken(ALL_USED);
                 AccessToken token = process.duplicate(ALL_USED, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION);
                 ImpersonationScope outer = world.system.impersonateSelf(ImpersonationLevel.IDENTIFICATION)) {
                long closes;
                try (CapturedOutput output = CapturedOutput.capture()) {
                    world.inject(closesFailAfterClosing(FaultPlan.builder()).build());
                    try (ImpersonationScope inner = world.system.impersonate(token)) {
                        assertEquals(ImpersonationLevel.IMPERSONATION, inner.obtainedLevel());
                    }
                    closes = world.faults.callCount(SpiOperation.CLOSE_HANDLE);
                    world.inject(FaultPlan.none());
                    // the saved Identification token, the probe after entering, the probe after restoring
                    assertTrue(closes >= 3, closes + " CloseHandle calls");
                    List<String> logged = output.assertLogged(Level.SEVERE, OWN, (int) closes);
                    assertTrue(logged.stream().allMatch(m -> m.startsWith("CloseHandle failed: ERROR_INVALID_HANDLE (6)")), logged.toString());
                    output.assertLogged(Level.SEVERE, "thread token, saved to restore the impersonation", 1);
                }
                assertEquals(ImpersonationLevel.IDENTIFICATION,
                        world.system.openThreadToken(EnumSet.of(TokenAccess.QUERY), io.github.tokenbridge.OpenAs.SELF)
                                .map(t -> {
                                    try (t) {
                                        return t.impersonationLevel().orElseThrow();
                                    }
                                }).orElseThrow(), "the outer impersonation was restored");
            }
            return null;
        });
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R46: when the entry fails and closing the saved token fails too, the caller's exception carries the close failure")
    void impersonate_entryFailsAndSavedTokenCloseFails_closeFailureSuppressed() throws Exception {
        FaultWorld.runOnOwnThread(() -> {
            try (AccessToken process = world.system.openProcessToken(ALL_USED);
                 AccessToken token = process.duplicate(ALL_USED, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION);
                 ImpersonationScope outer = world.system.impersonateSelf(ImpersonationLevel.IDENTIFICATION);
                 CapturedOutput output = CapturedOutput.capture()) {
                world.inject(closesFailAfterClosing(FaultPlan.builder().when(SpiOperation.IMPERSONATE_LOGGED_ON_USER).onCall(1)
                        .failWith(NtStatus.STATUS_PRIVILEGE_NOT_HELD)).build());
                WinTokenException e = assertThrows(WinTokenException.class, () -> world.system.impersonate(token));
                world.inject(FaultPlan.none());
                assertWinFailure(e, "ImpersonateLoggedOnUser", NtStatus.STATUS_PRIVILEGE_NOT_HELD);
                assertEquals(1, e.getSuppressed().length, "the failed close of the saved token");
                WinTokenException close = assertInstanceOf(WinTokenException.class, e.getSuppressed()[0]);
                assertWinFailure(close, "CloseHandle", NtStatus.STATUS_INVALID_HANDLE);
                assertTrue(close.getMessage().contains("thread token, saved to restore the impersonation"), close.getMessage());
                assertEquals(close.getMessage(), output.assertLogged(Level.SEVERE, OWN, 1).get(0));
            }
            return null;
        });
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R13: openProcessToken(pid) returns the token when closing its own process handle fails, and logs the failure")
    void openProcessTokenOfPid_processHandleCloseFails_tokenReturnedFailureLogged() {
        int pid = world.system.currentProcessId();
        try (CapturedOutput output = CapturedOutput.capture()) {
            world.inject(closesFailAfterClosing(FaultPlan.builder()).build());
            AccessToken token = world.system.openProcessToken(pid, EnumSet.of(TokenAccess.QUERY));
            world.inject(FaultPlan.none());
            assertTrue(token.isOpen());
            token.close();
            String logged = output.assertLogged(Level.SEVERE, OWN, 1).get(0);
            assertTrue(logged.contains("(process " + pid + ", opened for its token)"), logged);
        }
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R13: when OpenProcessToken fails and closing the process handle fails too, the exception carries both")
    void openProcessTokenOfPid_openFailsAndCloseFails_closeFailureSuppressed() {
        int pid = world.system.currentProcessId();
        try (CapturedOutput output = CapturedOutput.capture()) {
            world.inject(closesFailAfterClosing(FaultPlan.builder().when(SpiOperation.OPEN_PROCESS_TOKEN).onCall(1)
                    .failWith(NtStatus.STATUS_ACCESS_DENIED)).build());
            WinTokenException e = assertThrows(WinTokenException.class,
                    () -> world.system.openProcessToken(pid, EnumSet.of(TokenAccess.QUERY)));
            world.inject(FaultPlan.none());
            assertWinFailure(e, "OpenProcessToken", NtStatus.STATUS_ACCESS_DENIED);
            assertEquals(1, e.getSuppressed().length);
            assertWinFailure(assertInstanceOf(WinTokenException.class, e.getSuppressed()[0]), "CloseHandle",
                    NtStatus.STATUS_INVALID_HANDLE);
            output.assertLogged(Level.SEVERE, OWN, 1);
        }
        world.assertNoLeaks();
    }
}
