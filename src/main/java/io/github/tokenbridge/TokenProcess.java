package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A process started under a token by {@link TokenProcessBuilder}: a real {@link Process} over the process
 * handle (waitFor, exitValue, destroy, onExit, the piped streams). The process handle is closed, and a
 * profile loaded for the start unloaded, once the end has been observed ({@link #waitFor}, {@link #exitValue}
 * after the end, {@link #isAlive} false) or after {@link #destroy}. On the model, {@link #pid()} is the
 * model's process id and {@link #toHandle()} refuses: no operating-system process exists.
 */
public final class TokenProcess extends Process {

    private static final int WAIT_TIMEOUT = 258;
    private static final int SLICE_MILLIS = 50;
    /** STATUS_DLL_INIT_FAILED as an exit code: the child could not initialize (R85). */
    static final int DLL_INIT_FAILED = 0xC0000142;

    private final TokenBackend backend;
    private final Failures failures;
    private final Handle process;
    private final int pid;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;
    private final String method;
    private final Runnable afterEnd;
    private Integer exitCode;
    private boolean handleClosed;

    TokenProcess(TokenBackend backend, Failures failures, Handle process, int pid, OutputStream stdin, InputStream stdout,
                 InputStream stderr, String method, Runnable afterEnd) {
        this.backend = backend;
        this.failures = failures;
        this.process = process;
        this.pid = pid;
        this.stdin = stdin != null ? stdin : OutputStream.nullOutputStream();
        this.stdout = stdout != null ? stdout : InputStream.nullInputStream();
        this.stderr = stderr != null ? stderr : InputStream.nullInputStream();
        this.method = method;
        this.afterEnd = afterEnd;
    }

    /** The Win32 function that started it ("CreateProcessAsUserW", "CreateProcessWithTokenW" or "CreateProcessW"). */
    public String startedWith() {
        return method;
    }

    @Override
    public OutputStream getOutputStream() {
        return stdin;
    }

    @Override
    public InputStream getInputStream() {
        return stdout;
    }

    @Override
    public InputStream getErrorStream() {
        return stderr;
    }

    @Override
    public int waitFor() throws InterruptedException {
        while (true) {
            Integer code = poll(SLICE_MILLIS);
            if (code != null) {
                return code;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for process " + pid);
            }
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (poll((int) Math.max(0, Math.min(SLICE_MILLIS, left))) != null) {
                return true;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for process " + pid);
            }
            if (left <= 0) {
                return false;
            }
        }
    }

    /** The exit code if the process has ended within {@code millis}, else null. */
    private synchronized Integer poll(int millis) {
        if (exitCode != null) {
            return exitCode;
        }
        Result<Integer> waited = backend.waitForSingleObject(process, millis);
        if (!waited.succeeded()) {
            throw failures.exception(waited, "WaitForSingleObject", "process " + pid);
        }
        if (waited.value() == WAIT_TIMEOUT) {
            return null;
        }
        Result<Integer> code = backend.getExitCodeProcess(process);
        if (!code.succeeded()) {
            throw failures.exception(code, "GetExitCodeProcess", "process " + pid);
        }
        exitCode = code.value();
        ended();
        return exitCode;
    }

    @Override
    public int exitValue() {
        Integer code;
        synchronized (this) {
            code = exitCode;
        }
        if (code == null) {
            code = poll(0);
        }
        if (code == null) {
            throw new IllegalThreadStateException("process " + pid + " has not exited");
        }
        return code;
    }

    @Override
    public boolean isAlive() {
        return poll(0) == null;
    }

    /** Ends the process (TerminateProcess with exit code 1); it has no normal termination. */
    @Override
    public void destroy() {
        synchronized (this) {
            if (exitCode != null || handleClosed) {
                return;
            }
            Result<Void> r = backend.terminateProcess(process, 1);
            if (!r.succeeded() && poll(0) == null) {
                throw failures.exception(r, "TerminateProcess", "process " + pid);
            }
        }
    }

    @Override
    public Process destroyForcibly() {
        destroy();
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return false;
    }

    @Override
    public long pid() {
        return Integer.toUnsignedLong(pid);
    }

    /** The OS process handle; refused on the model, where no operating-system process exists. */
    @Override
    public ProcessHandle toHandle() {
        if (backend.kind() == BackendKind.MODEL) {
            throw new UnsupportedOperationException("process " + pid + " is a model process: no operating-system process exists");
        }
        return ProcessHandle.of(pid()).orElseThrow(() -> new IllegalStateException("process " + pid + " is gone"));
    }

    /**
     * Why the process ended as it did when the exit code tells: STATUS_DLL_INIT_FAILED (0xC0000142) is what a
     * console child of a service under another user typically ends with when its token has no access to the
     * window station and desktop (R85).
     */
    public Optional<String> diagnosis() {
        Integer code;
        synchronized (this) {
            code = exitCode;
        }
        if (code == null || code != DLL_INIT_FAILED) {
            return Optional.empty();
        }
        return Optional.of("the process ended with STATUS_DLL_INIT_FAILED (0xC0000142): it could not initialize, "
                + "typically because its token has no access to the window station and desktop it was given (R85). "
                + "Fix: grant the token's logon SID access to the window station (WinSta0) and desktop (Default) "
                + "(MSDOC 'Starting an Interactive Client Process in C++'), or start it with CREATE_NO_WINDOW on a "
                + "non-interactive desktop");
    }

    private void ended() {
        if (!handleClosed) {
            handleClosed = true;
            backend.closeHandle(process);
            try {
                stdin.close();
            } catch (java.io.IOException e) {
                // the child's end is gone: nothing left to release
            }
            afterEnd.run();
        }
    }

    @Override
    public String toString() {
        Integer code;
        synchronized (this) {
            code = exitCode;
        }
        return "TokenProcess[pid=" + pid + ", " + method + (code == null ? ", running" : ", exit " + code) + "]";
    }
}
