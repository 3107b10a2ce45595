package io.github.tokenbridge.model.nt;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.io.FileObject;
import io.github.tokenbridge.model.kernel.io.IoDevices;
import io.github.tokenbridge.model.kernel.io.IoRequest;
import io.github.tokenbridge.model.kernel.io.npfs.NamedPipeCreateParameters;
import io.github.tokenbridge.model.kernel.io.npfs.NamedPipeFileSystem;
import io.github.tokenbridge.model.kernel.ke.EventObject;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.ob.ObjectSecurity;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.ImpersonationDecision;

import java.util.function.Function;

/**
 * The named-pipe and synchronisation services of the model's Nt layer: {@code NtCreateNamedPipeFile},
 * {@code NtFsControlFile} with FSCTL_PIPE_LISTEN / DISCONNECT / IMPERSONATE / WAIT and the ClientProcessId
 * attribute, {@code NtSetInformationFile(FilePipeInformation)}, overlapped {@code NtReadFile} /
 * {@code NtWriteFile}, {@code NtCancelIoFileEx}, {@code NtCancelSynchronousIoFile}, and {@code NtCreateEvent} / {@code NtWaitForSingleObject}.
 * An FSCTL on a file of another device is STATUS_INVALID_DEVICE_REQUEST (ERROR_INVALID_FUNCTION).
 */
public final class NtNamedPipeServices {

    private static final int SYNCHRONIZE = 0x00100000;
    private static final int EVENT_ALL_ACCESS = 0x001F0003;
    private static final int THREAD_TERMINATE = 0x0001;
    private static final int FILE_READ_ATTRIBUTES = 0x0080;
    private static final int FILE_SYNCHRONOUS_IO_NONALERT = 0x0020;

    private final KernelServices k;

    public NtNamedPipeServices(KernelServices k) {
        this.k = k;
    }

    /** The named-pipe file system of this world. */
    public NamedPipeFileSystem npfs() {
        return (NamedPipeFileSystem) k.io().driver(IoDevices.NAMED_PIPE_DEVICE);
    }

    /** {@code NtCreateNamedPipeFile}: NtCreateFile with the pipe's create parameters. */
    public Result<Long> createNamedPipeFile(ThreadObject caller, String ntName, int desiredAccess, SecurityDescriptor sd,
                                            int shareAccess, int disposition, int createOptions,
                                            NamedPipeCreateParameters parameters) {
        return new NtFileServices(k).createFile(caller, ntName, desiredAccess, sd, null, 0, shareAccess, disposition,
                createOptions, parameters);
    }

    /** The pipe file object behind {@code handle} (no access needed: the pipe FSCTLs are FILE_ANY_ACCESS). */
    public Result<FileObject> pipe(ThreadObject caller, long handle) {
        Result<FileObject> file = k.io().referenceFile(caller, handle, 0);
        if (file.succeeded() && file.value().driver() != npfs()) {
            return Result.failure(NtStatus.STATUS_INVALID_DEVICE_REQUEST);
        }
        return file;
    }

    /** {@code FSCTL_PIPE_LISTEN}; {@code request} makes it overlapped (null: synchronous, cancellable by CancelSynchronousIo). */
    public Result<Void> listen(ThreadObject caller, long handle, Function<FileObject, IoRequest> request) {
        Result<FileObject> file = pipe(caller, handle);
        if (!file.succeeded()) {
            return file.withValue(null);
        }
        FileObject f = file.value();
        return request != null ? npfs().listen(f, request.apply(f))
                : k.io().synchronousIo().call(caller, f, sync -> npfs().listen(f, sync));
    }

    /** The name of the named-pipe file system's root, which WaitNamedPipeW opens ({@code \\.\pipe\}). */
    public static final String NPFS_ROOT = IoDevices.NAMED_PIPE_DEVICE + "\\";

    /**
     * {@code NtOpenFile(\Device\NamedPipe\, FILE_READ_ATTRIBUTES | SYNCHRONIZE, FILE_SYNCHRONOUS_IO_NONALERT)},
     * {@code NtFsControlFile(FSCTL_PIPE_WAIT)} for {@code name} (relative to the root), then
     * {@code NtClose} (P11). The wait is synchronous: CancelSynchronousIo of the waiting thread or a
     * Java interrupt ends it with STATUS_CANCELLED.
     *
     * @param timeoutSpecified false for the pipe's default time-out (NMPWAIT_USE_DEFAULT_WAIT)
     * @param timeoutMillis    the time-out when specified; negative waits forever
     */
    public Result<Void> waitForPipeInstance(ThreadObject caller, String name, boolean timeoutSpecified, long timeoutMillis) {
        Result<Long> opened = new NtFileServices(k).openFile(caller, NPFS_ROOT, FILE_READ_ATTRIBUTES | SYNCHRONIZE, null,
                0x1 | 0x2, FILE_SYNCHRONOUS_IO_NONALERT);
        if (!opened.succeeded()) {
            return opened.withValue(null);
        }
        try {
            Result<FileObject> file = k.io().referenceFile(caller, opened.value(), 0);
            if (!file.succeeded()) {
                return file.withValue(null);
            }
            FileObject root = file.value();
            return k.io().synchronousIo().call(caller, root,
                    sync -> npfs().waitForInstance(root, name, timeoutSpecified, timeoutMillis, sync));
        } finally {
            new NtObjectServices(k).close(caller, opened.value());
        }
    }

    /** {@code FSCTL_PIPE_DISCONNECT}. */
    public Result<Void> disconnect(ThreadObject caller, long handle) {
        Result<FileObject> file = pipe(caller, handle);
        return file.succeeded() ? npfs().disconnect(file.value()) : file.withValue(null);
    }

    /** {@code FSCTL_PIPE_IMPERSONATE}: the calling thread impersonates the client. */
    public Result<ImpersonationDecision> impersonate(ThreadObject caller, long handle) {
        Result<FileObject> file = pipe(caller, handle);
        return file.succeeded() ? npfs().impersonate(caller, file.value()) : file.withValue(null);
    }

    /** {@code FSCTL_PIPE_GET_PIPE_ATTRIBUTE("ClientProcessId")}. */
    public Result<Integer> clientProcessId(ThreadObject caller, long handle) {
        Result<FileObject> file = pipe(caller, handle);
        return file.succeeded() ? npfs().clientProcessId(file.value()) : file.withValue(null);
    }

    /** {@code NtSetInformationFile(FilePipeInformation)}: the read mode; the handle needs FILE_WRITE_ATTRIBUTES. */
    public Result<Void> setReadMode(ThreadObject caller, long handle, boolean message) {
        Result<FileObject> file = k.io().referenceFile(caller, handle, 0x0100);
        if (file.succeeded() && file.value().driver() != npfs()) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        return file.succeeded() ? npfs().setReadMode(file.value(), message) : file.withValue(null);
    }

    /** {@code NtReadFile} with FILE_READ_DATA, overlapped when {@code request} is given. */
    public Result<byte[]> read(ThreadObject caller, long handle, int length, Function<FileObject, IoRequest> request) {
        if (length < 0) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        Result<FileObject> file = k.io().referenceFile(caller, handle, NtFileServices.FILE_READ_DATA);
        if (!file.succeeded()) {
            return file.withValue(null);
        }
        FileObject f = file.value();
        return request != null ? f.driver().read(caller, f, length, request.apply(f))
                : k.io().synchronousIo().call(caller, f, sync -> f.driver().read(caller, f, length, sync));
    }

    /** {@code NtWriteFile} with FILE_WRITE_DATA, overlapped when {@code request} is given. */
    public Result<Integer> write(ThreadObject caller, long handle, byte[] data, Function<FileObject, IoRequest> request) {
        Result<FileObject> file = k.io().referenceFile(caller, handle, NtFileServices.FILE_WRITE_DATA);
        if (!file.succeeded()) {
            return file.withValue(null);
        }
        FileObject f = file.value();
        return request != null ? f.driver().write(caller, f, data, request.apply(f))
                : k.io().synchronousIo().call(caller, f, sync -> f.driver().write(caller, f, data, sync));
    }

    /** {@code NtCancelIoFileEx(handle, request)}: STATUS_NOT_FOUND when nothing matching is pending. */
    public Result<Void> cancel(ThreadObject caller, long handle, IoRequest request) {
        Result<FileObject> file = k.io().referenceFile(caller, handle, 0);
        return file.succeeded() ? file.value().driver().cancel(file.value(), request) : file.withValue(null);
    }

    /**
     * {@code NtCancelSynchronousIoFile(thread, NULL, &iosb)} (P27): the thread handle needs
     * THREAD_TERMINATE; the synchronous request that thread waits for completes with STATUS_CANCELLED;
     * STATUS_NOT_FOUND when it waits for none (the calling thread itself never does).
     */
    public Result<Void> cancelSynchronousIo(ThreadObject caller, long threadHandle) {
        Result<HandleEntry> thread = k.objects().referenceByHandle(caller, threadHandle, ObjectType.THREAD, THREAD_TERMINATE);
        if (!thread.succeeded()) {
            return thread.withValue(null);
        }
        return k.io().synchronousIo().cancel((ThreadObject) thread.value().object());
    }

    /** {@code NtCreateEvent(&h, EVENT_ALL_ACCESS, NULL, type, initial)}: the descriptor from the caller's token (R15). */
    public Result<Long> createEvent(ThreadObject caller, boolean manualReset, boolean initialState) {
        EventObject event = new EventObject(manualReset, initialState,
                ObjectSecurity.defaultFor(caller.effectiveToken().contents(), ObjectType.EVENT));
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, k.objects().insertHandle(caller.process(), event, EVENT_ALL_ACCESS, 0));
    }

    /** The event behind {@code handle} (with {@code access}); null handle value 0 gives STATUS_INVALID_HANDLE. */
    public Result<EventObject> event(ThreadObject caller, long handle, int access) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, handle, ObjectType.EVENT, access);
        return ref.succeeded() ? ref.withValue((EventObject) ref.value().object()) : ref.withValue(null);
    }

    /**
     * {@code NtWaitForSingleObject(event, FALSE, timeout)}: STATUS_SUCCESS (WAIT_OBJECT_0) or
     * STATUS_TIMEOUT (0x102, WAIT_TIMEOUT) as an Integer value; only events are waitable in the model.
     * A Java interrupt ends the wait as a time-out with the thread's interrupt flag set.
     */
    public Result<Integer> waitForSingleObject(ThreadObject caller, long handle, long millis) {
        Result<EventObject> event = event(caller, handle, SYNCHRONIZE);
        if (!event.succeeded()) {
            return event.withValue(null);
        }
        try {
            return Result.ok(event.value().await(millis) ? 0 : 258);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.ok(258);
        }
    }
}
