package io.github.tokenbridge.model.kernel.io;

import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.ke.EventObject;

/**
 * One overlapped I/O request of the model (the IRP behind an {@code OVERLAPPED}): pending until its
 * driver completes it, then its outcome, with the request's event set on completion.
 * {@code CancelIoEx} completes a pending request with STATUS_CANCELLED.
 */
public final class IoRequest {

    private final FileObject file;
    private final EventObject event;
    private Result<?> outcome;

    /** @param event the completion event, or null */
    public IoRequest(FileObject file, EventObject event) {
        this.file = file;
        this.event = event;
        if (event != null) {
            event.reset(); // as the I/O manager clears OVERLAPPED.hEvent when a request starts
        }
    }

    /** The file object the request was made on. */
    public FileObject file() {
        return file;
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
}
