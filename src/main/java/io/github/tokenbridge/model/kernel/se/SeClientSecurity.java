package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.model.kernel.ps.ImpersonationState;
import io.github.tokenbridge.model.kernel.ps.PsRoutines;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Result;

import java.util.Objects;
import java.util.Optional;

/**
 * The security reference monitor's client-security routines (R49-R51): {@code SeCreateClientSecurity}
 * captures a client thread's effective token under a quality of service, {@code SeImpersonateClientEx}
 * makes a server thread impersonate it (through {@code PsImpersonateClient}, so R38 applies), and
 * {@code SeDeleteClientSecurity} releases it.
 */
public final class SeClientSecurity {

    private final PsRoutines ps;

    public SeClientSecurity(PsRoutines ps) {
        this.ps = ps;
    }

    /**
     * {@code SeCreateClientSecurity(ClientThread, Qos, RemoteSession, ClientContext)}. Fails with
     * STATUS_BAD_IMPERSONATION_LEVEL when the client impersonates below SecurityImpersonation,
     * whatever the QoS asks (R51). The level captured is the lower of the QoS level and the
     * client's own impersonation level.
     */
    public Result<ClientSecurityContext> createClientSecurity(ThreadObject client, SecurityQualityOfService qos) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(qos, "qos");
        ImpersonationLevel level = capturedLevel(client, qos.level());
        if (level == null) {
            return Result.failure(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL);
        }
        SecurityQualityOfService captured = new SecurityQualityOfService(level, qos.dynamicTracking(), qos.effectiveOnly());
        if (qos.dynamicTracking()) {
            return Result.ofStatus(NtStatus.STATUS_SUCCESS, new ClientSecurityContext(captured, client, null));
        }
        TokenObject source = client.effectiveToken();
        TokenObject snapshot = ps.duplicator().duplicate(source, TokenType.IMPERSONATION, level, qos.effectiveOnly(),
                source.securityDescriptor());
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, new ClientSecurityContext(captured, null, snapshot));
    }

    /**
     * {@code SeImpersonateClientEx(ClientContext, ServerThread)}: static contexts impersonate the
     * snapshot; dynamic ones the client's current effective token (its process token after the
     * client reverted), copied when EffectiveOnly, otherwise referenced with CopyOnOpen so the
     * server cannot change the client's own token through an opened handle.
     */
    public Result<ImpersonationDecision> impersonateClient(ClientSecurityContext context, ThreadObject server) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(server, "server");
        if (context.isDeleted()) {
            throw new IllegalStateException("the client security context was deleted");
        }
        SecurityQualityOfService qos = context.qos();
        if (context.staticToken() != null) {
            return ps.impersonateClient(server, context.staticToken(), false, qos.effectiveOnly(), qos.level());
        }
        ThreadObject client = context.clientThread();
        ImpersonationLevel level = capturedLevel(client, qos.level());
        if (level == null) {
            return Result.failure(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL);
        }
        TokenObject current = client.effectiveToken();
        if (qos.effectiveOnly()) {
            TokenObject copy = ps.duplicator().duplicate(current, TokenType.IMPERSONATION, level, true,
                    current.securityDescriptor());
            return ps.impersonateClient(server, copy, false, true, level);
        }
        return ps.impersonateClient(server, current, true, false, level);
    }

    /** {@code SeDeleteClientSecurity}: releases the context; using or deleting it again is a programming error. */
    public void deleteClientSecurity(ClientSecurityContext context) {
        context.markDeleted();
    }

    /**
     * The level a capture of {@code client} gets when {@code asked} is requested: the lower of the
     * two when the client impersonates, or null when the client impersonates below
     * SecurityImpersonation, which no capture accepts (R43, R51).
     */
    private static ImpersonationLevel capturedLevel(ThreadObject client, ImpersonationLevel asked) {
        Optional<ImpersonationState> state = client.impersonation();
        if (state.isEmpty()) {
            return asked;
        }
        ImpersonationLevel own = state.get().level();
        if (own.isBelow(ImpersonationLevel.IMPERSONATION)) {
            return null;
        }
        return own.isBelow(asked) ? own : asked;
    }
}
