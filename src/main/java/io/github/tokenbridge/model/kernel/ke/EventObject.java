package io.github.tokenbridge.model.kernel.ke;

import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.model.kernel.ob.KernelObject;
import io.github.tokenbridge.model.kernel.ob.ObjectType;

/**
 * An event object of the model ({@code KEVENT} behind {@code CreateEventW}): manual or automatic
 * reset, set by the I/O it is the completion event of, waited on with a real (Java monitor) wait.
 */
public final class EventObject extends KernelObject {

    private final boolean manualReset;
    private boolean signaled;

    public EventObject(boolean manualReset, boolean initialState, SecurityDescriptor securityDescriptor) {
        super(ObjectType.EVENT, securityDescriptor);
        this.manualReset = manualReset;
        this.signaled = initialState;
    }

    /** {@code KeSetEvent}. */
    public synchronized void set() {
        signaled = true;
        notifyAll();
    }

    /** {@code KeClearEvent}. */
    public synchronized void reset() {
        signaled = false;
    }

    /**
     * {@code KeWaitForSingleObject}: true when the event was (or became) signaled within
     * {@code millis} (negative: forever); an automatic-reset event is reset by the wait it satisfies.
     *
     * @throws InterruptedException when the waiting Java thread is interrupted
     */
    public synchronized boolean await(long millis) throws InterruptedException {
        long deadline = millis < 0 ? Long.MAX_VALUE : System.nanoTime() + millis * 1_000_000L;
        while (!signaled) {
            long left = deadline - System.nanoTime();
            if (millis >= 0 && left <= 0) {
                return false;
            }
            if (millis < 0) {
                wait();
            } else {
                wait(Math.max(1, left / 1_000_000L));
            }
        }
        if (!manualReset) {
            signaled = false;
        }
        return true;
    }

    /** True when signaled. */
    public synchronized boolean isSignaled() {
        return signaled;
    }
}
