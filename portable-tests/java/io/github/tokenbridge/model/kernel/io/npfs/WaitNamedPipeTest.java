package io.github.tokenbridge.model.kernel.io.npfs;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.io.IoDevices;
import io.github.tokenbridge.model.kernel.io.SynchronousIoTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code WaitNamedPipeW} on the model (P11): it succeeds at once while an instance listens (a new
 * instance does) and otherwise when one starts listening, fails with ERROR_SEM_TIMEOUT when its
 * time-out (or the pipe's default time-out) passes, with ERROR_FILE_NOT_FOUND at once for a name no
 * pipe has, and with ERROR_OPERATION_ABORTED when CancelSynchronousIo or a Java interrupt ends it;
 * success reserves nothing. Waits are made to end by events, never by elapsed time.
 */
class WaitNamedPipeTest {

    private static final int DUPLEX = 0x3;
    private static final int MESSAGE = 0x4 | 0x2;
    private static final int RW = 0x80000000 | 0x40000000;
    private static final int OPEN_EXISTING = 3;
    private static final int THREAD_TERMINATE = 0x0001;
    private static final int FOREVER = 0xFFFFFFFF; // NMPWAIT_WAIT_FOREVER
    private static final int USE_DEFAULT = 0; // NMPWAIT_USE_DEFAULT_WAIT
    private static final int ERROR_FILE_NOT_FOUND = 2;
    private static final int ERROR_SEM_TIMEOUT = 121;
    private static final int ERROR_PIPE_BUSY = 231;
    private static final int ERROR_OPERATION_ABORTED = 995;
    private static final String NAME = "\\\\.\\pipe\\wait-test";

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
    private final ExecutorService waiter = Executors.newSingleThreadExecutor();
    private final ExecutorService server = Executors.newSingleThreadExecutor();
    private final SynchronousIoTable syncIo = ModelInternals.kernelServices(backend.world()).io().synchronousIo();
    private final NamedPipeFileSystem npfs = (NamedPipeFileSystem) ModelInternals.kernelServices(backend.world()).io()
            .driver(IoDevices.NAMED_PIPE_DEVICE);

    @AfterEach
    void tearDown() throws Exception {
        waiter.shutdownNow();
        server.shutdownNow();
        assertTrue(waiter.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(server.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(0, npfs.waitingForInstanceCount());
        assertEquals(0, syncIo.waitingCount());
        assertEquals(0, npfs.pipeCount());
        assertEquals(java.util.List.of(), npfs.invariantViolations());
    }

    private static <T> T ok(Result<T> r) {
        assertTrue(r.succeeded(), r.toString());
        return r.value();
    }

    /** Waits (without a time limit of its own) until {@code n} WaitNamedPipeW calls are queued in npfs. */
    private void untilWaiting(int n) throws InterruptedException {
        while (npfs.waitingForInstanceCount() < n) {
            Thread.sleep(1);
        }
    }

    @Test
    @DisplayName("P11: a new instance listens, so the wait succeeds at once; once it is taken, the wait times out (ERROR_SEM_TIMEOUT; W-K32 test_CreateNamedPipe)")
    void newInstance_available_thenConnected_timesOut() {
        Handle pipe = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 1, 1024, 1024, 0, null));
        ok(backend.waitNamedPipe(NAME, 2000));
        ok(backend.waitNamedPipe("\\\\.\\PIPE\\WAIT-TEST", 1)); // names are case-insensitive
        Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        assertEquals(ERROR_SEM_TIMEOUT, backend.waitNamedPipe(NAME, 1).win32Error());
        ok(backend.closeHandle(client));
        ok(backend.closeHandle(pipe));
    }

    @Test
    @DisplayName("P11: no pipe of the name is ERROR_FILE_NOT_FOUND at once, whatever the time-out (W-K32 test_CreateNamedPipe, MS WaitNamedPipeW)")
    void missingPipe_isFileNotFound() {
        assertEquals(ERROR_FILE_NOT_FOUND, backend.waitNamedPipe(NAME, 2000).win32Error());
        assertEquals(ERROR_FILE_NOT_FOUND, backend.waitNamedPipe(NAME, FOREVER).win32Error());
        assertEquals(ERROR_FILE_NOT_FOUND, backend.waitNamedPipe(NAME, USE_DEFAULT).win32Error());
    }

    @Test
    @DisplayName("P11: a name outside \\\\.\\pipe\\ is ERROR_BAD_PATHNAME, an empty pipe name ERROR_INVALID_NAME (ReactOS; UNVERIFIED)")
    void malformedNames() {
        assertEquals(161, backend.waitNamedPipe("\\\\.\\nopipe\\wait-test", 1).win32Error());
        assertEquals(161, backend.waitNamedPipe("C:\\wait-test", 1).win32Error());
        assertEquals(161, backend.waitNamedPipe("", 1).win32Error());
        assertEquals(123, backend.waitNamedPipe("\\\\.\\pipe\\", 1).win32Error());
    }

    @Test
    @DisplayName("P11: a second client waits while the only instance is busy; it returns once the server disconnects and listens again, then connects")
    void busyInstance_freedUp_waiterSucceedsAndConnects() throws Exception {
        Handle pipe = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 1, 1024, 1024, 0, null));
        Handle first = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        assertEquals(ERROR_PIPE_BUSY, backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0).win32Error());
        Future<Result<Void>> waited = waiter.submit(() -> backend.waitNamedPipe(NAME, FOREVER));
        untilWaiting(1);
        ok(backend.disconnectNamedPipe(pipe));
        assertEquals(1, npfs.waitingForInstanceCount()); // disconnected is not listening: the wait goes on
        Future<Result<Void>> listened = server.submit(() -> backend.connectNamedPipe(pipe, null));
        ok(waited.get(30, TimeUnit.SECONDS));
        Handle second = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        ok(listened.get(30, TimeUnit.SECONDS));
        ok(backend.closeHandle(first));
        ok(backend.closeHandle(second));
        ok(backend.closeHandle(pipe));
    }

    @Test
    @DisplayName("P11: success reserves nothing: another client takes the instance first and the waiter's CreateFileW is ERROR_PIPE_BUSY")
    void successReservesNothing() {
        Handle pipe = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 1, 1024, 1024, 0, null));
        ok(backend.waitNamedPipe(NAME, 1));
        Handle other = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        assertEquals(ERROR_PIPE_BUSY, backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0).win32Error());
        ok(backend.closeHandle(other));
        ok(backend.closeHandle(pipe));
    }

    @Test
    @DisplayName("P11: a second instance created while a client waits satisfies the wait (a new instance listens)")
    void newSecondInstance_endsTheWait() throws Exception {
        Handle pipe = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 2, 1024, 1024, 0, null));
        Handle first = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        Future<Result<Void>> waited = waiter.submit(() -> backend.waitNamedPipe(NAME, FOREVER));
        untilWaiting(1);
        Handle pipe2 = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 2, 1024, 1024, 0, null));
        ok(waited.get(30, TimeUnit.SECONDS));
        ok(backend.closeHandle(first));
        ok(backend.closeHandle(pipe2));
        ok(backend.closeHandle(pipe));
    }

    @Test
    @DisplayName("P11: NMPWAIT_USE_DEFAULT_WAIT takes the pipe's nDefaultTimeOut (50 ms for 0): a busy pipe times out with ERROR_SEM_TIMEOUT")
    void defaultWait_usesThePipesDefaultTimeOut() {
        for (int defaultTimeout : new int[] {0, 1}) {
            Handle pipe = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 1, 1024, 1024, defaultTimeout, null));
            Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
            assertEquals(ERROR_SEM_TIMEOUT, backend.waitNamedPipe(NAME, USE_DEFAULT).win32Error());
            ok(backend.closeHandle(client));
            ok(backend.closeHandle(pipe));
        }
    }

    @Test
    @DisplayName("P11, P27: CancelSynchronousIo ends a waiting WaitNamedPipeW with ERROR_OPERATION_ABORTED; a second cancel finds nothing")
    void cancelSynchronousIo_endsTheWait() throws Exception {
        Handle pipe = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 1, 1024, 1024, 0, null));
        Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        Handle thread = ok(backend.openThread(THREAD_TERMINATE, waiter.submit(backend::getCurrentThreadId).get(30, TimeUnit.SECONDS)));
        Future<Result<Void>> waited = waiter.submit(() -> backend.waitNamedPipe(NAME, FOREVER));
        untilWaiting(1);
        ok(backend.cancelSynchronousIo(thread));
        assertEquals(ERROR_OPERATION_ABORTED, waited.get(30, TimeUnit.SECONDS).win32Error());
        assertEquals(1168, backend.cancelSynchronousIo(thread).win32Error()); // ERROR_NOT_FOUND
        ok(backend.closeHandle(thread));
        ok(backend.closeHandle(client));
        ok(backend.closeHandle(pipe));
    }

    @Test
    @DisplayName("P11: a Java interrupt ends a waiting WaitNamedPipeW with ERROR_OPERATION_ABORTED, the flag kept")
    void javaInterrupt_endsTheWait() throws Exception {
        Handle pipe = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 1, 1024, 1024, 0, null));
        Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        Thread[] thread = new Thread[1];
        Future<Object[]> waited = waiter.submit(() -> {
            thread[0] = Thread.currentThread();
            Result<Void> r = backend.waitNamedPipe(NAME, FOREVER);
            return new Object[] {r, Thread.interrupted()};
        });
        untilWaiting(1);
        thread[0].interrupt();
        Object[] outcome = waited.get(30, TimeUnit.SECONDS);
        assertEquals(ERROR_OPERATION_ABORTED, ((Result<?>) outcome[0]).win32Error());
        assertEquals(true, outcome[1]);
        ok(backend.closeHandle(client));
        ok(backend.closeHandle(pipe));
    }

    @Test
    @DisplayName("P11: the wait queue is by name: a wait outlives the pipe's last instance and ends when a new pipe of that name listens (UNVERIFIED)")
    void waitOutlivesThePipe_newPipeOfTheNameEndsIt() throws Exception {
        Handle pipe = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 1, 1024, 1024, 0, null));
        Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        Future<Result<Void>> waited = waiter.submit(() -> backend.waitNamedPipe(NAME, FOREVER));
        untilWaiting(1);
        ok(backend.closeHandle(client));
        ok(backend.closeHandle(pipe));
        assertEquals(1, npfs.waitingForInstanceCount());
        Handle again = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 1, 1024, 1024, 0, null));
        ok(waited.get(30, TimeUnit.SECONDS));
        ok(backend.closeHandle(again));
    }

    @Test
    @DisplayName("P11: \\\\.\\pipe\\ opens the file system's root; pipe calls on it fail (ERROR_INVALID_FUNCTION, ERROR_INVALID_PARAMETER)")
    void rootHandle_isNoPipe() {
        Handle root = ok(backend.createFile("\\\\.\\pipe\\", RW, 0x3, null, OPEN_EXISTING, 0));
        assertEquals(1, backend.connectNamedPipe(root, null).win32Error());
        assertEquals(1, backend.disconnectNamedPipe(root).win32Error());
        assertEquals(87, backend.readFile(root, 16, null).win32Error());
        assertEquals(87, backend.writeFile(root, new byte[1], null).win32Error());
        ok(backend.closeHandle(root));
    }
}
