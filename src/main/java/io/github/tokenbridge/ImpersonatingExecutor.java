package io.github.tokenbridge;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link java.util.concurrent.ExecutorService} that runs every task on one of its own platform
 * threads while impersonating a given token, restoring the thread afterwards: the way to run
 * impersonated work from virtual threads, which may not impersonate themselves. The pool is
 * guarded ({@link ImpersonationGuard}). The token must stay open while tasks run.
 */
final class ImpersonatingExecutor extends AbstractExecutorService {

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final TokenSystem system;
    private final AccessToken token;
    private final ThreadPoolExecutor pool;
    private final ImpersonationGuard guard;

    ImpersonatingExecutor(TokenSystem system, AccessToken token, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.system = system;
        this.token = token;
        int pool = POOL_NUMBER.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread platform = new Thread(r, "tokenbridge-impersonating-" + pool + "-" + thread.incrementAndGet());
            platform.setDaemon(true);
            return platform;
        });
        this.guard = new ImpersonationGuard(system, this.pool, null);
    }

    private final class ImpersonatedTask<T> extends FutureTask<T> {
        ImpersonatedTask(Callable<T> callable) {
            super(guard.guarded(() -> system.runImpersonated(token, callable)));
        }
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new ImpersonatedTask<>(callable);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new ImpersonatedTask<>(Executors.callable(runnable, value));
    }

    @Override
    public void execute(Runnable command) {
        if (command instanceof ImpersonatingExecutor.ImpersonatedTask<?>) {
            guard.executeChecked(command);
            return;
        }
        Callable<Object> impersonated = guard.guarded(() -> system.runImpersonated(token, Executors.callable(command)));
        guard.executeChecked(() -> {
            try {
                impersonated.call();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception checked) {
                throw new CompletionException(checked);
            }
        });
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return pool.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }
}
