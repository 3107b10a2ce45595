package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Privilege;

/**
 * The one impersonation decision procedure of the model ({@code SeTokenCanImpersonate}; R37, R38,
 * R40): may a thread of {@code process} impersonate {@code token} at {@code level}, or is the
 * assignment silently downgraded to an Identification-level copy?
 *
 * <p>Modelled checks, in order: (a) low level or anonymous session, (b) SeImpersonatePrivilege
 * enabled, (c) integrity, (d) origin session, (e) same user, (f) elevation (Windows 10+),
 * (g) restricted and write-restricted parity (one-directional, following WSI over ReactOS; R38
 * CONFLICT). Not modelled: lowbox package checks (the model has no AppContainer tokens) and the
 * session-0 console check (h), which WSI describes only vaguely.
 */
public final class ImpersonationPolicy {

    /** Decides for {@code token} assigned at {@code level} to a thread of a process whose primary token is {@code primary}. */
    public ImpersonationDecision decide(TokenObject token, ImpersonationLevel level, TokenObject primary) {
        TokenContents t = token.contents();
        TokenContents p = primary.contents();
        if (!ImpersonationLevel.IDENTIFICATION.isBelow(level) || t.authenticationId().equals(Luid.ANONYMOUS_LOGON)) {
            return ImpersonationDecision.of(level, ImpersonationCheck.LOW_LEVEL_OR_ANONYMOUS);
        }
        if (primary.hasEnabledPrivilege(Privilege.SeImpersonatePrivilege)) {
            return ImpersonationDecision.of(level, ImpersonationCheck.IMPERSONATE_PRIVILEGE);
        }
        if (p.integrity().rid() < t.integrity().rid()) {
            return ImpersonationDecision.of(level, ImpersonationCheck.INTEGRITY_TOO_LOW);
        }
        if (t.origin().equals(p.authenticationId())) {
            return ImpersonationDecision.of(level, ImpersonationCheck.SAME_ORIGIN_SESSION);
        }
        if (!t.user().sid().equals(p.user().sid())) {
            return ImpersonationDecision.of(level, ImpersonationCheck.DIFFERENT_USER);
        }
        if (t.elevated() && !p.elevated()) {
            return ImpersonationDecision.of(level, ImpersonationCheck.ELEVATION);
        }
        if ((primary.isRestricted() && !token.isRestricted()) || (primary.isWriteRestricted() && !token.isWriteRestricted())) {
            return ImpersonationDecision.of(level, ImpersonationCheck.SANDBOX);
        }
        return ImpersonationDecision.of(level, ImpersonationCheck.DEFAULT_ALLOW);
    }
}
