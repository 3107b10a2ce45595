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
 * EffectiveOnly every disabled group (never the user, never a deny-only group) and disabled
 * privilege dropped, and a default owner whose group was dropped replaced by the user.
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
            // SepMakeTokenEffectiveOnly drops groups that are neither enabled nor deny-only: a deny-only
            // group stays (dropping it would let deny ACEs for it stop applying); the integrity label stays
            List<TokenGroup> groups = contents.groups().stream()
                    .filter(g -> g.enabled() || (g.attributes() & (0x20 | 0x10)) != 0).toList();
            List<TokenPrivilege> privileges = contents.privileges().stream().filter(TokenPrivilege::enabled).toList();
            contents = contents.withGroupsAndPrivileges(groups, privileges);
            TokenContents c = contents;
            boolean ownerKept = c.owner().equals(c.user().sid()) || groups.stream().anyMatch(g -> g.sid().equals(c.owner()));
            if (!ownerKept) { // a default owner whose group lapsed becomes the user
                contents = new TokenContents(c.user(), c.groups(), c.privileges(), c.user().sid(), c.primaryGroup(),
                        c.defaultDacl(), c.source(), c.type(), c.level(), c.authenticationId(), c.parentTokenId(),
                        c.origin(), c.modifiedId(), c.expirationTime(), c.sessionId(), c.mandatoryPolicy(),
                        c.restrictedSids(), c.elevationType(), c.elevated(), c.linkedToken(), c.flags());
            }
        }
        return kernel.createToken(contents, securityDescriptor);
    }
}
