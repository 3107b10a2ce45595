package io.github.tokenbridge.benchmarks;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.NamedPipeClient;
import io.github.tokenbridge.NamedPipeServer;
import io.github.tokenbridge.PipeServerOptions;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One request on an open named-pipe connection on the model, as a server handles it: the client
 * writes a 64-byte request, the server reads it (the client's context is captured with the write
 * and made current by the read: no SQOS, so dynamic tracking, P14, P18), impersonates the client
 * and reverts. Measured through the public API ({@link #request}: NamedPipeClient.write,
 * NamedPipeServer.read, impersonateClient and the scope's close with their save and read-back
 * protocol) and through the SPI ({@link #spiRequest}: WriteFile, ReadFile, ImpersonateNamedPipeClient,
 * RevertToSelf), each against {@link #handOffAndSwitch}: the bare-JDK least of the same work, a
 * request copied through a queue and a per-thread identity set and cleared. Client and server run
 * on one thread (a write never blocks in the model, and the read finds the request waiting).
 */
@State(Scope.Thread)
public class ModelPipeRequestBenchmark {

    private static final int PIPE_ACCESS_DUPLEX = 0x3;
    private static final int PIPE_MESSAGE = 0x4 | 0x2;
    private static final int GENERIC_READ_WRITE = 0x80000000 | 0x40000000;
    private static final int OPEN_EXISTING = 3;
    private static final String SPI_PIPE = "\\\\.\\pipe\\bench-spi";

    private final byte[] payload = new byte[64];

    private TokenSystem system;
    private NamedPipeServer server;
    private NamedPipeClient client;

    private TokenBackend spi;
    private Handle spiServer;
    private Handle spiClient;

    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final ThreadLocal<Object> identity = new ThreadLocal<>();
    private final Object clientIdentity = new Object();

    @Setup
    public void setUp() throws InterruptedException {
        Arrays.fill(payload, (byte) 'r');
        system = Tokens.model(ModelConfiguration.standardUser());
        server = NamedPipeServer.create(system, "bench-api", PipeServerOptions.defaults());
        client = NamedPipeClient.open(system, "bench-api", null);
        if (!server.accept(Duration.ZERO)) {
            throw new IllegalStateException("the client did not connect");
        }
        spi = ModelBackend.create(ModelConfiguration.standardUser());
        spiServer = spi.createNamedPipe(SPI_PIPE, PIPE_ACCESS_DUPLEX, PIPE_MESSAGE, 1, 4096, 4096, 0, null).value();
        spiClient = spi.createFile(SPI_PIPE, GENERIC_READ_WRITE, 0, null, OPEN_EXISTING, 0).value();
        spi.setNamedPipeHandleState(spiClient, 0x2);
    }

    @TearDown
    public void tearDown() {
        client.close();
        server.close();
        system.close();
        spi.closeHandle(spiClient);
        spi.closeHandle(spiServer);
        spi.close();
    }

    /** The public API: client write, server read, impersonate (save, enter, read back), revert (restore, verify). */
    @Benchmark
    public ImpersonationLevel request() {
        client.write(payload);
        byte[] received = server.read();
        try (ImpersonationScope scope = server.impersonateClient()) {
            return received.length == payload.length ? scope.obtainedLevel() : null;
        }
    }

    /** The SPI alone: WriteFile, ReadFile, ImpersonateNamedPipeClient, RevertToSelf. */
    @Benchmark
    public Result<Void> spiRequest() {
        spi.writeFile(spiClient, payload, null);
        Result<byte[]> received = spi.readFile(spiServer, 4096, null);
        spi.impersonateNamedPipeClient(spiServer);
        Result<Void> reverted = spi.revertToSelf();
        return received.value().length == payload.length ? reverted : null;
    }

    /** The baseline: the request copied through a queue, a per-thread identity set, read and cleared. */
    @Benchmark
    public Object handOffAndSwitch() {
        queue.add(payload.clone());
        byte[] received = queue.poll();
        identity.set(clientIdentity);
        Object who = identity.get();
        identity.remove();
        return received.length == payload.length ? who : null;
    }
}
