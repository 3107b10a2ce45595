package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.Acl;
import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenSource;
import io.github.tokenbridge.TokenType;

import java.util.List;
import java.util.Objects;

/**
 * Every field of a token (R5) except its own id and security descriptor: what a token is created
 * from and what a duplicate copies (R54). The integrity level is one of the groups (R8).
 *
 * @param user                the user entry (attributes normally 0; deny-only in some restricted tokens)
 * @param groups              the groups with attributes, the integrity label (0x60) included
 * @param privileges          the privileges with attributes
 * @param owner               the default owner (the user or an owner group)
 * @param primaryGroup        the primary group
 * @param defaultDacl         the default DACL, or null for a NULL default DACL (R15)
 * @param source              the token source
 * @param type                primary or impersonation
 * @param level               the stored impersonation level (kept, but ignored, for primary tokens; R4)
 * @param authenticationId    the logon session
 * @param parentTokenId       the id of the token this one was derived from (zero for a logon's first token)
 * @param origin              the originating logon session (R9)
 * @param modifiedId          renewed on every change (R9)
 * @param expirationTime      FILETIME; Long.MAX_VALUE means never
 * @param sessionId           the terminal-services session
 * @param mandatoryPolicy     TOKEN_MANDATORY_POLICY (1 no-write-up, 2 new-process-min)
 * @param restrictedSids      the restricted SID list (empty when not restricted)
 * @param elevationType       default, full or limited (R11)
 * @param elevated            TokenIsElevated
 * @param linkedToken         the other half of a split token, or null (R11)
 * @param flags               TOKEN_* flags (e.g. {@link TokenObject#FLAG_WRITE_RESTRICTED})
 */
public record TokenContents(
        TokenGroup user,
        List<TokenGroup> groups,
        List<TokenPrivilege> privileges,
        Sid owner,
        Sid primaryGroup,
        Acl defaultDacl,
        TokenSource source,
        TokenType type,
        ImpersonationLevel level,
        Luid authenticationId,
        Luid parentTokenId,
        Luid origin,
        Luid modifiedId,
        long expirationTime,
        int sessionId,
        int mandatoryPolicy,
        List<TokenGroup> restrictedSids,
        ElevationType elevationType,
        boolean elevated,
        TokenObject linkedToken,
        int flags) {

    public TokenContents {
        Objects.requireNonNull(user, "user");
        groups = List.copyOf(groups);
        privileges = List.copyOf(privileges);
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(primaryGroup, "primaryGroup");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(authenticationId, "authenticationId");
        Objects.requireNonNull(parentTokenId, "parentTokenId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(modifiedId, "modifiedId");
        restrictedSids = List.copyOf(restrictedSids);
        Objects.requireNonNull(elevationType, "elevationType");
    }

    /** A copy with another type and level (duplication, R53). */
    public TokenContents withTypeAndLevel(TokenType newType, ImpersonationLevel newLevel) {
        return new TokenContents(user, groups, privileges, owner, primaryGroup, defaultDacl, source, newType, newLevel,
                authenticationId, parentTokenId, origin, modifiedId, expirationTime, sessionId, mandatoryPolicy,
                restrictedSids, elevationType, elevated, linkedToken, flags);
    }

    /** A copy with other groups and privileges (EffectiveOnly, R55). */
    public TokenContents withGroupsAndPrivileges(List<TokenGroup> newGroups, List<TokenPrivilege> newPrivileges) {
        return new TokenContents(user, newGroups, newPrivileges, owner, primaryGroup, defaultDacl, source, type, level,
                authenticationId, parentTokenId, origin, modifiedId, expirationTime, sessionId, mandatoryPolicy,
                restrictedSids, elevationType, elevated, linkedToken, flags);
    }

    /** The integrity label SID (the group with SE_GROUP_INTEGRITY), or Untrusted when there is none. */
    public Sid integrity() {
        for (int i = 0, n = groups.size(); i < n; i++) { // a loop: every object open asks (R24)
            TokenGroup g = groups.get(i);
            if ((g.attributes() & 0x20) != 0) {
                return g.sid();
            }
        }
        return Sid.UNTRUSTED_LABEL;
    }
}
