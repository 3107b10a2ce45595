package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.model.kernel.ps.ThreadObject;

import java.util.Objects;

/**
 * {@code SECURITY_CLIENT_CONTEXT}: a client's security captured by {@code SeCreateClientSecurity}
 * (R49, R51). Static tracking holds a snapshot copy of the client's token; dynamic tracking holds
 * the client thread and re-captures its effective token at each impersonation.
 */
public final class ClientSecurityContext {

    private final SecurityQualityOfService qos;
    private final ThreadObject clientThread;
    private final TokenObject staticToken;
    private boolean deleted;

    ClientSecurityContext(SecurityQualityOfService qos, ThreadObject clientThread, TokenObject staticToken) {
        this.qos = Objects.requireNonNull(qos, "qos");
        this.clientThread = clientThread;
        this.staticToken = staticToken;
    }

    /** The client's quality of service (with the level as captured). */
    public SecurityQualityOfService qos() {
        return qos;
    }

    /** The snapshot token under static tracking, else null. */
    TokenObject staticToken() {
        return staticToken;
    }

    /** The client thread under dynamic tracking, else null. */
    ThreadObject clientThread() {
        return clientThread;
    }

    /** True after {@code SeDeleteClientSecurity}. */
    public synchronized boolean isDeleted() {
        return deleted;
    }

    synchronized void markDeleted() {
        if (deleted) {
            throw new IllegalStateException("the client security context was already deleted");
        }
        deleted = true;
    }
}
