package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The daemon thread that ends synchronous calls a thread is blocked in (a client's ReadFile on a
 * handle opened without FILE_FLAG_OVERLAPPED) when their time-out passes or their Java thread is
 * interrupted: {@code CancelSynchronousIo} on the blocked thread, after which its call fails with
 * ERROR_OPERATION_ABORTED (P27).
 *
 * <p>A call is watched between {@link #watch} and {@link Watch#close()}. Each tick (10 ms) the
 * watchdog opens the watched thread by its id ({@code OpenThread(THREAD_TERMINATE)}: ids are unique
 * across processes, so the cancel can never reach another thread), cancels, and closes the handle,
 * all while holding the watch's lock; {@link Watch#close()} takes that lock, so once it returns no
 * cancel can reach a later call of the thread. A cancel that finds nothing (ERROR_NOT_FOUND: the
 * thread has not blocked yet, or has just returned) or fails is tried again at the next tick while
 * the watch lasts, as CancelSynchronousIo's documentation advises for the race with the call's start.
 * The thread exits when nothing is watched and starts again with the next watch.
 */
final class BlockedCallWatchdog {

    private static final int THREAD_TERMINATE = 0x0001;
    private static final long TICK_MILLIS = 10;
    private static final BlockedCallWatchdog INSTANCE = new BlockedCallWatchdog();

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private Thread thread; // guarded by this

    private BlockedCallWatchdog() {
    }

    /**
     * Watches the calling thread's next synchronous call until the returned watch is closed.
     *
     * @param threadId     the calling thread's id as {@code backend} knows it ({@code GetCurrentThreadId})
     * @param deadline     {@link System#nanoTime()} at which to cancel, or {@link NamedPipeServer#NO_DEADLINE} for none
     */
    static Watch watch(TokenBackend backend, int threadId, long deadline) {
        Watch w = new Watch(Objects.requireNonNull(backend, "backend"), threadId, Thread.currentThread(), deadline);
        INSTANCE.add(w);
        return w;
    }

    private synchronized void add(Watch w) {
        watches.add(w);
        if (thread == null) {
            thread = new Thread(this::run, "tokenbridge-blocked-call-watchdog");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** True when the watchdog should stop (nothing is watched); clears the thread under the lock. */
    private synchronized boolean idle() {
        if (watches.isEmpty()) {
            thread = null;
            return true;
        }
        return false;
    }

    private void run() {
        while (!idle()) {
            long now = System.nanoTime();
            for (Watch w : watches) {
                w.poll(now);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return; // nobody interrupts this daemon thread; if someone does, the next watch starts another
            }
        }
    }

    /** One watched call: the thread, its deadline, and whether the watchdog cancelled it. */
    static final class Watch implements AutoCloseable {

        private final TokenBackend backend;
        private final int threadId;
        private final Thread owner;
        private final long deadline;
        private boolean active = true; // guarded by this
        private boolean cancelled; // guarded by this

        private Watch(TokenBackend backend, int threadId, Thread owner, long deadline) {
            this.backend = backend;
            this.threadId = threadId;
            this.owner = owner;
            this.deadline = deadline;
        }

        /** Called on the watchdog thread: cancels the watched call once it is due (deadline or interrupt). */
        private synchronized void poll(long now) {
            boolean due = deadline != NamedPipeServer.NO_DEADLINE && now - deadline >= 0;
            if (!active || cancelled || (!due && !owner.isInterrupted())) {
                return;
            }
            Result<Handle> opened = backend.openThread(THREAD_TERMINATE, threadId);
            if (!opened.succeeded()) {
                return; // tried again at the next tick
            }
            try {
                if (backend.cancelSynchronousIo(opened.value()).succeeded()) {
                    cancelled = true;
                }
            } finally {
                backend.closeHandle(opened.value());
            }
        }

        /** True when the watchdog cancelled the call (read after {@link #close()}). */
        synchronized boolean cancelled() {
            return cancelled;
        }

        /** Ends the watch; waits for a cancel in progress, so none reaches a later call. */
        @Override
        public void close() {
            synchronized (this) {
                active = false;
            }
            INSTANCE.watches.remove(this);
        }
    }
}
