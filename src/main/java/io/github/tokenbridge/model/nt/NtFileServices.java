package io.github.tokenbridge.model.nt;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.io.FileObject;
import io.github.tokenbridge.model.kernel.io.IoOpenRequest;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.SecurityQualityOfService;

import java.util.Objects;

/**
 * The file services of the model's Nt layer: {@code NtCreateFile}, {@code NtOpenFile},
 * {@code NtReadFile}, {@code NtWriteFile} and {@code NtFlushBuffersFile}, over the I/O manager.
 */
public final class NtFileServices {

    /** FILE_READ_DATA. */
    public static final int FILE_READ_DATA = 0x0001;
    /** FILE_WRITE_DATA. */
    public static final int FILE_WRITE_DATA = 0x0002;
    private static final int VALID_DISPOSITIONS = IoOpenRequest.FILE_OVERWRITE_IF;

    private final KernelServices k;

    public NtFileServices(KernelServices k) {
        this.k = k;
    }

    /**
     * {@code NtCreateFile(&handle, access, &objectAttributes{name, sd, qos}, &iosb, NULL, attributes,
     * share, disposition, options, NULL, 0)}: a disposition above FILE_OVERWRITE_IF is
     * STATUS_INVALID_PARAMETER; the name goes to the I/O manager and its driver.
     *
     * @param sd  the descriptor in the object attributes, or null
     * @param qos the quality of service in the object attributes, or null
     */
    public Result<Long> createFile(ThreadObject caller, String ntName, int desiredAccess, SecurityDescriptor sd,
                                   SecurityQualityOfService qos, int fileAttributes, int shareAccess, int disposition,
                                   int createOptions) {
        return createFile(caller, ntName, desiredAccess, sd, qos, fileAttributes, shareAccess, disposition, createOptions, null);
    }

    /** {@link #createFile} with type-specific create parameters ({@code IoCreateFile}'s ExtraCreateParameters). */
    public Result<Long> createFile(ThreadObject caller, String ntName, int desiredAccess, SecurityDescriptor sd,
                                   SecurityQualityOfService qos, int fileAttributes, int shareAccess, int disposition,
                                   int createOptions, Object createParameters) {
        Objects.requireNonNull(ntName, "ntName");
        if (disposition < 0 || disposition > VALID_DISPOSITIONS) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        IoOpenRequest request = new IoOpenRequest(caller, ntName, desiredAccess, fileAttributes, shareAccess, disposition,
                createOptions, sd, qos, createParameters);
        return k.io().createFile(ntName, request, caller.process());
    }

    /** {@code NtOpenFile(&handle, access, &objectAttributes, &iosb, share, options)} = NtCreateFile with FILE_OPEN. */
    public Result<Long> openFile(ThreadObject caller, String ntName, int desiredAccess, SecurityQualityOfService qos,
                                 int shareAccess, int openOptions) {
        return createFile(caller, ntName, desiredAccess, null, qos, 0, shareAccess, IoOpenRequest.FILE_OPEN, openOptions);
    }

    /** {@code NtReadFile(handle, ..., buffer, length, NULL, NULL)}: the handle needs FILE_READ_DATA. */
    public Result<byte[]> readFile(ThreadObject caller, long handle, int length) {
        if (length < 0) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        Result<FileObject> file = k.io().referenceFile(caller, handle, FILE_READ_DATA);
        return file.succeeded() ? file.value().driver().read(caller, file.value(), length) : file.withValue(null);
    }

    /** {@code NtWriteFile(handle, ..., buffer, length, NULL, NULL)}: the handle needs FILE_WRITE_DATA. */
    public Result<Integer> writeFile(ThreadObject caller, long handle, byte[] data) {
        Objects.requireNonNull(data, "data");
        Result<FileObject> file = k.io().referenceFile(caller, handle, FILE_WRITE_DATA);
        return file.succeeded() ? file.value().driver().write(caller, file.value(), data) : file.withValue(null);
    }

    /** {@code NtFlushBuffersFile(handle, &iosb)}: the handle needs FILE_WRITE_DATA. */
    public Result<Void> flushBuffersFile(ThreadObject caller, long handle) {
        Result<FileObject> file = k.io().referenceFile(caller, handle, FILE_WRITE_DATA);
        return file.succeeded() ? file.value().driver().flush(caller, file.value()) : file.withValue(null);
    }

    // ---- disk file system (objects): directory listing and deletion

    /** The names {@code NtQueryDirectoryFile(handle, ..., FileNamesInformation)} lists; needs FILE_LIST_DIRECTORY. */
    public Result<java.util.List<String>> queryDirectoryNames(ThreadObject caller, long handle) {
        Result<FileObject> file = k.io().referenceFile(caller, handle, io.github.tokenbridge.model.kernel.io.disk.DiskFileSystem.FILE_LIST_DIRECTORY);
        if (!file.succeeded()) {
            return file.withValue(null);
        }
        if (!(file.value().node() instanceof io.github.tokenbridge.model.kernel.io.disk.DiskNode node) || !node.isDirectory()) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, node.childNames());
    }

    /**
     * {@code NtSetInformationFile(handle, FileDispositionInformation{DeleteFile=TRUE})} and the close
     * that completes it: the handle needs DELETE; only disk files and directories can be deleted.
     */
    public Result<Void> deleteFile(ThreadObject caller, long handle) {
        Result<FileObject> file = k.io().referenceFile(caller, handle, 0x00010000);
        if (!file.succeeded()) {
            return file.withValue(null);
        }
        if (!(file.value().driver() instanceof io.github.tokenbridge.model.kernel.io.disk.DiskFileSystem disk)) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        return disk.delete(file.value());
    }

    /** {@code NtQueryInformationFile(handle, FileStandardInformation).Directory}: needs no particular access. */
    public Result<Boolean> queryIsDirectory(ThreadObject caller, long handle) {
        Result<FileObject> file = k.io().referenceFile(caller, handle, 0);
        if (!file.succeeded()) {
            return file.withValue(null);
        }
        boolean directory = file.value().node() instanceof io.github.tokenbridge.model.kernel.io.disk.DiskNode node && node.isDirectory();
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, directory);
    }
}
