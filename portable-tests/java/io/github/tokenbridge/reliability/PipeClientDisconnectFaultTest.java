package io.github.tokenbridge.reliability;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.NamedPipeClient;
import io.github.tokenbridge.NamedPipeServer;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.PipeServerOptions;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.model.fault.SpiOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.github.tokenbridge.reliability.FaultAssertions.failing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pipe client that goes away in the middle of a request never leaves the server thread
 * impersonating: whether the server impersonates before or after noticing, and whether the call or
 * the read-back of the level fails (P12, P20, P21, P25).
 */
class PipeClientDisconnectFaultTest {

    private static final NamedPipeClient.Sqos DYNAMIC = new NamedPipeClient.Sqos(ImpersonationLevel.IMPERSONATION, true, false);

    private final FaultWorld world = FaultWorld.standardUser();

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void clientClosesAfterItsRequest_serverStillImpersonatesTheLastContextAndReverts_P21() throws Exception {
        FaultWorld.runOnOwnThread(() -> {
            try (NamedPipeServer server = NamedPipeServer.create(world.system, "gone-after-write", PipeServerOptions.defaults())) {
                NamedPipeClient client = NamedPipeClient.open(world.system, "gone-after-write", DYNAMIC);
                assertTrue(server.accept(Duration.ZERO));
                client.write("req".getBytes(StandardCharsets.UTF_8));
                client.close(); // the client disconnects mid-request
                assertEquals("req", new String(server.read(), StandardCharsets.UTF_8));
                try (ImpersonationScope scope = server.impersonateClient()) {
                    assertEquals(ImpersonationLevel.IMPERSONATION, scope.obtainedLevel());
                }
                assertFalse(world.system.isImpersonating());
                assertNull(server.read()); // ERROR_BROKEN_PIPE
                server.disconnect();
            }
            return null;
        });
        world.assertNoLeaks();
    }

    @Test
    void clientClosesBeforeAnyMessage_impersonationFailsAndTheThreadIsUntouched_P20() throws Exception {
        FaultWorld.runOnOwnThread(() -> {
            try (NamedPipeServer server = NamedPipeServer.create(world.system, "gone-before-write", PipeServerOptions.defaults())) {
                NamedPipeClient client = NamedPipeClient.open(world.system, "gone-before-write", DYNAMIC);
                assertTrue(server.accept(Duration.ZERO));
                client.close();
                assertNull(server.read());
                WinTokenException e = assertThrows(WinTokenException.class, server::impersonateClient);
                assertEquals(1368, e.win32Error()); // ERROR_CANNOT_IMPERSONATE: nothing was ever captured
                assertFalse(world.system.isImpersonating());
            }
            return null;
        });
        world.assertNoLeaks();
    }

    @Test
    void levelReadBackFailsAfterTheClientLeft_impersonationIsUndone() throws Exception {
        FaultWorld.runOnOwnThread(() -> {
            try (NamedPipeServer server = NamedPipeServer.create(world.system, "gone-readback", PipeServerOptions.defaults())) {
                NamedPipeClient client = NamedPipeClient.open(world.system, "gone-readback", DYNAMIC);
                assertTrue(server.accept(Duration.ZERO));
                client.write("req".getBytes(StandardCharsets.UTF_8));
                client.close();
                server.read();
                world.inject(failing(SpiOperation.OPEN_THREAD_TOKEN, 1, NtStatus.STATUS_INSUFFICIENT_RESOURCES));
                WinTokenException e = assertThrows(WinTokenException.class, server::impersonateClient);
                assertEquals("OpenThreadToken", e.function());
                assertFalse(world.system.isImpersonating());
            }
            return null;
        });
        world.assertNoLeaks();
    }

    @Test
    void impersonateNamedPipeClientFails_threadKeepsItsOwnContext() throws Exception {
        FaultWorld.runOnOwnThread(() -> {
            try (NamedPipeServer server = NamedPipeServer.create(world.system, "gone-call", PipeServerOptions.defaults())) {
                NamedPipeClient client = NamedPipeClient.open(world.system, "gone-call", DYNAMIC);
                client.write("req".getBytes(StandardCharsets.UTF_8));
                assertTrue(server.accept(Duration.ZERO));
                server.read();
                client.close();
                world.inject(failing(SpiOperation.IMPERSONATE_NAMED_PIPE_CLIENT, 1, NtStatus.STATUS_PIPE_DISCONNECTED));
                WinTokenException e = assertThrows(WinTokenException.class, server::impersonateClient);
                assertEquals("ImpersonateNamedPipeClient", e.function());
                assertFalse(world.system.isImpersonating());
            }
            return null;
        });
        world.assertNoLeaks();
    }
}
