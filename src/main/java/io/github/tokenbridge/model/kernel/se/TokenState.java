package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;

import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of the token state the access checks read and the token transformations
 * ({@code CreateRestrictedToken}, R10; {@code AdjustTokenGroups}, R57) rewrite.
 *
 * @param userEntry       the user with its attributes
 * @param groups          the groups (without the user and without the integrity label)
 * @param restrictedSids  the restricted SIDs; empty for an unrestricted token
 * @param privileges      the privileges
 * @param integrityLevel  the integrity level SID (R8)
 * @param mandatoryPolicy the {@code TOKEN_MANDATORY_POLICY} bits
 * @param type            primary or impersonation
 * @param level           the impersonation level
 * @param writeRestricted true for a write-restricted token (the restricted pass only for write access)
 */
public record TokenState(TokenGroup userEntry, List<TokenGroup> groups, List<TokenGroup> restrictedSids,
                         List<TokenPrivilege> privileges, Sid integrityLevel, int mandatoryPolicy,
                         TokenType type, ImpersonationLevel level, boolean writeRestricted) implements ClientToken {

    public TokenState {
        Objects.requireNonNull(userEntry, "userEntry");
        groups = List.copyOf(groups);
        restrictedSids = List.copyOf(restrictedSids);
        privileges = List.copyOf(privileges);
        Objects.requireNonNull(integrityLevel, "integrityLevel");
        if (!integrityLevel.isIntegrityLabel()) {
            throw new IllegalArgumentException("not an integrity level SID: " + integrityLevel);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(level, "level");
    }

    /** A copy with other groups. */
    public TokenState withGroups(List<TokenGroup> newGroups) {
        return new TokenState(userEntry, newGroups, restrictedSids, privileges, integrityLevel, mandatoryPolicy, type, level,
                writeRestricted);
    }

    @Override
    public Sid user() {
        return userEntry.sid();
    }

    @Override
    public int userAttributes() {
        return userEntry.attributes();
    }

    @Override
    public int groupCount() {
        return groups.size();
    }

    @Override
    public Sid groupSid(int index) {
        return groups.get(index).sid();
    }

    @Override
    public int groupAttributes(int index) {
        return groups.get(index).attributes();
    }

    @Override
    public int restrictedSidCount() {
        return restrictedSids.size();
    }

    @Override
    public Sid restrictedSid(int index) {
        return restrictedSids.get(index).sid();
    }

    @Override
    public int privilegeCount() {
        return privileges.size();
    }

    @Override
    public Luid privilegeLuid(int index) {
        return privileges.get(index).luid();
    }

    @Override
    public int privilegeAttributes(int index) {
        return privileges.get(index).attributes();
    }

    @Override
    public Sid integrityLevel() {
        return integrityLevel;
    }

    @Override
    public TokenType type() {
        return type;
    }

    @Override
    public ImpersonationLevel level() {
        return level;
    }
}
