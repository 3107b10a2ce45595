package io.github.tokenbridge.api;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.NamedPipeClient;
import io.github.tokenbridge.NamedPipeServer;
import io.github.tokenbridge.PipeServerOptions;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public pipe server and client on the model: accept, read, impersonate, revert, reply (P10-P26). */
class NamedPipeServerTest {

    private final TokenSystem tokens = Tokens.model(ModelConfiguration.standardUser());

    @AfterEach
    void nothingLeaks() {
        assertFalse(tokens.isImpersonating());
        assertEquals(0, tokens.openHandles().size(), tokens.openHandles().toString());
        tokens.close();
    }

    @Test
    void request_clientOnAnotherThread_serverImpersonatesAtTheClientsLevelAndRevertsOnClose() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(tokens, "api-test", PipeServerOptions.defaults())) {
            CompletableFuture<byte[]> reply = CompletableFuture.supplyAsync(() -> {
                try (NamedPipeClient client = NamedPipeClient.open(tokens, "api-test",
                        new NamedPipeClient.Sqos(ImpersonationLevel.IDENTIFICATION, false, false))) {
                    client.write("who am I".getBytes(StandardCharsets.UTF_8));
                    return client.read();
                }
            });
            assertTrue(server.accept(Duration.ofSeconds(30)));
            assertArrayEquals("who am I".getBytes(StandardCharsets.UTF_8), server.read());
            try (ImpersonationScope scope = server.impersonateClient()) {
                assertEquals(ImpersonationLevel.IDENTIFICATION, scope.obtainedLevel());
                assertTrue(tokens.isImpersonating());
            }
            assertFalse(tokens.isImpersonating());
            assertEquals(tokens.currentProcessId(), server.clientProcessId());
            server.write("you".getBytes(StandardCharsets.UTF_8));
            assertArrayEquals("you".getBytes(StandardCharsets.UTF_8), reply.get(30, TimeUnit.SECONDS));
            assertNull(server.read()); // the client closed: ERROR_BROKEN_PIPE
            server.disconnect();
        }
    }

    @Test
    void accept_noClientWithinTheTimeout_returnsFalseAndCancels() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(tokens, "api-timeout", PipeServerOptions.defaults())) {
            assertFalse(server.accept(Duration.ZERO));
        }
    }

    @Test
    void impersonateClient_beforeAnyReadOfADynamicClient_isCannotImpersonate_P20() throws Exception {
        try (NamedPipeServer server = NamedPipeServer.create(tokens, "api-early", PipeServerOptions.defaults());
             NamedPipeClient client = NamedPipeClient.open(tokens, "api-early", null)) {
            assertTrue(server.accept(Duration.ZERO));
            WinTokenException e = assertThrows(WinTokenException.class, server::impersonateClient);
            assertEquals(1368, e.win32Error());
            assertFalse(tokens.isImpersonating());
        }
    }

    @Test
    void badInput_nullNameAndNegativeTimeout_areProgrammingErrors() throws Exception {
        assertThrows(NullPointerException.class, () -> NamedPipeServer.create(tokens, null, PipeServerOptions.defaults()));
        try (NamedPipeServer server = NamedPipeServer.create(tokens, "api-bad", PipeServerOptions.defaults())) {
            assertThrows(IllegalArgumentException.class, () -> server.accept(Duration.ofMillis(-1)));
        }
    }
}
