package io.github.tokenbridge;

/**
 * The mark left on a thread whose impersonation could not be restored: once set, every
 * tokenbridge call on that thread fails fast with an {@link ImpersonationRestoreError}, so the
 * thread cannot carry on under the wrong identity. The mark is never cleared.
 */
final class ThreadPoison {

    private static final ThreadLocal<ImpersonationRestoreError> POISON = new ThreadLocal<>();

    private ThreadPoison() {
    }

    /** Marks the calling thread with the error that made its identity unknown. */
    static void poison(ImpersonationRestoreError error) {
        if (POISON.get() == null) {
            POISON.set(error);
        }
    }

    /** True when the calling thread is marked. */
    static boolean isPoisoned() {
        return POISON.get() != null;
    }

    /** Throws when the calling thread is marked. */
    static void check() {
        ImpersonationRestoreError original = POISON.get();
        if (original != null) {
            throw new ImpersonationRestoreError("thread \"" + Thread.currentThread().getName()
                    + "\" may be running under the wrong identity since an impersonation could not be restored;"
                    + " tokenbridge refuses every call on it (" + original.getMessage() + ")", original);
        }
    }
}
