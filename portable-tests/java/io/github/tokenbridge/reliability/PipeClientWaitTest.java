package io.github.tokenbridge.reliability;

import io.github.tokenbridge.NamedPipeClient;
import io.github.tokenbridge.NamedPipeServer;
import io.github.tokenbridge.PipeServerOptions;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.model.fault.SpiOperation;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.io.IoDevices;
import io.github.tokenbridge.model.kernel.io.npfs.NamedPipeFileSystem;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NamedPipeClient#open(io.github.tokenbridge.TokenSystem, String, NamedPipeClient.Sqos, Duration)}
 * on the model (P11): CreateFileW, and while every instance is busy WaitNamedPipeW and CreateFileW
 * again, until it connects (a freed instance), times out (TimeoutException naming WaitNamedPipeW), or
 * is interrupted (InterruptedException); a missing pipe is a WinTokenException. No assertion depends
 * on how long anything took.
 */
class PipeClientWaitTest {

    private static final PipeServerOptions ONE_INSTANCE = new PipeServerOptions(1, true, null, true, false);
    private static final Duration LONG = Duration.ofSeconds(60);

    private final FaultWorld world = FaultWorld.standardUser();
    private final ExecutorService waiter = Executors.newSingleThreadExecutor();
    private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
    private final NamedPipeFileSystem npfs = (NamedPipeFileSystem) ModelInternals.kernelServices(world.model.world()).io()
            .driver(IoDevices.NAMED_PIPE_DEVICE);

    @AfterEach
    void tearDown() throws Exception {
        waiter.shutdownNow();
        acceptor.shutdownNow();
        assertTrue(waiter.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue(acceptor.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(0, npfs.waitingForInstanceCount());
        world.close();
    }

    private void untilOneWaits() throws InterruptedException {
        while (npfs.waitingForInstanceCount() == 0) {
            Thread.sleep(1);
        }
    }

    @Test
    @DisplayName("P11: a second client waits for the busy only instance and connects once the server disconnects and accepts again")
    void busyInstance_freedUp_secondClientConnects() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(world.system, "w-free", ONE_INSTANCE)) {
            NamedPipeClient first = NamedPipeClient.open(world.system, "w-free", null, LONG);
            assertTrue(server.accept(Duration.ZERO));
            Future<NamedPipeClient> second = waiter.submit(() -> NamedPipeClient.open(world.system, "w-free", null, LONG));
            untilOneWaits();
            assertTrue(world.faults.callCount(SpiOperation.WAIT_NAMED_PIPE) >= 1);
            first.close();
            server.disconnect();
            Future<Boolean> accepted = acceptor.submit(() -> server.accept(LONG));
            try (NamedPipeClient client = second.get(60, TimeUnit.SECONDS)) {
                assertTrue(accepted.get(60, TimeUnit.SECONDS));
                client.write("hello".getBytes(StandardCharsets.UTF_8));
                assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), server.read(LONG));
            }
        }
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("P11: no instance frees up in time: TimeoutException naming WaitNamedPipeW and the time-out; Duration.ZERO does not wait")
    void busyInstance_timesOut() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(world.system, "w-busy", ONE_INSTANCE);
             NamedPipeClient first = NamedPipeClient.open(world.system, "w-busy", null)) {
            TimeoutException e = assertThrows(TimeoutException.class,
                    () -> NamedPipeClient.open(world.system, "w-busy", null, Duration.ofMillis(20)));
            assertTrue(e.getMessage().contains("WaitNamedPipeW") && e.getMessage().contains("PT0.02S")
                    && e.getMessage().contains("w-busy"), e.getMessage());
            long waits = world.faults.callCount(SpiOperation.WAIT_NAMED_PIPE);
            assertThrows(TimeoutException.class, () -> NamedPipeClient.open(world.system, "w-busy", null, Duration.ZERO));
            assertEquals(waits, world.faults.callCount(SpiOperation.WAIT_NAMED_PIPE)); // nothing left to wait
        }
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("P11: a pipe that does not exist is a WinTokenException (CreateFileW, ERROR_FILE_NOT_FOUND), without a wait")
    void missingPipe_isWinTokenException() {
        WinTokenException e = assertThrows(WinTokenException.class,
                () -> NamedPipeClient.open(world.system, "w-missing", null, LONG));
        assertEquals("CreateFileW", e.function());
        assertEquals(2, e.win32Error());
        assertEquals(0, world.faults.callCount(SpiOperation.WAIT_NAMED_PIPE));
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("P11, P27: an interrupt while waiting for an instance is an InterruptedException; the wait is gone")
    void interruptedWhileWaiting() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(world.system, "w-intr", ONE_INSTANCE);
             NamedPipeClient first = NamedPipeClient.open(world.system, "w-intr", null)) {
            AtomicReference<Thread> thread = new AtomicReference<>();
            Future<NamedPipeClient> second = waiter.submit(() -> {
                thread.set(Thread.currentThread());
                return NamedPipeClient.open(world.system, "w-intr", null, null);
            });
            untilOneWaits();
            thread.get().interrupt();
            ExecutionException e = assertThrows(ExecutionException.class, () -> second.get(60, TimeUnit.SECONDS));
            assertInstanceOf(InterruptedException.class, e.getCause());
        }
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("P11: a thread already interrupted does not open the pipe")
    void alreadyInterrupted() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(world.system, "w-pre", ONE_INSTANCE)) {
            Future<Object> opened = waiter.submit(() -> {
                Thread.currentThread().interrupt();
                return NamedPipeClient.open(world.system, "w-pre", null, LONG);
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> opened.get(60, TimeUnit.SECONDS));
            assertInstanceOf(InterruptedException.class, e.getCause());
            assertFalse(server.accept(Duration.ZERO)); // no client came
        }
        world.assertNoLeaks();
    }
}
