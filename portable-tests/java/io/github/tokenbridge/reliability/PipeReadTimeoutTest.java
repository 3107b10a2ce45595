package io.github.tokenbridge.reliability;

import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.NamedPipeClient;
import io.github.tokenbridge.NamedPipeServer;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.PipeServerOptions;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.model.fault.SpiOperation;
import io.github.tokenbridge.model.kernel.io.SynchronousIoTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static io.github.tokenbridge.reliability.FaultAssertions.failing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads with a time-out on both pipe ends, on the model (P27, P28): the server's overlapped read
 * cancelled with CancelIoEx, the client's synchronous read cancelled with CancelSynchronousIo by the
 * watchdog; a cancelled read takes nothing, an interrupt ends a wait, a client that goes away during
 * a pending read never leaves the server impersonating, and failures of the calls around the wait
 * leave nothing behind. No assertion depends on how long anything took.
 */
class PipeReadTimeoutTest {

    private static final NamedPipeClient.Sqos DYNAMIC = new NamedPipeClient.Sqos(ImpersonationLevel.IMPERSONATION, true, false);
    private static final Duration LONG = Duration.ofSeconds(60);

    private final FaultWorld world = FaultWorld.standardUser();
    private final ExecutorService other = Executors.newSingleThreadExecutor();
    private final SynchronousIoTable waits = ModelInternals.kernelServices(world.model.world()).io().synchronousIo();

    @AfterEach
    void tearDown() throws Exception {
        other.shutdownNow();
        assertTrue(other.awaitTermination(60, TimeUnit.SECONDS));
        world.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Waits until the server's pending read is in its wait loop (a WaitForSingleObject was made). */
    private void untilServerWaits(long waitsBefore) throws InterruptedException {
        while (world.faults.callCount(SpiOperation.WAIT_FOR_SINGLE_OBJECT) <= waitsBefore) {
            Thread.sleep(1);
        }
    }

    /** Waits until a model thread is blocked in a synchronous call. */
    private void untilClientBlocks() throws InterruptedException {
        while (waits.waitingCount() == 0) {
            Thread.sleep(1);
        }
    }

    @Test
    @DisplayName("server read: no message within the time-out is a TimeoutException; nothing was taken (P28)")
    void serverRead_timeout_connectionStaysIntact() throws Exception {
        FaultWorld.runOnOwnThread(() -> {
            try (NamedPipeServer server = NamedPipeServer.create(world.system, "t-server", PipeServerOptions.defaults());
                 NamedPipeClient client = NamedPipeClient.open(world.system, "t-server", DYNAMIC)) {
                assertTrue(server.accept(Duration.ZERO));
                assertThrows(TimeoutException.class, () -> server.read(Duration.ofMillis(20)));
                assertThrows(TimeoutException.class, () -> server.read(Duration.ZERO));
                assertTrue(world.faults.callCount(SpiOperation.CANCEL_IO_EX) >= 2, "each time-out cancelled its read");
                client.write(bytes("late"));
                assertArrayEquals(bytes("late"), server.read(LONG));
                try (ImpersonationScope scope = server.impersonateClient()) {
                    assertEquals(ImpersonationLevel.IMPERSONATION, scope.obtainedLevel());
                }
                client.write(bytes("ready"));
                assertArrayEquals(bytes("ready"), server.read(Duration.ZERO)); // already there: no wait at all
            }
            return null;
        });
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("server read: an interrupt while waiting cancels the read (InterruptedException); the next message is intact")
    void serverRead_interruptedWhileWaiting() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(world.system, "t-intr", PipeServerOptions.defaults());
             NamedPipeClient client = NamedPipeClient.open(world.system, "t-intr", DYNAMIC)) {
            assertTrue(server.accept(Duration.ZERO));
            AtomicReference<Thread> reader = new AtomicReference<>();
            long waitsBefore = world.faults.callCount(SpiOperation.WAIT_FOR_SINGLE_OBJECT);
            Future<byte[]> read = other.submit(() -> {
                reader.set(Thread.currentThread());
                return server.read(null);
            });
            untilServerWaits(waitsBefore);
            reader.get().interrupt();
            ExecutionException e = assertThrows(ExecutionException.class, () -> read.get(60, TimeUnit.SECONDS));
            assertInstanceOf(InterruptedException.class, e.getCause());
            client.write(bytes("next"));
            assertArrayEquals(bytes("next"), other.submit(() -> server.read(LONG)).get(60, TimeUnit.SECONDS));
        }
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("server read: an interrupted thread's read throws at once and takes nothing")
    void serverRead_alreadyInterrupted_takesNothing() throws Exception {
        FaultWorld.runOnOwnThread(() -> {
            try (NamedPipeServer server = NamedPipeServer.create(world.system, "t-pre", PipeServerOptions.defaults());
                 NamedPipeClient client = NamedPipeClient.open(world.system, "t-pre", DYNAMIC)) {
                assertTrue(server.accept(Duration.ZERO));
                client.write(bytes("kept"));
                Thread.currentThread().interrupt();
                assertThrows(InterruptedException.class, () -> server.read(LONG));
                assertFalse(Thread.currentThread().isInterrupted(), "the flag is cleared, as InterruptedException says");
                assertArrayEquals(bytes("kept"), server.read(LONG));
            }
            return null;
        });
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("a client that closes during a pending read without writing: null, and impersonation fails untouched (P12, P20)")
    void clientClosesDuringPendingRead_beforeAnyMessage() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(world.system, "t-gone", PipeServerOptions.defaults())) {
            NamedPipeClient client = NamedPipeClient.open(world.system, "t-gone", DYNAMIC);
            assertTrue(server.accept(Duration.ZERO));
            long waitsBefore = world.faults.callCount(SpiOperation.WAIT_FOR_SINGLE_OBJECT);
            Future<Boolean> serverSide = other.submit(() -> {
                assertNull(server.read(LONG)); // ERROR_BROKEN_PIPE
                WinTokenException e = assertThrows(WinTokenException.class, server::impersonateClient);
                assertEquals(1368, e.win32Error()); // ERROR_CANNOT_IMPERSONATE: nothing was ever captured
                return world.system.isImpersonating();
            });
            untilServerWaits(waitsBefore);
            client.close();
            assertFalse(serverSide.get(60, TimeUnit.SECONDS));
        }
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("a client that closes while the server, impersonating it, waits for its next request: null, and the scope still reverts (P21, P25)")
    void clientClosesWhileTheImpersonatingServerWaits() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(world.system, "t-mid", PipeServerOptions.defaults())) {
            NamedPipeClient client = NamedPipeClient.open(world.system, "t-mid", DYNAMIC);
            assertTrue(server.accept(Duration.ZERO));
            client.write(bytes("first"));
            long waitsBefore = world.faults.callCount(SpiOperation.WAIT_FOR_SINGLE_OBJECT);
            Future<Boolean> serverSide = other.submit(() -> {
                assertArrayEquals(bytes("first"), server.read(LONG));
                try (ImpersonationScope scope = server.impersonateClient()) {
                    assertTrue(world.system.isImpersonating());
                    assertNull(server.read(LONG)); // the client went away mid-conversation
                    assertEquals(ImpersonationLevel.IMPERSONATION, scope.obtainedLevel());
                }
                boolean afterScope = world.system.isImpersonating();
                try (ImpersonationScope again = server.impersonateClient()) { // P21: the last context is kept
                    assertEquals(ImpersonationLevel.IMPERSONATION, again.obtainedLevel());
                }
                server.disconnect();
                return afterScope || world.system.isImpersonating();
            });
            untilServerWaits(waitsBefore);
            client.close();
            assertFalse(serverSide.get(60, TimeUnit.SECONDS));
        }
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("server read: WaitForSingleObject failing cancels the pending read before the failure is thrown; nothing leaks")
    void serverRead_waitFails_pendingReadCancelledFirst() throws Exception {
        FaultWorld.runOnOwnThread(() -> {
            try (NamedPipeServer server = NamedPipeServer.create(world.system, "t-wait", PipeServerOptions.defaults());
                 NamedPipeClient client = NamedPipeClient.open(world.system, "t-wait", DYNAMIC)) {
                assertTrue(server.accept(Duration.ZERO));
                world.inject(failing(SpiOperation.WAIT_FOR_SINGLE_OBJECT, 1, NtStatus.STATUS_INSUFFICIENT_RESOURCES));
                WinTokenException e = assertThrows(WinTokenException.class, () -> server.read(LONG));
                assertEquals("WaitForSingleObject", e.function());
                assertEquals(1, world.faults.callCount(SpiOperation.CANCEL_IO_EX));
                client.write(bytes("after"));
                assertArrayEquals(bytes("after"), server.read(LONG));
                assertFalse(world.system.isImpersonating());
            }
            return null;
        });
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("server read: GetOverlappedResult failing after the read completed is a ReadFile failure; nothing leaks")
    void serverRead_resultFails() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(world.system, "t-result", PipeServerOptions.defaults())) {
            NamedPipeClient client = NamedPipeClient.open(world.system, "t-result", DYNAMIC);
            assertTrue(server.accept(Duration.ZERO));
            world.inject(failing(SpiOperation.GET_OVERLAPPED_RESULT, 1, NtStatus.STATUS_PIPE_DISCONNECTED));
            Future<WinTokenException> serverSide = other.submit(() -> {
                WinTokenException e = assertThrows(WinTokenException.class, () -> server.read(LONG));
                assertFalse(world.system.isImpersonating());
                return e;
            });
            while (world.faults.callCount(SpiOperation.WAIT_FOR_SINGLE_OBJECT) == 0) {
                Thread.sleep(1);
            }
            client.write(bytes("req"));
            client.close();
            WinTokenException e = serverSide.get(60, TimeUnit.SECONDS);
            assertEquals("ReadFile", e.function());
            assertEquals(233, e.win32Error()); // ERROR_PIPE_NOT_CONNECTED, as injected
        }
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("client read: no reply within the time-out; CancelSynchronousIo ends the blocked ReadFile, which took nothing (P27)")
    void clientRead_timeout_viaCancelSynchronousIo() throws Exception {
        FaultWorld.runOnOwnThread(() -> {
            try (NamedPipeServer server = NamedPipeServer.create(world.system, "t-client", PipeServerOptions.defaults());
                 NamedPipeClient client = NamedPipeClient.open(world.system, "t-client", DYNAMIC)) {
                assertTrue(server.accept(Duration.ZERO));
                assertThrows(TimeoutException.class, () -> client.read(Duration.ofMillis(20)));
                assertTrue(world.faults.callCount(SpiOperation.CANCEL_SYNCHRONOUS_IO) >= 1);
                assertEquals(0, waits.waitingCount());
                server.write(bytes("reply"));
                assertArrayEquals(bytes("reply"), client.read(LONG));
                server.write(bytes("there"));
                assertArrayEquals(bytes("there"), client.read(Duration.ZERO)); // already there: returned, not cancelled
            }
            return null;
        });
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("client read: a failing CancelSynchronousIo is tried again at the next tick")
    void clientRead_cancelFailsOnce_retried() throws Exception {
        FaultWorld.runOnOwnThread(() -> {
            try (NamedPipeServer server = NamedPipeServer.create(world.system, "t-retry", PipeServerOptions.defaults());
                 NamedPipeClient client = NamedPipeClient.open(world.system, "t-retry", DYNAMIC)) {
                assertTrue(server.accept(Duration.ZERO));
                world.inject(failing(SpiOperation.CANCEL_SYNCHRONOUS_IO, 1, NtStatus.STATUS_INSUFFICIENT_RESOURCES));
                assertThrows(TimeoutException.class, () -> client.read(Duration.ZERO));
                assertTrue(world.faults.callCount(SpiOperation.CANCEL_SYNCHRONOUS_IO) >= 2);
            }
            return null;
        });
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("client read: an interrupt of the blocked thread cancels its ReadFile (InterruptedException); the next reply is intact")
    void clientRead_interrupted() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(world.system, "t-cintr", PipeServerOptions.defaults());
             NamedPipeClient client = NamedPipeClient.open(world.system, "t-cintr", DYNAMIC)) {
            assertTrue(server.accept(Duration.ZERO));
            AtomicReference<Thread> reader = new AtomicReference<>();
            Future<byte[]> read = other.submit(() -> {
                reader.set(Thread.currentThread());
                return client.read(null);
            });
            untilClientBlocks();
            reader.get().interrupt();
            ExecutionException e = assertThrows(ExecutionException.class, () -> read.get(60, TimeUnit.SECONDS));
            assertInstanceOf(InterruptedException.class, e.getCause());
            server.write(bytes("reply"));
            assertArrayEquals(bytes("reply"), other.submit(() -> client.read(LONG)).get(60, TimeUnit.SECONDS));
        }
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("server read: close() from another thread ends a pending read with a WinTokenException; nothing leaks")
    void serverClosedWhileReadPending() throws Exception {
        NamedPipeServer server = NamedPipeServer.create(world.system, "t-close", PipeServerOptions.defaults());
        try (NamedPipeClient client = NamedPipeClient.open(world.system, "t-close", DYNAMIC)) {
            assertTrue(server.accept(Duration.ZERO));
            long waitsBefore = world.faults.callCount(SpiOperation.WAIT_FOR_SINGLE_OBJECT);
            Future<byte[]> read = other.submit(() -> server.read(null));
            untilServerWaits(waitsBefore);
            server.close(); // cancels the pending read (CancelIoEx), then closes the pipe and the event
            ExecutionException e = assertThrows(ExecutionException.class, () -> read.get(60, TimeUnit.SECONDS));
            WinTokenException cause = assertInstanceOf(WinTokenException.class, e.getCause());
            // the reader saw either the cancelled read (ERROR_OPERATION_ABORTED) or the event already closed
            assertTrue(cause.win32Error() == 995 || cause.function().equals("WaitForSingleObject"), cause.getMessage());
        }
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("bad input: a negative time-out is a programming error on both ends")
    void negativeTimeout_isIllegalArgument() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(world.system, "t-bad", PipeServerOptions.defaults());
             NamedPipeClient client = NamedPipeClient.open(world.system, "t-bad", DYNAMIC)) {
            assertThrows(IllegalArgumentException.class, () -> server.read(Duration.ofMillis(-1)));
            assertThrows(IllegalArgumentException.class, () -> client.read(Duration.ofMillis(-1)));
        }
        world.assertNoLeaks();
    }
}
