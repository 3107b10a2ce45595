package io.github.tokenbridge.reliability;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.fault.FaultInjectingBackend;
import io.github.tokenbridge.model.fault.FaultPlan;
import io.github.tokenbridge.model.fault.SpiOperation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fault-injecting backend itself: which calls fail, with what, and whether the real call happened. */
class FaultPlanTest {

    private static final int TOKEN_QUERY = 0x8;

    private final ModelBackend model = ModelBackend.create(ModelConfiguration.standardUser());

    private Handle open(FaultInjectingBackend backend) {
        Result<Handle> r = backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY);
        assertTrue(r.succeeded(), r.toString());
        return r.value();
    }

    @Test
    @DisplayName("onCall(2): only the second call fails, with the NTSTATUS and its Win32 translation; the others run")
    void onCall_secondCallOnly_failsWithStatus() {
        FaultInjectingBackend faults = FaultInjectingBackend.over(model, FaultPlan.builder()
                .when(SpiOperation.SET_THREAD_TOKEN).onCall(2).failWith(NtStatus.STATUS_ACCESS_DENIED).build());
        assertTrue(faults.setThreadToken(null, Handle.NULL).succeeded());
        Result<Void> second = faults.setThreadToken(null, Handle.NULL);
        assertFalse(second.succeeded());
        assertEquals(OptionalInt.of(NtStatus.STATUS_ACCESS_DENIED.code()), second.ntStatus());
        assertEquals(Win32Error.ERROR_ACCESS_DENIED.code(), second.win32Error());
        assertTrue(faults.setThreadToken(null, Handle.NULL).succeeded());
        assertEquals(3, faults.callCount(SpiOperation.SET_THREAD_TOKEN));
        assertEquals(1, faults.injectedFaults().size());
        assertEquals(2, faults.injectedFaults().get(0).callNumber());
    }

    @Test
    @DisplayName("after(N): every NtClose after the first N fails, without closing anything")
    void after_everyLaterNtClose_failsWithoutEffect() {
        FaultInjectingBackend faults = FaultInjectingBackend.over(model, FaultPlan.builder()
                .when(SpiOperation.NT_CLOSE).after(1).failWith(NtStatus.STATUS_INVALID_HANDLE).build());
        Handle a = open(faults);
        Handle b = open(faults);
        Handle c = open(faults);
        assertTrue(faults.ntClose(a).succeeded());
        assertEquals(NtStatus.STATUS_INVALID_HANDLE.code(), faults.ntClose(b).ntStatus().getAsInt());
        assertFalse(faults.ntClose(c).succeeded());
        assertEquals(2, model.world().openHandleCount(), "failed without effect: b and c stay open");
        assertTrue(model.ntClose(b).succeeded());
        assertTrue(model.ntClose(c).succeeded());
    }

    @Test
    @DisplayName("afterPerforming: the real call happens and the caller still sees the failure")
    void afterPerforming_closeHappensButFails() {
        FaultInjectingBackend faults = FaultInjectingBackend.over(model, FaultPlan.builder()
                .when(SpiOperation.CLOSE_HANDLE).always().afterPerforming().failWith(Win32Error.ERROR_INVALID_HANDLE).build());
        Handle h = open(faults);
        Result<Void> r = faults.closeHandle(h);
        assertFalse(r.succeeded());
        assertEquals(Win32Error.ERROR_INVALID_HANDLE.code(), r.win32Error());
        assertTrue(r.ntStatus().isEmpty(), "a bare Win32 failure has no NTSTATUS");
        assertEquals(0, model.world().openHandleCount());
    }

    @Test
    @DisplayName("install() replaces the plan and restarts the counts; rules are checked when built")
    void install_restartsCounts_andRulesValidated() {
        FaultInjectingBackend faults = FaultInjectingBackend.over(model);
        faults.revertToSelf();
        assertEquals(1, faults.callCount(SpiOperation.REVERT_TO_SELF));
        faults.install(FaultPlan.builder().when(SpiOperation.REVERT_TO_SELF).onCall(1).failWith(NtStatus.STATUS_NO_MEMORY).build());
        assertEquals(0, faults.callCount(SpiOperation.REVERT_TO_SELF));
        assertFalse(faults.revertToSelf().succeeded());
        assertThrows(IllegalArgumentException.class,
                () -> FaultPlan.builder().when(SpiOperation.NT_CLOSE).onCall(0).failWith(NtStatus.STATUS_NO_MEMORY));
        assertThrows(IllegalArgumentException.class,
                () -> FaultPlan.builder().when(SpiOperation.NT_CLOSE).always().failWith(NtStatus.STATUS_SUCCESS));
    }
}
