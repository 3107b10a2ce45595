package io.github.tokenbridge.internal;

import io.github.tokenbridge.Ace;

import java.util.Optional;

/**
 * The access-right strings of SDDL ({@code GA}, {@code FR}, {@code KA}, {@code NW}, ...) and how
 * {@code ConvertSecurityDescriptorToStringSecurityDescriptor} writes a mask with them: a mask that
 * equals one named right (or composite such as {@code FA}) is written as that name; otherwise, when
 * every set bit has a one-bit name, as those names in ascending bit order; otherwise as lower-case
 * hex ({@code 0x1200a9}). Mandatory-label ACEs use the policy names {@code NW NR NX}.
 */
public final class SddlAccessRights {

    /** Names matched against a whole mask, first match wins (so {@code KR} beats {@code KX}). */
    private static final String[] NAMES = {
        "GA", "GR", "GW", "GX", "RC", "SD", "WD", "WO", "RP", "WP", "CC", "DC", "LC", "SW", "LO", "DT", "CR",
        "FA", "FR", "FW", "FX", "KA", "KR", "KW", "KX", "NR", "NW", "NX"};
    private static final int[] VALUES = {
        0x10000000, 0x80000000, 0x40000000, 0x20000000, 0x00020000, 0x00010000, 0x00040000, 0x00080000,
        0x10, 0x20, 0x1, 0x2, 0x4, 0x8, 0x80, 0x40, 0x100,
        0x001F01FF, 0x00120089, 0x00120116, 0x001200A0, 0x000F003F, 0x00020019, 0x00020006, 0x00020019,
        Ace.NO_READ_UP, Ace.NO_WRITE_UP, Ace.NO_EXECUTE_UP};

    /** One-bit names by bit number; null where SDDL has no name for the bit. */
    private static final String[] BIT_NAMES = new String[32];
    private static final String[] LABEL_BIT_NAMES = {"NW", "NR", "NX"};

    static {
        String[] low = {"CC", "DC", "LC", "SW", "RP", "WP", "DT", "LO", "CR"};
        System.arraycopy(low, 0, BIT_NAMES, 0, low.length);
        BIT_NAMES[16] = "SD";
        BIT_NAMES[17] = "RC";
        BIT_NAMES[18] = "WD";
        BIT_NAMES[19] = "WO";
        BIT_NAMES[28] = "GA";
        BIT_NAMES[29] = "GX";
        BIT_NAMES[30] = "GW";
        BIT_NAMES[31] = "GR";
    }

    private SddlAccessRights() {
    }

    /** The mask for one two-letter right name, if SDDL knows it. */
    public static Optional<Integer> rightOf(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return Optional.of(VALUES[i]);
            }
        }
        return Optional.empty();
    }

    /**
     * Writes an ACE's mask as SDDL does.
     *
     * @param mask      the access mask
     * @param labelAce  true for a {@code SYSTEM_MANDATORY_LABEL} ACE (policy bits {@code NW NR NX})
     */
    public static String format(int mask, boolean labelAce) {
        if (mask == 0) {
            return "";
        }
        if (labelAce && (mask & ~0x7) == 0) {
            StringBuilder sb = new StringBuilder();
            for (int bit = 0; bit < 3; bit++) {
                if ((mask & (1 << bit)) != 0) {
                    sb.append(LABEL_BIT_NAMES[bit]);
                }
            }
            return sb.toString();
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (VALUES[i] == mask) {
                return NAMES[i];
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < 32; bit++) {
            if ((mask & (1 << bit)) != 0) {
                if (BIT_NAMES[bit] == null) {
                    return "0x" + Integer.toHexString(mask);
                }
                sb.append(BIT_NAMES[bit]);
            }
        }
        return sb.toString();
    }
}
