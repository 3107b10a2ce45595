package io.github.tokenbridge;

import java.util.EnumSet;
import java.util.Set;

/**
 * The access rights that can be asked for on an access token (R12): the token-specific rights,
 * the standard rights, {@code ACCESS_SYSTEM_SECURITY} and {@code MAXIMUM_ALLOWED}.
 */
public enum TokenAccess {
    ASSIGN_PRIMARY(0x0001),
    DUPLICATE(0x0002),
    IMPERSONATE(0x0004),
    QUERY(0x0008),
    QUERY_SOURCE(0x0010),
    ADJUST_PRIVILEGES(0x0020),
    ADJUST_GROUPS(0x0040),
    ADJUST_DEFAULT(0x0080),
    ADJUST_SESSIONID(0x0100),
    DELETE(0x00010000),
    READ_CONTROL(0x00020000),
    WRITE_DAC(0x00040000),
    WRITE_OWNER(0x00080000),
    ACCESS_SYSTEM_SECURITY(0x01000000),
    MAXIMUM_ALLOWED(0x02000000);

    /** {@code TOKEN_ALL_ACCESS} (0x000F01FF). */
    public static final int ALL_ACCESS_MASK = 0x000F01FF;
    /** {@code TOKEN_READ} (0x00020008). */
    public static final int READ_MASK = 0x00020008;
    /** {@code TOKEN_WRITE} (0x000200E0). */
    public static final int WRITE_MASK = 0x000200E0;
    /** {@code TOKEN_EXECUTE} (0x00020000). */
    public static final int EXECUTE_MASK = 0x00020000;
    /** Every bit that is meaningful in a token access request, generic bits included. */
    public static final int VALID_MASK = ALL_ACCESS_MASK | 0x01000000 | 0x02000000 | GenericMapping.GENERIC_BITS;

    private final int mask;

    TokenAccess(int mask) {
        this.mask = mask;
    }

    /** The right's bit. */
    public int mask() {
        return mask;
    }

    /** The mask with every right in {@code rights} set. */
    public static int toMask(Set<TokenAccess> rights) {
        int mask = 0;
        for (TokenAccess r : rights) {
            mask |= r.mask;
        }
        return mask;
    }

    /** The rights in {@code mask}; bits that are not token rights are rejected. */
    public static Set<TokenAccess> fromMask(int mask) {
        Set<TokenAccess> set = EnumSet.noneOf(TokenAccess.class);
        int rest = mask;
        for (TokenAccess r : values()) {
            if ((mask & r.mask) != 0) {
                set.add(r);
                rest &= ~r.mask;
            }
        }
        if (rest != 0) {
            throw new IllegalArgumentException(String.format("not token access rights: 0x%08X", rest));
        }
        return set;
    }

    /** {@code TOKEN_ALL_ACCESS} as a set. */
    public static Set<TokenAccess> all() {
        return fromMask(ALL_ACCESS_MASK);
    }
}
