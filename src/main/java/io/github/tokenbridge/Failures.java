package io.github.tokenbridge;

import io.github.tokenbridge.backend.Result;

/**
 * Turns failed backend SPI results into {@link WinTokenException}s: the function name, Win32
 * error, NTSTATUS (when the result has one) and backend, exactly as the SPI reported them.
 */
final class Failures {

    private final BackendKind backend;

    Failures(BackendKind backend) {
        this.backend = backend;
    }

    /** The result's value, or a {@link WinTokenException} naming {@code function} when it failed. */
    <T> T require(Result<T> result, String function) {
        if (!result.succeeded()) {
            throw exception(result, function, null);
        }
        return result.value();
    }

    /** The exception for a failed (or policy-rejected) result. */
    WinTokenException exception(Result<?> result, String function, String detail) {
        return new WinTokenException(function, result.win32Error(), result.ntStatusOrNull(), backend, detail);
    }

    /** True when the result failed with exactly this Win32 error. */
    static boolean failedWith(Result<?> result, Win32Error error) {
        return !result.succeeded() && result.win32Error() == error.code();
    }

    BackendKind backend() {
        return backend;
    }
}
