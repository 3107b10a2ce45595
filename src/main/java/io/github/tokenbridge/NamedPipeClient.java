package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * The client end of a named pipe, opened with CreateFileW under the calling thread's effective
 * token, with an explicit security quality of service or Windows' default (no SQOS: Impersonation,
 * dynamic tracking, effective-only; P14). Reads in message mode when the pipe is a message pipe. The
 * handle is synchronous; {@link #read(Duration)} times out and is interruptible through
 * {@code CancelSynchronousIo} (P27).
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

    private static final int BUFFER = 4096;

    private final TokenSystem system;
    private final TokenBackend backend;
    private final HandleState pipe;
    private final String description;

    private NamedPipeClient(TokenSystem system, Handle pipe, String description) {
        this.system = system;
        this.backend = system.backendSpi();
        this.description = description;
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
        return connected(system, system.failures().require(createFile(system.backendSpi(), full, sqos), "CreateFileW"), full, sqos);
    }

    /**
     * Opens {@code \\.\pipe\}{@code name} for reading and writing, waiting up to {@code waitForInstance}
     * while every instance of the pipe is busy: CreateFileW, and on ERROR_PIPE_BUSY
     * {@code WaitNamedPipeW} with the time that remains, then CreateFileW again, until it connects or
     * the time is up. A successful wait reserves no instance (another client may take it first, P11),
     * so a wait may be followed by another. The waiting thread is watched as {@link #read(Duration)}
     * is: an interrupt cancels the wait with {@code CancelSynchronousIo} (P27).
     *
     * @param sqos            the quality of service, or null for none (Windows' default)
     * @param waitForInstance how long to wait for a free instance, or null for no limit (interruptible still)
     * @throws TimeoutException     when no instance became free in time (WaitNamedPipeW's ERROR_SEM_TIMEOUT,
     *                              or a busy pipe at the deadline); chosen over a WinTokenException as
     *                              {@link #read(Duration)} does: running out of time is the caller's
     *                              budget, not an OS failure. The message names WaitNamedPipeW, the pipe
     *                              and the time-out.
     * @throws InterruptedException when the thread was interrupted before or while waiting (the flag is cleared)
     * @throws WinTokenException    ERROR_FILE_NOT_FOUND (no such pipe, from CreateFileW or WaitNamedPipeW),
     *                              ERROR_ACCESS_DENIED (the pipe's DACL), ...
     */
    public static NamedPipeClient open(TokenSystem system, String name, Sqos sqos, Duration waitForInstance)
            throws InterruptedException, TimeoutException {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(name, "name");
        String full = "\\\\.\\pipe\\" + name;
        long deadline = NamedPipeServer.deadline(waitForInstance);
        TokenBackend backend = system.backendSpi();
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException("waiting for an instance of " + full + " was interrupted");
            }
            Result<Handle> opened = createFile(backend, full, sqos);
            if (opened.succeeded()) {
                return connected(system, opened.value(), full, sqos);
            }
            if (opened.win32Error() != Win32Error.ERROR_PIPE_BUSY.code()) {
                throw system.failures().exception(opened, "CreateFileW", full);
            }
            int waitMillis = waitMillis(deadline);
            if (waitMillis == 0) {
                throw timedOut(full, waitForInstance);
            }
            BlockedCallWatchdog.Watch watch = BlockedCallWatchdog.watch(backend, backend.getCurrentThreadId(), deadline);
            Result<Void> waited;
            try {
                waited = backend.waitNamedPipe(full, waitMillis);
            } finally {
                watch.close();
            }
            if (waited.succeeded()) {
                continue; // an instance listens now; CreateFileW may still lose it to another client (P11)
            }
            int error = waited.win32Error();
            if (error == Win32Error.ERROR_OPERATION_ABORTED.code() && (watch.cancelled() || Thread.currentThread().isInterrupted())) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("waiting for an instance of " + full + " was interrupted");
                }
                throw timedOut(full, waitForInstance);
            }
            if (error == Win32Error.ERROR_SEM_TIMEOUT.code()) {
                throw timedOut(full, waitForInstance);
            }
            throw system.failures().exception(waited, "WaitNamedPipeW", full);
        }
    }

    /** WaitNamedPipeW's nTimeOut for what remains before {@code deadline}: at least 1 ms, -1 (forever) for none, 0 when passed. */
    private static int waitMillis(long deadline) {
        if (deadline == NamedPipeServer.NO_DEADLINE) {
            return -1; // NMPWAIT_WAIT_FOREVER
        }
        long remainingNanos = deadline - System.nanoTime();
        if (remainingNanos <= 0) {
            return 0;
        }
        long millis = (remainingNanos + 999_999) / 1_000_000; // never 0, which is NMPWAIT_USE_DEFAULT_WAIT
        return (int) Math.min(millis, Integer.MAX_VALUE);
    }

    private static TimeoutException timedOut(String full, Duration waitForInstance) {
        return new TimeoutException("WaitNamedPipeW: no instance of " + full + " became free within " + waitForInstance
                + " (ERROR_SEM_TIMEOUT)");
    }

    private static Result<Handle> createFile(TokenBackend backend, String full, Sqos sqos) {
        return backend.createFile(full, 0x80000000 | 0x40000000, 0, null, 3, sqos == null ? 0 : sqos.flags());
    }

    /** The client of a freshly opened handle: message read mode when the pipe is a message pipe. */
    private static NamedPipeClient connected(TokenSystem system, Handle h, String full, Sqos sqos) {
        TokenBackend backend = system.backendSpi();
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

    /**
     * Reads the next message, blocking until it arrives or the server closes its end; not
     * interruptible (see {@link #read(Duration)}).
     *
     * @return the message; null when the server closed its end (ERROR_BROKEN_PIPE)
     */
    public byte[] read() {
        return rest(backend.readFile(pipe.handle(), BUFFER, null));
    }

    /**
     * Reads the next message, waiting at most {@code timeout} for it, interruptibly. The client's
     * handle is synchronous, so the wait is the ReadFile itself: a watchdog thread cancels it with
     * {@code CancelSynchronousIo} when the time-out passes or this thread is interrupted (P27), and
     * the cancelled read takes nothing (P28). The watchdog opens the reading thread by its id
     * ({@code OpenThread(THREAD_TERMINATE)}) as the process's own thread would; on the model, a read
     * made as a thread of another model process ({@code ModelWorld.runAs}) is cancelled only if the
     * model's JVM process may open that thread so.
     *
     * @param timeout how long to wait for the message to begin, or null for no limit (interruptible
     *                still); the rest of a long message is read without the limit (it is already in the
     *                pipe). The time-out is honoured to within the watchdog's 10 ms tick.
     * @return the message; null when the server closed its end (ERROR_BROKEN_PIPE)
     * @throws TimeoutException     when no message came within the time-out; the connection is intact
     *                              and the next read gets the next message
     * @throws InterruptedException when the thread was interrupted before or while waiting (the flag is
     *                              cleared); a message that arrived before the cancel took effect is
     *                              returned instead, with the flag still set
     */
    public byte[] read(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = NamedPipeServer.deadline(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException("read on " + description + " was interrupted");
        }
        Handle h = pipe.handle();
        BlockedCallWatchdog.Watch watch = BlockedCallWatchdog.watch(backend, backend.getCurrentThreadId(), deadline);
        Result<byte[]> first;
        try {
            first = backend.readFile(h, BUFFER, null);
        } finally {
            watch.close();
        }
        // cancelled by the watchdog, or (on the model, whose blocked calls see Java interrupts) by the interrupt itself
        if (first.win32Error() == Win32Error.ERROR_OPERATION_ABORTED.code()
                && (watch.cancelled() || Thread.currentThread().isInterrupted())) {
            if (Thread.interrupted()) {
                throw new InterruptedException("read on " + description + " was interrupted");
            }
            throw new TimeoutException("no message on " + description + " within " + timeout);
        }
        return rest(first);
    }

    /** Finishes a message from its first part: null at ERROR_BROKEN_PIPE, ERROR_MORE_DATA parts joined. */
    private byte[] rest(Result<byte[]> first) {
        return PipeMessages.finish(first, () -> backend.readFile(pipe.handle(), BUFFER, null), system.failures());
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
