package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenType;

import java.util.Objects;

/**
 * Models {@code CheckTokenMembership} (R60, R64) for a given token: a primary token fails with
 * STATUS_NO_IMPERSONATION_TOKEN; an Anonymous-level token with STATUS_BAD_IMPERSONATION_LEVEL (as
 * for AccessCheck, on which Windows builds the function); the SID is a member when it is the user
 * or an enabled group, neither deny-only, and, for a restricted token, also one of the restricted
 * SIDs, unless the token is write-restricted: the function is an access check for a right that is
 * not a write right, and a write-restricted token's restricting SIDs count only for write access
 * (D2). Choosing the token for a NULL handle is the caller's job (it depends on the thread).
 */
public final class TokenMembership {

    private TokenMembership() {
    }

    /** The outcome: the status, and whether the SID is a member (false on failure, as Windows sets it). */
    public record Outcome(NtStatus status, boolean member) {
    }

    /** Evaluates {@code CheckTokenMembership(token, sid)}. */
    public static Outcome check(ClientToken token, Sid sid) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(sid, "sid");
        if (token.type() != TokenType.IMPERSONATION) {
            return new Outcome(NtStatus.STATUS_NO_IMPERSONATION_TOKEN, false);
        }
        if (token.level().isBelow(ImpersonationLevel.IDENTIFICATION)) {
            return new Outcome(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, false);
        }
        boolean member = DaclEvaluator.inTokenForAllow(sid, token)
                && (token.restrictedSidCount() == 0 || token.writeRestricted() || DaclEvaluator.inRestricted(sid, token));
        return new Outcome(NtStatus.STATUS_SUCCESS, member);
    }
}
