package io.github.tokenbridge.model.kernel.io;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The synchronous I/O requests threads of one model world are waiting for (the synchronous IRPs on
 * Windows' per-thread IRP list; one per thread, or several when Java threads share a model thread
 * through {@code ModelWorld.runAs}): the I/O manager's wait for a request a
 * driver left pending on a synchronous call, and {@code NtCancelSynchronousIoFile}, which cancels a
 * thread's waiting request from another thread (P27). A Java interrupt of the waiting thread
 * cancels its request as well, with the interrupt flag kept.
 */
public final class SynchronousIoTable {

    private final Map<ThreadObject, Set<IoRequest>> waiting = new ConcurrentHashMap<>();

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
        waiting.compute(caller, (t, set) -> {
            Set<IoRequest> requests = set != null ? set : ConcurrentHashMap.newKeySet();
            requests.add(request);
            return requests;
        });
        try {
            return (Result<T>) request.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            file.driver().cancel(file, request);
            return (Result<T>) request.awaitUninterruptibly();
        } finally {
            waiting.computeIfPresent(caller, (t, set) -> {
                set.remove(request);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /**
     * {@code NtCancelSynchronousIoFile(thread, NULL, &iosb)}: completes the requests {@code target}
     * waits for with STATUS_CANCELLED; STATUS_NOT_FOUND when it waits for none, or every one had
     * completed meanwhile (an overlapped request is never one, W-nt test_cancelsynchronousio).
     */
    public Result<Void> cancel(ThreadObject target) {
        Set<IoRequest> requests = waiting.get(Objects.requireNonNull(target, "target"));
        boolean found = false;
        if (requests != null) {
            for (IoRequest request : requests) {
                found |= request.file().driver().cancel(request.file(), request).succeeded();
            }
        }
        return found ? Result.ofStatus(NtStatus.STATUS_SUCCESS, null) : Result.failure(NtStatus.STATUS_NOT_FOUND);
    }

    /** How many synchronous requests are being waited for now (0 whenever no SPI call is in progress). */
    public int waitingCount() {
        int n = 0;
        for (Set<IoRequest> requests : waiting.values()) {
            n += requests.size();
        }
        return n;
    }
}
