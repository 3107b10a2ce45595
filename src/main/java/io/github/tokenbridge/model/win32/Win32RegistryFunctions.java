package io.github.tokenbridge.model.win32;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PredefinedKey;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.cm.KeyNode;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.nt.NtKeyServices.CreatedKey;
import io.github.tokenbridge.model.nt.NtLayer;

import java.util.List;
import java.util.Objects;

/**
 * The advapi32 registry functions of the model over the Nt layer: {@code RegCreateKeyExW} (which
 * creates the missing keys of a path one at a time), {@code RegOpenKeyExW}, {@code RegCloseKey} and
 * {@code RegDeleteTreeW}, with the predefined keys resolved to their NT names: HKEY_LOCAL_MACHINE
 * {@code \REGISTRY\MACHINE}, HKEY_USERS {@code \REGISTRY\USER}, HKEY_CURRENT_USER
 * {@code \REGISTRY\USER\<process user SID>} (or {@code .DEFAULT} when that hive is absent),
 * HKEY_CLASSES_ROOT {@code \REGISTRY\MACHINE\SOFTWARE\Classes}. They return the Win32 code.
 */
public final class Win32RegistryFunctions {

    private static final int KEY_WOW64_FLAGS = 0x0300;
    private static final int KEY_CREATE_SUB_KEY = 0x0004;
    private static final int MAXIMUM_ALLOWED = 0x02000000;
    private static final int DELETE = 0x00010000;

    private final NtLayer nt;

    public Win32RegistryFunctions(NtLayer nt) {
        this.nt = Objects.requireNonNull(nt, "nt");
    }

    /** The NT name of a predefined key for {@code caller}, or null when {@code key} is not one the model has. */
    String predefinedName(ThreadObject caller, Handle key) {
        if (key.equals(PredefinedKey.HKEY_LOCAL_MACHINE)) {
            return "\\REGISTRY\\MACHINE";
        }
        if (key.equals(PredefinedKey.HKEY_USERS)) {
            return "\\REGISTRY\\USER";
        }
        if (key.equals(PredefinedKey.HKEY_CLASSES_ROOT)) {
            return "\\REGISTRY\\MACHINE\\SOFTWARE\\Classes";
        }
        if (key.equals(PredefinedKey.HKEY_CURRENT_USER)) {
            String hive = "\\REGISTRY\\USER\\" + caller.process().primaryToken().contents().user().sid();
            KeyNode node = nt.kernel().cm().find(hive);
            return node != null ? hive : "\\REGISTRY\\USER\\.DEFAULT";
        }
        return null;
    }

    /** {@code RegCreateKeyExW(key, subKey, 0, NULL, options, access, sa, &result, &disposition)}. */
    public Result<Handle> regCreateKeyExW(ThreadObject caller, Handle key, String subKey, int options, int desiredAccess,
                                          SecurityDescriptor sd) {
        Objects.requireNonNull(subKey, "subKey");
        Result<CreatedKey> r = create(caller, key, subKey, desiredAccess & ~KEY_WOW64_FLAGS, sd);
        return r.withValue(r.value() == null ? null : new Handle(r.value().handle()));
    }

    private Result<CreatedKey> create(ThreadObject caller, Handle key, String subKey, int access, SecurityDescriptor sd) {
        if (key.isNull()) {
            return Result.win32Failure(6);
        }
        Result<CreatedKey> r = createOne(caller, key, subKey, access, sd);
        int slash = subKey.lastIndexOf('\\');
        if (r.succeeded() || slash <= 0 || r.ntStatusOrNull() == null
                || r.ntStatusOrNull() != NtStatus.STATUS_OBJECT_NAME_NOT_FOUND.code()) {
            return r;
        }
        Result<CreatedKey> parent = create(caller, key, subKey.substring(0, slash), KEY_CREATE_SUB_KEY, null);
        if (!parent.succeeded()) {
            return parent;
        }
        nt.objects().close(caller, parent.value().handle());
        return createOne(caller, key, subKey, access, sd);
    }

    private Result<CreatedKey> createOne(ThreadObject caller, Handle key, String subKey, int access, SecurityDescriptor sd) {
        if (PredefinedKey.isPredefined(key)) {
            String root = predefinedName(caller, key);
            if (root == null) {
                return Result.win32Failure(6);
            }
            if (subKey.startsWith("\\")) {
                return Result.failure(NtStatus.STATUS_OBJECT_PATH_SYNTAX_BAD);
            }
            return nt.keys().createKey(caller, 0, subKey.isEmpty() ? root : root + "\\" + subKey, access, sd);
        }
        return nt.keys().createKey(caller, key.value(), subKey, access, sd);
    }

    /** {@code RegOpenKeyExW(key, subKey, options, access, &result)}. */
    public Result<Handle> regOpenKeyExW(ThreadObject caller, Handle key, String subKey, int options, int desiredAccess) {
        Objects.requireNonNull(subKey, "subKey");
        if (key.isNull()) {
            return Result.win32Failure(6);
        }
        int access = desiredAccess & ~KEY_WOW64_FLAGS;
        Result<Long> r;
        if (PredefinedKey.isPredefined(key)) {
            String root = predefinedName(caller, key);
            if (root == null) {
                return Result.win32Failure(6);
            }
            if (subKey.startsWith("\\")) {
                return Result.failure(NtStatus.STATUS_OBJECT_PATH_SYNTAX_BAD);
            }
            r = nt.keys().openKey(caller, 0, subKey.isEmpty() ? root : root + "\\" + subKey, access);
        } else {
            r = nt.keys().openKey(caller, key.value(), subKey, access);
        }
        return r.withValue(r.value() == null ? null : new Handle(r.value()));
    }

    /** {@code RegCloseKey(key)}: a predefined key is ERROR_SUCCESS with no effect. */
    public Result<Void> regCloseKey(ThreadObject caller, Handle key) {
        if (PredefinedKey.isPredefined(key)) {
            return Result.ok(null);
        }
        Result<Void> r = nt.objects().close(caller, key.value());
        return r.succeeded() ? r : Result.win32Failure(6);
    }

    /**
     * {@code RegDeleteTreeW(key, subKey)}: opens {@code subKey} (MAXIMUM_ALLOWED), deletes its subkeys
     * depth first and then the key itself (only the subkeys when {@code subKey} is null or empty);
     * the first failure stops and is returned.
     */
    public Result<Void> regDeleteTreeW(ThreadObject caller, Handle key, String subKey) {
        Result<Handle> opened = regOpenKeyExW(caller, key, subKey == null ? "" : subKey, 0, MAXIMUM_ALLOWED | DELETE);
        if (!opened.succeeded()) {
            return opened.withValue(null);
        }
        long handle = opened.value().value();
        try {
            Result<List<String>> names = nt.keys().subKeyNames(caller, handle);
            if (!names.succeeded()) {
                return names.withValue(null);
            }
            for (String name : names.value()) {
                Result<Void> child = regDeleteTreeW(caller, opened.value(), name);
                if (!child.succeeded()) {
                    return child;
                }
            }
            return subKey == null || subKey.isEmpty() ? Result.ok(null) : nt.keys().deleteKey(caller, handle);
        } finally {
            nt.objects().close(caller, handle);
        }
    }
}
