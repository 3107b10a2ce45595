package io.github.tokenbridge.conformance;

import io.github.tokenbridge.Acl;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The changeable state of a live backend's process token (each privilege's enabled state, the
 * default DACL, the session id), saved before a differential batch and put back after each
 * scenario: the scenarios of a jna batch share this JVM's process token, while the model starts
 * each one afresh. The native driver does the same in C ({@code native/src/tokenstate.c}). A
 * removed privilege cannot be put back, so the generator never removes one from the process token.
 */
final class ProcessTokenState {

    private static final int TOKEN_QUERY = 0x0008;
    private static final int TOKEN_ADJUST_PRIVILEGES = 0x0020;
    private static final int TOKEN_ADJUST_DEFAULT = 0x0080;
    private static final int TOKEN_ADJUST_SESSIONID = 0x0100;
    private static final int ENABLED = 0x2;

    private final List<TokenPrivilege> privileges;
    private final Optional<?> defaultDacl;
    private final Integer sessionId;

    private ProcessTokenState(List<TokenPrivilege> privileges, Optional<?> defaultDacl, Integer sessionId) {
        this.privileges = privileges;
        this.defaultDacl = defaultDacl;
        this.sessionId = sessionId;
    }

    /** Reads the state of {@code backend}'s process token. */
    static ProcessTokenState capture(TokenBackend backend) {
        Handle h = open(backend, TOKEN_QUERY);
        try {
            TokenReader r = new TokenReader(backend);
            return new ProcessTokenState(List.copyOf(r.privileges(h)),
                    (Optional<?>) r.query(h, TokenInformationClass.TokenDefaultDacl),
                    (Integer) r.query(h, TokenInformationClass.TokenSessionId));
        } finally {
            backend.closeHandle(h);
        }
    }

    /** Puts the saved state back where it differs; what the host refuses (a session change without SeTcb) stays. */
    void restore(TokenBackend backend) {
        ProcessTokenState now = capture(backend);
        Result<Handle> open = backend.openProcessToken(Handle.CURRENT_PROCESS,
                TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES | TOKEN_ADJUST_DEFAULT | TOKEN_ADJUST_SESSIONID);
        if (!open.succeeded()) {
            open = backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES | TOKEN_ADJUST_DEFAULT);
        }
        if (!open.succeeded()) {
            return;
        }
        Handle h = open.value();
        try {
            if (!now.privileges.equals(privileges)) {
                List<TokenPrivilege> states = new ArrayList<>();
                for (TokenPrivilege p : privileges) {
                    states.add(new TokenPrivilege(p.luid(), p.attributes() & ENABLED));
                }
                backend.adjustTokenPrivileges(h, false, states, -1);
            }
            if (!now.defaultDacl.equals(defaultDacl)) {
                backend.setTokenInformation(h, TokenInformationClass.TokenDefaultDacl, (Acl) defaultDacl.orElse(null));
            }
            if (sessionId != null && !sessionId.equals(now.sessionId)) {
                backend.setTokenInformation(h, TokenInformationClass.TokenSessionId, sessionId);
            }
        } finally {
            backend.closeHandle(h);
        }
    }

    @Override
    public String toString() {
        return "ProcessTokenState[privileges=" + privileges + ", defaultDacl=" + defaultDacl + ", session=" + sessionId + "]";
    }

    private static Handle open(TokenBackend backend, int access) {
        Result<Handle> r = backend.openProcessToken(Handle.CURRENT_PROCESS, access);
        if (!r.succeeded()) {
            throw new IllegalStateException("OpenProcessToken failed: " + r.outcomeName(false));
        }
        return r.value();
    }
}
