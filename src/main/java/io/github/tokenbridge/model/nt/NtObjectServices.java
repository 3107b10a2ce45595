package io.github.tokenbridge.model.nt;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.ob.KernelObject;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.ob.ObjectManager;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;

/**
 * The object services of the model's Nt layer: {@code NtClose}, {@code NtQueryObject} (granted
 * access), {@code NtDuplicateObject} within the calling process (R21), {@code NtOpenProcess} and
 * {@code NtOpenThread}.
 */
public final class NtObjectServices {

    /** DUPLICATE_CLOSE_SOURCE. */
    public static final int DUPLICATE_CLOSE_SOURCE = 0x1;
    /** DUPLICATE_SAME_ACCESS. */
    public static final int DUPLICATE_SAME_ACCESS = 0x2;
    /** DUPLICATE_SAME_ATTRIBUTES. */
    public static final int DUPLICATE_SAME_ATTRIBUTES = 0x4;

    private final KernelServices k;

    public NtObjectServices(KernelServices k) {
        this.k = k;
    }

    /** {@code NtClose}: STATUS_INVALID_HANDLE for NULL, pseudo handles and values that are not open. */
    public Result<Void> close(ThreadObject caller, long handle) {
        if (handle <= 0) {
            return Result.failure(NtStatus.STATUS_INVALID_HANDLE);
        }
        return caller.process().handles().remove(handle & ~3L).isPresent()
                ? Result.ofStatus(NtStatus.STATUS_SUCCESS, null) : Result.failure(NtStatus.STATUS_INVALID_HANDLE);
    }

    /** {@code NtQueryObject(ObjectBasicInformation).GrantedAccess}. */
    public Result<Integer> grantedAccess(ThreadObject caller, long handle) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, handle, null, 0);
        return ref.succeeded() ? Result.ofStatus(NtStatus.STATUS_SUCCESS, ref.value().grantedAccess()) : ref.withValue(null);
    }

    /**
     * {@code NtDuplicateObject(current, source, current, &target, desired, 0, options)}: a subset of
     * the source handle's access needs no check; more access is checked against the object's
     * descriptor with the caller's effective token (R21). Token pseudo handles cannot be duplicated
     * (R19). DUPLICATE_CLOSE_SOURCE closes the source even when the duplication fails.
     */
    public Result<Long> duplicate(ThreadObject caller, long source, int desiredAccess, int options) {
        if ((options & ~(DUPLICATE_CLOSE_SOURCE | DUPLICATE_SAME_ACCESS | DUPLICATE_SAME_ATTRIBUTES)) != 0) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, source, null, 0);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        try {
            HandleEntry entry = ref.value();
            KernelObject object = entry.object();
            int attributes = (options & DUPLICATE_SAME_ATTRIBUTES) != 0 ? entry.attributes() : 0;
            int access;
            if ((options & DUPLICATE_SAME_ACCESS) != 0) {
                access = entry.grantedAccess();
            } else {
                int mapped = object.objectType().mapping().map(desiredAccess);
                if ((mapped & ObjectManager.MAXIMUM_ALLOWED) == 0 && (mapped & ~entry.grantedAccess()) == 0) {
                    access = ObjectManager.withImpliedRights(object.objectType(), mapped);
                } else {
                    Result<Integer> checked = k.objects().checkAccess(caller, object, desiredAccess);
                    if (!checked.succeeded()) {
                        return checked.withValue(null);
                    }
                    access = checked.value();
                }
            }
            return Result.ofStatus(NtStatus.STATUS_SUCCESS, k.objects().insertHandle(caller.process(), object, access, attributes));
        } finally {
            if ((options & DUPLICATE_CLOSE_SOURCE) != 0 && source > 0) {
                caller.process().handles().remove(source & ~3L);
            }
        }
    }

    /** {@code NtOpenProcess} by id: STATUS_INVALID_PARAMETER for an unknown id, else an access-checked open. */
    public Result<Long> openProcess(ThreadObject caller, int desiredAccess, int processId) {
        return k.kernel().findProcess(processId)
                .map(p -> k.objects().openObject(caller, p, desiredAccess, 0, caller.process()))
                .orElseGet(() -> Result.failure(NtStatus.STATUS_INVALID_PARAMETER));
    }

    /** {@code NtOpenThread} by id: STATUS_INVALID_PARAMETER for an unknown id, else an access-checked open. */
    public Result<Long> openThread(ThreadObject caller, int desiredAccess, int threadId) {
        return k.kernel().findThread(threadId)
                .map(t -> k.objects().openObject(caller, t, desiredAccess, 0, caller.process()))
                .orElseGet(() -> Result.failure(NtStatus.STATUS_INVALID_PARAMETER));
    }
}
