package io.github.tokenbridge.model.kernel.se;

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

    private static final ImpersonationDecision[][] ALL = new ImpersonationDecision[ImpersonationLevel.values().length][];

    static {
        for (ImpersonationLevel level : ImpersonationLevel.values()) {
            ImpersonationCheck[] checks = ImpersonationCheck.values();
            ALL[level.ordinal()] = new ImpersonationDecision[checks.length];
            for (ImpersonationCheck check : checks) {
                ALL[level.ordinal()][check.ordinal()] = new ImpersonationDecision(level, check);
            }
        }
    }

    /** The decision for {@code level} decided by {@code check} (shared instances: a decision is a value). */
    public static ImpersonationDecision of(ImpersonationLevel level, ImpersonationCheck check) {
        return ALL[level.ordinal()][check.ordinal()];
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
