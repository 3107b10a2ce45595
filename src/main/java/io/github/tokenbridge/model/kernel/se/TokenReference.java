package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.TokenType;

import java.util.Objects;

/**
 * A counted kernel reference to a token, as {@code PsReferenceImpersonationToken},
 * {@code PsReferenceEffectiveToken} and {@code PsReferencePrimaryToken} return it (R47), with the
 * values they return beside the token. Released with {@code PsDereference*Token}.
 *
 * @param token         the referenced token
 * @param type          Impersonation when it is the thread's impersonation token, Primary otherwise
 * @param copyOnOpen    the thread's CopyOnOpen (false for primary tokens)
 * @param effectiveOnly the thread's EffectiveOnly (false for primary tokens)
 * @param level         the thread's impersonation level (the stored level for primary tokens)
 */
public record TokenReference(TokenObject token, TokenType type, boolean copyOnOpen, boolean effectiveOnly,
                             ImpersonationLevel level) {

    public TokenReference {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(level, "level");
    }
}
