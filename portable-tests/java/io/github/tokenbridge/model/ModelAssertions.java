package io.github.tokenbridge.model;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformationClass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on SPI results shared by the model tests: exact statuses and Win32 errors. */
final class ModelAssertions {

    static final int TOKEN_ASSIGN_PRIMARY = 0x0001;
    static final int TOKEN_DUPLICATE = 0x0002;
    static final int TOKEN_IMPERSONATE = 0x0004;
    static final int TOKEN_QUERY = 0x0008;
    static final int TOKEN_QUERY_SOURCE = 0x0010;
    static final int TOKEN_ADJUST_PRIVILEGES = 0x0020;
    static final int TOKEN_ADJUST_DEFAULT = 0x0080;
    static final int TOKEN_ALL_ACCESS = 0x000F01FF;
    static final int MAXIMUM_ALLOWED = 0x02000000;
    static final int ACCESS_SYSTEM_SECURITY = 0x01000000;

    private ModelAssertions() {
    }

    /** Asserts success and returns the value. */
    static <T> T ok(Result<T> result) {
        assertTrue(result.succeeded(), () -> "expected success, got " + result);
        return result.value();
    }

    /** Asserts failure with exactly this NTSTATUS (and its Win32 mapping). */
    static void fails(NtStatus status, Result<?> result) {
        assertFalse(result.succeeded(), () -> "expected " + status + ", got " + result);
        assertEquals(status.code(), result.ntStatus().orElseThrow(), () -> "expected " + status + ", got " + result);
        assertEquals(status.win32Error(), result.win32Error());
    }

    /** Asserts a failed Win32 call with exactly this last error. */
    static void failsWin32(Win32Error error, Result<?> result) {
        assertFalse(result.succeeded(), () -> "expected " + error + ", got " + result);
        assertEquals(error.code(), result.win32Error(), () -> "expected " + error + ", got " + result);
    }

    /** Queries a class with a sized buffer and returns the value. */
    static <T> T query(TokenBackend backend, Handle token, TokenInformationClass infoClass, Class<T> type) {
        return ok(backend.getTokenInformation(token, infoClass, -1)).as(type);
    }
}
