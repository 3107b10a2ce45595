package io.github.tokenbridge.backend;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * An {@code OVERLAPPED} request of the SPI: the event the request signals on completion and the
 * backend's own state for it (the native structure and buffer for jna, the pending request for the
 * model). The caller keeps it, unclosed, until the request has completed
 * ({@code GetOverlappedResult} returned something other than ERROR_IO_INCOMPLETE) and closes it
 * afterwards; one request at a time.
 */
public final class Overlapped implements AutoCloseable {

    private final Handle event;
    private Object backendState;
    private byte[] completedData;

    /** @param event a manual-reset event handle of the same backend, or {@link Handle#NULL} */
    public Overlapped(Handle event) {
        this.event = Objects.requireNonNull(event, "event");
    }

    /** The event handle ({@code OVERLAPPED.hEvent}). */
    public Handle event() {
        return event;
    }

    /** The backend's state for this request, made by {@code create} on first use (backends only). */
    public synchronized <T> T backendState(Class<T> type, Supplier<T> create) {
        if (!type.isInstance(backendState)) {
            closeState();
            backendState = create.get();
        }
        return type.cast(backendState);
    }

    /** The bytes a completed read delivered (backends set it when a read completes), or null. */
    public synchronized byte[] completedData() {
        return completedData;
    }

    /** Records the bytes a completed read delivered (backends only). */
    public synchronized void setCompletedData(byte[] data) {
        this.completedData = data;
    }

    /** Frees the backend's state (the native OVERLAPPED and buffer); the event is the caller's. */
    @Override
    public synchronized void close() {
        closeState();
    }

    private void closeState() {
        if (backendState instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("freeing an OVERLAPPED failed", e);
            }
        }
        backendState = null;
    }
}
