package io.github.tokenbridge.model.internal;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PrivilegeCheckResult;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.ModelThread;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.kernel.se.ClientSecurityContext;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.se.ImpersonationDecision;
import io.github.tokenbridge.model.kernel.se.KernelTokenQuery;
import io.github.tokenbridge.model.kernel.se.PrivilegeChecks;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ProcessObject;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.SecurityQualityOfService;
import io.github.tokenbridge.model.kernel.se.SubjectAccessCheck;
import io.github.tokenbridge.model.kernel.se.TokenObject;
import io.github.tokenbridge.model.kernel.se.TokenReference;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Windows kernel routines that drivers call, exposed for kernel-style use of a model world
 * (the scenario verbs {@code ps_*} and {@code se_*}; R45-R51, R93, R95, R97). Handles are resolved in the calling
 * thread's process as kernel-mode references (type checked, no access check); results carry the
 * NTSTATUS.
 */
public final class KernelRoutines {

    private final KernelServices k;
    private final Supplier<ThreadObject> caller;
    private final Function<ModelThread, ThreadObject> threads;

    /**
     * The routines over {@code k}, called from {@code caller}'s thread (the calling Java thread's
     * model thread); {@code threads} gives the kernel thread behind a world's {@link ModelThread}.
     */
    public KernelRoutines(KernelServices k, Supplier<ThreadObject> caller, Function<ModelThread, ThreadObject> threads) {
        this.k = Objects.requireNonNull(k, "k");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    /**
     * {@code PsImpersonateClient(thread, token, copyOnOpen, effectiveOnly, level)} (R48, R38); a
     * {@link Handle#NULL} token ends impersonation. The value is the decision (null on revert).
     */
    public Result<ImpersonationDecision> psImpersonateClient(ModelThread thread, Handle token, boolean copyOnOpen,
                                                             boolean effectiveOnly, ImpersonationLevel level) {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(token, "token");
        if (token.isNull()) {
            return k.ps().impersonateClient(object(thread), null, false, false, null);
        }
        Result<TokenObject> object = tokenByHandle(token);
        if (!object.succeeded()) {
            return object.withValue(null);
        }
        return k.ps().impersonateClient(object(thread), object.value(), copyOnOpen, effectiveOnly,
                Objects.requireNonNull(level, "level"));
    }

    /** {@code PsReferenceImpersonationToken} (R47): empty when the thread is not impersonating. */
    public Result<Optional<TokenReference>> psReferenceImpersonationToken(ModelThread thread) {
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, k.ps().referenceImpersonationToken(object(thread)));
    }

    /** {@code PsReferenceEffectiveToken} (R47). */
    public Result<TokenReference> psReferenceEffectiveToken(ModelThread thread) {
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, k.ps().referenceEffectiveToken(object(thread)));
    }

    /** {@code PsRevertToSelf}: ends the calling thread's impersonation (R45). */
    public Result<Void> psRevertToSelf() {
        k.ps().revertToSelf(caller.get());
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, null);
    }

    /** {@code PsReferencePrimaryToken} of the process behind {@code process}. */
    public Result<TokenReference> psReferencePrimaryToken(Handle process) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller.get(),
                Objects.requireNonNull(process, "process").value(), ObjectType.PROCESS, 0);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, k.ps().referencePrimaryToken((ProcessObject) ref.value().object()));
    }

    /** {@code PsDereference*Token}: releases a reference (a reference not held is IllegalStateException). */
    public Result<Void> psDereference(TokenReference reference) {
        k.ps().dereference(Objects.requireNonNull(reference, "reference"));
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, null);
    }

    /** Kernel references not yet released (for leak checks). */
    public int outstandingReferences() {
        return k.ps().outstandingReferences();
    }

    /**
     * Opens a handle in the calling process to a referenced token, as a driver would with
     * {@code ObOpenObjectByPointer(KernelMode)}: no access check.
     */
    public Handle openHandle(TokenReference reference, int access) {
        return new Handle(k.objects().insertHandle(caller.get().process(), reference.token(), access, 0));
    }

    /** {@code SeCreateClientSecurity(thread, qos)} (R49, R51). */
    public Result<ClientSecurityContext> seCreateClientSecurity(ModelThread client, ImpersonationLevel level,
                                                               boolean effectiveOnly, boolean dynamicTracking) {
        return k.se().createClientSecurity(object(Objects.requireNonNull(client, "client")),
                new SecurityQualityOfService(level, dynamicTracking, effectiveOnly));
    }

    /** {@code SeImpersonateClientEx(context, server)}; server null means the calling thread. */
    public Result<ImpersonationDecision> seImpersonateClientEx(ClientSecurityContext context, ModelThread server) {
        ThreadObject target = server != null ? object(server) : caller.get();
        return k.se().impersonateClient(context, target);
    }

    /** {@code SeDeleteClientSecurity}. */
    public Result<Void> seDeleteClientSecurity(ClientSecurityContext context) {
        k.se().deleteClientSecurity(Objects.requireNonNull(context, "context"));
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, null);
    }

    /**
     * {@code SeQueryInformationToken(token, infoClass, &buffer)} of a referenced token (R93 c): only
     * the classes of {@link KernelTokenQuery#SUPPORTED}, no access check; see {@link KernelTokenQuery#query}
     * for the values.
     */
    public Result<Object> seQueryInformationToken(TokenReference reference, TokenInformationClass infoClass) {
        return KernelTokenQuery.query(Objects.requireNonNull(reference, "reference").token(), infoClass);
    }

    /**
     * {@code SePrivilegeCheck(privileges, subject context of thread, AccessMode)} (R95): TRUE in kernel
     * mode; in user mode whether the thread's effective token holds the privileges enabled (all of
     * them with {@code requireAll}, PRIVILEGE_SET_ALL_NECESSARY, else one). The routine returns a
     * BOOLEAN, so the status is always STATUS_SUCCESS.
     */
    public Result<PrivilegeCheckResult> sePrivilegeCheck(ModelThread subject, List<Luid> privileges, boolean requireAll,
                                                         boolean kernelMode) {
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, PrivilegeChecks.subjectCheck(
                object(Objects.requireNonNull(subject, "subject")), privileges, requireAll, kernelMode));
    }

    /**
     * {@code SeAccessCheck(sd, subject context of thread, ..., desired, previouslyGranted, ...,
     * mapping, AccessMode, ...)} (R97). The routine returns a BOOLEAN, so the result's status is
     * STATUS_SUCCESS and the outcome carries the BOOLEAN, GrantedAccess and AccessStatus.
     */
    public Result<SubjectAccessCheck.Outcome> seAccessCheck(SecurityDescriptor sd, ModelThread subject, int desired,
                                                            int previouslyGranted, GenericMapping mapping, boolean kernelMode) {
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, SubjectAccessCheck.check(sd,
                object(Objects.requireNonNull(subject, "subject")), desired, previouslyGranted, mapping, kernelMode));
    }

    private ThreadObject object(ModelThread thread) {
        return threads.apply(thread);
    }

    private Result<TokenObject> tokenByHandle(Handle token) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller.get(), token.value(), ObjectType.TOKEN, 0);
        return ref.succeeded() ? Result.ofStatus(NtStatus.STATUS_SUCCESS, (TokenObject) ref.value().object())
                : ref.withValue(null);
    }
}
