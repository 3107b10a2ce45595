package io.github.tokenbridge.contract;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.NamedPipeClient;
import io.github.tokenbridge.NamedPipeServer;
import io.github.tokenbridge.PipeServerOptions;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Timed and interruptible pipe reads, for every backend (P27, P28): on Windows the server's read is
 * an overlapped ReadFile cancelled with CancelIoEx and the client's a synchronous ReadFile cancelled
 * with CancelSynchronousIo by the watchdog; a time-out or an interrupt takes no message. No
 * assertion depends on how long anything took: an interrupt that comes before the read began waiting
 * ends it the same way.
 */
public abstract class PipeReadContract extends ContractSupport {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Duration SHORT = Duration.ofMillis(50);
    private static final Duration LONG = Duration.ofSeconds(60);

    private final ExecutorService other = Executors.newSingleThreadExecutor();
    private final String name = "tokenbridge-contract-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet();

    @AfterEach
    void stopOther() throws InterruptedException {
        other.shutdownNow();
        assertTrue(other.awaitTermination(60, TimeUnit.SECONDS));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("P28: the server's read times out without taking anything; the next request is read and impersonated")
    void serverRead_timesOut_thenTheRequestIsIntact() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(system, name, PipeServerOptions.defaults());
             NamedPipeClient client = NamedPipeClient.open(system, name, null)) {
            assertTrue(server.accept(LONG));
            assertThrows(TimeoutException.class, () -> server.read(SHORT));
            client.write(bytes("request"));
            assertArrayEquals(bytes("request"), server.read(LONG));
            try (ImpersonationScope scope = server.impersonateClient()) {
                assertEquals(ImpersonationLevel.IMPERSONATION, scope.obtainedLevel()); // P14: no SQOS, same user
            }
            client.write(bytes("waiting"));
            assertArrayEquals(bytes("waiting"), server.read(Duration.ZERO));
        }
    }

    @Test
    @DisplayName("P27: the client's synchronous read times out through CancelSynchronousIo; the reply is intact")
    void clientRead_timesOut_thenTheReplyIsIntact() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(system, name, PipeServerOptions.defaults());
             NamedPipeClient client = NamedPipeClient.open(system, name, null)) {
            assertTrue(server.accept(LONG));
            assertThrows(TimeoutException.class, () -> client.read(SHORT));
            server.write(bytes("reply"));
            assertArrayEquals(bytes("reply"), client.read(LONG));
        }
    }

    @Test
    @DisplayName("an interrupt ends the server's untimed read (InterruptedException) and takes nothing")
    void serverRead_interrupted() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(system, name, PipeServerOptions.defaults());
             NamedPipeClient client = NamedPipeClient.open(system, name, null)) {
            assertTrue(server.accept(LONG));
            assertInterrupted(() -> server.read(null));
            client.write(bytes("next"));
            assertArrayEquals(bytes("next"), other.submit(() -> server.read(LONG)).get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("P27: an interrupt ends the client's untimed read (InterruptedException) and takes nothing")
    void clientRead_interrupted() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(system, name, PipeServerOptions.defaults());
             NamedPipeClient client = NamedPipeClient.open(system, name, null)) {
            assertTrue(server.accept(LONG));
            assertInterrupted(() -> client.read(null));
            server.write(bytes("next"));
            assertArrayEquals(bytes("next"), other.submit(() -> client.read(LONG)).get(60, TimeUnit.SECONDS));
        }
    }

    @FunctionalInterface
    private interface Read {
        byte[] read() throws Exception;
    }

    /** Runs {@code read} on the other thread, interrupts it a little later, and expects InterruptedException. */
    private void assertInterrupted(Read read) throws Exception {
        AtomicReference<Thread> reader = new AtomicReference<>();
        Future<byte[]> pending = other.submit(() -> {
            reader.set(Thread.currentThread());
            return read.read();
        });
        while (reader.get() == null) {
            Thread.sleep(1);
        }
        Thread.sleep(100); // usually inside the wait by now; an earlier interrupt ends the read the same way
        reader.get().interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(60, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, e.getCause());
    }
}
