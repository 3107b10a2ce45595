package io.github.tokenbridge.model.nt;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.se.ClientSecurityContext;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.se.ImpersonationDecision;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.se.SecurityQualityOfService;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.TokenObject;

/**
 * {@code NtSetInformationThread(ThreadImpersonationToken)} (R35), {@code NtImpersonateAnonymousToken}
 * (R44) and {@code NtImpersonateThread} (R43) of the model; all assign through {@code PsImpersonateClient},
 * so the decision of R38 applies.
 */
public final class NtThreadImpersonation {

    /** THREAD_SET_THREAD_TOKEN. */
    static final int THREAD_SET_THREAD_TOKEN = 0x0080;
    /** THREAD_IMPERSONATE. */
    static final int THREAD_IMPERSONATE = 0x0100;
    /** THREAD_DIRECT_IMPERSONATION. */
    static final int THREAD_DIRECT_IMPERSONATION = 0x0200;
    /** TOKEN_IMPERSONATE. */
    static final int TOKEN_IMPERSONATE = 0x0004;
    /** sizeof(HANDLE) on x64: the only accepted information length (R35). */
    public static final int HANDLE_SIZE = 8;

    private final KernelServices k;

    public NtThreadImpersonation(KernelServices k) {
        this.k = k;
    }

    /**
     * {@code NtSetInformationThread(thread, ThreadImpersonationToken, &token, length)}: length must
     * be sizeof(HANDLE) (STATUS_INFO_LENGTH_MISMATCH); thread needs THREAD_SET_THREAD_TOKEN; NULL token
     * reverts; otherwise TOKEN_IMPERSONATE and an impersonation token (STATUS_BAD_TOKEN_TYPE),
     * assigned at its own level with CopyOnOpen and EffectiveOnly FALSE.
     *
     * @return the decision (null when reverting)
     */
    public Result<ImpersonationDecision> setImpersonationToken(ThreadObject caller, long thread, long token, int length) {
        if (length != HANDLE_SIZE) {
            return Result.failure(NtStatus.STATUS_INFO_LENGTH_MISMATCH);
        }
        Result<HandleEntry> threadRef = k.objects().referenceByHandle(caller, thread, ObjectType.THREAD, THREAD_SET_THREAD_TOKEN);
        if (!threadRef.succeeded()) {
            return threadRef.withValue(null);
        }
        ThreadObject target = (ThreadObject) threadRef.value().object();
        if (token == 0) {
            k.ps().revertToSelf(target);
            return Result.ofStatus(NtStatus.STATUS_SUCCESS, null);
        }
        Result<HandleEntry> tokenRef = k.objects().referenceByHandle(caller, token, ObjectType.TOKEN, TOKEN_IMPERSONATE);
        if (!tokenRef.succeeded()) {
            return tokenRef.withValue(null);
        }
        TokenObject object = (TokenObject) tokenRef.value().object();
        if (object.type() != TokenType.IMPERSONATION) {
            return Result.failure(NtStatus.STATUS_BAD_TOKEN_TYPE);
        }
        return k.ps().impersonateClient(target, object, false, false, object.level());
    }

    /**
     * {@code NtImpersonateAnonymousToken}: THREAD_IMPERSONATE on the thread, the calling process's
     * token must not be restricted (STATUS_ACCESS_DENIED), then the system's ANONYMOUS LOGON token at
     * SecurityImpersonation with CopyOnOpen TRUE (R33, R44).
     */
    public Result<ImpersonationDecision> impersonateAnonymousToken(ThreadObject caller, long thread) {
        Result<HandleEntry> threadRef = k.objects().referenceByHandle(caller, thread, ObjectType.THREAD, THREAD_IMPERSONATE);
        if (!threadRef.succeeded()) {
            return threadRef.withValue(null);
        }
        if (caller.process().primaryToken().isRestricted()) {
            return Result.failure(NtStatus.STATUS_ACCESS_DENIED);
        }
        return k.ps().impersonateClient((ThreadObject) threadRef.value().object(), k.kernel().anonymousToken(), true, false,
                ImpersonationLevel.IMPERSONATION);
    }

    /**
     * {@code NtImpersonateThread(server, client, &qos)} (R43): the server handle needs
     * THREAD_IMPERSONATE and is referenced first (R-PSSEC order), then the client handle
     * THREAD_DIRECT_IMPERSONATION;
     * the client's effective token is captured as {@code SeCreateClientSecurity} captures an IPC client
     * (no access check on that token; STATUS_BAD_IMPERSONATION_LEVEL when the client impersonates
     * below SecurityImpersonation, R51) and the server impersonates it through
     * {@code SeImpersonateClientEx} (R49, R38); the context is deleted either way.
     *
     * @return the decision for the server thread
     */
    public Result<ImpersonationDecision> impersonateThread(ThreadObject caller, long server, long client,
                                                           SecurityQualityOfService qos) {
        Result<HandleEntry> serverRef = k.objects().referenceByHandle(caller, server, ObjectType.THREAD, THREAD_IMPERSONATE);
        if (!serverRef.succeeded()) {
            return serverRef.withValue(null);
        }
        Result<HandleEntry> clientRef = k.objects().referenceByHandle(caller, client, ObjectType.THREAD,
                THREAD_DIRECT_IMPERSONATION);
        if (!clientRef.succeeded()) {
            return clientRef.withValue(null);
        }
        Result<ClientSecurityContext> context = k.se().createClientSecurity(
                (ThreadObject) clientRef.value().object(), qos);
        if (!context.succeeded()) {
            return context.withValue(null);
        }
        try {
            return k.se().impersonateClient(context.value(), (ThreadObject) serverRef.value().object());
        } finally {
            k.se().deleteClientSecurity(context.value());
        }
    }
}
