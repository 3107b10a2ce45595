package io.github.tokenbridge;

import java.util.Set;

/** The {@code Flags} of {@code CreateRestrictedToken} (R10). */
public enum RestrictedTokenFlag {
    /** {@code DISABLE_MAX_PRIVILEGE}: delete every privilege except SeChangeNotifyPrivilege. */
    DISABLE_MAX_PRIVILEGE(0x1),
    /** {@code SANDBOX_INERT}. */
    SANDBOX_INERT(0x2),
    /** {@code LUA_TOKEN}. */
    LUA_TOKEN(0x4),
    /** {@code WRITE_RESTRICTED}: the restricted SIDs are checked for write access only. */
    WRITE_RESTRICTED(0x8);

    private final int code;

    RestrictedTokenFlag(int code) {
        this.code = code;
    }

    /** The flag's bit. */
    public int code() {
        return code;
    }

    /** The {@code Flags} value for a set of flags. */
    public static int toMask(Set<RestrictedTokenFlag> flags) {
        int mask = 0;
        for (RestrictedTokenFlag flag : flags) {
            mask |= flag.code;
        }
        return mask;
    }
}
