package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.GroupAttribute;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Models the token transformation of {@code CreateRestrictedToken} / {@code NtFilterToken} (R10;
 * MSDOC "CreateRestrictedToken"): a disabled SID (user or group) becomes {@code USE_FOR_DENY_ONLY}
 * with {@code ENABLED} and {@code ENABLED_BY_DEFAULT} cleared; a deleted privilege leaves the list;
 * {@code DISABLE_MAX_PRIVILEGE} deletes every privilege but SeChangeNotifyPrivilege and ignores the
 * list of privileges to delete; restricting SIDs are added enabled and mandatory, intersected with
 * the existing list when the source is already restricted; {@code WRITE_RESTRICTED} makes the
 * restricting SIDs count for write access only; {@code SANDBOX_INERT} is recorded on the new token
 * (it turns off AppLocker / software restriction policies, which the model does not have); SIDs and
 * LUIDs not in the token are ignored; type and level are kept. Identity (token id, modified id,
 * handles, the TOKEN_* flags) is the caller's business.
 */
public final class RestrictedTokens {

    /** {@code DISABLE_MAX_PRIVILEGE}. */
    public static final int DISABLE_MAX_PRIVILEGE = 0x1;
    /** {@code SANDBOX_INERT}: recorded on the new token, no effect on access checks. */
    public static final int SANDBOX_INERT = 0x2;
    /**
     * {@code LUA_TOKEN}: refused ({@link UnsupportedOperationException}); Microsoft's page says only
     * "the new token is a LUA token" and no source found says what that changes.
     */
    public static final int LUA_TOKEN = 0x4;
    /** {@code WRITE_RESTRICTED}: the restricting SIDs are considered only when evaluating write access. */
    public static final int WRITE_RESTRICTED = 0x8;
    /** Attributes of a restricted SID: mandatory, enabled by default, enabled. */
    public static final int RESTRICTED_SID_ATTRIBUTES = 0x7;

    private RestrictedTokens() {
    }

    /**
     * The outcome: the status and, on success, the new token state, whether it is sandbox-inert and
     * whether it is write-restricted.
     */
    public record Outcome(NtStatus status, TokenState token, boolean sandboxInert, boolean writeRestricted) {
    }

    /**
     * Applies {@code CreateRestrictedToken} to a token state.
     *
     * @throws UnsupportedOperationException for LUA_TOKEN, which no source defines
     */
    public static Outcome create(TokenState source, int flags, List<Sid> sidsToDisable, List<Luid> privilegesToDelete,
                                 List<Sid> sidsToRestrict) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sidsToDisable, "sidsToDisable");
        Objects.requireNonNull(privilegesToDelete, "privilegesToDelete");
        Objects.requireNonNull(sidsToRestrict, "sidsToRestrict");
        if ((flags & ~(DISABLE_MAX_PRIVILEGE | SANDBOX_INERT | LUA_TOKEN | WRITE_RESTRICTED)) != 0) {
            return new Outcome(NtStatus.STATUS_INVALID_PARAMETER, null, false, false);
        }
        if ((flags & LUA_TOKEN) != 0) {
            throw new UnsupportedOperationException("CreateRestrictedToken LUA_TOKEN is not modelled: Microsoft's "
                    + "CreateRestrictedToken page says only that the new token is a LUA token, and no source found says what that changes");
        }
        TokenGroup user = sidsToDisable.contains(source.user()) ? denyOnly(source.userEntry()) : source.userEntry();
        List<TokenGroup> groups = new ArrayList<>(source.groups().size());
        for (TokenGroup group : source.groups()) {
            groups.add(sidsToDisable.contains(group.sid()) ? denyOnly(group) : group);
        }
        boolean disableMax = (flags & DISABLE_MAX_PRIVILEGE) != 0;
        List<TokenPrivilege> privileges = new ArrayList<>();
        for (TokenPrivilege privilege : source.privileges()) {
            boolean delete = disableMax
                    ? !privilege.luid().equals(Privilege.SeChangeNotifyPrivilege.luid())
                    : privilegesToDelete.contains(privilege.luid());
            if (!delete) {
                privileges.add(privilege);
            }
        }
        List<TokenGroup> restricted = restrictedList(source.restrictedSids(), sidsToRestrict);
        boolean writeRestricted = (flags & WRITE_RESTRICTED) != 0 || source.writeRestricted();
        TokenState result = new TokenState(user, groups, restricted, privileges, source.integrityLevel(),
                source.mandatoryPolicy(), source.type(), source.level(), writeRestricted);
        return new Outcome(NtStatus.STATUS_SUCCESS, result, (flags & SANDBOX_INERT) != 0, writeRestricted);
    }

    private static TokenGroup denyOnly(TokenGroup group) {
        int cleared = GroupAttribute.ENABLED.mask() | GroupAttribute.ENABLED_BY_DEFAULT.mask();
        return group.withAttributes((group.attributes() & ~cleared) | GroupAttribute.USE_FOR_DENY_ONLY.mask());
    }

    private static List<TokenGroup> restrictedList(List<TokenGroup> existing, List<Sid> added) {
        Set<Sid> wanted = new LinkedHashSet<>(added);
        List<TokenGroup> list = new ArrayList<>();
        if (existing.isEmpty()) {
            for (Sid sid : wanted) {
                list.add(new TokenGroup(sid, RESTRICTED_SID_ATTRIBUTES));
            }
        } else if (wanted.isEmpty()) {
            list.addAll(existing);
        } else {
            for (TokenGroup group : existing) {
                if (wanted.contains(group.sid())) {
                    list.add(group);
                }
            }
        }
        return list;
    }
}
