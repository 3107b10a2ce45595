package io.github.tokenbridge;

import java.util.EnumSet;
import java.util.Set;

/** One bit of a token privilege's attributes ({@code SE_PRIVILEGE_*}, R7). */
public enum PrivilegeAttribute {
    ENABLED_BY_DEFAULT(0x1),
    ENABLED(0x2),
    REMOVED(0x4),
    USED_FOR_ACCESS(0x80000000);

    private final int mask;

    PrivilegeAttribute(int mask) {
        this.mask = mask;
    }

    /** The attribute's bit mask. */
    public int mask() {
        return mask;
    }

    /** True when this attribute's bit is set in {@code attributes}. */
    public boolean isSetIn(int attributes) {
        return (attributes & mask) != 0;
    }

    /** The attributes set in {@code attributes}. */
    public static Set<PrivilegeAttribute> decode(int attributes) {
        Set<PrivilegeAttribute> set = EnumSet.noneOf(PrivilegeAttribute.class);
        for (PrivilegeAttribute a : values()) {
            if (a.isSetIn(attributes)) {
                set.add(a);
            }
        }
        return set;
    }
}
