package io.github.tokenbridge;

import java.util.List;
import java.util.Objects;

/**
 * {@code TOKEN_GROUPS_AND_PRIVILEGES}: a token's user and groups, restricting SIDs, privileges and
 * logon session in one answer ({@code TokenGroupsAndPrivileges}, R5, R59).
 *
 * @param sids             the user first (attributes 0 for an unrestricted user), then every group
 * @param restrictedSids   the restricting SIDs; empty for an unrestricted token (R10)
 * @param privileges       the privileges with their attributes
 * @param authenticationId the logon session
 */
public record TokenGroupsAndPrivileges(List<TokenGroup> sids, List<TokenGroup> restrictedSids,
                                       List<TokenPrivilege> privileges, Luid authenticationId) {

    public TokenGroupsAndPrivileges {
        sids = List.copyOf(sids);
        restrictedSids = List.copyOf(restrictedSids);
        privileges = List.copyOf(privileges);
        Objects.requireNonNull(authenticationId, "authenticationId");
        if (sids.isEmpty()) {
            throw new IllegalArgumentException("TOKEN_GROUPS_AND_PRIVILEGES always holds the user SID");
        }
    }

    /** The user entry ({@code Sids[0]}). */
    public TokenGroup user() {
        return sids.get(0);
    }

    /** The groups: every entry after the user. */
    public List<TokenGroup> groups() {
        return sids.subList(1, sids.size());
    }
}
