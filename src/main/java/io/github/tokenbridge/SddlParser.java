package io.github.tokenbridge;

import io.github.tokenbridge.internal.SddlAccessRights;
import io.github.tokenbridge.internal.SddlSidAlias;

import java.util.ArrayList;
import java.util.List;

/**
 * The SDDL reader behind {@link Sddl#parse}: a single pass over the string with position-aware errors.
 *
 * <p>White space is skipped where {@code ConvertStringSecurityDescriptorToSecurityDescriptor} skips it
 * (W-SEC {@code test_ConvertStringSecurityDescriptor}): before a component, after its {@code X:}, after
 * an ACE's {@code (}, at the start of the flags, rights, object-type and SID fields, and at the end of
 * the SID; after the ACE type or the rights it is an error, as on Windows.
 */
final class SddlParser {

    private final String text;
    private int pos;

    SddlParser(String text) {
        this.text = text;
    }

    SecurityDescriptor parse() {
        Sid owner = null;
        Sid group = null;
        boolean daclPresent = false;
        Acl dacl = null;
        Acl sacl = null;
        boolean saclSeen = false;
        int control = 0;
        while (skipSpaces() < text.length()) {
            int start = pos;
            char component = text.charAt(pos);
            if (pos + 1 >= text.length() || text.charAt(pos + 1) != ':' || "OGDS".indexOf(component) < 0) {
                throw error(start, "expected a component O:, G:, D: or S:");
            }
            pos += 2;
            skipSpaces();
            switch (component) {
                case 'O':
                    if (owner != null) {
                        throw error(start, "the owner is given twice");
                    }
                    owner = parseSidUntil(componentEnd());
                    break;
                case 'G':
                    if (group != null) {
                        throw error(start, "the group is given twice");
                    }
                    group = parseSidUntil(componentEnd());
                    break;
                case 'D': {
                    if (daclPresent) {
                        throw error(start, "the DACL is given twice");
                    }
                    int flags = parseAclFlags();
                    daclPresent = true;
                    control |= (flags & P) != 0 ? SecurityDescriptor.DACL_PROTECTED : 0;
                    control |= (flags & AR) != 0 ? SecurityDescriptor.DACL_AUTO_INHERIT_REQ : 0;
                    control |= (flags & AI) != 0 ? SecurityDescriptor.DACL_AUTO_INHERITED : 0;
                    dacl = (flags & NULL_ACL) != 0 ? null : parseAces();
                    break;
                }
                default: {
                    if (saclSeen) {
                        throw error(start, "the SACL is given twice");
                    }
                    saclSeen = true;
                    int flags = parseAclFlags();
                    control |= (flags & P) != 0 ? SecurityDescriptor.SACL_PROTECTED : 0;
                    control |= (flags & AR) != 0 ? SecurityDescriptor.SACL_AUTO_INHERIT_REQ : 0;
                    control |= (flags & AI) != 0 ? SecurityDescriptor.SACL_AUTO_INHERITED : 0;
                    if ((flags & NULL_ACL) != 0) {
                        control |= SecurityDescriptor.SACL_PRESENT;
                    } else {
                        sacl = parseAces();
                    }
                    break;
                }
            }
        }
        return new SecurityDescriptor(owner, group, daclPresent, dacl, sacl, control);
    }

    Sid parseWholeSid() {
        Sid sid = parseSidUntil(text.length());
        return sid;
    }

    private static final int P = 1;
    private static final int AR = 2;
    private static final int AI = 4;
    private static final int NULL_ACL = 8;

    private int parseAclFlags() {
        int flags = 0;
        while (pos < text.length() && text.charAt(pos) != '(' && !atComponentStart(pos)) {
            int start = pos;
            int flag;
            if (text.startsWith("NO_ACCESS_CONTROL", pos)) {
                flag = NULL_ACL;
                pos += "NO_ACCESS_CONTROL".length();
            } else if (text.startsWith("AR", pos)) {
                flag = AR;
                pos += 2;
            } else if (text.startsWith("AI", pos)) {
                flag = AI;
                pos += 2;
            } else if (text.charAt(pos) == 'P') {
                flag = P;
                pos += 1;
            } else {
                throw error(start, "unknown ACL flag (expected P, AR, AI, NO_ACCESS_CONTROL or an ACE in parentheses)");
            }
            if ((flags & flag) != 0) {
                throw error(start, "ACL flag given twice");
            }
            flags |= flag;
        }
        return flags;
    }

    /**
     * Reads the ACEs of one ACL, refusing at the first ACE that would take the ACL past
     * {@link Acl#MAX_BYTE_LENGTH}, before reading further or building the ACL.
     */
    private Acl parseAces() {
        List<Ace> aces = new ArrayList<>();
        int length = 8;
        while (pos < text.length() && text.charAt(pos) == '(') {
            int start = pos;
            Ace ace = parseAce();
            length += ace.byteLength();
            if (length > Acl.MAX_BYTE_LENGTH) {
                throw error(start, Acl.tooLarge(aces.size(), 0));
            }
            aces.add(ace);
        }
        if (pos < text.length() && !atComponentStart(pos)) {
            throw error(pos, "expected an ACE in parentheses or the next component");
        }
        return new Acl(aces);
    }

    private Ace parseAce() {
        int open = pos;
        int close = text.indexOf(')', open);
        if (close < 0) {
            throw error(open, "ACE is not closed by ')'");
        }
        pos = open + 1;
        skipSpaces();
        String typeText = field(close);
        AceType type;
        switch (typeText) {
            case "A":
                type = AceType.ACCESS_ALLOWED;
                break;
            case "D":
                type = AceType.ACCESS_DENIED;
                break;
            case "AU":
                type = AceType.SYSTEM_AUDIT;
                break;
            case "ML":
                type = AceType.SYSTEM_MANDATORY_LABEL;
                break;
            default:
                throw error(open + 1, "ACE type \"" + typeText + "\" is not supported (A, D, AU, ML)");
        }
        int flagsStart = skipSpaces();
        int flags = parseAceFlags(field(close), flagsStart);
        int rightsStart = skipSpaces();
        int mask = parseRights(field(close), rightsStart);
        int guidStart = pos;
        if (!field(close).isBlank() || !field(close).isBlank()) {
            throw error(guidStart, "object ACE GUIDs are not supported for ACE type " + typeText);
        }
        int sidStart = skipSpaces();
        int sidEnd = indexOf(';', pos, close);
        if (sidEnd >= 0) {
            throw error(sidEnd, "resource attributes after the SID are not supported");
        }
        if (sidStart == close) {
            throw error(sidStart, "ACE has no SID");
        }
        int sidStop = close;
        while (sidStop > sidStart && Character.isWhitespace(text.charAt(sidStop - 1))) {
            sidStop--;
        }
        Sid sid = parseSidUntil(sidStop);
        pos = close + 1;
        return new Ace(type, flags, mask, sid);
    }

    /** Skips white space at the current position; returns the new position. */
    private int skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    /** Reads up to the next ';' before {@code close}, consuming the ';'. */
    private String field(int close) {
        int semi = indexOf(';', pos, close);
        if (semi < 0) {
            throw error(pos, "ACE has too few fields (expected type;flags;rights;object;inherit-object;sid)");
        }
        String value = text.substring(pos, semi);
        pos = semi + 1;
        return value;
    }

    private int parseAceFlags(String value, int start) {
        if (value.length() % 2 != 0) {
            throw error(start + value.length() - 1, "ACE flags are two-letter names");
        }
        int flags = 0;
        for (int i = 0; i < value.length(); i += 2) {
            int flag = Sddl.aceFlagOf(value.substring(i, i + 2));
            if (flag < 0) {
                throw error(start + i, "unknown ACE flag \"" + value.substring(i, i + 2) + "\"");
            }
            flags |= flag;
        }
        return flags;
    }

    private int parseRights(String value, int start) {
        if (value.startsWith("0x") || value.startsWith("0X")) {
            try {
                long v = Long.parseLong(value.substring(2), 16);
                if (v > 0xFFFF_FFFFL) {
                    throw new NumberFormatException();
                }
                return (int) v;
            } catch (NumberFormatException e) {
                throw error(start, "bad hexadecimal access mask \"" + value + "\"");
            }
        }
        if (!value.isEmpty() && Character.isDigit(value.charAt(0))) {
            try {
                long v = Long.parseLong(value);
                if (v > 0xFFFF_FFFFL) {
                    throw new NumberFormatException();
                }
                return (int) v;
            } catch (NumberFormatException e) {
                throw error(start, "bad decimal access mask \"" + value + "\"");
            }
        }
        if (value.length() % 2 != 0) {
            throw error(start + value.length() - 1, "access rights are two-letter names or a number");
        }
        int mask = 0;
        for (int i = 0; i < value.length(); i += 2) {
            String name = value.substring(i, i + 2);
            int at = start + i;
            mask |= SddlAccessRights.rightOf(name).orElseThrow(() -> error(at, "unknown access right \"" + name + "\""));
        }
        return mask;
    }

    private Sid parseSidUntil(int end) {
        int start = pos;
        String value = text.substring(pos, end);
        pos = end;
        if (value.isEmpty()) {
            throw error(start, "expected a SID");
        }
        if (value.startsWith("S-")) {
            try {
                return Sid.parse(value);
            } catch (IllegalArgumentException e) {
                throw error(start, "malformed string SID \"" + Sid.quote(value) + "\" (" + e.getMessage() + ")");
            }
        }
        if (value.length() != 2) {
            throw error(start, "expected a two-letter SID alias or a string SID, got \"" + value + "\"");
        }
        return SddlSidAlias.fromAlias(value).map(SddlSidAlias::sid)
                .orElseThrow(() -> error(start, "unknown or domain-relative SID alias \"" + value + "\""));
    }

    /** The end of an owner or group value: the start of the next component, or the end of the text. */
    private int componentEnd() {
        for (int i = pos; i < text.length(); i++) {
            if (atComponentStart(i)) {
                return i;
            }
        }
        return text.length();
    }

    private boolean atComponentStart(int i) {
        return i + 1 < text.length() && text.charAt(i + 1) == ':' && "OGDS".indexOf(text.charAt(i)) >= 0;
    }

    /** The first {@code c} in {@code [from, to)}, or -1: searches never run past the current ACE. */
    private int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private IllegalArgumentException error(int at, String problem) {
        return new IllegalArgumentException("SDDL: " + problem + " at position " + at + " in \"" + Sid.quote(text) + "\"");
    }
}
