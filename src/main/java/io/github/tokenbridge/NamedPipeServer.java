package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Overlapped;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;

import java.time.Duration;
import java.util.Objects;

/**
 * One server instance of a named pipe ({@code \\.\pipe\NAME}) that impersonates its clients: accept
 * a client (blocking, with a time-out, interruptible), read and write messages, impersonate the
 * client as an {@link ImpersonationScope} on the calling thread, learn its process id, disconnect
 * and accept the next. The handle is opened overlapped, so an accept can time out and be cancelled
 * ({@code CancelIoEx}); {@link #close()} (once, from any thread) cancels a pending accept.
 *
 * <p>A server loop on an executor: give each worker its own instance, and run the loop on
 * {@link TokenSystem#guard} (or an {@link ImpersonatingExecutor}) so a task that leaves its thread
 * impersonating is reverted and reported; inside a task, always use
 * {@code try (ImpersonationScope s = server.impersonateClient()) { ... }}.
 */
public final class NamedPipeServer implements AutoCloseable {

    private static final int PIPE_ACCESS_DUPLEX = 0x3;
    private static final int FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000;
    private static final int FILE_FLAG_OVERLAPPED = 0x40000000;
    private static final int PIPE_TYPE_MESSAGE = 0x4;
    private static final int PIPE_READMODE_MESSAGE = 0x2;
    private static final int PIPE_REJECT_REMOTE_CLIENTS = 0x8;
    private static final int WAIT_SLICE_MILLIS = 50;
    private static final int BUFFER = 4096;

    private final TokenSystem system;
    private final TokenBackend backend;
    private final String name;
    private final HandleState pipe;
    private final HandleState event;

    private NamedPipeServer(TokenSystem system, String name, Handle pipe, Handle event) {
        this.system = system;
        this.backend = system.backendSpi();
        this.name = name;
        this.pipe = system.handles().register(this, pipe, "named pipe server " + name);
        this.event = system.handles().register(this, event, "accept event of " + name);
    }

    /**
     * Creates an instance of {@code \\.\pipe\}{@code name}.
     *
     * @throws WinTokenException for an OS failure (ERROR_ACCESS_DENIED for a first instance whose name exists, ERROR_PIPE_BUSY at the instance limit)
     */
    public static NamedPipeServer create(TokenSystem system, String name, PipeServerOptions options) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        if (name.isEmpty() || name.startsWith("\\")) {
            throw new IllegalArgumentException("name is the part after \\\\.\\pipe\\ and must not be empty or start with \\: " + name);
        }
        TokenBackend backend = system.backendSpi();
        String full = "\\\\.\\pipe\\" + name;
        int openMode = PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED | (options.firstInstance() ? FILE_FLAG_FIRST_PIPE_INSTANCE : 0);
        int pipeMode = (options.messageMode() ? PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE : 0)
                | (options.rejectRemote() ? PIPE_REJECT_REMOTE_CLIENTS : 0);
        SecurityDescriptor sd = options.sddl() == null ? null : Sddl.parse(options.sddl());
        Handle h = system.failures().require(backend.createNamedPipe(full, openMode, pipeMode, options.maxInstances(), BUFFER,
                BUFFER, 0, sd), "CreateNamedPipeW");
        Result<Handle> ev = backend.createEvent(true, false);
        if (!ev.succeeded()) {
            backend.closeHandle(h);
            throw system.failures().exception(ev, "CreateEventW", null);
        }
        return new NamedPipeServer(system, full, h, ev.value());
    }

    /** The pipe's full name. */
    public String name() {
        return name;
    }

    /** Waits for a client without a time-out; see {@link #accept(Duration)}. */
    public void accept() throws InterruptedException {
        accept(null);
    }

    /**
     * Waits until a client is connected (at once when one already is, P10).
     *
     * @param timeout how long to wait, or null for no limit
     * @return false when the time-out passed (the pending ConnectNamedPipe was cancelled)
     * @throws InterruptedException when the thread is interrupted while waiting (checked every 50 ms)
     */
    public boolean accept(Duration timeout) throws InterruptedException {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        Handle p = pipe.handle();
        try (Overlapped ov = new Overlapped(event.handle())) {
            Result<Void> r = backend.connectNamedPipe(p, ov);
            if (r.succeeded() || r.win32Error() == Win32Error.ERROR_PIPE_CONNECTED.code()) {
                return true;
            }
            if (r.win32Error() != Win32Error.ERROR_IO_PENDING.code()) {
                throw system.failures().exception(r, "ConnectNamedPipe", null);
            }
            while (true) {
                long left = deadline - System.nanoTime();
                int slice = (int) Math.max(0, Math.min(WAIT_SLICE_MILLIS, left / 1_000_000L));
                Result<Integer> waited = backend.waitForSingleObject(event.handle(), slice);
                if (!waited.succeeded()) {
                    cancelAndDrain(p, ov);
                    throw system.failures().exception(waited, "WaitForSingleObject", null);
                }
                if (waited.value() == 0) {
                    Result<Integer> done = backend.getOverlappedResult(p, ov, true);
                    if (!done.succeeded()) {
                        throw system.failures().exception(done, "ConnectNamedPipe", null);
                    }
                    return true;
                }
                if (Thread.interrupted()) {
                    cancelAndDrain(p, ov);
                    throw new InterruptedException("accept on " + name + " was interrupted");
                }
                if (System.nanoTime() - deadline >= 0) {
                    return cancelAndDrain(p, ov);
                }
            }
        }
    }

    /** Cancels the pending connect and waits for it to end; true when it had completed anyway (a client arrived). */
    private boolean cancelAndDrain(Handle p, Overlapped ov) {
        backend.cancelIoEx(p, ov);
        Result<Integer> r = backend.getOverlappedResult(p, ov, true);
        return r.succeeded();
    }

    /**
     * Reads the next message (or up to 64 KiB in byte mode).
     *
     * @return the message, or null when the client closed its end and nothing is left (ERROR_BROKEN_PIPE)
     */
    public byte[] read() {
        Handle p = pipe.handle();
        byte[] all = new byte[0];
        try (Overlapped ov = new Overlapped(Handle.NULL)) {
            while (true) {
                Result<byte[]> r = backend.readFile(p, BUFFER, ov);
                byte[] part = r.value();
                if (r.win32Error() == Win32Error.ERROR_IO_PENDING.code()) {
                    Result<Integer> done = backend.getOverlappedResult(p, ov, true);
                    part = ov.completedData();
                    r = done.succeeded() ? Result.ok(part) : Result.win32Failure(done.win32Error(), part);
                }
                if (r.win32Error() == Win32Error.ERROR_BROKEN_PIPE.code() && all.length == 0) {
                    return null;
                }
                if (!r.succeeded() && r.win32Error() != Win32Error.ERROR_MORE_DATA.code()) {
                    throw system.failures().exception(r, "ReadFile", null);
                }
                byte[] joined = java.util.Arrays.copyOf(all, all.length + part.length);
                System.arraycopy(part, 0, joined, all.length, part.length);
                all = joined;
                if (r.succeeded()) {
                    return all;
                }
            }
        }
    }

    /** Writes one message. */
    public void write(byte[] message) {
        Objects.requireNonNull(message, "message");
        Handle p = pipe.handle();
        try (Overlapped ov = new Overlapped(Handle.NULL)) {
            Result<Integer> r = backend.writeFile(p, message, ov);
            if (r.win32Error() == Win32Error.ERROR_IO_PENDING.code()) {
                r = backend.getOverlappedResult(p, ov, true);
            }
            system.failures().require(r, "WriteFile");
        }
    }

    /**
     * Impersonates the connected client on the calling thread until the scope closes, which
     * restores what the thread had before. The level is the client's (its SQOS), possibly cut to
     * Identification by R38 ({@link ImpersonationScope#obtainedLevel()}).
     *
     * @throws WinTokenException ERROR_CANNOT_IMPERSONATE before a message was read from a client
     *                           whose context is captured per message (P20)
     */
    public ImpersonationScope impersonateClient() {
        return system.impersonator().enterPipeClient(pipe.handle());
    }

    /** The connected client's process id (P26). */
    public int clientProcessId() {
        return system.failures().require(backend.getNamedPipeClientProcessId(pipe.handle()), "GetNamedPipeClientProcessId");
    }

    /** Disconnects the client (its captured security is dropped); {@link #accept} takes the next. */
    public void disconnect() {
        system.failures().require(backend.disconnectNamedPipe(pipe.handle()), "DisconnectNamedPipe");
    }

    /** Closes the instance (exactly once; a pending accept on another thread is cancelled first). */
    @Override
    public void close() {
        if (pipe.isClosed()) {
            return;
        }
        backend.cancelIoEx(pipe.handle(), null);
        boolean first = pipe.close();
        event.close();
        if (first) {
            WinTokenException failure = pipe.takeCloseFailure();
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Override
    public String toString() {
        return "NamedPipeServer[" + name + (pipe.isClosed() ? ", closed" : "") + "]";
    }
}
