package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;

import java.lang.ref.Cleaner;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One owned handle's life: a reference count that keeps the handle open while a call uses it,
 * a close request that is honoured exactly once (even when many threads race), and the Cleaner
 * action that closes it if its owner is garbage collected unclosed.
 *
 * <p>Never references its owner (the {@link AccessToken}), so the Cleaner can see it become
 * unreachable.
 */
final class HandleState implements Runnable {

    private final HandleRegistry registry;
    private final Handle handle;
    private final String descriptionPrefix;
    private final int accessMask;
    private final String openedOnThread;
    private final List<StackTraceElement> openedAt;
    private final LeakDetection detection;
    private volatile OpenHandle info;
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    /** One reference for the owner plus one per call in progress; the handle closes at zero. */
    private final AtomicInteger references = new AtomicInteger(1);
    private volatile LeakReport.Reason forcedReason;
    private volatile Cleaner.Cleanable cleanable;
    private volatile WinTokenException closeFailure;
    private final boolean owning;

    /**
     * @param descriptionPrefix what the handle is
     * @param accessMask        the token rights it was opened with, appended to the description; {@link #NO_MASK} for none
     * @param openedAt          the opening stack, or null when the detection level did not record it
     */
    HandleState(HandleRegistry registry, Handle handle, String descriptionPrefix, int accessMask, String openedOnThread,
                List<StackTraceElement> openedAt, LeakDetection detection, boolean owning) {
        this.registry = registry;
        this.handle = handle;
        this.descriptionPrefix = descriptionPrefix;
        this.accessMask = accessMask;
        this.openedOnThread = openedOnThread;
        this.openedAt = openedAt;
        this.detection = detection;
        this.owning = owning;
    }

    /** False for a borrowed handle, which tokenbridge never closes. */
    boolean owning() {
        return owning;
    }

    /** No access mask to describe. */
    static final int NO_MASK = Integer.MIN_VALUE;

    /** Where the handle was opened; built when first asked for, so that an open pays for none of it. */
    private OpenHandle buildInfo() {
        String description = accessMask == NO_MASK ? descriptionPrefix
                : descriptionPrefix + " " + TokenAccess.fromMask(accessMask);
        return new OpenHandle(handle.toString(), description, openedOnThread, openedAt == null ? List.of() : openedAt,
                detection);
    }

    /** The opening stack, or null when not recorded. */
    List<StackTraceElement> openedAt() {
        return openedAt;
    }

    void cleanable(Cleaner.Cleanable value) {
        this.cleanable = value;
    }

    /** The raw handle; only valid between {@link #acquire()} and {@link #release()}. */
    Handle handle() {
        return handle;
    }

    OpenHandle info() {
        OpenHandle built = info;
        if (built == null) {
            built = buildInfo();
            info = built;
        }
        return built;
    }

    /** Takes a reference for one call; fails when the handle was closed or its close was asked for. */
    void acquire() {
        while (true) {
            int current = references.get();
            if (current <= 0 || closeRequested.get()) {
                throw new IllegalStateException("the " + info().description() + " " + handle + " is closed");
            }
            if (references.compareAndSet(current, current + 1)) {
                return;
            }
        }
    }

    /** Drops a reference; the last one closes the handle. */
    void release() {
        if (references.decrementAndGet() == 0) {
            cleanable.clean();
        }
    }

    boolean isClosed() {
        return closeRequested.get();
    }

    /**
     * Asks for the close; the handle closes now, or when the last call in progress ends. Only the
     * first request counts.
     *
     * @return true when this call made the request
     */
    boolean close() {
        if (!closeRequested.compareAndSet(false, true)) {
            return false;
        }
        release();
        return true;
    }

    /** Closes on behalf of the system, recording the handle as leaked for {@code reason}. */
    void forceClose(LeakReport.Reason reason) {
        forcedReason = reason;
        close();
    }

    /** The failure of the CloseHandle call, if there was one; reported once. */
    WinTokenException takeCloseFailure() {
        WinTokenException failure = closeFailure;
        closeFailure = null;
        return failure;
    }

    /** The close itself: runs exactly once, from the last release or from the Cleaner. */
    @Override
    public void run() {
        LeakReport.Reason reason = closeRequested.get() ? forcedReason : LeakReport.Reason.GARBAGE_COLLECTED_WITHOUT_CLOSE;
        closeRequested.set(true);
        closeFailure = registry.closed(this, reason);
    }
}
