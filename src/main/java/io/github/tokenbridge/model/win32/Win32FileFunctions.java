package io.github.tokenbridge.model.win32;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.io.IoOpenRequest;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.SecurityQualityOfService;
import io.github.tokenbridge.model.nt.NtLayer;

import java.util.Objects;

/**
 * The kernel32 file functions of the model over the Nt layer: {@code CreateFileW} (name
 * translation, disposition and flag mapping, the client's SECURITY_QUALITY_OF_SERVICE from the
 * SECURITY_* bits, P13), and later the other file functions of the disk file system.
 */
public final class Win32FileFunctions {

    /** SECURITY_SQOS_PRESENT. */
    public static final int SECURITY_SQOS_PRESENT = 0x00100000;
    /** SECURITY_CONTEXT_TRACKING. */
    public static final int SECURITY_CONTEXT_TRACKING = 0x00040000;
    /** SECURITY_EFFECTIVE_ONLY. */
    public static final int SECURITY_EFFECTIVE_ONLY = 0x00080000;
    /** FILE_FLAG_OVERLAPPED. */
    public static final int FILE_FLAG_OVERLAPPED = 0x40000000;
    private static final int FILE_FLAG_WRITE_THROUGH = 0x80000000;
    private static final int FILE_FLAG_NO_BUFFERING = 0x20000000;
    private static final int FILE_FLAG_RANDOM_ACCESS = 0x10000000;
    private static final int FILE_FLAG_SEQUENTIAL_SCAN = 0x08000000;
    private static final int FILE_FLAG_DELETE_ON_CLOSE = 0x04000000;
    private static final int FILE_FLAG_BACKUP_SEMANTICS = 0x02000000;
    private static final int FILE_FLAG_OPEN_REPARSE_POINT = 0x00200000;
    private static final int FILE_ATTRIBUTE_VALID_FLAGS = 0x00007FA7;
    private static final int SYNCHRONIZE = 0x00100000;
    private static final int FILE_READ_ATTRIBUTES = 0x0080;
    private static final int DELETE = 0x00010000;

    private final NtLayer nt;

    public Win32FileFunctions(NtLayer nt) {
        this.nt = nt;
    }

    /**
     * {@code CreateFileW(name, access, share, sa, disposition, flagsAndAttributes, NULL)}: the name
     * is translated ({@link DosPathNames}; an empty one is ERROR_PATH_NOT_FOUND), CREATE_NEW,
     * CREATE_ALWAYS, OPEN_EXISTING, OPEN_ALWAYS and TRUNCATE_EXISTING become FILE_CREATE,
     * FILE_OVERWRITE_IF, FILE_OPEN, FILE_OPEN_IF and FILE_OVERWRITE (another value is
     * ERROR_INVALID_PARAMETER), SYNCHRONIZE and FILE_READ_ATTRIBUTES are added to the access (P2),
     * and an SQOS is built only when SECURITY_SQOS_PRESENT is set (P13, P15: level bits 0 are Anonymous).
     *
     * @param sd the descriptor of the SECURITY_ATTRIBUTES, or null for none
     */
    public Result<Handle> createFileW(ThreadObject caller, String fileName, int desiredAccess, int shareMode,
                                      SecurityDescriptor sd, int creationDisposition, int flagsAndAttributes) {
        Objects.requireNonNull(fileName, "fileName");
        String ntName = DosPathNames.toNtName(fileName);
        if (ntName == null) {
            return Result.failure(NtStatus.STATUS_OBJECT_PATH_NOT_FOUND);
        }
        int disposition = ntDisposition(creationDisposition);
        if (disposition < 0) {
            return Result.win32Failure(87);
        }
        int access = desiredAccess | SYNCHRONIZE | FILE_READ_ATTRIBUTES;
        if ((flagsAndAttributes & FILE_FLAG_DELETE_ON_CLOSE) != 0) {
            access |= DELETE;
        }
        Result<Long> r = nt.files().createFile(caller, ntName, access, sd, qualityOfService(flagsAndAttributes),
                flagsAndAttributes & FILE_ATTRIBUTE_VALID_FLAGS, shareMode, disposition, createOptions(flagsAndAttributes));
        return r.withValue(r.value() == null ? null : new Handle(r.value()));
    }

    /** The SQOS that CreateFileW puts in the object attributes, or null without SECURITY_SQOS_PRESENT (P13). */
    static SecurityQualityOfService qualityOfService(int flagsAndAttributes) {
        if ((flagsAndAttributes & SECURITY_SQOS_PRESENT) == 0) {
            return null;
        }
        ImpersonationLevel level = ImpersonationLevel.fromCode((flagsAndAttributes >> 16) & 3);
        return new SecurityQualityOfService(level, (flagsAndAttributes & SECURITY_CONTEXT_TRACKING) != 0,
                (flagsAndAttributes & SECURITY_EFFECTIVE_ONLY) != 0);
    }

    private static int ntDisposition(int creationDisposition) {
        switch (creationDisposition) {
            case 1: return IoOpenRequest.FILE_CREATE;
            case 2: return IoOpenRequest.FILE_OVERWRITE_IF;
            case 3: return IoOpenRequest.FILE_OPEN;
            case 4: return IoOpenRequest.FILE_OPEN_IF;
            case 5: return IoOpenRequest.FILE_OVERWRITE;
            default: return -1;
        }
    }

    private static int createOptions(int flags) {
        int options = 0;
        if ((flags & FILE_FLAG_OVERLAPPED) == 0) {
            options |= IoOpenRequest.FILE_SYNCHRONOUS_IO_NONALERT;
        }
        if ((flags & FILE_FLAG_WRITE_THROUGH) != 0) {
            options |= 0x2;
        }
        if ((flags & FILE_FLAG_NO_BUFFERING) != 0) {
            options |= 0x8;
        }
        if ((flags & FILE_FLAG_RANDOM_ACCESS) != 0) {
            options |= 0x800;
        }
        if ((flags & FILE_FLAG_SEQUENTIAL_SCAN) != 0) {
            options |= 0x4;
        }
        if ((flags & FILE_FLAG_DELETE_ON_CLOSE) != 0) {
            options |= 0x1000;
        }
        options |= (flags & FILE_FLAG_BACKUP_SEMANTICS) != 0 ? 0x4000 : 0x40; // FILE_OPEN_FOR_BACKUP_INTENT : FILE_NON_DIRECTORY_FILE
        if ((flags & FILE_FLAG_OPEN_REPARSE_POINT) != 0) {
            options |= 0x00200000;
        }
        return options;
    }

    // ---- disk file system (objects): CreateDirectoryW, RemoveDirectoryW, DeleteFileW

    private static final int FILE_LIST_DIRECTORY = 0x0001;
    private static final int FILE_DIRECTORY_FILE = 0x0001;
    private static final int FILE_NON_DIRECTORY_FILE = 0x0040;
    private static final int FILE_OPEN_FOR_BACKUP_INTENT = 0x4000;
    private static final int FILE_OPEN_REPARSE_POINT = 0x00200000;
    private static final int FILE_SHARE_ALL = 0x7;

    /**
     * {@code CreateDirectoryW(path, sa)}: {@code NtCreateFile(FILE_LIST_DIRECTORY|SYNCHRONIZE, FILE_CREATE,
     * FILE_DIRECTORY_FILE|FILE_SYNCHRONOUS_IO_NONALERT|FILE_OPEN_FOR_BACKUP_INTENT)} and a close; an
     * existing name is ERROR_ALREADY_EXISTS.
     *
     * @param sd the descriptor of the SECURITY_ATTRIBUTES, or null
     */
    public Result<Void> createDirectoryW(ThreadObject caller, String path, SecurityDescriptor sd) {
        Objects.requireNonNull(path, "path");
        String ntName = DosPathNames.toNtName(path);
        if (ntName == null) {
            return Result.failure(NtStatus.STATUS_OBJECT_PATH_NOT_FOUND);
        }
        Result<Long> r = nt.files().createFile(caller, ntName, FILE_LIST_DIRECTORY | SYNCHRONIZE, sd, null, 0, FILE_SHARE_ALL,
                IoOpenRequest.FILE_CREATE, FILE_DIRECTORY_FILE | IoOpenRequest.FILE_SYNCHRONOUS_IO_NONALERT | FILE_OPEN_FOR_BACKUP_INTENT);
        if (!r.succeeded()) {
            return r.withValue(null);
        }
        nt.objects().close(caller, r.value());
        return Result.ok(null);
    }

    /** {@code RemoveDirectoryW(path)}: open with DELETE as a directory, mark for deletion, close. */
    public Result<Void> removeDirectoryW(ThreadObject caller, String path) {
        return delete(caller, path, FILE_DIRECTORY_FILE);
    }

    /** {@code DeleteFileW(path)}: open with DELETE as a non-directory, mark for deletion, close. */
    public Result<Void> deleteFileW(ThreadObject caller, String path) {
        return delete(caller, path, FILE_NON_DIRECTORY_FILE);
    }

    private Result<Void> delete(ThreadObject caller, String path, int kind) {
        Objects.requireNonNull(path, "path");
        String ntName = DosPathNames.toNtName(path);
        if (ntName == null) {
            return Result.failure(NtStatus.STATUS_OBJECT_PATH_NOT_FOUND);
        }
        Result<Long> r = nt.files().openFile(caller, ntName, DELETE | SYNCHRONIZE, null, FILE_SHARE_ALL,
                kind | IoOpenRequest.FILE_SYNCHRONOUS_IO_NONALERT | FILE_OPEN_FOR_BACKUP_INTENT | FILE_OPEN_REPARSE_POINT);
        if (!r.succeeded()) {
            return r.withValue(null);
        }
        try {
            return nt.files().deleteFile(caller, r.value());
        } finally {
            nt.objects().close(caller, r.value());
        }
    }
}
