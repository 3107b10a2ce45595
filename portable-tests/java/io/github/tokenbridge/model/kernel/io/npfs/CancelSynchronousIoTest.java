package io.github.tokenbridge.model.kernel.io.npfs;

import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Overlapped;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.kernel.io.SynchronousIoTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code CancelSynchronousIo} on the model (P27): it cancels the synchronous ReadFile or
 * ConnectNamedPipe another thread is blocked in (that call fails with ERROR_OPERATION_ABORTED), finds
 * nothing (ERROR_NOT_FOUND) for a thread that is not blocked, for the calling thread itself and for
 * an overlapped request, and needs THREAD_TERMINATE on the thread handle.
 */
class CancelSynchronousIoTest {

    private static final int DUPLEX = 0x3;
    private static final int OVERLAPPED = 0x40000000;
    private static final int MESSAGE = 0x4 | 0x2;
    private static final int RW = 0x80000000 | 0x40000000;
    private static final int OPEN_EXISTING = 3;
    private static final int THREAD_TERMINATE = 0x0001;
    private static final int THREAD_QUERY_LIMITED_INFORMATION = 0x0800;
    private static final String NAME = "\\\\.\\pipe\\cancel-sync";

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
    private final ExecutorService blocked = Executors.newSingleThreadExecutor();
    private final SynchronousIoTable waits = ModelInternals.kernelServices(backend.world()).io().synchronousIo();

    @AfterEach
    void tearDown() throws Exception {
        blocked.shutdownNow();
        assertTrue(blocked.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(0, waits.waitingCount());
        assertEquals(0, backend.world().impersonatingThreadCount());
    }

    private static <T> T ok(Result<T> r) {
        assertTrue(r.succeeded(), r.toString());
        return r.value();
    }

    /** The model thread id of the executor's Java thread. */
    private int blockedThreadId() throws Exception {
        return blocked.submit(backend::getCurrentThreadId).get(30, TimeUnit.SECONDS);
    }

    /** Waits (without a time limit of its own) until a thread waits for a synchronous request. */
    private void untilOneWaits() throws InterruptedException {
        while (waits.waitingCount() == 0) {
            Thread.sleep(1);
        }
    }

    @Test
    @DisplayName("P27: a ReadFile blocked on another thread fails with ERROR_OPERATION_ABORTED; a second cancel finds nothing")
    void blockedRead_cancelledFromAnotherThread_failsWithOperationAborted() throws Exception {
        Handle server = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 1, 0, 0, 0, null));
        Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        Handle thread = ok(backend.openThread(THREAD_TERMINATE, blockedThreadId()));
        Future<Result<byte[]>> read = blocked.submit(() -> backend.readFile(client, 64, null));
        untilOneWaits();
        ok(backend.cancelSynchronousIo(thread));
        assertEquals(995, read.get(30, TimeUnit.SECONDS).win32Error()); // ERROR_OPERATION_ABORTED
        assertEquals(1168, backend.cancelSynchronousIo(thread).win32Error()); // ERROR_NOT_FOUND

        // the connection is intact: nothing was consumed, the next read gets the next message
        ok(backend.writeFile(server, "after".getBytes(StandardCharsets.UTF_8), null));
        assertArrayEquals("after".getBytes(StandardCharsets.UTF_8), ok(blocked.submit(() -> backend.readFile(client, 64, null))
                .get(30, TimeUnit.SECONDS)));
        ok(backend.closeHandle(thread));
        ok(backend.closeHandle(client));
        ok(backend.closeHandle(server));
    }

    @Test
    @DisplayName("P27: a synchronous ConnectNamedPipe is cancelled; the instance still accepts a client afterwards (W-nt)")
    void blockedConnect_cancelled_instanceStillListens() throws Exception {
        Handle server = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 1, 0, 0, 0, null));
        Handle thread = ok(backend.openThread(THREAD_TERMINATE, blockedThreadId()));
        Future<Result<Void>> connect = blocked.submit(() -> backend.connectNamedPipe(server, null));
        untilOneWaits();
        ok(backend.cancelSynchronousIo(thread));
        assertEquals(995, connect.get(30, TimeUnit.SECONDS).win32Error());
        Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        assertEquals(535, backend.connectNamedPipe(server, null).win32Error()); // ERROR_PIPE_CONNECTED (P10)
        ok(backend.closeHandle(client));
        ok(backend.closeHandle(thread));
        ok(backend.closeHandle(server));
    }

    @Test
    @DisplayName("P27: nothing to cancel is ERROR_NOT_FOUND: an idle thread, the calling thread, an overlapped request")
    void nothingSynchronousPending_isNotFound() throws Exception {
        Handle idle = ok(backend.openThread(THREAD_TERMINATE, blockedThreadId()));
        assertEquals(1168, backend.cancelSynchronousIo(idle).win32Error());
        assertEquals(1168, backend.cancelSynchronousIo(Handle.CURRENT_THREAD).win32Error());

        Handle server = ok(backend.createNamedPipe(NAME, DUPLEX | OVERLAPPED, MESSAGE, 1, 0, 0, 0, null));
        Handle event = ok(backend.createEvent(true, false));
        try (Overlapped ov = new Overlapped(event)) {
            assertEquals(997, backend.connectNamedPipe(server, ov).win32Error());
            assertEquals(1168, backend.cancelSynchronousIo(Handle.CURRENT_THREAD).win32Error());
            assertEquals(996, backend.getOverlappedResult(server, ov, false).win32Error()); // still pending
            ok(backend.cancelIoEx(server, ov));
            assertEquals(995, backend.getOverlappedResult(server, ov, true).win32Error());
        }
        ok(backend.closeHandle(event));
        ok(backend.closeHandle(server));
        ok(backend.closeHandle(idle));
    }

    @Test
    @DisplayName("P27: the thread handle needs THREAD_TERMINATE; a bad handle is ERROR_INVALID_HANDLE")
    void handleChecks_accessAndValidity() throws Exception {
        Handle limited = ok(backend.openThread(THREAD_QUERY_LIMITED_INFORMATION, blockedThreadId()));
        assertEquals(5, backend.cancelSynchronousIo(limited).win32Error());
        assertEquals(6, backend.cancelSynchronousIo(new Handle(0x7FF0)).win32Error());
        Handle event = ok(backend.createEvent(true, false));
        assertEquals(6, backend.cancelSynchronousIo(event).win32Error()); // STATUS_OBJECT_TYPE_MISMATCH
        ok(backend.closeHandle(event));
        ok(backend.closeHandle(limited));
    }

    @Test
    @DisplayName("a read that completed before the cancel keeps its data; the cancel then finds nothing (P27)")
    void completedRead_keepsItsData() throws Exception {
        Handle server = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 1, 0, 0, 0, null));
        Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        Handle thread = ok(backend.openThread(THREAD_TERMINATE, blockedThreadId()));
        Future<Result<byte[]>> read = blocked.submit(() -> backend.readFile(client, 64, null));
        untilOneWaits();
        ok(backend.writeFile(server, "reply".getBytes(StandardCharsets.UTF_8), null));
        assertArrayEquals("reply".getBytes(StandardCharsets.UTF_8), ok(read.get(30, TimeUnit.SECONDS)));
        assertEquals(1168, backend.cancelSynchronousIo(thread).win32Error());
        ok(backend.closeHandle(thread));
        ok(backend.closeHandle(client));
        ok(backend.closeHandle(server));
    }

    @Test
    @DisplayName("a Java interrupt of a thread blocked in a synchronous read cancels it (ERROR_OPERATION_ABORTED, flag kept)")
    void javaInterrupt_cancelsTheBlockedRead() throws Exception {
        Handle server = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 1, 0, 0, 0, null));
        Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        java.util.concurrent.atomic.AtomicReference<Thread> reader = new java.util.concurrent.atomic.AtomicReference<>();
        Future<Boolean> interruptedRead = blocked.submit(() -> {
            reader.set(Thread.currentThread());
            Result<byte[]> r = backend.readFile(client, 64, null);
            return r.win32Error() == 995 && Thread.interrupted();
        });
        untilOneWaits();
        reader.get().interrupt();
        assertTrue(interruptedRead.get(30, TimeUnit.SECONDS), "ERROR_OPERATION_ABORTED with the interrupt flag kept");
        assertEquals(0, waits.waitingCount());
        ok(backend.closeHandle(client));
        ok(backend.closeHandle(server));
    }
}
