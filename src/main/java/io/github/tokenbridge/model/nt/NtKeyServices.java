package io.github.tokenbridge.model.nt;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.cm.ConfigurationManager;
import io.github.tokenbridge.model.kernel.cm.ConfigurationManager.KeyOpen;
import io.github.tokenbridge.model.kernel.cm.KeyNode;
import io.github.tokenbridge.model.kernel.cm.KeyObject;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;

import java.util.List;
import java.util.Objects;

/**
 * The registry services of the model's Nt layer over the configuration manager: {@code NtCreateKey},
 * {@code NtOpenKey}, {@code NtDeleteKey} and the subkey enumeration of {@code NtEnumerateKey}.
 * A name is absolute ({@code \REGISTRY\...}) with no root handle, else relative to the root key
 * handle (which needs no particular access, as the object manager's parse does not check it).
 */
public final class NtKeyServices {

    /** KEY_ENUMERATE_SUB_KEYS. */
    public static final int KEY_ENUMERATE_SUB_KEYS = 0x0008;
    private static final int DELETE = 0x00010000;

    private final KernelServices k;

    public NtKeyServices(KernelServices k) {
        this.k = Objects.requireNonNull(k, "k");
    }

    /** A handle from NtCreateKey and its Disposition (REG_CREATED_NEW_KEY when {@code created}). */
    public record CreatedKey(long handle, boolean created) {
    }

    /**
     * {@code NtCreateKey(&handle, access, &objectAttributes{root, name, sd}, 0, NULL, options, &disposition)}.
     *
     * @param root the root directory handle, or 0 for an absolute name
     * @param sd   the descriptor in the object attributes, or null
     */
    public Result<CreatedKey> createKey(ThreadObject caller, long root, String name, int desiredAccess, SecurityDescriptor sd) {
        return open(caller, root, name, desiredAccess, sd, true);
    }

    /** {@code NtOpenKey(&handle, access, &objectAttributes{root, name})}. */
    public Result<Long> openKey(ThreadObject caller, long root, String name, int desiredAccess) {
        Result<CreatedKey> r = open(caller, root, name, desiredAccess, null, false);
        return r.withValue(r.value() == null ? null : r.value().handle());
    }

    private Result<CreatedKey> open(ThreadObject caller, long root, String name, int desiredAccess, SecurityDescriptor sd,
                                    boolean create) {
        Objects.requireNonNull(name, "name");
        ConfigurationManager cm = k.cm();
        KeyNode base;
        String relative;
        if (root == 0) {
            relative = ConfigurationManager.relativeToRoot(name);
            if (relative == null) {
                return Result.failure(name.startsWith("\\") ? NtStatus.STATUS_OBJECT_NAME_NOT_FOUND : NtStatus.STATUS_OBJECT_PATH_SYNTAX_BAD);
            }
            base = cm.root();
        } else {
            if (name.startsWith("\\")) {
                return Result.failure(NtStatus.STATUS_OBJECT_PATH_SYNTAX_BAD);
            }
            Result<KeyObject> rootKey = key(caller, root, 0);
            if (!rootKey.succeeded()) {
                return rootKey.withValue(null);
            }
            base = rootKey.value().key();
            relative = name;
        }
        Result<KeyOpen> opened = cm.createOrOpen(caller, base, relative, desiredAccess, sd, create);
        if (!opened.succeeded()) {
            return opened.withValue(null);
        }
        long handle = k.objects().insertHandle(caller.process(), opened.value().key(), opened.value().grantedAccess(), 0);
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, new CreatedKey(handle, opened.value().created()));
    }

    /** {@code NtDeleteKey(handle)}: the handle needs DELETE. */
    public Result<Void> deleteKey(ThreadObject caller, long handle) {
        Result<KeyObject> key = key(caller, handle, DELETE);
        return key.succeeded() ? k.cm().delete(key.value()) : key.withValue(null);
    }

    /** The subkey names {@code NtEnumerateKey(handle, i, KeyBasicInformation, ...)} returns for i = 0, 1, ...; needs KEY_ENUMERATE_SUB_KEYS. */
    public Result<List<String>> subKeyNames(ThreadObject caller, long handle) {
        Result<KeyObject> key = key(caller, handle, KEY_ENUMERATE_SUB_KEYS);
        return key.succeeded() ? key.withValue(key.value().key().subKeyNames()) : key.withValue(null);
    }

    private Result<KeyObject> key(ThreadObject caller, long handle, int access) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, handle, ObjectType.KEY, access);
        return ref.succeeded() ? ref.withValue((KeyObject) ref.value().object()) : ref.withValue(null);
    }
}
