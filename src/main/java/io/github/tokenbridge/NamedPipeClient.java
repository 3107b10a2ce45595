package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;

import java.util.Objects;

/**
 * The client end of a named pipe, opened with CreateFileW under the calling thread's effective
 * token, with an explicit security quality of service or Windows' default (no SQOS: Impersonation,
 * dynamic tracking, effective-only; P14). Reads in message mode when the pipe is a message pipe.
 */
public final class NamedPipeClient implements AutoCloseable {

    /** What the client grants the server (CreateFileW's SECURITY_* bits, P13). */
    public record Sqos(ImpersonationLevel level, boolean dynamicTracking, boolean effectiveOnly) {
        public Sqos {
            Objects.requireNonNull(level, "level");
        }

        /** The CreateFileW flags that carry this SQOS (P13): SECURITY_SQOS_PRESENT, the level bits, tracking, effective-only. */
        public int flags() {
            return 0x00100000 | level.code() << 16 | (dynamicTracking ? 0x00040000 : 0) | (effectiveOnly ? 0x00080000 : 0);
        }
    }

    private final TokenSystem system;
    private final TokenBackend backend;
    private final HandleState pipe;

    private NamedPipeClient(TokenSystem system, Handle pipe, String description) {
        this.system = system;
        this.backend = system.backendSpi();
        this.pipe = system.handles().register(this, pipe, description);
    }

    /**
     * Opens {@code \\.\pipe\}{@code name} for reading and writing.
     *
     * @param sqos the quality of service, or null for none (Windows' default)
     * @throws WinTokenException ERROR_FILE_NOT_FOUND, ERROR_PIPE_BUSY, ERROR_ACCESS_DENIED (the pipe's DACL), ...
     */
    public static NamedPipeClient open(TokenSystem system, String name, Sqos sqos) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(name, "name");
        String full = "\\\\.\\pipe\\" + name;
        TokenBackend backend = system.backendSpi();
        Handle h = system.failures().require(backend.createFile(full, 0x80000000 | 0x40000000, 0, null, 3,
                sqos == null ? 0 : sqos.flags()), "CreateFileW");
        NamedPipeClient client = new NamedPipeClient(system, h, "named pipe client " + full + (sqos == null ? "" : " " + sqos));
        Result<Void> mode = backend.setNamedPipeHandleState(h, 0x2);
        if (!mode.succeeded() && mode.win32Error() != Win32Error.ERROR_INVALID_PARAMETER.code()) {
            client.close();
            throw system.failures().exception(mode, "SetNamedPipeHandleState", null);
        }
        return client;
    }

    /** Writes one message. */
    public void write(byte[] message) {
        system.failures().require(backend.writeFile(pipe.handle(), Objects.requireNonNull(message, "message"), null), "WriteFile");
    }

    /** Reads the next message; null when the server closed its end (ERROR_BROKEN_PIPE). */
    public byte[] read() {
        byte[] all = new byte[0];
        while (true) {
            Result<byte[]> r = backend.readFile(pipe.handle(), 4096, null);
            if (r.win32Error() == Win32Error.ERROR_BROKEN_PIPE.code() && all.length == 0) {
                return null;
            }
            if (!r.succeeded() && r.win32Error() != Win32Error.ERROR_MORE_DATA.code()) {
                throw system.failures().exception(r, "ReadFile", null);
            }
            byte[] joined = java.util.Arrays.copyOf(all, all.length + r.value().length);
            System.arraycopy(r.value(), 0, joined, all.length, r.value().length);
            all = joined;
            if (r.succeeded()) {
                return all;
            }
        }
    }

    /** Closes the client end (exactly once). */
    @Override
    public void close() {
        if (pipe.close()) {
            WinTokenException failure = pipe.takeCloseFailure();
            if (failure != null) {
                throw failure;
            }
        }
    }
}
