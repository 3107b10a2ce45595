package io.github.tokenbridge.reliability;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.model.fault.FaultPlan;
import io.github.tokenbridge.model.fault.SpiOperation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The fault plans and failure assertions the public-API fault tests share. */
final class FaultAssertions {

    private FaultAssertions() {
    }

    /** {@code thrown} is a WinTokenException naming {@code function} with exactly {@code status} and its Win32 error. */
    static void assertWinFailure(Throwable thrown, String function, NtStatus status) {
        WinTokenException e = assertInstanceOf(WinTokenException.class, thrown);
        assertEquals(function, e.function(), e.getMessage());
        assertEquals(status.win32Error(), e.win32Error(), e.getMessage());
        assertEquals(status.code(), e.ntStatus().orElseThrow(), e.getMessage());
    }

    /** A plan failing the {@code call}-th call of {@code op} (counted from 1) with {@code status}, before it runs. */
    static FaultPlan failing(SpiOperation op, long call, NtStatus status) {
        return FaultPlan.builder().when(op).onCall(call).failWith(status).build();
    }
}
