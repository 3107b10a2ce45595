package io.github.tokenbridge;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An {@link ExecutorService} wrapper that checks, after every task, that the task did not return
 * its pooled thread still impersonating (an unclosed {@link ImpersonationScope} or a raw
 * impersonation). Such a task fails with an {@link IllegalStateException} (its future completes
 * exceptionally) and the thread is reverted to its process token before it runs anything else;
 * if the revert fails the thread is poisoned ({@link ImpersonationRestoreError}).
 */
final class ImpersonationGuard extends AbstractExecutorService {

    private final TokenSystem system;
    private final ExecutorService delegate;

    ImpersonationGuard(TokenSystem system, ExecutorService delegate) {
        this.system = system;
        this.delegate = delegate;
    }

    /** A task wrapped by this guard: its callable ends with the check. */
    private final class GuardedTask<T> extends FutureTask<T> {
        GuardedTask(Callable<T> callable) {
            super(guarded(callable));
        }
    }

    <T> Callable<T> guarded(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            T result;
            try {
                result = task.call();
            } catch (Exception | Error failure) {
                afterTask(task, failure);
                throw failure;
            }
            afterTask(task, null);
            return result;
        };
    }

    private void afterTask(Object task, Throwable taskFailure) {
        ThreadPoison.check();
        int leftOpen = ScopeStack.depth();
        boolean impersonating = system.impersonator().isImpersonating();
        if (leftOpen == 0 && !impersonating) {
            return;
        }
        String thread = Thread.currentThread().getName();
        String reason = "task " + task + " left thread \"" + thread + "\" impersonating";
        Set<Impersonator> toRevert = new LinkedHashSet<>();
        if (impersonating) {
            toRevert.add(system.impersonator());
        }
        for (ImpersonationScope scope : ScopeStack.drain()) {
            scope.abandon();
            toRevert.add(scope.impersonator()); // a scope of another system reverts through its own backend
        }
        for (Impersonator impersonator : toRevert) {
            impersonator.revertOrPoison(reason);
        }
        IllegalStateException leak = new IllegalStateException("task " + task + " returned pooled thread \"" + thread
                + "\" still impersonating (" + leftOpen + " impersonation scope(s) left open); the thread was reverted"
                + " to its process token");
        if (taskFailure != null) {
            leak.addSuppressed(taskFailure);
        }
        throw leak;
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new GuardedTask<>(callable);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new GuardedTask<>(Executors.callable(runnable, value));
    }

    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        if (command instanceof ImpersonationGuard.GuardedTask<?>) {
            executeChecked(command);
            return;
        }
        Callable<Object> checked = guarded(Executors.callable(command));
        executeChecked(() -> {
            try {
                checked.call();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception impossible) {
                throw new IllegalStateException(impossible);
            }
        });
    }

    /**
     * Runs an already-checked command on the pool; if it leaves its thread poisoned (a restore
     * failed), the error escapes the task so that the pool discards the thread instead of reusing it.
     */
    void executeChecked(Runnable command) {
        delegate.execute(() -> {
            command.run();
            ThreadPoison.check();
        });
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }

    @Override
    public String toString() {
        return "ImpersonationGuard[" + delegate + "]";
    }
}
