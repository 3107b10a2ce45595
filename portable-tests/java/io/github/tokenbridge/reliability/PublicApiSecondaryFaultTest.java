package io.github.tokenbridge.reliability;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationDowngradedException;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationRestoreError;
import io.github.tokenbridge.LeakReport;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.model.LogonOrigin;
import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
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
import static io.github.tokenbridge.reliability.FaultAssertions.failing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The less common failure paths of the public API, through the fault-injecting model backend:
 * a failed undo of a refused downgrade, the OpenProcess fallback, failing checks and queries, and a
 * system closing over handles whose CloseHandle fails.
 */
class PublicApiSecondaryFaultTest {

    private static final Set<TokenAccess> DUP_QUERY = EnumSet.of(TokenAccess.DUPLICATE, TokenAccess.QUERY);

    private final FaultWorld world = FaultWorld.standardUser();

    @AfterEach
    void tearDown() {
        world.close();
    }

    private AccessToken otherUsersLogon() {
        long handle = world.model.world().logon(LogonPrincipal.OTHER, LogonType.NETWORK, LogonOrigin.SYSTEM).value().value();
        return world.system.adopt(handle, "logon token of another user");
    }

    @Test
    @DisplayName("R38/R39: a refused downgrade whose undo (RevertToSelf) fails is fatal for the thread")
    void impersonate_downgradeRefusedAndUndoFails_restoreError() throws Exception {
        AccessToken other = otherUsersLogon();
        FaultWorld.runOnOwnThread(() -> {
            world.inject(FaultPlan.builder().when(SpiOperation.REVERT_TO_SELF).always()
                    .failWith(NtStatus.STATUS_ACCESS_DENIED).build());
            ImpersonationRestoreError error = assertThrows(ImpersonationRestoreError.class, () -> world.system.impersonate(other));
            assertWinFailure(error.getCause(), "RevertToSelf", NtStatus.STATUS_ACCESS_DENIED);
            world.inject(FaultPlan.none());
            assertTrue(world.model.revertToSelf().succeeded());
            return null;
        });
        other.close();
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R38/R39: without faults the same downgrade is refused cleanly (the control case)")
    void impersonate_downgradeRefused_undoneCleanly() {
        AccessToken other = otherUsersLogon();
        ImpersonationDowngradedException e = assertThrows(ImpersonationDowngradedException.class,
                () -> world.system.impersonate(other));
        assertTrue(e.getMessage().contains("Identification"), e.getMessage());
        assertFalse(world.system.isImpersonating());
        other.close();
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R22: OpenProcess denied twice (limited, then full query) is reported as OpenProcess")
    void openProcessTokenById_bothOpenProcessAttemptsDenied_reported() {
        int pid = world.system.currentProcessId();
        world.inject(FaultPlan.builder().when(SpiOperation.OPEN_PROCESS).always().failWith(NtStatus.STATUS_ACCESS_DENIED).build());
        WinTokenException e = assertThrows(WinTokenException.class, () -> world.system.openProcessToken(pid, DUP_QUERY));
        assertWinFailure(e, "OpenProcess", NtStatus.STATUS_ACCESS_DENIED);
        assertEquals(2, world.faults.callCount(SpiOperation.OPEN_PROCESS), "the full-query fallback was tried");
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R62: AccessCheck failing as a call (not a denial) is an exception with its status")
    void accessCheck_callFails_winTokenException() {
        AccessToken token = world.system.openProcessToken(DUP_QUERY);
        AccessToken copy = token.duplicate(DUP_QUERY, ImpersonationLevel.IDENTIFICATION, io.github.tokenbridge.TokenType.IMPERSONATION);
        world.inject(FaultPlan.builder().when(SpiOperation.ACCESS_CHECK).always().failWith(NtStatus.STATUS_NO_MEMORY).build());
        WinTokenException e = assertThrows(WinTokenException.class, () -> world.system.accessCheck(
                Sddl.parse("O:BAG:BAD:(A;;GA;;;WD)"), copy, 0x8, GenericMapping.TOKEN));
        assertWinFailure(e, "AccessCheck", NtStatus.STATUS_NO_MEMORY);
        copy.close();
        token.close();
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R5: a failing GetTokenInformation names the function; the token stays usable")
    void query_getTokenInformationFails_reportedAndTokenUsable() {
        AccessToken token = world.system.openProcessToken(DUP_QUERY);
        world.inject(failing(SpiOperation.GET_TOKEN_INFORMATION, 1, NtStatus.STATUS_INSUFFICIENT_RESOURCES));
        WinTokenException e = assertThrows(WinTokenException.class, token::groups);
        assertWinFailure(e, "GetTokenInformation", NtStatus.STATUS_INSUFFICIENT_RESOURCES);
        assertFalse(token.groups().isEmpty());
        token.close();
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("closing the system over a leaked token whose CloseHandle fails still records the leak and does not throw")
    void systemClose_closeHandleOfLeakFails_leakRecorded() {
        world.system.openProcessToken(DUP_QUERY); // leaked on purpose
        world.inject(FaultPlan.builder().when(SpiOperation.CLOSE_HANDLE).always().afterPerforming()
                .failWith(NtStatus.STATUS_INVALID_HANDLE).build());
        try (CapturedOutput output = CapturedOutput.capture()) {
            world.system.close();
            output.assertLogged(Level.SEVERE, "CloseHandle failed: ERROR_INVALID_HANDLE", 1);
            output.assertLogged(Level.WARNING, "TokenSystem closed with 1 leaked handle(s)", 1);
        }
        LeakReport report = world.system.leakReport();
        List<LeakReport.Leak> leaks = report.leaks();
        assertEquals(1, leaks.size(), report.toString());
        assertEquals(LeakReport.Reason.OPEN_WHEN_SYSTEM_CLOSED, leaks.get(0).reason());
        assertEquals(world.baselineHandles, world.model.world().openHandleCount());
        assertThrows(IllegalStateException.class, () -> world.system.openProcessToken(DUP_QUERY));
    }
}
