package io.github.tokenbridge;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Access masks as people read them: hex with the names of the bits, for messages and
 * {@code toString}s ({@code 0x00120089 READ_CONTROL|SYNCHRONIZE|0x89}).
 */
final class AccessMaskNames {

    private static final Map<Integer, String> STANDARD = standard();

    private AccessMaskNames() {
    }

    private static Map<Integer, String> standard() {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(0x00010000, "DELETE");
        m.put(0x00020000, "READ_CONTROL");
        m.put(0x00040000, "WRITE_DAC");
        m.put(0x00080000, "WRITE_OWNER");
        m.put(0x00100000, "SYNCHRONIZE");
        m.put(0x01000000, "ACCESS_SYSTEM_SECURITY");
        m.put(GenericMapping.MAXIMUM_ALLOWED, "MAXIMUM_ALLOWED");
        m.put(GenericMapping.GENERIC_ALL, "GENERIC_ALL");
        m.put(GenericMapping.GENERIC_EXECUTE, "GENERIC_EXECUTE");
        m.put(GenericMapping.GENERIC_WRITE, "GENERIC_WRITE");
        m.put(GenericMapping.GENERIC_READ, "GENERIC_READ");
        return m;
    }

    /** A token-object mask by {@link TokenAccess} names, with the hex: {@code QUERY|DUPLICATE (0xA)}. */
    static String tokenRights(int mask) {
        StringJoiner names = new StringJoiner("|");
        int rest = mask;
        for (TokenAccess right : TokenAccess.values()) {
            if ((mask & right.mask()) != 0) {
                names.add(right.name());
                rest &= ~right.mask();
            }
        }
        if (rest != 0) {
            names.add(hex(rest));
        }
        return (mask == 0 ? "no access" : names.toString()) + " (" + hex(mask) + ")";
    }

    /**
     * Any object's mask: eight hex digits, then the standard and generic rights by name and the
     * object-specific bits in hex: {@code 0x00120089 READ_CONTROL|SYNCHRONIZE|0x89}.
     */
    static String describe(int mask) {
        StringJoiner names = new StringJoiner("|");
        int rest = mask;
        for (Map.Entry<Integer, String> e : STANDARD.entrySet()) {
            if ((mask & e.getKey()) != 0) {
                names.add(e.getValue());
                rest &= ~e.getKey();
            }
        }
        if (rest != 0) {
            names.add(hex(rest));
        }
        return String.format(Locale.ROOT, "0x%08X", mask) + (mask == 0 ? "" : " " + names);
    }

    private static String hex(int value) {
        return "0x" + Integer.toHexString(value).toUpperCase(Locale.ROOT);
    }
}
