package io.github.tokenbridge;

import java.util.EnumSet;
import java.util.Set;

/** One bit of a token group's attributes ({@code SE_GROUP_*}, R6). */
public enum GroupAttribute {
    MANDATORY(0x1),
    ENABLED_BY_DEFAULT(0x2),
    ENABLED(0x4),
    OWNER(0x8),
    USE_FOR_DENY_ONLY(0x10),
    INTEGRITY(0x20),
    INTEGRITY_ENABLED(0x40),
    RESOURCE(0x20000000),
    /** {@code SE_GROUP_LOGON_ID} is two bits, 0xC0000000. */
    LOGON_ID(0xC0000000);

    private final int mask;

    GroupAttribute(int mask) {
        this.mask = mask;
    }

    /** The attribute's bit mask. */
    public int mask() {
        return mask;
    }

    /** True when every bit of this attribute is set in {@code attributes}. */
    public boolean isSetIn(int attributes) {
        return (attributes & mask) == mask;
    }

    /** The attributes whose bits are all set in {@code attributes}. */
    public static Set<GroupAttribute> decode(int attributes) {
        Set<GroupAttribute> set = EnumSet.noneOf(GroupAttribute.class);
        for (GroupAttribute a : values()) {
            if (a.isSetIn(attributes)) {
                set.add(a);
            }
        }
        return set;
    }

    /** The mask with every attribute in {@code attributes} set. */
    public static int encode(Set<GroupAttribute> attributes) {
        int mask = 0;
        for (GroupAttribute a : attributes) {
            mask |= a.mask;
        }
        return mask;
    }
}
