package io.github.tokenbridge.model;

import io.github.tokenbridge.model.kernel.ps.ThreadObject;

import java.util.Objects;

/**
 * A thread of a model world, as the world API hands it out: created by
 * {@link ModelWorld#createThread}, or the model thread behind a Java thread
 * ({@link ModelWorld#currentThread()}). Run code as it with {@link ModelWorld#runAs}.
 */
public final class ModelThread {

    private final ThreadObject thread;

    ModelThread(ThreadObject thread) {
        this.thread = Objects.requireNonNull(thread, "thread");
    }

    /** The thread id. */
    public int threadId() {
        return thread.threadId();
    }

    /** The id of the thread's process. */
    public int processId() {
        return thread.process().processId();
    }

    /** True while the thread has an impersonation token. */
    public boolean isImpersonating() {
        return thread.impersonation().isPresent();
    }

    ThreadObject object() {
        return thread;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelThread other && other.thread == thread;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(thread);
    }

    @Override
    public String toString() {
        return "ModelThread[" + threadId() + " in process " + processId() + "]";
    }
}
