package io.github.tokenbridge.model.kernel;

import io.github.tokenbridge.ImpersonationLevel;

import java.util.Objects;

/**
 * The result of the impersonation decision (R38): whether the token is assigned at the level asked
 * for or silently downgraded to Identification, and which check decided, so that an explanation can
 * be given.
 *
 * @param requestedLevel the level asked for
 * @param decidedBy      the check that decided
 */
public record ImpersonationDecision(ImpersonationLevel requestedLevel, ImpersonationCheck decidedBy) {

    public ImpersonationDecision {
        Objects.requireNonNull(requestedLevel, "requestedLevel");
        Objects.requireNonNull(decidedBy, "decidedBy");
    }

    /** True when the token is assigned as given. */
    public boolean allowed() {
        return decidedBy.allows();
    }

    /** The level the thread ends up with: the requested one, or Identification after a downgrade. */
    public ImpersonationLevel effectiveLevel() {
        return allowed() ? requestedLevel : ImpersonationLevel.IDENTIFICATION;
    }
}
