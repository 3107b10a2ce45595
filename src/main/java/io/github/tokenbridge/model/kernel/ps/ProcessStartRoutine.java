package io.github.tokenbridge.model.kernel.ps;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the initial thread of a model process runs: the image's entry point, bound to the process's
 * parameters. It runs once, when the thread is resumed (at once unless the process was created
 * CREATE_SUSPENDED); ending the process calls {@link #onTerminate()}.
 */
public abstract class ProcessStartRoutine {

    private final AtomicBoolean started = new AtomicBoolean();

    /** Starts the routine unless it has started already; true when this call started it. */
    final boolean start() {
        if (!started.compareAndSet(false, true)) {
            return false;
        }
        run();
        return true;
    }

    /** True once the initial thread has been resumed. */
    public boolean started() {
        return started.get();
    }

    final void terminated() {
        onTerminate();
    }

    /** Starts the entry point (normally on a thread of its own); must not block. */
    protected abstract void run();

    /** Called once when the process ends, however it ends (close streams, stop the thread). */
    protected abstract void onTerminate();
}
