package io.github.tokenbridge.model.kernel.io;

import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.ke.EventObject;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;

/**
 * One I/O request of the model (the IRP): pending until its driver completes it, then its
 * outcome, with the request's event set on completion. An overlapped request belongs to an
 * {@code OVERLAPPED} and carries its event; a synchronous one belongs to the thread that waits for
 * it (the I/O manager's wait on a synchronous file object), and only {@code CancelSynchronousIo}
 * of that thread or the thread's own interrupt cancels it. {@code CancelIoEx} completes a pending
 * request with STATUS_CANCELLED.
 */
public final class IoRequest {

    private final FileObject file;
    private final EventObject event;
    private final ThreadObject waiter;
    private Result<?> outcome;

    /**
     * An overlapped request.
     *
     * @param event the completion event, or null
     */
    public IoRequest(FileObject file, EventObject event) {
        this(file, event, null);
        if (event != null) {
            event.reset(); // as the I/O manager clears OVERLAPPED.hEvent when a request starts
        }
    }

    private IoRequest(FileObject file, EventObject event, ThreadObject waiter) {
        this.file = file;
        this.event = event;
        this.waiter = waiter;
    }

    /** A synchronous request that {@code waiter} issues and waits for (no event, no OVERLAPPED). */
    public static IoRequest synchronous(FileObject file, ThreadObject waiter) {
        return new IoRequest(file, null, java.util.Objects.requireNonNull(waiter, "waiter"));
    }

    /** The file object the request was made on. */
    public FileObject file() {
        return file;
    }

    /** True for a synchronous request (one a thread waits for, without an OVERLAPPED). */
    public boolean isSynchronous() {
        return waiter != null;
    }

    /** The thread waiting for a synchronous request; null for an overlapped one. */
    public ThreadObject waiter() {
        return waiter;
    }

    /** True while the request waits for its driver. */
    public synchronized boolean isPending() {
        return outcome == null;
    }

    /** Completes the request once (later completions are ignored), setting its event. */
    public void complete(Result<?> result) {
        synchronized (this) {
            if (outcome != null) {
                return;
            }
            outcome = result;
            notifyAll();
        }
        if (event != null) {
            event.set();
        }
    }

    /** The outcome, or null while pending. */
    public synchronized Result<?> outcome() {
        return outcome;
    }

    /**
     * Waits for completion ({@code GetOverlappedResult} with bWait TRUE waits on the event, or here
     * on the request itself).
     *
     * @throws InterruptedException when the waiting Java thread is interrupted
     */
    public synchronized Result<?> await() throws InterruptedException {
        while (outcome == null) {
            wait();
        }
        return outcome;
    }

    /** Waits for completion, ignoring interrupts (they are kept for the caller); for a request already cancelled. */
    synchronized Result<?> awaitUninterruptibly() {
        boolean interrupted = false;
        while (outcome == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return outcome;
    }
}
