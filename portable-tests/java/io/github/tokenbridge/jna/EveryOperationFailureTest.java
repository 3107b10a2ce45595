package io.github.tokenbridge.jna;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every SPI operation of the jna backend, its native call failing: a Win32 function fails with
 * exactly the last error (read once, right after the call) and no NTSTATUS; an Nt function keeps
 * its NTSTATUS and maps it through the shared table; neither returns a handle, retries, or calls
 * anything else (nothing to close: the backend opened nothing).
 */
class EveryOperationFailureTest {

    private static final int ERROR = Win32Error.ERROR_ACCESS_DENIED.code();
    private static final int STATUS = NtStatus.STATUS_PRIVILEGE_NOT_HELD.code();
    /** The SPI operations over functions that return their Win32 error (objects). */
    private static final List<String> RETURNS_ITS_ERROR = List.of("reg", "getNamedSecurityInfo", "setNamedSecurityInfo",
            "getSecurityInfo", "setSecurityInfo");

    @TestFactory
    List<DynamicTest> operation_nativeCallFails_resultCarriesTheExactStatus() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Function<FakeNative, Object>> op : NativeCallBudgetTest.operations().entrySet()) {
            String name = op.getKey();
            if (name.startsWith("getCurrent") || name.contains("outgrows") || name.contains("DestroyEnvironmentBlock")) {
                continue; // the ids cannot fail; the growing case and the environment block stub their own answers
            }
            if (name.startsWith("lookupAccountName") || name.startsWith("lsaLookupSids") || name.startsWith("lsaLogonUserS4U")) {
                continue; // stubs its own success / several LSA calls per batch / not bound in jna (issue 14)
            }
            tests.add(DynamicTest.dynamicTest(name + "_fails_exactStatus", () -> {
                FakeNative fake = FakeNative.failing(ERROR, STATUS);
                Result<?> result = (Result<?>) op.getValue().apply(fake);
                assertFalse(result.succeeded(), result.toString());
                if (name.startsWith("nt") || name.equals("queryGrantedAccess")) {
                    assertEquals(STATUS, result.ntStatus().getAsInt());
                    assertEquals(Win32Error.ERROR_PRIVILEGE_NOT_HELD.code(), result.win32Error());
                    assertEquals(0, fake.lastErrorReads, "an Nt call's outcome is its status");
                } else if (RETURNS_ITS_ERROR.stream().anyMatch(name::startsWith)) {
                    // objects: LSTATUS / DWORD results are the error itself; the last error is not read
                    assertEquals(ERROR, result.win32Error());
                    assertTrue(result.ntStatus().isEmpty());
                    assertEquals(0, fake.lastErrorReads, "a function returning its error code leaves the last error alone");
                } else {
                    assertEquals(ERROR, result.win32Error());
                    assertTrue(result.ntStatus().isEmpty());
                    assertEquals(1, fake.lastErrorReads, "the last error is read once, right after the call");
                }
                Object value = result.value();
                if (value instanceof TokenInformation info) {
                    assertNull(info.value());
                } else if (value instanceof AdjustResult<?> adjust) {
                    assertEquals(List.of(), adjust.previousState());
                } else {
                    assertNull(value);
                }
                assertEquals(1, fake.nativeCalls(), "one call, no retry, nothing closed");
            }));
        }
        assertEquals(68, tests.size()); // with the process (issue 20), object-security (issue 15) operations, CancelSynchronousIo and WaitNamedPipeW
        return tests;
    }
}
