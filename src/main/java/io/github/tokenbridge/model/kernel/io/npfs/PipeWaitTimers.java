package io.github.tokenbridge.model.kernel.io.npfs;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timers of the model's FSCTL_PIPE_WAIT requests (npfs's per-wait timer): one daemon thread for
 * every model world in the JVM, started on the first wait with a time-out; a cancelled timer is
 * removed at once.
 */
final class PipeWaitTimers {

    private static final ScheduledThreadPoolExecutor TIMERS = create();

    private PipeWaitTimers() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "npfs-pipe-wait-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Runs {@code expiry} once after {@code millis} milliseconds unless cancelled first. */
    static ScheduledFuture<?> schedule(long millis, Runnable expiry) {
        return TIMERS.schedule(expiry, millis, TimeUnit.MILLISECONDS);
    }
}
