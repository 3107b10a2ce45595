package io.github.tokenbridge.model.kernel;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;

import java.util.List;

/**
 * Token duplication ({@code SepDuplicateToken}; R53-R55): a new object with a new TokenId and a
 * copy of every field (ModifiedId copied, not renewed), the requested type and level, and with
 * EffectiveOnly every disabled group (never the user) and disabled privilege dropped.
 */
public final class TokenDuplicator {

    private final Kernel kernel;

    public TokenDuplicator(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Duplicates {@code source}; level rules (R53) are the caller's to check.
     *
     * @param securityDescriptor the new token's own descriptor (already resolved, R14)
     */
    public TokenObject duplicate(TokenObject source, TokenType type, ImpersonationLevel level, boolean effectiveOnly,
                                 SecurityDescriptor securityDescriptor) {
        TokenContents contents = source.contents().withTypeAndLevel(type, level);
        if (effectiveOnly) {
            List<TokenGroup> groups = contents.groups().stream()
                    .filter(g -> g.enabled() || (g.attributes() & 0x20) != 0).toList();
            List<TokenPrivilege> privileges = contents.privileges().stream().filter(TokenPrivilege::enabled).toList();
            contents = contents.withGroupsAndPrivileges(groups, privileges);
        }
        return kernel.createToken(contents, securityDescriptor);
    }
}
