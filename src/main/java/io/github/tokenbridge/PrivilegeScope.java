package io.github.tokenbridge;

import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.Result;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Privileges enabled by {@link TokenSystem#enablePrivileges}: closing the scope puts back the
 * attributes those privileges had before, from the {@code PreviousState} that
 * {@code AdjustTokenPrivileges} returned (R56). Privileges belong to the token, not the thread, so
 * the scope may be closed on any thread; it closes exactly once. The token's handle stays open
 * until the scope is closed, even if the token is closed first.
 */
public final class PrivilegeScope implements AutoCloseable {

    private final AccessToken token;
    private final List<TokenPrivilege> previousState;
    private final Set<Privilege> requested;
    private final boolean allAssigned;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PrivilegeScope(AccessToken token, List<TokenPrivilege> previousState, Set<Privilege> requested,
                           boolean allAssigned) {
        this.token = token;
        this.previousState = previousState;
        this.requested = requested;
        this.allAssigned = allAssigned;
    }

    /** Enables {@code privileges} on {@code token}; see {@link TokenSystem#enablePrivileges(AccessToken, NotAllAssignedPolicy, Privilege...)}. */
    static PrivilegeScope enable(AccessToken token, NotAllAssignedPolicy policy, Privilege... privileges) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(privileges, "privileges");
        Set<Privilege> wanted = new LinkedHashSet<>();
        for (Privilege privilege : privileges) {
            wanted.add(Objects.requireNonNull(privilege, "privileges contains null"));
        }
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("no privilege to enable");
        }
        List<TokenPrivilege> newState = new ArrayList<>();
        for (Privilege privilege : wanted) {
            newState.add(TokenPrivilege.of(privilege, PrivilegeAttribute.ENABLED.mask()));
        }
        int previousLength = 4 + 12 * newState.size();
        Result<AdjustResult<TokenPrivilege>> result = token.withHandle(
                h -> token.system().backendSpi().adjustTokenPrivileges(h, false, newState, previousLength));
        Failures failures = token.system().failures();
        AdjustResult<TokenPrivilege> adjusted = token.require(result, "AdjustTokenPrivileges", TokenAccess.ADJUST_PRIVILEGES);
        boolean all = result.win32Error() != Win32Error.ERROR_NOT_ALL_ASSIGNED.code();
        token.retain();
        PrivilegeScope scope = new PrivilegeScope(token, adjusted.previousState(), Set.copyOf(wanted), all);
        TokenEvents.privileges(true, wanted, all, token);
        if (!all && policy == NotAllAssignedPolicy.FAIL) {
            scope.close();
            throw failures.exception(result, "AdjustTokenPrivileges",
                    "not every privilege of " + wanted + " is held by the token (R56); nothing was left enabled");
        }
        return scope;
    }

    /** The privileges asked for. */
    public Set<Privilege> requested() {
        return requested;
    }

    /** False when {@code AdjustTokenPrivileges} reported {@code ERROR_NOT_ALL_ASSIGNED}. */
    public boolean allAssigned() {
        return allAssigned;
    }

    /** The privileges this scope changed, with the attributes they had before. */
    public List<TokenPrivilege> previousState() {
        return previousState;
    }

    /**
     * Restores the previous attributes of the privileges that were changed.
     *
     * @throws WinTokenException when {@code AdjustTokenPrivileges} fails
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!previousState.isEmpty()) {
                Result<AdjustResult<TokenPrivilege>> result = token.system().backendSpi()
                        .adjustTokenPrivileges(token.retainedHandle(), false, previousState, -1);
                token.system().failures().require(result, "AdjustTokenPrivileges");
                TokenEvents.privileges(false, previousState, true, token);
            }
        } finally {
            token.unretain();
        }
    }
}
