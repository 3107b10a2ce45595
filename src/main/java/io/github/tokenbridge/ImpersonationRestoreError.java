package io.github.tokenbridge;

/**
 * The fatal error thrown when tokenbridge could not put a thread back under the identity it had
 * before an impersonation scope: the thread may now act as the wrong user.
 *
 * <p>The thread is marked: every later tokenbridge call on it fails fast with a new
 * {@code ImpersonationRestoreError} whose cause is the original one. Let the thread die; do not
 * return it to a pool.
 */
public class ImpersonationRestoreError extends Error {

    private static final long serialVersionUID = 1L;

    /** An error with this message and the failure (usually a {@link WinTokenException}) as cause. */
    public ImpersonationRestoreError(String message, Throwable cause) {
        super(message, cause);
    }
}
