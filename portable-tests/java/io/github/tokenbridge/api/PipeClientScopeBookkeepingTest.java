package io.github.tokenbridge.api;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.NamedPipeClient;
import io.github.tokenbridge.NamedPipeServer;
import io.github.tokenbridge.PipeServerOptions;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scope entered by {@code ImpersonateNamedPipeClient} is kept like every other scope (R46): closing
 * the system while it is open on another thread is refused, and nothing is closed.
 */
class PipeClientScopeBookkeepingTest {

    @Test
    void closingTheSystem_whileAPipeClientScopeIsOpenOnAnotherThread_isRefused_R46() throws Exception {
        TokenSystem tokens = Tokens.model(ModelConfiguration.standardUser());
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // two threads of its own: the client blocks in its read while the server thread holds the scope
        // (the common pool may have a single worker)
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (NamedPipeServer server = NamedPipeServer.create(tokens, "scope-bookkeeping", PipeServerOptions.defaults())) {
            CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
                try (NamedPipeClient pipe = NamedPipeClient.open(tokens, "scope-bookkeeping",
                        new NamedPipeClient.Sqos(ImpersonationLevel.IMPERSONATION, false, false))) {
                    pipe.write("hello".getBytes(StandardCharsets.UTF_8));
                    pipe.read();
                }
            }, threads);
            assertTrue(server.accept(Duration.ofSeconds(30)));
            server.read();
            CompletableFuture<Void> serverThread = CompletableFuture.runAsync(() -> {
                try (ImpersonationScope scope = server.impersonateClient()) {
                    entered.countDown();
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, threads);
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            IllegalStateException refused = assertThrows(IllegalStateException.class, tokens::close);
            assertTrue(refused.getMessage().contains("ImpersonateNamedPipeClient"), refused.getMessage());
            release.countDown();
            serverThread.get(30, TimeUnit.SECONDS);
            server.write("bye".getBytes(StandardCharsets.UTF_8));
            client.get(30, TimeUnit.SECONDS);
            server.disconnect();
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        assertEquals(0, tokens.openHandles().size(), tokens.openHandles().toString());
        tokens.close();
    }
}
