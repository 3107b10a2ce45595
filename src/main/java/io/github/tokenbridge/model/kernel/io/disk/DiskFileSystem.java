package io.github.tokenbridge.model.kernel.io.disk;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.io.FileObject;
import io.github.tokenbridge.model.kernel.io.FileOpen;
import io.github.tokenbridge.model.kernel.io.FileSystemDriver;
import io.github.tokenbridge.model.kernel.io.IoManager;
import io.github.tokenbridge.model.kernel.io.IoOpenRequest;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.se.ContentsClientToken;
import io.github.tokenbridge.model.kernel.se.PrivilegeChecks;
import io.github.tokenbridge.model.kernel.se.SecurityAssignment;
import io.github.tokenbridge.model.kernel.se.TokenContents;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The model's disk file system (one NTFS-like volume, {@code \Device\HarddiskVolume1}, linked as
 * {@code C:}): directories and files with security descriptors; contents are not the point.
 *
 * <p>Create ({@code IRP_MJ_CREATE}, docs/rules.md O21): the name is split at {@code \}; an empty
 * component or one holding {@code < > : " / | ? *} or a control character is
 * STATUS_OBJECT_NAME_INVALID; a missing directory on the way is STATUS_OBJECT_PATH_NOT_FOUND
 * (traverse checking is bypassed, as SeChangeNotifyPrivilege does for every model token). An
 * existing node: FILE_CREATE is STATUS_OBJECT_NAME_COLLISION, FILE_NON_DIRECTORY_FILE on a
 * directory STATUS_FILE_IS_A_DIRECTORY, FILE_DIRECTORY_FILE on a file STATUS_NOT_A_DIRECTORY; then
 * the object manager's one access check against its descriptor, where DELETE may also come from
 * FILE_DELETE_CHILD and FILE_READ_ATTRIBUTES from FILE_LIST_DIRECTORY on the parent, as NTFS grants
 * them. A missing node with FILE_OPEN or FILE_OVERWRITE is STATUS_OBJECT_NAME_NOT_FOUND; otherwise
 * the parent must grant FILE_ADD_FILE (FILE_ADD_SUBDIRECTORY for a directory), the new node's
 * descriptor comes from {@link SecurityAssignment} (auto-inherit mode), and the handle gets the
 * access asked for, whatever the new DACL says (O20), ACCESS_SYSTEM_SECURITY still needing
 * SeSecurityPrivilege. Share access and backup intent are not modelled.
 */
public final class DiskFileSystem implements FileSystemDriver {

    /** The volume's device name. */
    public static final String DEVICE = "\\Device\\HarddiskVolume1";
    /** FILE_LIST_DIRECTORY. */
    public static final int FILE_LIST_DIRECTORY = 0x0001;
    /** FILE_ADD_FILE. */
    public static final int FILE_ADD_FILE = 0x0002;
    /** FILE_ADD_SUBDIRECTORY. */
    public static final int FILE_ADD_SUBDIRECTORY = 0x0004;
    /** FILE_DELETE_CHILD. */
    public static final int FILE_DELETE_CHILD = 0x0040;
    /** FILE_READ_ATTRIBUTES. */
    public static final int FILE_READ_ATTRIBUTES = 0x0080;
    /** FILE_DIRECTORY_FILE. */
    public static final int FILE_DIRECTORY_FILE = 0x0001;
    /** FILE_NON_DIRECTORY_FILE. */
    public static final int FILE_NON_DIRECTORY_FILE = 0x0040;
    private static final int DELETE = 0x00010000;
    private static final int ACCESS_SYSTEM_SECURITY = 0x01000000;
    private static final int MAXIMUM_ALLOWED = 0x02000000;
    private static final String INVALID_CHARACTERS = "<>:\"/|?*";

    private final DiskNode root;

    /** A volume whose root directory has {@code rootSecurity}. */
    public DiskFileSystem(SecurityDescriptor rootSecurity) {
        this.root = new DiskNode("", null, true, rootSecurity);
    }

    @Override
    public String deviceName() {
        return DEVICE;
    }

    /** The root directory. */
    public DiskNode root() {
        return root;
    }

    /** The components of {@code name} ({@code \a\b}), or null when one is invalid. */
    static List<String> components(String name) {
        List<String> parts = new ArrayList<>();
        String trimmed = name.endsWith("\\") ? name.substring(0, name.length() - 1) : name;
        if (trimmed.isEmpty()) {
            return parts;
        }
        if (!trimmed.startsWith("\\")) {
            return null;
        }
        for (String part : trimmed.substring(1).split("\\\\", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return null;
            }
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < 0x20 || INVALID_CHARACTERS.indexOf(c) >= 0) {
                    return null;
                }
            }
            parts.add(part);
        }
        return parts;
    }

    /** The node at {@code name} inside the volume, or null. */
    public synchronized DiskNode find(String name) {
        List<String> parts = components(name);
        if (parts == null) {
            return null;
        }
        DiskNode node = root;
        for (String part : parts) {
            node = node.isDirectory() ? node.child(part) : null;
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /**
     * Creates a node without any check (the world's declared objects): the parent must exist and be
     * a directory.
     */
    public synchronized DiskNode declare(String name, boolean directory, SecurityDescriptor security) {
        List<String> parts = components(name);
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("not a path inside the volume: " + name);
        }
        DiskNode parent = find("\\" + String.join("\\", parts.subList(0, parts.size() - 1)));
        if (parent == null || !parent.isDirectory()) {
            throw new IllegalArgumentException("no directory above " + name);
        }
        DiskNode existing = parent.child(parts.get(parts.size() - 1));
        if (existing != null) {
            existing.setSecurityDescriptor(security);
            return existing;
        }
        DiskNode node = new DiskNode(parts.get(parts.size() - 1), parent, directory, security);
        parent.addChild(node);
        return node;
    }

    @Override
    public synchronized Result<FileOpen> create(IoOpenRequest request, IoManager io) {
        List<String> parts = components(request.remainingName());
        if (parts == null) {
            return Result.failure(NtStatus.STATUS_OBJECT_NAME_INVALID);
        }
        DiskNode parent = null;
        DiskNode node = root;
        for (int i = 0; i < parts.size(); i++) {
            if (!node.isDirectory()) {
                return Result.failure(NtStatus.STATUS_OBJECT_PATH_NOT_FOUND);
            }
            parent = node;
            node = node.child(parts.get(i));
            if (node == null && i < parts.size() - 1) {
                return Result.failure(NtStatus.STATUS_OBJECT_PATH_NOT_FOUND);
            }
        }
        int options = request.createOptions();
        int disposition = request.disposition();
        if (node != null) {
            if (disposition == IoOpenRequest.FILE_CREATE) {
                return Result.failure(NtStatus.STATUS_OBJECT_NAME_COLLISION);
            }
            if (node.isDirectory() && (options & FILE_NON_DIRECTORY_FILE) != 0) {
                return Result.failure(NtStatus.STATUS_FILE_IS_A_DIRECTORY);
            }
            if (!node.isDirectory() && (options & FILE_DIRECTORY_FILE) != 0) {
                return Result.failure(NtStatus.STATUS_NOT_A_DIRECTORY);
            }
            Result<Integer> granted = openAccess(request, io, node, parent);
            return granted.succeeded() ? Result.ofStatus(NtStatus.STATUS_SUCCESS, new FileOpen(node, null, granted.value()))
                    : granted.withValue(null);
        }
        if (disposition == IoOpenRequest.FILE_OPEN || disposition == IoOpenRequest.FILE_OVERWRITE) {
            return Result.failure(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
        }
        boolean directory = (options & FILE_DIRECTORY_FILE) != 0;
        Result<Integer> parentCheck = io.checkOpenAccess(request.caller(), parent.securityDescriptor(),
                directory ? FILE_ADD_SUBDIRECTORY : FILE_ADD_FILE, options);
        if (!parentCheck.succeeded()) {
            return parentCheck.withValue(null);
        }
        TokenContents creator = request.caller().effectiveToken().contents();
        int desired = GenericMapping.FILE.map(request.desiredAccess());
        if ((desired & ACCESS_SYSTEM_SECURITY) != 0
                && !PrivilegeChecks.isEnabled(ContentsClientToken.of(creator), Privilege.SeSecurityPrivilege.luid())) {
            return Result.failure(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
        }
        Result<SecurityDescriptor> security = SecurityAssignment.assign(parent.securityDescriptor(), request.securityDescriptor(),
                creator, directory, GenericMapping.FILE, true);
        if (!security.succeeded()) {
            return security.withValue(null);
        }
        DiskNode created = new DiskNode(parts.get(parts.size() - 1), parent, directory, security.value());
        parent.addChild(created);
        int granted = (desired & MAXIMUM_ALLOWED) != 0 ? ObjectType.FILE.allAccess() | (desired & ~MAXIMUM_ALLOWED) : desired;
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, new FileOpen(created, null, granted));
    }

    /**
     * The open-time check of an existing node, with the rights NTFS grants through the parent; a
     * backup-intent open lets SeBackupPrivilege / SeRestorePrivilege grant rights (O21).
     */
    private static Result<Integer> openAccess(IoOpenRequest request, IoManager io, DiskNode node, DiskNode parent) {
        int desired = GenericMapping.FILE.map(request.desiredAccess());
        int options = request.createOptions();
        Result<Integer> direct = io.checkOpenAccess(request.caller(), node.securityDescriptor(), desired, options);
        if (direct.succeeded() || parent == null || direct.ntStatusOrNull() == null
                || direct.ntStatusOrNull() != NtStatus.STATUS_ACCESS_DENIED.code()) {
            return direct;
        }
        int viaParent = 0;
        if ((desired & (DELETE | MAXIMUM_ALLOWED)) != 0
                && io.checkOpenAccess(request.caller(), parent.securityDescriptor(), FILE_DELETE_CHILD, options).succeeded()) {
            viaParent |= DELETE;
        }
        if ((desired & (FILE_READ_ATTRIBUTES | MAXIMUM_ALLOWED)) != 0
                && io.checkOpenAccess(request.caller(), parent.securityDescriptor(), FILE_LIST_DIRECTORY, options).succeeded()) {
            viaParent |= FILE_READ_ATTRIBUTES;
        }
        if (viaParent == 0) {
            return direct;
        }
        boolean maximum = (desired & MAXIMUM_ALLOWED) != 0;
        int rest = desired & ~viaParent;
        if (!maximum) {
            if (rest == 0) {
                return Result.ofStatus(NtStatus.STATUS_SUCCESS, desired);
            }
            Result<Integer> remaining = io.checkOpenAccess(request.caller(), node.securityDescriptor(), rest, options);
            return remaining.succeeded() ? remaining.withValue(desired) : remaining;
        }
        Result<Integer> remaining = io.checkOpenAccess(request.caller(), node.securityDescriptor(), rest, options);
        if (remaining.succeeded()) {
            return remaining.withValue(remaining.value() | viaParent);
        }
        return (rest & ~MAXIMUM_ALLOWED) == 0 ? Result.ofStatus(NtStatus.STATUS_SUCCESS, viaParent) : remaining;
    }

    /**
     * Deletes the node {@code file} was opened on ({@code FileDispositionInformation} then the last
     * close; the model removes the name at once): a non-empty directory is STATUS_DIRECTORY_NOT_EMPTY,
     * the root STATUS_CANNOT_DELETE.
     */
    public synchronized Result<Void> delete(FileObject file) {
        DiskNode node = (DiskNode) file.node();
        if (node.parent() == null) {
            return Result.failure(NtStatus.STATUS_CANNOT_DELETE);
        }
        if (node.isDirectory() && node.hasChildren()) {
            return Result.failure(NtStatus.STATUS_DIRECTORY_NOT_EMPTY);
        }
        if (!node.isDeleted()) {
            node.parent().removeChild(node);
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, null);
    }

    @Override
    public void cleanup(FileObject file) {
        Objects.requireNonNull(file, "file");
    }
}
