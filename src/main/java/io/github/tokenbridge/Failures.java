package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;

/**
 * Turns failed backend SPI results into {@link WinTokenException}s: the function name, Win32
 * error, NTSTATUS (when the result has one) and backend, exactly as the SPI reported them.
 */
final class Failures {

    private static final System.Logger LOG = System.getLogger(TokenSystem.class.getName());

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

    // ---- handles tokenbridge opens for itself (issue 17): a failed close is reported, never dropped

    /**
     * Closes a handle tokenbridge opened for its own use (a thread-token probe, a saved impersonation,
     * the process handle of {@code openProcessToken(pid)}). A failed close is reported as every failed
     * {@code CloseHandle} of a token is: an ERROR log line with the function, Win32 error and NTSTATUS;
     * and, when {@code pending} (an exception already on its way to the caller) is not null, as a
     * suppressed exception of it. The caller's operation itself is not failed by it: it has already
     * taken effect (or is already failing), and no handle the caller owns is involved.
     *
     * @param what what the handle was for, for the message
     * @return the failure (already reported), or null when the handle closed
     */
    WinTokenException closeOwnHandle(TokenBackend tokens, Handle handle, String what, Throwable pending) {
        Result<Void> closed = tokens.closeHandle(handle);
        if (closed.succeeded()) {
            return null;
        }
        WinTokenException failure = exception(closed, "CloseHandle", "tokenbridge's own handle " + handle + " (" + what + ")");
        LOG.log(System.Logger.Level.ERROR, failure.getMessage());
        if (pending != null) {
            pending.addSuppressed(failure);
        }
        return failure;
    }

    /** True when the result failed with exactly this Win32 error. */
    static boolean failedWith(Result<?> result, Win32Error error) {
        return !result.succeeded() && result.win32Error() == error.code();
    }

    BackendKind backend() {
        return backend;
    }
}
