package io.github.tokenbridge;

import java.util.function.Supplier;

/**
 * Runs one task of an executor under a given identity and guarantees that its thread is back where
 * it was afterwards: the scope is opened and closed on the thread that runs the task, scopes the task
 * left open are abandoned (the task then fails), and a raw impersonation the task left is overwritten
 * by the verified restore (R46). A failed restore poisons the thread ({@link ImpersonationRestoreError}).
 */
final class AsyncImpersonation {

    private AsyncImpersonation() {
    }

    /** Runs {@code task} impersonating {@code token} ({@code ImpersonateLoggedOnUser}, R42), then restores. */
    static <T> T callImpersonating(TokenSystem system, AccessToken token, Supplier<T> task) {
        ImpersonationScope scope = system.impersonate(token);
        int depth = ScopeStack.depth();
        T result = null;
        Throwable failure = null;
        try {
            result = task.get();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        int leftOpen = ScopeStack.abandonAbove(depth);
        try {
            scope.close();
        } catch (RuntimeException | Error restoreFailure) {
            if (failure != null) {
                restoreFailure.addSuppressed(failure);
            }
            throw restoreFailure;
        }
        return finish(result, failure, leftOpen, "impersonating " + token);
    }

    /** Runs {@code task} as the process: reverts an impersonation the thread had, then restores it. */
    static <T> T callAsProcess(TokenSystem system, Supplier<T> task) {
        Impersonator impersonator = system.impersonator();
        SavedImpersonation saved = impersonator.leaveImpersonation("a task as the process");
        int depth = ScopeStack.depth();
        T result = null;
        Throwable failure = null;
        try {
            result = task.get();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        int leftOpen = ScopeStack.abandonAbove(depth);
        try {
            impersonator.restore(saved, "a task run as the process");
        } catch (RuntimeException | Error restoreFailure) {
            if (failure != null) {
                restoreFailure.addSuppressed(failure);
            }
            throw restoreFailure;
        }
        return finish(result, failure, leftOpen, "as the process");
    }

    private static <T> T finish(T result, Throwable failure, int leftOpen, String how) {
        if (leftOpen > 0) {
            IllegalStateException leak = new IllegalStateException("a task run " + how + " on thread \""
                    + Thread.currentThread().getName() + "\" left " + leftOpen + " impersonation scope(s) open; they"
                    + " were abandoned and the thread restored");
            if (failure != null) {
                leak.addSuppressed(failure);
            }
            throw leak;
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure != null) {
            throw (Error) failure;
        }
        return result;
    }
}
