package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Overlapped;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * One server instance of a named pipe ({@code \\.\pipe\NAME}) that impersonates its clients: accept
 * a client (blocking, with a time-out, interruptible), read and write messages, impersonate the
 * client as an {@link ImpersonationScope} on the calling thread, learn its process id, disconnect
 * and accept the next. The handle is opened overlapped, so an accept and a read can time out and be
 * interrupted (the pending request is cancelled with {@code CancelIoEx}); {@link #close()} (once, from
 * any thread) cancels a pending accept or read.
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
    /** The deadline of a wait without a time-out. */
    static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final Duration LONGEST_TIMEOUT = Duration.ofDays(36_500);

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
     * @throws InterruptedException when the thread is interrupted while waiting (checked every 50 ms);
     *                              the pending ConnectNamedPipe is cancelled first, and a client that
     *                              connected meanwhile stays connected (the next accept returns at once)
     */
    public boolean accept(Duration timeout) throws InterruptedException {
        long deadline = deadline(timeout);
        Handle p = pipe.handle();
        try (Overlapped ov = new Overlapped(event.handle())) {
            Result<Void> r = backend.connectNamedPipe(p, ov);
            if (r.succeeded() || r.win32Error() == Win32Error.ERROR_PIPE_CONNECTED.code()) {
                return true;
            }
            if (r.win32Error() != Win32Error.ERROR_IO_PENDING.code()) {
                throw system.failures().exception(r, "ConnectNamedPipe", null);
            }
            Completion done = awaitPending(p, ov, deadline, true);
            if (done.interrupted()) {
                throw new InterruptedException("accept on " + name + " was interrupted");
            }
            if (done.cancelled()) {
                return false;
            }
            if (!done.result().succeeded()) {
                throw system.failures().exception(done.result(), "ConnectNamedPipe", null);
            }
            return true;
        }
    }

    /**
     * How a wait for a pending request ended: the request's own result ({@code GetOverlappedResult}),
     * and whether the wait was ended by the time-out or an interrupt, which cancelled the request.
     *
     * @param cancelled   true when the request was cancelled before it completed (ERROR_OPERATION_ABORTED)
     * @param interrupted true when the wait ended because the thread was interrupted (the flag is cleared)
     */
    private record Completion(Result<Integer> result, boolean cancelled, boolean interrupted) {
    }

    /**
     * Waits for the pending request on {@code ov} in slices of 50 ms until it completes, the deadline
     * passes or (when {@code interruptible}) the thread is interrupted; in the last two cases the request
     * is cancelled (CancelIoEx) and waited for, so it has ended whatever the outcome (a request that
     * completed before the cancel keeps its result).
     */
    private Completion awaitPending(Handle p, Overlapped ov, long deadline, boolean interruptible) {
        while (true) {
            long left = deadline == NO_DEADLINE ? Long.MAX_VALUE : deadline - System.nanoTime();
            int slice = (int) Math.max(0, Math.min(WAIT_SLICE_MILLIS, left / 1_000_000L));
            Result<Integer> waited = backend.waitForSingleObject(event.handle(), slice);
            if (!waited.succeeded()) {
                cancelAndDrain(p, ov);
                throw system.failures().exception(waited, "WaitForSingleObject", null);
            }
            if (waited.value() == 0) {
                return new Completion(backend.getOverlappedResult(p, ov, true), false, false);
            }
            boolean interrupted = interruptible && Thread.interrupted();
            if (interrupted || passed(deadline)) {
                Result<Integer> drained = cancelAndDrain(p, ov);
                return new Completion(drained, drained.win32Error() == Win32Error.ERROR_OPERATION_ABORTED.code(), interrupted);
            }
        }
    }

    /** Cancels the pending request and waits for it to end; its result (ERROR_OPERATION_ABORTED when the cancel came first). */
    private Result<Integer> cancelAndDrain(Handle p, Overlapped ov) {
        backend.cancelIoEx(p, ov);
        return backend.getOverlappedResult(p, ov, true);
    }

    /** The {@link System#nanoTime()} deadline of a time-out, or {@link #NO_DEADLINE} for null (time-outs beyond 100 years count as none). */
    static long deadline(Duration timeout) {
        if (timeout == null) {
            return NO_DEADLINE;
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        if (timeout.compareTo(LONGEST_TIMEOUT) > 0) {
            return NO_DEADLINE;
        }
        return System.nanoTime() + timeout.toNanos();
    }

    /** True when {@code deadline} (from {@link #deadline}) has passed. */
    static boolean passed(long deadline) {
        return deadline != NO_DEADLINE && System.nanoTime() - deadline >= 0;
    }

    /**
     * Reads the next message (or up to 4 KiB at a time in byte mode), blocking until one arrives,
     * the client closes its end, or another thread closes this server. Not interruptible: for a
     * time-out or an interruptible wait use {@link #read(Duration)}.
     *
     * @return the message, or null when the client closed its end and nothing is left (ERROR_BROKEN_PIPE)
     */
    public byte[] read() {
        Handle p = pipe.handle();
        try (Overlapped ov = new Overlapped(Handle.NULL)) {
            Result<byte[]> r = backend.readFile(p, BUFFER, ov);
            if (r.win32Error() == Win32Error.ERROR_IO_PENDING.code()) {
                r = collected(backend.getOverlappedResult(p, ov, true), ov);
            }
            return rest(p, ov, r);
        }
    }

    /**
     * Reads the next message, waiting at most {@code timeout} for it to arrive: an overlapped
     * ReadFile, waited for on the instance's event in slices of 50 ms, cancelled (CancelIoEx) when
     * the time-out passes or the thread is interrupted (P28). Accept and read share that event, so
     * call them from one thread at a time per instance; {@link #write} may run on another.
     *
     * @param timeout how long to wait for the message to begin, or null for no limit (interruptible
     *                still); {@link Duration#ZERO} takes a message only when one is already there. The
     *                rest of a long message is read without the limit: it is already in the pipe.
     * @return the message, or null when the client closed its end and nothing is left (ERROR_BROKEN_PIPE)
     * @throws TimeoutException     when no message came within the time-out; the cancelled read took
     *                              nothing, so the connection is intact and the next read gets the next
     *                              message (a message that arrived just before the cancel is returned instead)
     * @throws InterruptedException when the thread was interrupted before or while waiting (the flag
     *                              is cleared); the pending read was cancelled first and took nothing (a
     *                              message that arrived just before the cancel is returned instead, with
     *                              the interrupt flag set again)
     * @throws WinTokenException    for an OS failure: ERROR_PIPE_LISTENING before a client connected,
     *                              ERROR_PIPE_NOT_CONNECTED after {@link #disconnect()} (P12); a
     *                              {@link #close()} from another thread ends the wait with one too
     *                              (ERROR_OPERATION_ABORTED, or the event's ERROR_INVALID_HANDLE)
     */
    public byte[] read(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = deadline(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException("read on " + name + " was interrupted");
        }
        Handle p = pipe.handle();
        try (Overlapped ov = new Overlapped(event.handle())) {
            Result<byte[]> r = backend.readFile(p, BUFFER, ov);
            if (r.win32Error() == Win32Error.ERROR_IO_PENDING.code()) {
                Completion done = awaitPending(p, ov, deadline, true);
                if (done.cancelled()) {
                    if (done.interrupted()) {
                        throw new InterruptedException("read on " + name + " was interrupted");
                    }
                    throw new TimeoutException("no message on " + name + " within " + timeout);
                }
                if (done.interrupted()) {
                    Thread.currentThread().interrupt(); // the message came first: keep it, and the interrupt
                }
                r = collected(done.result(), ov);
            }
            return rest(p, ov, r);
        }
    }

    /** The outcome of a completed overlapped read as ReadFile's: the bytes, ERROR_MORE_DATA with the part. */
    private static Result<byte[]> collected(Result<Integer> done, Overlapped ov) {
        byte[] part = ov.completedData() == null ? new byte[0] : ov.completedData();
        return done.succeeded() ? Result.ok(part) : Result.win32Failure(done.win32Error(), part);
    }

    /**
     * Finishes a message from its first part {@code first}: null at ERROR_BROKEN_PIPE with nothing
     * read, the other failures thrown, and after ERROR_MORE_DATA the next parts read and joined.
     */
    private byte[] rest(Handle p, Overlapped ov, Result<byte[]> first) {
        return PipeMessages.finish(first, () -> {
            Result<byte[]> r = backend.readFile(p, BUFFER, ov);
            return r.win32Error() == Win32Error.ERROR_IO_PENDING.code()
                    ? collected(backend.getOverlappedResult(p, ov, true), ov) : r;
        }, system.failures());
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
