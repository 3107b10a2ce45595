package io.github.tokenbridge.conformance;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.model.LogonOrigin;
import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelThread;
import io.github.tokenbridge.model.internal.KernelRoutines;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.se.ClientSecurityContext;
import io.github.tokenbridge.model.kernel.se.TokenReference;

import java.util.Locale;
import java.util.Optional;

/** The bridge from {@link ModelVerbs} to a {@link ModelBackend}'s world API and kernel routines. */
final class ModelWorldVerbs implements ModelVerbs {

    private static final int THREAD_ALL_ACCESS = 0x001FFFFF;
    private static final int TOKEN_ALL_ACCESS = 0x000F01FF;

    private final ModelBackend model;
    private final KernelRoutines kernel;

    private ModelWorldVerbs(ModelBackend model) {
        this.model = model;
        this.kernel = ModelInternals.kernelRoutines(model.world());
    }

    /** The model verbs of a model backend, or null when the backend is not the model. */
    static ModelVerbs of(TokenBackend backend) {
        return backend instanceof ModelBackend m ? new ModelWorldVerbs(m) : null;
    }

    @Override
    public Object currentThread() {
        return model.world().currentThread();
    }

    @Override
    public Result<Handle> logon(String user, String logonType, String origin) {
        return model.world().logon(LogonPrincipal.valueOf(user.toUpperCase(Locale.ROOT)),
                LogonType.valueOf(logonType.toUpperCase(Locale.ROOT)), LogonOrigin.valueOf(origin.toUpperCase(Locale.ROOT)));
    }

    @Override
    public Result<Handle> createProcess(Handle token) {
        return model.world().createProcess(token);
    }

    @Override
    public Result<CreatedThread> createThread(Handle process) {
        Result<ModelThread> r = model.world().createThread(process);
        if (!r.succeeded()) {
            return r.withValue(null);
        }
        Result<Handle> handle = model.openThread(THREAD_ALL_ACCESS, r.value().threadId());
        return r.withValue(new CreatedThread(r.value(), handle.succeeded() ? handle.value() : null));
    }

    @Override
    public Result<Void> psImpersonateClient(Object thread, Object token, boolean copyOnOpen, boolean effectiveOnly,
                                            ImpersonationLevel level) {
        if (token == null) {
            return kernel.psImpersonateClient((ModelThread) thread, Handle.NULL, copyOnOpen, effectiveOnly, level)
                    .withValue(null);
        }
        if (token instanceof Handle h) {
            return kernel.psImpersonateClient((ModelThread) thread, h, copyOnOpen, effectiveOnly, level).withValue(null);
        }
        Handle temporary = kernel.openHandle((TokenReference) token, TOKEN_ALL_ACCESS);
        try {
            return kernel.psImpersonateClient((ModelThread) thread, temporary, copyOnOpen, effectiveOnly, level)
                    .withValue(null);
        } finally {
            model.closeHandle(temporary);
        }
    }

    @Override
    public Result<ImpersonationInfo> psReferenceImpersonationToken(Object thread) {
        Result<Optional<TokenReference>> r = kernel.psReferenceImpersonationToken((ModelThread) thread);
        if (!r.succeeded()) {
            return r.withValue(null);
        }
        return r.withValue(r.value().map(ref -> new ImpersonationInfo(ref, ref.copyOnOpen(), ref.effectiveOnly(), ref.level()))
                .orElse(null));
    }

    @Override
    public Result<Void> psRevertToSelf() {
        return kernel.psRevertToSelf();
    }

    @Override
    public Result<Object> psReferencePrimaryToken(Handle process) {
        Result<TokenReference> r = kernel.psReferencePrimaryToken(process);
        return r.withValue(r.value());
    }

    @Override
    public Result<Void> psDereference(Object token) {
        return kernel.psDereference((TokenReference) token);
    }

    @Override
    public Result<Object> seCreateClientSecurity(Object clientThread, ImpersonationLevel level, boolean effectiveOnly,
                                                 boolean dynamicTracking) {
        Result<ClientSecurityContext> r = kernel.seCreateClientSecurity((ModelThread) clientThread, level, effectiveOnly,
                dynamicTracking);
        return r.withValue(r.value());
    }

    @Override
    public Result<Void> seImpersonateClientEx(Object context, Object serverThread) {
        return kernel.seImpersonateClientEx((ClientSecurityContext) context, (ModelThread) serverThread).withValue(null);
    }

    @Override
    public Result<Void> seDeleteClientSecurity(Object context) {
        return kernel.seDeleteClientSecurity((ClientSecurityContext) context);
    }

    @Override
    public Result<Handle> openKernelToken(Object token, int access) {
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, kernel.openHandle((TokenReference) token, access));
    }

    @Override
    public <T> T runAs(Object thread, java.util.concurrent.Callable<T> work) throws Exception {
        return model.world().runAs((ModelThread) thread, work);
    }
}
