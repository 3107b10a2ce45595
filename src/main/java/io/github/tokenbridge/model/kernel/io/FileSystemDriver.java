package io.github.tokenbridge.model.kernel.io;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;

/**
 * A file-system driver of the model, as the I/O manager calls it: a device name, the create
 * dispatch ({@code IRP_MJ_CREATE}, where the driver makes the open-time access check through
 * {@link IoManager#checkOpenAccess}), cleanup when the last handle of a file object closes
 * ({@code IRP_MJ_CLEANUP}), and read, write and flush. What a driver does not support is
 * STATUS_INVALID_DEVICE_REQUEST, as Windows' I/O manager answers for a missing dispatch routine.
 */
public interface FileSystemDriver {

    /** The device this driver owns, such as {@code \Device\NamedPipe}. */
    String deviceName();

    /** {@code IRP_MJ_CREATE}: opens (or creates) {@code request.remainingName()}. */
    Result<FileOpen> create(IoOpenRequest request, IoManager io);

    /** {@code IRP_MJ_CLEANUP}: the last handle to {@code file} was closed. */
    void cleanup(FileObject file);

    /** {@code IRP_MJ_READ}: up to {@code length} bytes; STATUS_BUFFER_OVERFLOW with the part read for a longer message. */
    default Result<byte[]> read(ThreadObject caller, FileObject file, int length) {
        return Result.failure(NtStatus.STATUS_INVALID_DEVICE_REQUEST);
    }

    /** {@code IRP_MJ_WRITE}: the number of bytes written. */
    default Result<Integer> write(ThreadObject caller, FileObject file, byte[] data) {
        return Result.failure(NtStatus.STATUS_INVALID_DEVICE_REQUEST);
    }

    /**
     * {@code IRP_MJ_READ} as an overlapped request: a driver that can leave it pending returns
     * STATUS_PENDING and completes {@code request} later; by default the read is made at once.
     *
     * @param request the overlapped request, or null for a synchronous read
     */
    default Result<byte[]> read(ThreadObject caller, FileObject file, int length, IoRequest request) {
        return read(caller, file, length);
    }

    /** {@code IRP_MJ_WRITE} as an overlapped request, as {@link #read(ThreadObject, FileObject, int, IoRequest)}. */
    default Result<Integer> write(ThreadObject caller, FileObject file, byte[] data, IoRequest request) {
        return write(caller, file, data);
    }

    /** {@code CancelIoEx}: completes {@code request} (or, when null, every request on {@code file}) with STATUS_CANCELLED; STATUS_NOT_FOUND when none is pending. */
    default Result<Void> cancel(FileObject file, IoRequest request) {
        return Result.failure(NtStatus.STATUS_NOT_FOUND);
    }

    /** {@code IRP_MJ_FLUSH_BUFFERS}. */
    default Result<Void> flush(ThreadObject caller, FileObject file) {
        return Result.failure(NtStatus.STATUS_INVALID_DEVICE_REQUEST);
    }
}
