package io.github.tokenbridge.contract;

import io.github.tokenbridge.NamedPipeClient;
import io.github.tokenbridge.NamedPipeServer;
import io.github.tokenbridge.PipeServerOptions;
import io.github.tokenbridge.WinTokenException;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that waits for a free pipe instance, for every backend (P11): CreateFileW, and on
 * ERROR_PIPE_BUSY WaitNamedPipeW, until it connects or its time is up. No assertion depends on how
 * long anything took: the freed-instance case ends connected whether the second client was already
 * waiting or not.
 */
public abstract class PipeClientWaitContract extends ContractSupport {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final PipeServerOptions ONE_INSTANCE = new PipeServerOptions(1, true, null, true, false);
    private static final Duration LONG = Duration.ofSeconds(60);

    private final ExecutorService other = Executors.newSingleThreadExecutor();
    private final String name = "tokenbridge-wait-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet();

    @AfterEach
    void stopOther() throws InterruptedException {
        other.shutdownNow();
        assertTrue(other.awaitTermination(60, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("P11: a second client waiting for the busy only instance connects once the server disconnects and accepts again")
    void busyInstance_freedUp_secondClientConnects() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(system, name, ONE_INSTANCE)) {
            NamedPipeClient first = NamedPipeClient.open(system, name, null, LONG);
            assertTrue(server.accept(LONG));
            Future<NamedPipeClient> second = other.submit(() -> NamedPipeClient.open(system, name, null, LONG));
            first.close();
            server.disconnect();
            assertTrue(server.accept(LONG));
            try (NamedPipeClient client = second.get(60, TimeUnit.SECONDS)) {
                client.write("hello".getBytes(StandardCharsets.UTF_8));
                assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), server.read(LONG));
            }
        }
    }

    @Test
    @DisplayName("P11: no instance frees up in time: TimeoutException naming WaitNamedPipeW (ERROR_SEM_TIMEOUT)")
    void busyInstance_timesOut() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(system, name, ONE_INSTANCE);
             NamedPipeClient first = NamedPipeClient.open(system, name, null)) {
            TimeoutException e = assertThrows(TimeoutException.class,
                    () -> NamedPipeClient.open(system, name, null, Duration.ofMillis(50)));
            assertTrue(e.getMessage().contains("WaitNamedPipeW"), e.getMessage());
        }
    }

    @Test
    @DisplayName("P11: a pipe that does not exist is ERROR_FILE_NOT_FOUND from CreateFileW, not a wait")
    void missingPipe_isFileNotFound() {
        WinTokenException e = assertThrows(WinTokenException.class, () -> NamedPipeClient.open(system, name, null, LONG));
        assertEquals("CreateFileW", e.function());
        assertEquals(2, e.win32Error());
    }

    @Test
    @DisplayName("P11: an interrupted thread gets InterruptedException and opens nothing")
    void alreadyInterrupted_opensNothing() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(system, name, ONE_INSTANCE)) {
            Future<NamedPipeClient> opened = other.submit(() -> {
                Thread.currentThread().interrupt();
                return NamedPipeClient.open(system, name, null, LONG);
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> opened.get(60, TimeUnit.SECONDS));
            assertInstanceOf(InterruptedException.class, e.getCause());
            try (NamedPipeClient client = NamedPipeClient.open(system, name, null, LONG)) { // the instance is still free
                assertTrue(server.accept(LONG));
            }
        }
    }
}
