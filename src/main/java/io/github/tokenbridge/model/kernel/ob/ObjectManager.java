package io.github.tokenbridge.model.kernel.ob;

import io.github.tokenbridge.model.kernel.ps.ImpersonationState;
import io.github.tokenbridge.model.kernel.Kernel;
import io.github.tokenbridge.model.kernel.ps.ProcessObject;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.AccessCheck;
import io.github.tokenbridge.model.kernel.se.ContentsClientToken;
import io.github.tokenbridge.model.kernel.se.PrivilegeChecks;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.backend.Result;

import java.util.Optional;

/**
 * The model's object manager: referencing objects by handle ({@code ObReferenceObjectByHandle},
 * pseudo handles included; R19, R22, R31) and opening handles to objects with an access check
 * against the caller's effective token ({@code ObOpenObjectByPointer}; R20, R24, R25, R26), and
 * inserting the first handle to a new object without one (D1).
 */
public final class ObjectManager {

    /** {@code OBJ_INHERIT}, the only handle attribute a user-mode handle keeps (R26). */
    public static final int OBJ_INHERIT = 0x2;
    /** {@code MAXIMUM_ALLOWED}. */
    public static final int MAXIMUM_ALLOWED = 0x02000000;
    private static final int ACCESS_SYSTEM_SECURITY = 0x01000000;
    private static final int TOKEN_QUERY_RIGHTS = 0x0008 | 0x0010;
    private static final int PROCESS_QUERY_INFORMATION = 0x0400;
    private static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    private static final int THREAD_QUERY_INFORMATION = 0x0040;
    private static final int THREAD_QUERY_LIMITED_INFORMATION = 0x0800;
    private static final int THREAD_SET_INFORMATION = 0x0020;
    private static final int THREAD_SET_LIMITED_INFORMATION = 0x0400;

    private final Kernel kernel;

    public ObjectManager(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * References the object behind {@code handle} in the caller's process, checking its type and
     * that the handle grants {@code desiredAccess} ({@code ObReferenceObjectByHandle}, user mode).
     *
     * @param expectedType the required type, or null for any
     * @return the handle entry (for pseudo handles, a synthetic entry) or INVALID_HANDLE,
     *         OBJECT_TYPE_MISMATCH, ACCESS_DENIED, NO_TOKEN (pseudo -5 when not impersonating)
     */
    public Result<HandleEntry> referenceByHandle(ThreadObject caller, long handle, ObjectType expectedType, int desiredAccess) {
        if (handle < 0) {
            Result<HandleEntry> pseudo = resolvePseudo(caller, handle, expectedType, desiredAccess);
            return pseudo.succeeded() ? checked(pseudo.value(), expectedType, desiredAccess, pseudo) : pseudo;
        }
        HandleEntry entry = handle == 0 ? null : caller.process().handles().get(handle & ~3L);
        if (entry == null) {
            return Result.failure(NtStatus.STATUS_INVALID_HANDLE);
        }
        return checked(entry, expectedType, desiredAccess, null);
    }

    /** The type and access checks of a reference; {@code success} is the result to return when they pass, or null. */
    private static Result<HandleEntry> checked(HandleEntry e, ObjectType expectedType, int desiredAccess,
                                               Result<HandleEntry> success) {
        if (expectedType != null && e.object().objectType() != expectedType) {
            return Result.failure(NtStatus.STATUS_OBJECT_TYPE_MISMATCH);
        }
        if ((desiredAccess & ~e.grantedAccess()) != 0) {
            return Result.failure(NtStatus.STATUS_ACCESS_DENIED);
        }
        return success != null ? success : Result.ofStatus(NtStatus.STATUS_SUCCESS, e);
    }

    private Result<HandleEntry> resolvePseudo(ThreadObject caller, long handle, ObjectType expectedType, int desiredAccess) {
        if (handle == -1) {
            return caller.process().pseudoReference();
        }
        if (handle == -2) {
            return caller.pseudoReference();
        }
        if (handle < -6 || handle > -4 || expectedType != ObjectType.TOKEN || (desiredAccess & ~TOKEN_QUERY_RIGHTS) != 0) {
            return Result.failure(NtStatus.STATUS_INVALID_HANDLE);
        }
        TokenObject token;
        if (handle == -4) {
            token = caller.process().primaryToken();
        } else if (handle == -5) {
            Optional<ImpersonationState> state = caller.impersonation();
            if (state.isEmpty()) {
                return Result.failure(NtStatus.STATUS_NO_TOKEN);
            }
            token = state.get().token();
        } else {
            token = caller.impersonation().map(ImpersonationState::token).orElseGet(() -> caller.process().primaryToken());
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, new HandleEntry(token, TOKEN_QUERY_RIGHTS, 0));
    }

    /**
     * Opens a handle in {@code targetProcess} to {@code object}, checking {@code desiredAccess}
     * against the object's security descriptor with the caller's effective token
     * ({@code ObOpenObjectByPointer}, user mode).
     *
     * <p>Order: an impersonating caller below SecurityImpersonation cannot open objects (R20,
     * STATUS_BAD_IMPERSONATION_LEVEL); desired access 0 gives a handle with no rights (R24);
     * generic rights are mapped (R12); ACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege (R25);
     * MAXIMUM_ALLOWED grants everything the DACL allows.
     */
    public Result<Long> openObject(ThreadObject caller, KernelObject object, int desiredAccess, int handleAttributes,
                                   ProcessObject targetProcess) {
        Result<Integer> decision = checkAccess(caller, object, desiredAccess);
        if (!decision.succeeded()) {
            return decision.withValue(null);
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, insertHandle(targetProcess, object, decision.value(), handleAttributes));
    }

    /**
     * The access check of {@link #openObject} alone: the access that would be granted, or the
     * failure. The check itself is the security reference monitor's one routine
     * ({@link AccessCheck#evaluateObjectOpen}, {@code SeAccessCheck}), the same that AccessCheck uses.
     */
    public Result<Integer> checkAccess(ThreadObject caller, KernelObject object, int desiredAccess) {
        return checkAccess(caller, object.securityDescriptor(), object.objectType(), desiredAccess);
    }

    /**
     * {@link #checkAccess(ThreadObject, KernelObject, int)} against a descriptor of an object of
     * {@code type} that has no object yet: a file system's open of a file or pipe checks the
     * descriptor it keeps before the file object exists (model.kernel.io, {@code IoCheckShareAccess}
     * aside).
     */
    public Result<Integer> checkAccess(ThreadObject caller, io.github.tokenbridge.SecurityDescriptor descriptor,
                                       ObjectType type, int desiredAccess) {
        return checkAccess(caller, descriptor, type, desiredAccess, 0);
    }

    /**
     * {@link #checkAccess(ThreadObject, io.github.tokenbridge.SecurityDescriptor, ObjectType, int)} with the
     * access check's {@code options} (0, or {@link AccessCheck#BACKUP_RESTORE_INTENT} for a file opened
     * for backup, O21).
     */
    public Result<Integer> checkAccess(ThreadObject caller, io.github.tokenbridge.SecurityDescriptor descriptor,
                                       ObjectType type, int desiredAccess, int options) {
        ImpersonationState active = caller.activeImpersonationOrNull();
        if (active != null && active.level().isBelow(ImpersonationLevel.IMPERSONATION)) {
            return Result.failure(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL);
        }
        if (desiredAccess == 0) {
            return Result.ofStatus(NtStatus.STATUS_SUCCESS, 0);
        }
        int mapped = type.mapping().map(desiredAccess);
        Result<Integer> decision = AccessCheck.checkObjectOpen(descriptor, caller.effectiveToken(), mapped,
                type.mapping(), options);
        if (!decision.succeeded()) {
            return decision;
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, withImpliedRights(type, decision.value()));
    }

    /**
     * The first handle to an object the caller has just created ({@code ObInsertObject}, handle
     * reason "create"; rule D1): the caller gets the access it asked for without an access check
     * against the new object's descriptor and whatever its impersonation level; MAXIMUM_ALLOWED
     * becomes the type's GENERIC_ALL and generic rights are mapped. ACCESS_SYSTEM_SECURITY still
     * needs SeSecurityPrivilege enabled in the caller's effective token (R25, STATUS_PRIVILEGE_NOT_HELD).
     */
    public Result<Long> insertCreated(ThreadObject caller, KernelObject object, int desiredAccess, int handleAttributes) {
        ObjectType type = object.objectType();
        int access = desiredAccess;
        if ((access & MAXIMUM_ALLOWED) != 0) {
            access = (access & ~MAXIMUM_ALLOWED) | GenericMapping.GENERIC_ALL;
        }
        access = type.mapping().map(access);
        if ((access & ACCESS_SYSTEM_SECURITY) != 0 && !PrivilegeChecks.isEnabled(
                caller.effectiveToken().contentsView(ContentsClientToken.class, ContentsClientToken::of),
                Privilege.SeSecurityPrivilege.luid())) {
            return Result.failure(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS,
                insertHandle(caller.process(), object, withImpliedRights(type, access), handleAttributes));
    }

    /**
     * Inserts a handle without any check (kernel-mode opens, new objects made for the caller). As
     * {@code ObpCreateHandle} does, the granted access keeps only the type's valid rights and
     * ACCESS_SYSTEM_SECURITY: a bit the type does not define (asked for under a NULL DACL, say) is
     * never granted.
     */
    public long insertHandle(ProcessObject process, KernelObject object, int grantedAccess, int handleAttributes) {
        int valid = object.objectType().allAccess() | ACCESS_SYSTEM_SECURITY;
        return process.handles().insert(new HandleEntry(object, grantedAccess & ~MAXIMUM_ALLOWED & valid,
                handleAttributes & OBJ_INHERIT));
    }

    /** Full query/set rights imply their limited forms, as Windows grants them. */
    public static int withImpliedRights(ObjectType type, int access) {
        if (type == ObjectType.PROCESS && (access & PROCESS_QUERY_INFORMATION) != 0) {
            access |= PROCESS_QUERY_LIMITED_INFORMATION;
        }
        if (type == ObjectType.THREAD) {
            if ((access & THREAD_QUERY_INFORMATION) != 0) {
                access |= THREAD_QUERY_LIMITED_INFORMATION;
            }
            if ((access & THREAD_SET_INFORMATION) != 0) {
                access |= THREAD_SET_LIMITED_INFORMATION;
            }
        }
        return access;
    }
}
