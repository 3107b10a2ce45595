package io.github.tokenbridge.model.win32;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Overlapped;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.io.FileObject;
import io.github.tokenbridge.model.kernel.io.IoOpenRequest;
import io.github.tokenbridge.model.kernel.io.IoRequest;
import io.github.tokenbridge.model.kernel.io.npfs.NamedPipeCreateParameters;
import io.github.tokenbridge.model.kernel.ke.EventObject;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.nt.NtNamedPipeServices;

import java.util.Objects;
import java.util.function.Function;

/**
 * The kernel32 named-pipe, event and overlapped-I/O functions of the model over its Nt layer:
 * CreateNamedPipeW (P1-P6: name and parameter checks, the access and disposition the open mode
 * gives, the default pipe DACL of {@code RtlDefaultNpAcl}), ConnectNamedPipe, WaitNamedPipeW (P11), DisconnectNamedPipe,
 * SetNamedPipeHandleState, ImpersonateNamedPipeClient, GetNamedPipeClientProcessId, ReadFile,
 * WriteFile, CreateEventW, WaitForSingleObject, CancelIoEx, CancelSynchronousIo and GetOverlappedResult.
 */
public final class Win32PipeFunctions {

    private static final int PIPE_ACCESS_INBOUND = 0x1;
    private static final int PIPE_ACCESS_OUTBOUND = 0x2;
    private static final int FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000;
    private static final int OPEN_MODE_ACCESS = 0x00040000 | 0x00080000 | 0x01000000; // WRITE_DAC | WRITE_OWNER | ACCESS_SYSTEM_SECURITY
    private static final int PIPE_NOWAIT = 0x1;
    private static final int PIPE_READMODE_MESSAGE = 0x2;
    private static final int PIPE_TYPE_MESSAGE = 0x4;
    private static final int PIPE_REJECT_REMOTE_CLIENTS = 0x8;
    private static final int PIPE_UNLIMITED_INSTANCES = 255;
    private static final int SYNCHRONIZE = 0x00100000;
    private static final int GENERIC_READ = 0x80000000;
    private static final int GENERIC_WRITE = 0x40000000;
    private static final int FILE_ALL_ACCESS = 0x001F01FF;
    private static final int FILE_GENERIC_READ = 0x00120089;
    private static final int ERROR_INVALID_PARAMETER = 87;
    private static final int ERROR_INVALID_NAME = 123;
    private static final int ERROR_IO_INCOMPLETE = 996;
    private static final int ERROR_IO_PENDING = 997;
    private static final int NMPWAIT_USE_DEFAULT_WAIT = 0;
    private static final int NMPWAIT_WAIT_FOREVER = 0xFFFFFFFF;
    private static final int NPFS_PREFIX_LENGTH = "\\??\\PIPE\\".length();

    private final NtNamedPipeServices pipes;

    public Win32PipeFunctions(NtNamedPipeServices pipes) {
        this.pipes = pipes;
    }

    /** The model's state of one OVERLAPPED: the request in flight, if any. */
    static final class ModelOverlapped {
        IoRequest request;
    }

    /**
     * {@code CreateNamedPipeW}: a name outside {@code \\.\pipe\} is ERROR_INVALID_NAME (P1);
     * nMaxInstances outside 1..255 or a direction of 0 is ERROR_INVALID_PARAMETER; the access is
     * GENERIC_READ (inbound) and/or GENERIC_WRITE (outbound) with SYNCHRONIZE and the open mode's
     * WRITE_DAC / WRITE_OWNER / ACCESS_SYSTEM_SECURITY (P2); bit 0x80000 is at once WRITE_OWNER and
     * FILE_FLAG_FIRST_PIPE_INSTANCE, which asks for FILE_CREATE instead of FILE_OPEN_IF (P3, P4).
     * Without a descriptor, the pipe gets {@link #defaultPipeDacl} with owner and group from the
     * caller's token (P6).
     */
    public Result<Handle> createNamedPipeW(ThreadObject caller, String name, int openMode, int pipeMode, int maxInstances,
                                           int outBufferSize, int inBufferSize, int defaultTimeout, SecurityDescriptor sd) {
        Objects.requireNonNull(name, "name");
        String ntName = DosPathNames.toNtName(name);
        if (!DosPathNames.isPipeName(ntName)) {
            return Result.win32Failure(ERROR_INVALID_NAME);
        }
        boolean inbound = (openMode & PIPE_ACCESS_INBOUND) != 0;
        boolean outbound = (openMode & PIPE_ACCESS_OUTBOUND) != 0;
        if (maxInstances < 1 || maxInstances > PIPE_UNLIMITED_INSTANCES || (!inbound && !outbound)) {
            return Result.win32Failure(ERROR_INVALID_PARAMETER);
        }
        int access = (openMode & OPEN_MODE_ACCESS) | SYNCHRONIZE | (inbound ? GENERIC_READ : 0) | (outbound ? GENERIC_WRITE : 0);
        int share = (inbound ? 0x2 : 0) | (outbound ? 0x1 : 0);
        int disposition = (openMode & FILE_FLAG_FIRST_PIPE_INSTANCE) != 0 ? IoOpenRequest.FILE_CREATE : IoOpenRequest.FILE_OPEN_IF;
        int options = (openMode & Win32FileFunctions.FILE_FLAG_OVERLAPPED) != 0 ? 0 : IoOpenRequest.FILE_SYNCHRONOUS_IO_NONALERT;
        NamedPipeCreateParameters parameters = new NamedPipeCreateParameters((pipeMode & PIPE_TYPE_MESSAGE) != 0,
                (pipeMode & PIPE_READMODE_MESSAGE) != 0, (pipeMode & PIPE_NOWAIT) != 0,
                maxInstances == PIPE_UNLIMITED_INSTANCES ? -1 : maxInstances, inBufferSize, outBufferSize, defaultTimeout,
                (pipeMode & PIPE_REJECT_REMOTE_CLIENTS) != 0, inbound, outbound);
        SecurityDescriptor descriptor = sd != null ? sd
                : new SecurityDescriptor(null, null, true, defaultPipeDacl(caller.effectiveToken().contents().user().sid()),
                null, 0);
        Result<Long> r = pipes.createNamedPipeFile(caller, ntName, access, descriptor, share, disposition, options, parameters);
        return r.withValue(r.value() == null ? null : new Handle(r.value()));
    }

    /**
     * The DACL CreateNamedPipeW gives a pipe created without a descriptor ({@code RtlDefaultNpAcl};
     * MS: CreateNamedPipeW lpSecurityAttributes): full control for LocalSystem, Administrators and
     * the creator, read for Everyone and ANONYMOUS LOGON (P6; masks as FILE_ALL_ACCESS and
     * FILE_GENERIC_READ).
     */
    public static Acl defaultPipeDacl(Sid creator) {
        return Acl.of(Ace.allow(FILE_ALL_ACCESS, Sid.LOCAL_SYSTEM), Ace.allow(FILE_ALL_ACCESS, Sid.BUILTIN_ADMINISTRATORS),
                Ace.allow(FILE_ALL_ACCESS, creator), Ace.allow(FILE_GENERIC_READ, Sid.EVERYONE),
                Ace.allow(FILE_GENERIC_READ, Sid.ANONYMOUS_LOGON));
    }

    /** {@code ConnectNamedPipe}: STATUS_PIPE_CONNECTED is FALSE with ERROR_PIPE_CONNECTED; a pending overlapped listen ERROR_IO_PENDING. */
    public Result<Void> connectNamedPipe(ThreadObject caller, Handle pipe, Overlapped overlapped) {
        return win32(pipes.listen(caller, pipe.value(), requestFor(caller, overlapped)));
    }

    /**
     * {@code WaitNamedPipeW(name, nTimeOut)} (P11): opens the pipe file system's root and waits there
     * (FSCTL_PIPE_WAIT) for an instance of the pipe to listen. NMPWAIT_USE_DEFAULT_WAIT (0) takes the
     * pipe's nDefaultTimeOut (50 ms when that was 0), NMPWAIT_WAIT_FOREVER (0xFFFFFFFF) waits without
     * end. ERROR_FILE_NOT_FOUND when no pipe has the name (returns at once), ERROR_SEM_TIMEOUT when
     * the time-out passes, ERROR_OPERATION_ABORTED when CancelSynchronousIo or a Java interrupt ends
     * the wait; a name outside {@code \\.\pipe\} is ERROR_BAD_PATHNAME (ReactOS; Wine gives
     * ERROR_PATH_NOT_FOUND; UNVERIFIED), an empty pipe name ERROR_INVALID_NAME.
     */
    public Result<Void> waitNamedPipeW(ThreadObject caller, String name, int timeout) {
        Objects.requireNonNull(name, "name");
        String ntName = DosPathNames.toNtName(name);
        if (!DosPathNames.isPipeName(ntName)) {
            return Result.failure(NtStatus.STATUS_OBJECT_PATH_SYNTAX_BAD);
        }
        String pipeName = ntName.substring(NPFS_PREFIX_LENGTH);
        return pipes.waitForPipeInstance(caller, pipeName, timeout != NMPWAIT_USE_DEFAULT_WAIT,
                timeout == NMPWAIT_WAIT_FOREVER ? -1 : Integer.toUnsignedLong(timeout));
    }

    /** {@code DisconnectNamedPipe}. */
    public Result<Void> disconnectNamedPipe(ThreadObject caller, Handle pipe) {
        return win32(pipes.disconnect(caller, pipe.value()));
    }

    /** {@code SetNamedPipeHandleState(pipe, &mode, NULL, NULL)}: the read mode (PIPE_NOWAIT is accepted and has no effect in the model). */
    public Result<Void> setNamedPipeHandleState(ThreadObject caller, Handle pipe, int mode) {
        if ((mode & ~(PIPE_NOWAIT | PIPE_READMODE_MESSAGE)) != 0) {
            return Result.win32Failure(ERROR_INVALID_PARAMETER);
        }
        return win32(pipes.setReadMode(caller, pipe.value(), (mode & PIPE_READMODE_MESSAGE) != 0));
    }

    /** {@code ImpersonateNamedPipeClient} (P20-P25). */
    public Result<Void> impersonateNamedPipeClient(ThreadObject caller, Handle pipe) {
        return win32(pipes.impersonate(caller, pipe.value()).withValue(null));
    }

    /** {@code GetNamedPipeClientProcessId} (P26). */
    public Result<Integer> getNamedPipeClientProcessId(ThreadObject caller, Handle pipe) {
        return win32(pipes.clientProcessId(caller, pipe.value()));
    }

    /** {@code ReadFile}: ERROR_MORE_DATA with the part read; ERROR_IO_PENDING for a pending overlapped read. */
    public Result<byte[]> readFile(ThreadObject caller, Handle file, int length, Overlapped overlapped) {
        return win32(pipes.read(caller, file.value(), length, requestFor(caller, overlapped)));
    }

    /** {@code WriteFile}. */
    public Result<Integer> writeFile(ThreadObject caller, Handle file, byte[] data, Overlapped overlapped) {
        return win32(pipes.write(caller, file.value(), Objects.requireNonNull(data, "data"), requestFor(caller, overlapped)));
    }

    /** {@code CreateEventW(NULL, manual, initial, NULL)}. */
    public Result<Handle> createEvent(ThreadObject caller, boolean manualReset, boolean initialState) {
        Result<Long> r = pipes.createEvent(caller, manualReset, initialState);
        return r.withValue(new Handle(r.value()));
    }

    /** {@code WaitForSingleObject}: WAIT_OBJECT_0 or WAIT_TIMEOUT; -1 (INFINITE) waits forever. */
    public Result<Integer> waitForSingleObject(ThreadObject caller, Handle handle, int milliseconds) {
        Result<Integer> r = pipes.waitForSingleObject(caller, handle.value(), milliseconds == -1 ? -1 : Integer.toUnsignedLong(milliseconds));
        return r.succeeded() ? r : Result.win32Failure(r.win32Error());
    }

    /** {@code CancelIoEx(file, overlapped)}: ERROR_NOT_FOUND when the request is not pending. */
    public Result<Void> cancelIoEx(ThreadObject caller, Handle file, Overlapped overlapped) {
        IoRequest request = overlapped == null ? null : overlapped.backendState(ModelOverlapped.class, ModelOverlapped::new).request;
        if (overlapped != null && request == null) {
            return Result.win32Failure(1168);
        }
        return win32(pipes.cancel(caller, file.value(), request));
    }

    /**
     * {@code CancelSynchronousIo(thread)} (P27): TRUE when the thread's waiting synchronous request was
     * cancelled (that call then fails with ERROR_OPERATION_ABORTED); ERROR_NOT_FOUND when it waits for
     * none; the handle needs THREAD_TERMINATE.
     */
    public Result<Void> cancelSynchronousIo(ThreadObject caller, Handle thread) {
        return pipes.cancelSynchronousIo(caller, thread.value());
    }

    /**
     * {@code GetOverlappedResult}: the bytes transferred (a completed read's bytes are on the
     * {@link Overlapped}); ERROR_IO_INCOMPLETE while pending and not waiting. A Java interrupt of a
     * waiting call returns ERROR_IO_INCOMPLETE with the interrupt flag set.
     */
    public Result<Integer> getOverlappedResult(ThreadObject caller, Handle file, Overlapped overlapped, boolean wait) {
        Objects.requireNonNull(overlapped, "overlapped");
        IoRequest request = overlapped.backendState(ModelOverlapped.class, ModelOverlapped::new).request;
        if (request == null) {
            return Result.win32Failure(ERROR_INVALID_PARAMETER);
        }
        Result<?> outcome = request.outcome();
        if (outcome == null && wait) {
            try {
                outcome = request.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (outcome == null) {
            return Result.win32Failure(ERROR_IO_INCOMPLETE);
        }
        int count = 0;
        if (outcome.value() instanceof byte[] bytes) {
            overlapped.setCompletedData(bytes);
            count = bytes.length;
        } else if (outcome.value() instanceof Integer written) {
            count = written;
        }
        if (outcome.succeeded()) {
            return Result.ok(count);
        }
        return outcome.win32Error() == 234 ? Result.win32Failure(234, count) : Result.win32Failure(outcome.win32Error());
    }

    private Function<FileObject, IoRequest> requestFor(ThreadObject caller, Overlapped overlapped) {
        if (overlapped == null) {
            return null;
        }
        return file -> {
            EventObject event = null;
            if (!overlapped.event().isNull()) {
                event = eventOf(caller, overlapped.event());
            }
            IoRequest request = new IoRequest(file, event);
            overlapped.setCompletedData(null);
            overlapped.backendState(ModelOverlapped.class, ModelOverlapped::new).request = request;
            return request;
        };
    }

    /** The event of an OVERLAPPED (EVENT_MODIFY_STATE), or null when the handle is not one (the request then signals nothing). */
    private EventObject eventOf(ThreadObject caller, Handle event) {
        Result<EventObject> ref = pipes.event(caller, event.value(), 0x0002);
        return ref.succeeded() ? ref.value() : null;
    }

    /** An Nt outcome as a Win32 BOOL: STATUS_PENDING is FALSE with ERROR_IO_PENDING; failures keep their value (ERROR_MORE_DATA). */
    private static <T> Result<T> win32(Result<T> r) {
        if (r.ntStatusOrNull() != null && r.ntStatusOrNull() == NtStatus.STATUS_PENDING.code()) {
            return Result.win32Failure(ERROR_IO_PENDING);
        }
        return r;
    }
}
