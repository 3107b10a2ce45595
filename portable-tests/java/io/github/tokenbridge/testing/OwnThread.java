package io.github.tokenbridge.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test body run on a fresh platform thread of its own, so that a poisoned thread (R45, R46) or a
 * thread left impersonating never reaches the JUnit worker.
 */
public final class OwnThread {

    private OwnThread() {
    }

    /** Runs {@code body} on a new platform thread named {@code name}, waits for it, and returns what it threw (null if nothing). */
    public static Throwable run(String name, Callable<?> body) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                body.call();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, name);
        thread.start();
        thread.join();
        return thrown.get();
    }
}
