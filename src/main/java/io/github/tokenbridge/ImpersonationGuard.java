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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The {@link GuardedExecutorService} of {@link TokenSystem#guard}: checks the pooled thread before
 * and after every task, reverts it when it is impersonating and reports the leak to the listener
 * and the count.
 */
final class ImpersonationGuard extends AbstractExecutorService implements GuardedExecutorService {

    private static final System.Logger LOG = System.getLogger(TokenSystem.class.getName());

    private final TokenSystem system;
    private final ExecutorService delegate;
    private final Consumer<? super ImpersonationLeak> listener;
    private final AtomicLong leaks = new AtomicLong();

    ImpersonationGuard(TokenSystem system, ExecutorService delegate, Consumer<? super ImpersonationLeak> listener) {
        this.system = system;
        this.delegate = delegate;
        this.listener = listener;
    }

    /** A task wrapped by this guard: its callable starts and ends with the check. */
    private final class GuardedTask<T> extends FutureTask<T> {
        GuardedTask(Callable<T> callable) {
            super(guarded(callable));
        }
    }

    <T> Callable<T> guarded(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            beforeTask(task);
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

    @Override
    public long leakCount() {
        return leaks.get();
    }

    /** Makes sure the thread runs {@code task} as the process: reverts and reports an identity left behind. */
    private void beforeTask(Object task) {
        ThreadPoison.check();
        int leftOpen = ScopeStack.depth();
        if (leftOpen == 0 && !system.impersonator().isImpersonating()) {
            return;
        }
        ImpersonationLeak leak = new ImpersonationLeak(ImpersonationLeak.Kind.FOUND_BEFORE_TASK,
                Thread.currentThread().getName(), String.valueOf(task), leftOpen);
        revert(leak.toString());
        report(leak, null);
    }

    private void afterTask(Object task, Throwable taskFailure) {
        ThreadPoison.check();
        int leftOpen = ScopeStack.depth();
        if (leftOpen == 0 && !system.impersonator().isImpersonating()) {
            return;
        }
        ImpersonationLeak leak = new ImpersonationLeak(ImpersonationLeak.Kind.LEFT_BY_TASK,
                Thread.currentThread().getName(), String.valueOf(task), leftOpen);
        revert(leak.toString());
        IllegalStateException failure = new IllegalStateException(leak.toString());
        if (taskFailure != null) {
            failure.addSuppressed(taskFailure);
        }
        report(leak, failure);
        throw failure;
    }

    /**
     * Abandons every open scope of the calling thread and reverts it through every system involved
     * (a scope of another system reverts through its own backend); a failed revert poisons the thread.
     */
    private void revert(String reason) {
        Set<Impersonator> toRevert = new LinkedHashSet<>();
        toRevert.add(system.impersonator());
        for (ImpersonationScope scope : ScopeStack.drain()) {
            scope.abandon();
            toRevert.add(scope.impersonator());
        }
        for (Impersonator impersonator : toRevert) {
            impersonator.revertOrPoison(reason);
        }
    }

    /** Counts the leak and hands it to the listener; a failing listener is recorded, never lost. */
    private void report(ImpersonationLeak leak, IllegalStateException taskFailure) {
        leaks.incrementAndGet();
        if (listener == null) {
            return;
        }
        try {
            listener.accept(leak);
        } catch (RuntimeException | Error listenerFailure) {
            if (taskFailure != null) {
                taskFailure.addSuppressed(listenerFailure);
            } else {
                LOG.log(System.Logger.Level.ERROR, "the impersonation leak listener failed on: " + leak, listenerFailure);
            }
        }
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
        warnOfLeaks();
    }

    /** Logs the leak count found so far as a warning when it is not zero. */
    private void warnOfLeaks() {
        long found = leaks.get();
        if (found > 0) {
            LOG.log(System.Logger.Level.WARNING, "{0} shut down after {1} impersonation leak(s) on its threads", this, found);
        }
    }

    @Override
    public void close() {
        boolean interrupted = false;
        delegate.shutdown(); // the warning waits for termination below, so that it counts the last tasks' leaks too
        while (!delegate.isTerminated()) {
            try {
                delegate.awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                if (!interrupted) {
                    delegate.shutdownNow();
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        warnOfLeaks();
        long found = leaks.get();
        if (found > 0 && listener == null) {
            throw new IllegalStateException(found + " impersonation leak(s) were found on the threads of " + this
                    + " (each thread was reverted); pass a listener to TokenSystem.guard to hear of each one");
        }
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
