package io.github.tokenbridge;

import java.util.Objects;

/**
 * One pooled thread found impersonating by a {@link GuardedExecutorService}: either a task returned it
 * still impersonating, or it was already impersonating when a guarded task was about to start (left by
 * work that the guard did not run). Either way the thread was reverted to its process token.
 *
 * @param kind           when it was found
 * @param thread         the name of the pooled thread
 * @param task           the task that left the identity behind ({@link Kind#LEFT_BY_TASK}) or that was about to
 *                       run ({@link Kind#FOUND_BEFORE_TASK}), as its {@code toString()}
 * @param scopesLeftOpen the tokenbridge impersonation scopes that were still open on the thread (0 for a raw
 *                       impersonation)
 */
public record ImpersonationLeak(Kind kind, String thread, String task, int scopesLeftOpen) {

    /** When the leak was found. */
    public enum Kind {
        /** After a guarded task: that task left its thread impersonating (its future fails, where it has one). */
        LEFT_BY_TASK,
        /**
         * Before a guarded task: the thread was already impersonating, left by code the guard did not run
         * (an unguarded submission to the same pool, or the pool's own code); the task is not blamed and
         * runs as the process.
         */
        FOUND_BEFORE_TASK
    }

    public ImpersonationLeak {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(task, "task");
    }

    @Override
    public String toString() {
        return (kind == Kind.LEFT_BY_TASK ? "task " + task + " returned pooled thread \"" + thread + "\" still impersonating"
                : "pooled thread \"" + thread + "\" was impersonating before task " + task + " started")
                + " (" + scopesLeftOpen + " impersonation scope(s) left open); the thread was reverted to its process token";
    }
}
