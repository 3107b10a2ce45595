package io.github.tokenbridge.model.win32;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PredefinedKey;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.SeObjectType;
import io.github.tokenbridge.model.kernel.io.IoOpenRequest;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.AceInheritance;
import io.github.tokenbridge.model.kernel.se.SecurityInformation;
import io.github.tokenbridge.model.nt.NtLayer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The advapi32 object-security functions of the model (the MARTA layer): {@code GetNamedSecurityInfoW},
 * {@code SetNamedSecurityInfoW}, {@code GetSecurityInfo} and {@code SetSecurityInfo} over the Nt
 * layer's open, {@code NtQuerySecurityObject} and {@code NtSetSecurityObject} (docs/rules.md O1-O12).
 *
 * <p>Names (O8): SE_FILE_OBJECT takes a Win32 path; SE_REGISTRY_KEY takes {@code CLASSES_ROOT\},
 * {@code CURRENT_USER\}, {@code MACHINE\} or {@code USERS\} and a path, optionally after
 * {@code \\computer\}, compared case-insensitively. Objects are opened with the access the parts
 * need (O1), files for backup intent so that directories open.
 *
 * <p>A DACL set on a file or key (O11): with PROTECTED_DACL the given ACEs alone (INHERITED flags
 * cleared) and SE_DACL_PROTECTED; otherwise, when the object is unprotected or UNPROTECTED_DACL is
 * given, the given explicit ACEs (those not marked INHERITED) followed by what the parent passes
 * down ({@link AceInheritance}, auto-inherit mode); a NULL DACL is stored as NULL. After a DACL set
 * on a container the new inheritable ACEs are propagated to every unprotected descendant (its
 * explicit ACEs kept, its inherited ACEs recomputed), children it cannot open for
 * READ_CONTROL|WRITE_DAC being skipped. Kernel objects are set as given (no parent).
 */
public final class Win32ObjectSecurityFunctions {

    private static final int FILE_SHARE_ALL = 0x7;
    private static final int FILE_OPEN_FOR_BACKUP_INTENT = 0x4000;
    private static final int READ_CONTROL = 0x00020000;
    private static final int WRITE_DAC = 0x00040000;
    private static final int PROTECTION_BITS = SecurityInformation.PROTECTED_DACL | SecurityInformation.UNPROTECTED_DACL
            | SecurityInformation.PROTECTED_SACL | SecurityInformation.UNPROTECTED_SACL;

    private final NtLayer nt;
    private final Win32RegistryFunctions registry;

    public Win32ObjectSecurityFunctions(NtLayer nt, Win32RegistryFunctions registry) {
        this.nt = Objects.requireNonNull(nt, "nt");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** {@code GetNamedSecurityInfoW(name, type, info, ...)}: the parts asked for. */
    public Result<SecurityDescriptor> getNamedSecurityInfoW(ThreadObject caller, String name, SeObjectType type, int info) {
        Result<Long> opened = openNamed(caller, name, type, SecurityInformation.queryAccess(info));
        if (!opened.succeeded()) {
            return opened.withValue(null);
        }
        try {
            return nt.security().querySecurityObject(caller, opened.value(), info);
        } finally {
            nt.objects().close(caller, opened.value());
        }
    }

    /** {@code SetNamedSecurityInfoW(name, type, info, owner, group, dacl, sacl)} with the parts taken from {@code sd}. */
    public Result<Void> setNamedSecurityInfoW(ThreadObject caller, String name, SeObjectType type, int info, SecurityDescriptor sd) {
        Objects.requireNonNull(sd, "sd");
        Result<Void> valid = validate(sd, info);
        if (!valid.succeeded()) {
            return valid;
        }
        Result<Long> opened = openNamed(caller, name, type, SecurityInformation.setAccess(info) | mergeAccess(info));
        if (!opened.succeeded()) {
            return opened.withValue(null);
        }
        try {
            return set(caller, opened.value(), type, info, sd);
        } finally {
            nt.objects().close(caller, opened.value());
        }
    }

    /**
     * {@code GetSecurityInfo(handle, type, info, ...)}: NULL handle ERROR_INVALID_HANDLE; kernel types are
     * interchangeable (O7). A key's SACL is read through a handle opened again from the given one with
     * the access the parts need, so SeSecurityPrivilege at the time of the call decides, not the rights
     * of the handle (O2).
     */
    public Result<SecurityDescriptor> getSecurityInfo(ThreadObject caller, Handle handle, SeObjectType type, int info) {
        Result<Long> h = handleFor(caller, handle, type, SecurityInformation.queryAccess(info));
        if (!h.succeeded()) {
            return h.withValue(null);
        }
        if (type == SeObjectType.SE_REGISTRY_KEY && (info & SecurityInformation.SACL) != 0 && h.value() == handle.value()) {
            h = nt.keys().openKey(caller, handle.value(), "", SecurityInformation.queryAccess(info));
            if (!h.succeeded()) {
                return h.withValue(null);
            }
        }
        try {
            return nt.security().querySecurityObject(caller, h.value(), info);
        } finally {
            if (h.value() != handle.value()) {
                nt.objects().close(caller, h.value());
            }
        }
    }

    /** {@code SetSecurityInfo(handle, type, info, owner, group, dacl, sacl)} with the parts taken from {@code sd}. */
    public Result<Void> setSecurityInfo(ThreadObject caller, Handle handle, SeObjectType type, int info, SecurityDescriptor sd) {
        Objects.requireNonNull(sd, "sd");
        Result<Void> valid = validate(sd, info);
        if (!valid.succeeded()) {
            return valid;
        }
        Result<Long> h = handleFor(caller, handle, type, SecurityInformation.setAccess(info) | mergeAccess(info));
        if (!h.succeeded()) {
            return h.withValue(null);
        }
        try {
            return set(caller, h.value(), type, info, sd);
        } finally {
            if (h.value() != handle.value()) {
                nt.objects().close(caller, h.value());
            }
        }
    }

    /** READ_CONTROL for a DACL set on a file or key (the merge reads the current descriptor); kernel objects need none. */
    private static int mergeAccess(int info) {
        return (info & SecurityInformation.DACL) != 0 ? READ_CONTROL : 0;
    }

    /** ACL checks before anything is opened: an ACL over 64 KiB is ERROR_INVALID_ACL; label masks beyond NW|NR|NX are ERROR_INVALID_PARAMETER (O6). */
    private static Result<Void> validate(SecurityDescriptor sd, int info) {
        if (sd.dacl() != null && sd.dacl().byteLength() > 0xFFFF || sd.sacl() != null && sd.sacl().byteLength() > 0xFFFF) {
            return Result.failure(NtStatus.STATUS_INVALID_ACL);
        }
        if ((info & SecurityInformation.LABEL) != 0 && sd.sacl() != null) {
            for (Ace ace : sd.sacl().aces()) {
                if (ace.type() == AceType.SYSTEM_MANDATORY_LABEL && (ace.mask() & ~0x7) != 0) {
                    return Result.win32Failure(87);
                }
            }
        }
        return Result.ok(null);
    }

    /** The handle a by-handle call works on: predefined keys are opened for the call (O7). */
    private Result<Long> handleFor(ThreadObject caller, Handle handle, SeObjectType type, int access) {
        if (handle.isNull()) {
            return Result.win32Failure(6);
        }
        if (type != SeObjectType.SE_FILE_OBJECT && type != SeObjectType.SE_REGISTRY_KEY && type != SeObjectType.SE_KERNEL_OBJECT
                && type != SeObjectType.SE_WINDOW_OBJECT) {
            return Result.win32Failure(87);
        }
        if (PredefinedKey.isPredefined(handle)) {
            String root = type == SeObjectType.SE_REGISTRY_KEY ? registry.predefinedName(caller, handle) : null;
            return root == null ? Result.win32Failure(6) : nt.keys().openKey(caller, 0, root, access);
        }
        Result<ObjectType> objectType = nt.security().objectType(caller, handle.value());
        if (!objectType.succeeded()) {
            return objectType.withValue(null);
        }
        if (type == SeObjectType.SE_REGISTRY_KEY && objectType.value() != ObjectType.KEY) {
            return Result.win32Failure(6);
        }
        return Result.ok(handle.value());
    }

    /** Opens the named object with {@code access}. */
    private Result<Long> openNamed(ThreadObject caller, String name, SeObjectType type, int access) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        switch (type) {
            case SE_FILE_OBJECT: {
                if (name.isEmpty()) {
                    return Result.failure(NtStatus.STATUS_OBJECT_NAME_INVALID);
                }
                String ntName = DosPathNames.toNtName(name);
                return nt.files().createFile(caller, ntName, access, null, null, 0, FILE_SHARE_ALL, IoOpenRequest.FILE_OPEN,
                        FILE_OPEN_FOR_BACKUP_INTENT);
            }
            case SE_REGISTRY_KEY: {
                String ntName = registryNtName(caller, name);
                return ntName == null ? Result.win32Failure(87) : nt.keys().openKey(caller, 0, ntName, access);
            }
            default:
                return Result.win32Failure(87);
        }
    }

    /** The NT name of a MARTA registry name ({@code MACHINE\SOFTWARE}), or null for an unknown root. */
    String registryNtName(ThreadObject caller, String name) {
        String rest = name;
        if (rest.startsWith("\\\\")) {
            int slash = rest.indexOf('\\', 2);
            if (slash < 0) {
                return null;
            }
            rest = rest.substring(slash + 1);
        }
        int slash = rest.indexOf('\\');
        String root = (slash < 0 ? rest : rest.substring(0, slash)).toUpperCase(Locale.ROOT);
        String below = slash < 0 ? "" : rest.substring(slash);
        Handle predefined;
        switch (root) {
            case "MACHINE": predefined = PredefinedKey.HKEY_LOCAL_MACHINE; break;
            case "USERS": predefined = PredefinedKey.HKEY_USERS; break;
            case "CURRENT_USER": predefined = PredefinedKey.HKEY_CURRENT_USER; break;
            case "CLASSES_ROOT": predefined = PredefinedKey.HKEY_CLASSES_ROOT; break;
            default: return null;
        }
        return registry.predefinedName(caller, predefined) + below;
    }

    /** The set on an open handle: the MARTA DACL rules for files and keys, then propagation. */
    private Result<Void> set(ThreadObject caller, long handle, SeObjectType type, int info, SecurityDescriptor sd) {
        Result<ObjectType> objectType = nt.security().objectType(caller, handle);
        if (!objectType.succeeded()) {
            return objectType.withValue(null);
        }
        ObjectType kind = objectType.value();
        boolean named = kind == ObjectType.KEY || kind == ObjectType.FILE && !nameOf(caller, handle).isEmpty();
        int ntInfo = info & ~PROTECTION_BITS;
        SecurityDescriptor toStore = sd;
        if ((info & SecurityInformation.DACL) != 0 && !named) {
            // a kernel object has no parent: the DACL as given, protected only when asked (O12)
            int control = (info & SecurityInformation.PROTECTED_DACL) != 0 ? SecurityDescriptor.DACL_PROTECTED : 0;
            toStore = new SecurityDescriptor(sd.owner(), sd.group(), true, sd.dacl(), sd.sacl(), control);
        } else if ((info & SecurityInformation.DACL) != 0) {
            Result<SecurityDescriptor> current = nt.security().querySecurityObject(caller, handle,
                    SecurityInformation.OWNER | SecurityInformation.GROUP | SecurityInformation.DACL);
            if (!current.succeeded()) {
                return current.withValue(null);
            }
            boolean protect = (info & SecurityInformation.PROTECTED_DACL) != 0
                    || (info & SecurityInformation.UNPROTECTED_DACL) == 0
                    && (current.value().control() & SecurityDescriptor.DACL_PROTECTED) != 0;
            Acl dacl = sd.dacl();
            int control = 0;
            if (protect) {
                control = SecurityDescriptor.DACL_PROTECTED | SecurityDescriptor.DACL_AUTO_INHERITED;
                dacl = dacl == null ? null : withoutInheritedFlag(dacl);
            } else if (named && dacl != null) {
                Result<SecurityDescriptor> parent = parentSecurity(caller, handle, kind);
                if (!parent.succeeded()) {
                    return parent.withValue(null);
                }
                Result<Boolean> container = isContainer(caller, handle, kind);
                List<Ace> aces = new ArrayList<>(AceInheritance.explicitPart(dacl));
                if (parent.value() != null) {
                    aces.addAll(AceInheritance.inherited(parent.value().dacl(), container.value(),
                            (info & SecurityInformation.OWNER) != 0 ? sd.owner() : current.value().owner(),
                            (info & SecurityInformation.GROUP) != 0 ? sd.group() : current.value().group(),
                            kind.mapping(), true));
                }
                dacl = new Acl(aces);
                control = SecurityDescriptor.DACL_AUTO_INHERITED;
            }
            toStore = new SecurityDescriptor(sd.owner(), sd.group(), true, dacl, sd.sacl(), control);
        }
        Result<Void> stored = nt.security().setSecurityObject(caller, handle, ntInfo, toStore);
        if (!stored.succeeded() || (info & SecurityInformation.DACL) == 0 || !named) {
            return stored;
        }
        Result<Boolean> container = isContainer(caller, handle, kind);
        if (container.succeeded() && container.value()) {
            propagate(caller, nameOf(caller, handle), kind);
        }
        return stored;
    }

    private static Acl withoutInheritedFlag(Acl dacl) {
        List<Ace> aces = new ArrayList<>();
        for (Ace ace : dacl.aces()) {
            aces.add(new Ace(ace.type(), ace.flags() & ~Ace.INHERITED, ace.mask(), ace.sid()));
        }
        return new Acl(aces);
    }

    private String nameOf(ThreadObject caller, long handle) {
        Result<String> name = nt.security().queryObjectName(caller, handle);
        return name.succeeded() ? name.value() : "";
    }

    private Result<Boolean> isContainer(ThreadObject caller, long handle, ObjectType kind) {
        return kind == ObjectType.KEY ? Result.ok(true) : nt.files().queryIsDirectory(caller, handle);
    }

    /** The parent's descriptor (opened for READ_CONTROL), or a null value for a root. */
    private Result<SecurityDescriptor> parentSecurity(ThreadObject caller, long handle, ObjectType kind) {
        String name = nameOf(caller, handle);
        int slash = name.lastIndexOf('\\');
        String parentName = slash <= 0 ? "" : name.substring(0, slash);
        boolean root = kind == ObjectType.KEY ? parentName.equalsIgnoreCase("\\REGISTRY") || !parentName.contains("\\")
                : !name.regionMatches(true, 0, io.github.tokenbridge.model.kernel.io.disk.DiskFileSystem.DEVICE + "\\", 0,
                io.github.tokenbridge.model.kernel.io.disk.DiskFileSystem.DEVICE.length() + 1);
        if (root) {
            return Result.ok(null);
        }
        Result<Long> parent = open(caller, parentName, kind, READ_CONTROL);
        if (!parent.succeeded()) {
            return parent.withValue(null);
        }
        try {
            return nt.security().querySecurityObject(caller, parent.value(), SecurityInformation.DACL);
        } finally {
            nt.objects().close(caller, parent.value());
        }
    }

    private Result<Long> open(ThreadObject caller, String ntName, ObjectType kind, int access) {
        return kind == ObjectType.KEY ? nt.keys().openKey(caller, 0, ntName, access)
                : nt.files().createFile(caller, ntName, access, null, null, 0, FILE_SHARE_ALL, IoOpenRequest.FILE_OPEN,
                FILE_OPEN_FOR_BACKUP_INTENT);
    }

    /** Re-derives the inherited ACEs of every unprotected descendant of the container {@code ntName} (O11 (4)). */
    private void propagate(ThreadObject caller, String ntName, ObjectType kind) {
        Result<Long> parent = open(caller, ntName, kind, READ_CONTROL | (kind == ObjectType.KEY ? 0x0008 : 0x0001));
        if (!parent.succeeded()) {
            return;
        }
        List<String> children;
        SecurityDescriptor parentSd;
        try {
            Result<List<String>> names = kind == ObjectType.KEY ? nt.keys().subKeyNames(caller, parent.value())
                    : nt.files().queryDirectoryNames(caller, parent.value());
            Result<SecurityDescriptor> sd = nt.security().querySecurityObject(caller, parent.value(), SecurityInformation.DACL);
            if (!names.succeeded() || !sd.succeeded()) {
                return;
            }
            children = names.value();
            parentSd = sd.value();
        } finally {
            nt.objects().close(caller, parent.value());
        }
        for (String child : children) {
            String childName = ntName + "\\" + child;
            Result<Long> h = open(caller, childName, kind, READ_CONTROL | WRITE_DAC);
            if (!h.succeeded()) {
                continue;
            }
            boolean descend = false;
            try {
                Result<SecurityDescriptor> current = nt.security().querySecurityObject(caller, h.value(),
                        SecurityInformation.OWNER | SecurityInformation.GROUP | SecurityInformation.DACL);
                if (!current.succeeded() || (current.value().control() & SecurityDescriptor.DACL_PROTECTED) != 0) {
                    continue;
                }
                Result<Boolean> container = isContainer(caller, h.value(), kind);
                List<Ace> aces = new ArrayList<>(AceInheritance.explicitPart(current.value().dacl()));
                aces.addAll(AceInheritance.inherited(parentSd.dacl(), container.value(), current.value().owner(),
                        current.value().group(), kind.mapping(), true));
                SecurityDescriptor updated = new SecurityDescriptor(null, null, true, new Acl(aces), null,
                        SecurityDescriptor.DACL_AUTO_INHERITED);
                descend = nt.security().setSecurityObject(caller, h.value(), SecurityInformation.DACL, updated).succeeded()
                        && container.value();
            } finally {
                nt.objects().close(caller, h.value());
            }
            if (descend) {
                propagate(caller, childName, kind);
            }
        }
    }
}
