package io.github.tokenbridge.model.kernel.io;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The synchronous I/O requests threads of one model world are waiting for, one per thread at most
 * (the synchronous IRPs on Windows' per-thread IRP list): the I/O manager's wait for a request a
 * driver left pending on a synchronous call, and {@code NtCancelSynchronousIoFile}, which cancels a
 * thread's waiting request from another thread (P27). A Java interrupt of the waiting thread
 * cancels its request as well, with the interrupt flag kept.
 */
public final class SynchronousIoTable {

    private final Map<ThreadObject, IoRequest> waiting = new ConcurrentHashMap<>();

    /**
     * Issues a synchronous request of {@code caller} on {@code file} through {@code dispatch} and, when the
     * driver leaves it pending (STATUS_PENDING), waits for its outcome as the I/O manager waits on a
     * synchronous file object.
     */
    @SuppressWarnings("unchecked")
    public <T> Result<T> call(ThreadObject caller, FileObject file, Function<IoRequest, Result<T>> dispatch) {
        IoRequest request = IoRequest.synchronous(file, caller);
        Result<T> first = dispatch.apply(request);
        if (first.ntStatusOrNull() == null || first.ntStatusOrNull() != NtStatus.STATUS_PENDING.code()) {
            return first;
        }
        if (waiting.putIfAbsent(caller, request) != null) {
            throw new IllegalStateException(caller + " already waits for a synchronous request");
        }
        try {
            return (Result<T>) request.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            file.driver().cancel(file, request);
            return (Result<T>) request.awaitUninterruptibly();
        } finally {
            waiting.remove(caller, request);
        }
    }

    /**
     * {@code NtCancelSynchronousIoFile(thread, NULL, &iosb)}: completes the request {@code target}
     * waits for with STATUS_CANCELLED; STATUS_NOT_FOUND when it waits for none (an overlapped request
     * is never one, W-nt test_cancelsynchronousio).
     */
    public Result<Void> cancel(ThreadObject target) {
        IoRequest request = waiting.get(Objects.requireNonNull(target, "target"));
        if (request == null) {
            return Result.failure(NtStatus.STATUS_NOT_FOUND);
        }
        Result<Void> cancelled = request.file().driver().cancel(request.file(), request);
        return cancelled.succeeded() ? cancelled : Result.failure(NtStatus.STATUS_NOT_FOUND);
    }

    /** How many threads wait for a synchronous request now (0 whenever no SPI call is in progress). */
    public int waitingCount() {
        return waiting.size();
    }
}
