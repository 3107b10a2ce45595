package io.github.tokenbridge.model.kernel.io;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.ob.ObjectManager;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ProcessObject;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model's I/O manager ({@code IoCreateFile} and the object-name parse that leads to it): it
 * resolves an NT name ({@code \??\PIPE\x}, {@code \Device\NamedPipe\x}, {@code \??\C:\dir\file})
 * to a file-system driver and the name left inside its device, sends the driver the create
 * request, and inserts a handle to the new file object with the access the driver granted.
 *
 * <p>Names: {@code \??\X} is a DOS device link (case-insensitive, as the object manager compares
 * names in {@code \??}), resolved to a device; {@code \Device\X} names a device directly. A name
 * without a leading backslash is STATUS_OBJECT_PATH_SYNTAX_BAD (no root directory handle in the
 * model); an unknown link or device is STATUS_OBJECT_NAME_NOT_FOUND when it is the last component
 * and STATUS_OBJECT_PATH_NOT_FOUND when more follows, as the object manager's parse reports.
 */
public final class IoManager {

    private static final String DOS_DEVICES = "\\??\\";
    private static final String DEVICE_DIRECTORY = "\\device\\";

    private final ObjectManager objects;
    private final Map<String, FileSystemDriver> devices = new ConcurrentHashMap<>();
    private final Map<String, String> dosDevices = new ConcurrentHashMap<>();
    private final SynchronousIoTable synchronousIo = new SynchronousIoTable();

    public IoManager(ObjectManager objects) {
        this.objects = Objects.requireNonNull(objects, "objects");
    }

    /** The synchronous requests threads wait for (the wait of a synchronous call, CancelSynchronousIo). */
    public SynchronousIoTable synchronousIo() {
        return synchronousIo;
    }

    /** Registers {@code driver} for its device name ({@code IoCreateDevice}). */
    public void registerDriver(FileSystemDriver driver) {
        String key = driver.deviceName().toLowerCase(Locale.ROOT);
        if (devices.putIfAbsent(key, driver) != null) {
            throw new IllegalStateException("device " + driver.deviceName() + " is already registered");
        }
    }

    /** Creates the DOS device link {@code \??\name} to {@code deviceName} ({@code IoCreateSymbolicLink}). */
    public void registerDosDevice(String name, String deviceName) {
        dosDevices.put(name.toLowerCase(Locale.ROOT), deviceName);
    }

    /** The driver registered for {@code deviceName}, if any. */
    public FileSystemDriver driver(String deviceName) {
        return devices.get(deviceName.toLowerCase(Locale.ROOT));
    }

    /** A resolved name: the driver and the name inside its device. */
    record Resolved(FileSystemDriver driver, String remainingName) {
    }

    /**
     * {@code IoCreateFile}: resolves {@code request}'s name (carried whole in {@code ntName};
     * {@code request.remainingName()} is ignored), lets the driver open it, and inserts a handle in
     * {@code target} with the granted access.
     */
    public Result<Long> createFile(String ntName, IoOpenRequest request, ProcessObject target) {
        Objects.requireNonNull(ntName, "ntName");
        Result<Resolved> resolved = resolve(ntName);
        if (!resolved.succeeded()) {
            return resolved.withValue(null);
        }
        FileSystemDriver driver = resolved.value().driver();
        IoOpenRequest inDevice = new IoOpenRequest(request.caller(), resolved.value().remainingName(), request.desiredAccess(),
                request.fileAttributes(), request.shareAccess(), request.disposition(), request.createOptions(),
                request.securityDescriptor(), request.qos(), request.createParameters());
        Result<FileOpen> open = driver.create(inDevice, this);
        if (!open.succeeded()) {
            return open.withValue(null);
        }
        FileObject file = new FileObject(driver, open.value().node(), open.value().context(), inDevice.synchronousIo());
        long handle = objects.insertHandle(target, file, open.value().grantedAccess(), 0);
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, handle);
    }

    /** Resolves an NT name to its driver and the name inside the device. */
    Result<Resolved> resolve(String ntName) {
        if (!ntName.startsWith("\\")) {
            return Result.failure(NtStatus.STATUS_OBJECT_PATH_SYNTAX_BAD);
        }
        String lower = ntName.toLowerCase(Locale.ROOT);
        if (lower.startsWith(DOS_DEVICES)) {
            String rest = ntName.substring(DOS_DEVICES.length());
            int slash = rest.indexOf('\\');
            String link = slash < 0 ? rest : rest.substring(0, slash);
            String target = dosDevices.get(link.toLowerCase(Locale.ROOT));
            if (target == null) {
                return notFound(slash >= 0);
            }
            return inDevice(target, slash < 0 ? "" : rest.substring(slash));
        }
        if (lower.startsWith(DEVICE_DIRECTORY)) {
            String rest = ntName.substring(DEVICE_DIRECTORY.length());
            int slash = rest.indexOf('\\');
            String device = ntName.substring(0, DEVICE_DIRECTORY.length() + (slash < 0 ? rest.length() : slash));
            return inDevice(device, slash < 0 ? "" : rest.substring(slash));
        }
        return notFound(ntName.indexOf('\\', 1) >= 0);
    }

    private Result<Resolved> inDevice(String device, String remaining) {
        FileSystemDriver driver = driver(device);
        if (driver == null) {
            return notFound(!remaining.isEmpty());
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, new Resolved(driver, remaining));
    }

    private static Result<Resolved> notFound(boolean morePath) {
        return Result.failure(morePath ? NtStatus.STATUS_OBJECT_PATH_NOT_FOUND : NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
    }

    /**
     * The open-time access check a driver makes for a node it keeps ({@code IoCheckDesiredAccess} after
     * {@code SeAccessCheck}): the object manager's one check, against {@code descriptor} with the
     * caller's effective token and the FILE mapping.
     */
    public Result<Integer> checkOpenAccess(ThreadObject caller, SecurityDescriptor descriptor, int desiredAccess) {
        return objects.checkAccess(caller, descriptor, ObjectType.FILE, desiredAccess);
    }

    /**
     * {@link #checkOpenAccess(ThreadObject, SecurityDescriptor, int)} for an open whose create options
     * are {@code createOptions}: with FILE_OPEN_FOR_BACKUP_INTENT (what FILE_FLAG_BACKUP_SEMANTICS
     * becomes) an enabled SeBackupPrivilege grants the read rights asked for and SeRestorePrivilege
     * the write rights, whatever the DACL says (O21; MS: CreateFileW, FILE_FLAG_BACKUP_SEMANTICS).
     */
    public Result<Integer> checkOpenAccess(ThreadObject caller, SecurityDescriptor descriptor, int desiredAccess, int createOptions) {
        int options = (createOptions & FILE_OPEN_FOR_BACKUP_INTENT) != 0
                ? io.github.tokenbridge.model.kernel.se.AccessCheck.BACKUP_RESTORE_INTENT : 0;
        return objects.checkAccess(caller, descriptor, ObjectType.FILE, desiredAccess, options);
    }

    /** {@code FILE_OPEN_FOR_BACKUP_INTENT}. */
    public static final int FILE_OPEN_FOR_BACKUP_INTENT = 0x4000;

    /**
     * References the file object behind {@code handle} with {@code desiredAccess}
     * ({@code ObReferenceObjectByHandle(IoFileObjectType)}).
     */
    public Result<FileObject> referenceFile(ThreadObject caller, long handle, int desiredAccess) {
        Result<HandleEntry> ref = objects.referenceByHandle(caller, handle, ObjectType.FILE, desiredAccess);
        return ref.succeeded() ? ref.withValue((FileObject) ref.value().object()) : ref.withValue(null);
    }
}
