package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.model.kernel.Kernel;

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
            // R55 (W-SEC test_duplicate_token; ReactOS SepDuplicateToken): every group that is not enabled
            // is dropped, deny-only groups included; the integrity label stays. Whether Windows keeps
            // deny-only groups (dropping one lifts the deny ACEs that name it) is UNVERIFIED: scenario
            // effective-only-duplicate-drops-deny-only-groups settles it on a Windows host.
            List<TokenGroup> groups = contents.groups().stream()
                    .filter(g -> g.enabled() || (g.attributes() & 0x20) != 0).toList();
            List<TokenPrivilege> privileges = contents.privileges().stream().filter(TokenPrivilege::enabled).toList();
            contents = contents.withGroupsAndPrivileges(groups, privileges);
            TokenContents c = contents;
            boolean ownerKept = c.owner().equals(c.user().sid()) || groups.stream().anyMatch(g -> g.sid().equals(c.owner()));
            if (!ownerKept) { // R5: the owner must be the user or a group of the token, so a dropped owner group gives way to the user
                contents = new TokenContents(c.user(), c.groups(), c.privileges(), c.user().sid(), c.primaryGroup(),
                        c.defaultDacl(), c.source(), c.type(), c.level(), c.authenticationId(), c.parentTokenId(),
                        c.origin(), c.modifiedId(), c.expirationTime(), c.sessionId(), c.mandatoryPolicy(),
                        c.restrictedSids(), c.elevationType(), c.elevated(), c.linkedToken(), c.flags());
            }
        }
        return kernel.createToken(contents, securityDescriptor);
    }
}
