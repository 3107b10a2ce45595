package io.github.tokenbridge.model.kernel.ps;

import io.github.tokenbridge.model.kernel.se.TokenObject;

import io.github.tokenbridge.ImpersonationLevel;

import java.util.Objects;

/**
 * What a thread holds while it impersonates (R47, R48): the token object and the three values that
 * {@code PsImpersonateClient} stores with it.
 *
 * @param token         the impersonation token (the object itself, not a copy; R34)
 * @param copyOnOpen    whether opening the thread token must give a copy (R33)
 * @param effectiveOnly whether the holder may not enable disabled groups or privileges (R50)
 * @param level         the impersonation level in effect
 */
public record ImpersonationState(TokenObject token, boolean copyOnOpen, boolean effectiveOnly, ImpersonationLevel level) {

    public ImpersonationState {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(level, "level");
    }
}
