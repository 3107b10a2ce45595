package io.github.tokenbridge.api;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TokenSystem#impersonatePipeClient(long)}: the client of a pipe handle the caller made
 * itself (here through the SPI, as its own JNA code would) is impersonated at the client's level,
 * and the handle stays the caller's (P20, P21, P23).
 */
class PipeHandleImpersonationTest {

    private static final int PIPE_ACCESS_DUPLEX = 3;
    private static final int MESSAGE_MODE = 4 | 2;
    private static final int OPEN_EXISTING = 3;
    private static final int SQOS_IDENTIFICATION = 0x00100000 | 0x00010000;

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
    private final TokenSystem tokens = Tokens.over(backend);

    @AfterEach
    void close() {
        tokens.close();
    }

    @Test
    void impersonatePipeClient_ownHandle_clientsLevelAndTheHandleStaysOpen() {
        String name = "\\\\.\\pipe\\own-handle";
        Handle server = backend.createNamedPipe(name, PIPE_ACCESS_DUPLEX, MESSAGE_MODE, 1, 4096, 4096, 0, null).value();
        Handle client = backend.createFile(name, 0xC0000000, 0, null, OPEN_EXISTING, SQOS_IDENTIFICATION).value();
        try {
            try (ImpersonationScope scope = tokens.impersonatePipeClient(server.value())) {
                assertEquals(ImpersonationLevel.IDENTIFICATION, scope.obtainedLevel());
            }
            assertFalse(tokens.isImpersonating());
            assertEquals(0, tokens.openHandles().size(), "nothing adopted: " + tokens.openHandles());
            assertTrue(backend.writeFile(client, "still open".getBytes(StandardCharsets.UTF_8), null).succeeded());
            assertEquals("still open", new String(backend.readFile(server, 4096, null).value(), StandardCharsets.UTF_8));
        } finally {
            backend.closeHandle(client);
            backend.closeHandle(server);
        }
    }

    @Test
    void impersonatePipeClient_nullOrPseudoHandle_isIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> tokens.impersonatePipeClient(0));
        assertThrows(IllegalArgumentException.class, () -> tokens.impersonatePipeClient(-2));
    }

    @Test
    void impersonatePipeClient_notAPipe_isWinTokenExceptionAndNoImpersonation() {
        WinTokenException e = assertThrows(WinTokenException.class, () -> tokens.impersonatePipeClient(0x7ff0));
        assertEquals("ImpersonateNamedPipeClient", e.function());
        assertFalse(tokens.isImpersonating());
    }
}
