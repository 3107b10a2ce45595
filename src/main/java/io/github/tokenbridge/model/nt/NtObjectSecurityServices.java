package io.github.tokenbridge.model.nt;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.cm.KeyObject;
import io.github.tokenbridge.model.kernel.io.FileObject;
import io.github.tokenbridge.model.kernel.io.disk.DiskFileSystem;
import io.github.tokenbridge.model.kernel.io.disk.DiskNode;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.ob.KernelObject;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.SecurityInformation;

import java.util.Objects;

/**
 * The object-security services of the model's Nt layer: {@code NtQuerySecurityObject} and
 * {@code NtSetSecurityObject} on a handle of any type (O1, O3, O6, O9, O12), and the name of a file
 * or key object ({@code NtQueryObject(ObjectNameInformation)}) that the MARTA layer needs to find a
 * parent.
 *
 * <p>A query needs the access of {@link SecurityInformation#queryAccess}, and for SACL (audit) the
 * caller's SeSecurityPrivilege at call time as well (O2); a set needs
 * {@link SecurityInformation#setAccess} and stores what {@link SecurityInformation#apply} gives: no
 * inheritance, no propagation (O12). A label set on a token reports success and changes nothing (O6).
 * A descriptor with revision other than 1 cannot reach this layer (the Java record has none), so
 * STATUS_UNKNOWN_REVISION is not produced here.
 */
public final class NtObjectSecurityServices {

    private final KernelServices k;

    public NtObjectSecurityServices(KernelServices k) {
        this.k = Objects.requireNonNull(k, "k");
    }

    /** {@code NtQuerySecurityObject(handle, info, ...)}: the parts asked for, self-relative. */
    public Result<SecurityDescriptor> querySecurityObject(ThreadObject caller, long handle, int info) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, handle, null, SecurityInformation.queryAccess(info));
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS,
                SecurityInformation.select(ref.value().object().securityDescriptor(), info));
    }

    /** {@code NtSetSecurityObject(handle, info, sd)}: stored as given (O12). */
    public Result<Void> setSecurityObject(ThreadObject caller, long handle, int info, SecurityDescriptor sd) {
        Objects.requireNonNull(sd, "sd");
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, handle, null, SecurityInformation.setAccess(info));
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        KernelObject object = ref.value().object();
        int effectiveInfo = object.objectType() == ObjectType.TOKEN ? info & ~SecurityInformation.LABEL : info;
        synchronized (object) {
            Result<SecurityDescriptor> updated = SecurityInformation.apply(object.securityDescriptor(), effectiveInfo, sd,
                    caller.effectiveToken().contents(), object.objectType().mapping());
            if (!updated.succeeded()) {
                return updated.withValue(null);
            }
            object.setSecurityDescriptor(updated.value());
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, null);
    }

    /**
     * {@code NtQueryObject(handle, ObjectNameInformation)} for file and key objects: the full NT name
     * ({@code \Device\HarddiskVolume1\dir\file}, {@code \REGISTRY\MACHINE\SOFTWARE}); other objects
     * have no name here (empty). Needs no access.
     */
    public Result<String> queryObjectName(ThreadObject caller, long handle) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, handle, null, 0);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        KernelObject object = ref.value().object();
        String name = "";
        if (object instanceof KeyObject key) {
            name = key.key().path();
        } else if (object instanceof FileObject file && file.node() instanceof DiskNode node) {
            name = DiskFileSystem.DEVICE + (node.parent() == null ? "" : node.path());
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, name);
    }

    /** The object type behind {@code handle} (for the MARTA layer's type checks), needing no access. */
    public Result<ObjectType> objectType(ThreadObject caller, long handle) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, handle, null, 0);
        return ref.succeeded() ? ref.withValue(ref.value().object().objectType()) : ref.withValue(null);
    }
}
