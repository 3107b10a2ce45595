package io.github.tokenbridge.cli;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.internal.SddlAccessRights;

import java.util.Locale;
import java.util.Map;

/**
 * Parses the {@code --desired} access masks and {@code --mapping} names of the command line: a mask
 * is {@code |}-separated parts, each a number ({@code 0x} hex or decimal), an SDDL right
 * ({@code GR}, {@code WD}, {@code FA}...) or a Win32 name ({@code GENERIC_READ}, {@code MAXIMUM_ALLOWED}...).
 */
final class AccessMasks {

    private static final Map<String, Integer> NAMES = Map.of(
            "GENERIC_READ", GenericMapping.GENERIC_READ,
            "GENERIC_WRITE", GenericMapping.GENERIC_WRITE,
            "GENERIC_EXECUTE", GenericMapping.GENERIC_EXECUTE,
            "GENERIC_ALL", GenericMapping.GENERIC_ALL,
            "MAXIMUM_ALLOWED", 0x02000000,
            "READ_CONTROL", 0x00020000,
            "WRITE_DAC", 0x00040000,
            "WRITE_OWNER", 0x00080000,
            "DELETE", 0x00010000,
            "SYNCHRONIZE", 0x00100000);

    private AccessMasks() {
    }

    /** The mask {@code text} denotes; IllegalArgumentException naming the part it cannot read. */
    static int parse(String text) {
        int mask = 0;
        for (String raw : text.split("\\|", -1)) {
            String part = raw.strip();
            mask |= part(part);
        }
        return mask;
    }

    private static int part(String part) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("empty part in access mask");
        }
        try {
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return Integer.parseUnsignedInt(part.substring(2), 16);
            }
            if (Character.isDigit(part.charAt(0))) {
                return Integer.parseUnsignedInt(part);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + part + "' is not a 32-bit number");
        }
        Integer named = NAMES.get(part.toUpperCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        return SddlAccessRights.rightOf(part).orElseThrow(() -> new IllegalArgumentException("unknown access right '" + part
                + "' (a number, an SDDL right such as GR or FA, or one of " + new java.util.TreeSet<>(NAMES.keySet()) + ")"));
    }

    /** The generic mapping named {@code name}: file, key, token or generic-all. */
    static GenericMapping mapping(String name) {
        return switch (name) {
            case "file" -> GenericMapping.FILE;
            case "key" -> GenericMapping.KEY;
            case "token" -> GenericMapping.TOKEN;
            case "generic-all" -> GenericMapping.GENERIC_ALL_MAPPING;
            default -> throw new IllegalArgumentException("unknown mapping '" + name + "' (file, key, token or generic-all)");
        };
    }
}
