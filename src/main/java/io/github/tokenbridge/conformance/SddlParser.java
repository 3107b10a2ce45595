package io.github.tokenbridge.conformance;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parser for the subset of SDDL (Security Descriptor Definition Language) that scenarios use:
 * {@code O:}, {@code G:}, {@code D:} and {@code S:} parts, allow/deny/mandatory-label ACEs, the
 * common ACE flags, hex or two-letter rights and the usual two-letter SID abbreviations.
 * {@code D:NO_ACCESS_CONTROL} is a NULL DACL; a missing {@code D:} part is an absent DACL.
 */
public final class SddlParser {

    private static final Map<String, Sid> SIDS = Map.ofEntries(
            Map.entry("WD", Sid.EVERYONE), Map.entry("BA", Sid.BUILTIN_ADMINISTRATORS),
            Map.entry("BU", Sid.BUILTIN_USERS), Map.entry("SY", Sid.LOCAL_SYSTEM),
            Map.entry("AU", Sid.AUTHENTICATED_USERS), Map.entry("IU", Sid.INTERACTIVE),
            Map.entry("AN", Sid.ANONYMOUS_LOGON), Map.entry("OW", Sid.OWNER_RIGHTS),
            Map.entry("CO", Sid.CREATOR_OWNER), Map.entry("LS", Sid.LOCAL_SERVICE),
            Map.entry("NS", Sid.NETWORK_SERVICE), Map.entry("RC", Sid.RESTRICTED_CODE),
            Map.entry("NU", Sid.NETWORK), Map.entry("SU", Sid.SERVICE),
            Map.entry("LW", Sid.LOW_LABEL), Map.entry("ME", Sid.MEDIUM_LABEL),
            Map.entry("HI", Sid.HIGH_LABEL), Map.entry("SI", Sid.SYSTEM_LABEL));

    private static final Map<String, Integer> RIGHTS = Map.ofEntries(
            Map.entry("GA", 0x10000000), Map.entry("GR", 0x80000000), Map.entry("GW", 0x40000000),
            Map.entry("GX", 0x20000000), Map.entry("RC", 0x20000), Map.entry("SD", 0x10000),
            Map.entry("WD", 0x40000), Map.entry("WO", 0x80000), Map.entry("KA", 0xF003F),
            Map.entry("KR", 0x20019), Map.entry("KW", 0x20006), Map.entry("KX", 0x20019),
            Map.entry("FA", 0x1F01FF), Map.entry("FR", 0x120089), Map.entry("FW", 0x120116),
            Map.entry("FX", 0x1200A0), Map.entry("NW", Ace.NO_WRITE_UP), Map.entry("NR", Ace.NO_READ_UP),
            Map.entry("NX", Ace.NO_EXECUTE_UP), Map.entry("CC", 0x1), Map.entry("DC", 0x2),
            Map.entry("LC", 0x4), Map.entry("SW", 0x8), Map.entry("RP", 0x10), Map.entry("WP", 0x20));

    private static final Map<String, Integer> FLAGS = Map.of(
            "OI", Ace.OBJECT_INHERIT, "CI", Ace.CONTAINER_INHERIT, "NP", Ace.NO_PROPAGATE_INHERIT,
            "IO", Ace.INHERIT_ONLY, "ID", Ace.INHERITED, "SA", Ace.SUCCESSFUL_ACCESS, "FA", Ace.FAILED_ACCESS);

    private SddlParser() {
    }

    /** Parses a whole security descriptor. */
    public static SecurityDescriptor parse(String sddl) {
        Sid owner = null;
        Sid group = null;
        boolean daclPresent = false;
        Acl dacl = null;
        Acl sacl = null;
        int control = 0;
        int i = 0;
        while (i < sddl.length()) {
            if (i + 1 >= sddl.length() || sddl.charAt(i + 1) != ':') {
                throw new IllegalArgumentException("SDDL: expected O:, G:, D: or S: at offset " + i + " of \"" + sddl + "\"");
            }
            char part = sddl.charAt(i);
            int start = i + 2;
            int end = nextPart(sddl, start);
            String body = sddl.substring(start, end);
            switch (part) {
                case 'O' -> owner = sid(body);
                case 'G' -> group = sid(body);
                case 'D' -> {
                    daclPresent = true;
                    if (body.startsWith("NO_ACCESS_CONTROL")) {
                        dacl = null;
                    } else {
                        String aces = stripAclFlags(body);
                        if (body.startsWith("P")) {
                            control |= SecurityDescriptor.DACL_PROTECTED;
                        }
                        dacl = acl(aces);
                    }
                }
                case 'S' -> sacl = acl(stripAclFlags(body));
                default -> throw new IllegalArgumentException("SDDL: unknown part '" + part + ":' in \"" + sddl + "\"");
            }
            i = end;
        }
        return new SecurityDescriptor(owner, group, daclPresent, daclPresent ? dacl : null, sacl, control);
    }

    /** Parses an ACL given as the body of a {@code D:} part or as {@code D:...}. */
    public static Acl parseAcl(String text) {
        String body = text.startsWith("D:") ? text.substring(2) : text;
        return acl(stripAclFlags(body));
    }

    private static int nextPart(String s, int from) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && i > from && i + 1 < s.length() && s.charAt(i + 1) == ':'
                    && "OGDS".indexOf(c) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    private static String stripAclFlags(String body) {
        int paren = body.indexOf('(');
        String flags = paren < 0 ? body : body.substring(0, paren);
        if (!flags.matches("(P|AI|AR)*")) {
            throw new IllegalArgumentException("SDDL: bad ACL flags \"" + flags + "\"");
        }
        return paren < 0 ? "" : body.substring(paren);
    }

    private static Acl acl(String aces) {
        List<Ace> list = new ArrayList<>();
        int i = 0;
        while (i < aces.length()) {
            if (aces.charAt(i) != '(') {
                throw new IllegalArgumentException("SDDL: expected '(' at \"" + aces.substring(i) + "\"");
            }
            int close = aces.indexOf(')', i);
            if (close < 0) {
                throw new IllegalArgumentException("SDDL: unclosed ACE in \"" + aces + "\"");
            }
            list.add(ace(aces.substring(i + 1, close)));
            i = close + 1;
        }
        return new Acl(list);
    }

    private static Ace ace(String text) {
        String[] f = text.split(";", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("SDDL: an ACE has 6 fields separated by ';': \"" + text + "\"");
        }
        AceType type = switch (f[0]) {
            case "A" -> AceType.ACCESS_ALLOWED;
            case "D" -> AceType.ACCESS_DENIED;
            case "AU" -> AceType.SYSTEM_AUDIT;
            case "ML" -> AceType.SYSTEM_MANDATORY_LABEL;
            default -> throw new IllegalArgumentException("SDDL: unsupported ACE type \"" + f[0] + "\"");
        };
        int flags = 0;
        if (f[1].length() % 2 != 0) {
            throw new IllegalArgumentException("SDDL: bad ACE flags \"" + f[1] + "\"");
        }
        for (int i = 0; i < f[1].length(); i += 2) {
            Integer flag = FLAGS.get(f[1].substring(i, i + 2));
            if (flag == null) {
                throw new IllegalArgumentException("SDDL: unknown ACE flag in \"" + f[1] + "\"");
            }
            flags |= flag;
        }
        if (!f[3].isEmpty() || !f[4].isEmpty()) {
            throw new UnsupportedOperationException("SDDL: object ACEs (GUID fields) are not supported");
        }
        return new Ace(type, flags, rights(f[2]), sid(f[5]));
    }

    private static int rights(String text) {
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return (int) Long.parseLong(text.substring(2), 16);
        }
        if (!text.isEmpty() && Character.isDigit(text.charAt(0))) {
            return (int) Long.parseLong(text);
        }
        if (text.length() % 2 != 0) {
            throw new IllegalArgumentException("SDDL: bad rights \"" + text + "\"");
        }
        int mask = 0;
        for (int i = 0; i < text.length(); i += 2) {
            Integer r = RIGHTS.get(text.substring(i, i + 2));
            if (r == null) {
                throw new IllegalArgumentException("SDDL: unknown right \"" + text.substring(i, i + 2) + "\"");
            }
            mask |= r;
        }
        return mask;
    }

    private static Sid sid(String text) {
        Sid abbreviated = SIDS.get(text);
        if (abbreviated != null) {
            return abbreviated;
        }
        if (text.startsWith("S-")) {
            return Sid.parse(text);
        }
        throw new IllegalArgumentException("SDDL: unknown SID \"" + text + "\"");
    }
}
