package io.github.tokenbridge.model.nt;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.ps.ImpersonationState;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ProcessObject;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import java.util.Optional;

/**
 * {@code NtOpenProcessTokenEx} (R22-R26) and {@code NtOpenThreadTokenEx} (R27-R33) of the model.
 */
public final class NtTokenOpening {

    /** PROCESS_QUERY_LIMITED_INFORMATION: enough to open a process token (R22, following WSI). */
    static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    /** THREAD_QUERY_INFORMATION (R31, as documented). */
    static final int THREAD_QUERY_INFORMATION = 0x0040;

    private final KernelServices k;

    public NtTokenOpening(KernelServices k) {
        this.k = k;
    }

    /**
     * {@code NtOpenProcessTokenEx}: the process handle needs PROCESS_QUERY_LIMITED_INFORMATION
     * (R22 CONFLICT resolved for WSI: QUERY_INFORMATION implies it), the handle refers to the
     * primary token object itself (R23) and the access is checked against the token's DACL with
     * the caller's effective token (R24, R25). OBJ_KERNEL_HANDLE is dropped (R26).
     */
    public Result<Long> openProcessToken(ThreadObject caller, long process, int desiredAccess, int handleAttributes) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, process, ObjectType.PROCESS,
                PROCESS_QUERY_LIMITED_INFORMATION);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        TokenObject token = ((ProcessObject) ref.value().object()).primaryToken();
        return k.objects().openObject(caller, token, desiredAccess, handleAttributes, caller.process());
    }

    /**
     * {@code NtOpenThreadTokenEx}, in the order of R32: thread handle (type, THREAD_QUERY_INFORMATION),
     * STATUS_NO_TOKEN, STATUS_CANT_OPEN_ANONYMOUS, OpenAsSelf suspends the calling thread's
     * impersonation, the open (a copy under CopyOnOpen, R33) with the DACL check, then restore.
     */
    public Result<Long> openThreadToken(ThreadObject caller, long thread, int desiredAccess, boolean openAsSelf,
                                        int handleAttributes) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, thread, ObjectType.THREAD, THREAD_QUERY_INFORMATION);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        ThreadObject target = (ThreadObject) ref.value().object();
        Optional<ImpersonationState> impersonation = target.impersonation();
        if (impersonation.isEmpty()) {
            return Result.failure(NtStatus.STATUS_NO_TOKEN);
        }
        ImpersonationState state = impersonation.get();
        if (state.level() == ImpersonationLevel.ANONYMOUS) {
            return Result.failure(NtStatus.STATUS_CANT_OPEN_ANONYMOUS);
        }
        if (openAsSelf) {
            caller.disableImpersonation();
        }
        try {
            if (!state.copyOnOpen()) {
                return k.objects().openObject(caller, state.token(), desiredAccess, handleAttributes, caller.process());
            }
            TokenObject copy = k.duplicator().duplicate(state.token(), TokenType.IMPERSONATION, state.level(),
                    state.effectiveOnly(), copyOnOpenSecurity(state.token(), target.process().primaryToken()));
            Result<Long> opened = k.objects().openObject(caller, copy, desiredAccess, handleAttributes, caller.process());
            if (opened.succeeded()) {
                k.ps().replaceWithOpenedCopy(target, state, copy);
            }
            return opened;
        } finally {
            if (openAsSelf) {
                caller.restoreImpersonation();
            }
        }
    }

    /**
     * The DACL of a CopyOnOpen copy (R33): GENERIC_ALL for SYSTEM, Administrators, the target
     * process's user and the token's user.
     */
    private static SecurityDescriptor copyOnOpenSecurity(TokenObject token, TokenObject processToken) {
        Acl dacl = Acl.of(
                Ace.allow(GenericMapping.GENERIC_ALL, Sid.LOCAL_SYSTEM),
                Ace.allow(GenericMapping.GENERIC_ALL, Sid.BUILTIN_ADMINISTRATORS),
                Ace.allow(GenericMapping.GENERIC_ALL, processToken.user()),
                Ace.allow(GenericMapping.GENERIC_ALL, token.user()));
        return new SecurityDescriptor(processToken.contents().owner(), processToken.contents().primaryGroup(), true,
                dacl, token.securityDescriptor().sacl(), 0);
    }
}
