package io.github.tokenbridge;

import java.util.Arrays;
import java.util.Objects;

/**
 * A security identifier: a 48-bit identifier authority and up to 15 sub-authorities, written
 * {@code S-1-<authority>-<sub1>-...}.
 *
 * <p>Immutable; equal when revision, authority and sub-authorities are equal.
 */
public final class Sid implements Comparable<Sid> {

    /** The most sub-authorities a SID can have ({@code SID_MAX_SUB_AUTHORITIES}). */
    public static final int MAX_SUB_AUTHORITIES = 15;

    public static final Sid EVERYONE = parse("S-1-1-0");
    public static final Sid CREATOR_OWNER = parse("S-1-3-0");
    public static final Sid OWNER_RIGHTS = parse("S-1-3-4");
    public static final Sid INTERACTIVE = parse("S-1-5-4");
    public static final Sid SERVICE = parse("S-1-5-6");
    public static final Sid ANONYMOUS_LOGON = parse("S-1-5-7");
    public static final Sid AUTHENTICATED_USERS = parse("S-1-5-11");
    public static final Sid RESTRICTED_CODE = parse("S-1-5-12");
    public static final Sid THIS_ORGANIZATION = parse("S-1-5-15");
    public static final Sid LOCAL_SYSTEM = parse("S-1-5-18");
    public static final Sid LOCAL_SERVICE = parse("S-1-5-19");
    public static final Sid NETWORK_SERVICE = parse("S-1-5-20");
    public static final Sid BUILTIN_ADMINISTRATORS = parse("S-1-5-32-544");
    public static final Sid BUILTIN_USERS = parse("S-1-5-32-545");
    public static final Sid LOCAL = parse("S-1-2-0");
    public static final Sid CONSOLE_LOGON = parse("S-1-2-1");
    public static final Sid NETWORK = parse("S-1-5-2");
    public static final Sid UNTRUSTED_LABEL = parse("S-1-16-0");
    public static final Sid LOW_LABEL = parse("S-1-16-4096");
    public static final Sid MEDIUM_LABEL = parse("S-1-16-8192");
    public static final Sid MEDIUM_PLUS_LABEL = parse("S-1-16-8448");
    public static final Sid HIGH_LABEL = parse("S-1-16-12288");
    public static final Sid SYSTEM_LABEL = parse("S-1-16-16384");

    private final int revision;
    private final long authority;
    private final int[] subAuthorities;

    private Sid(int revision, long authority, int[] subAuthorities) {
        this.revision = revision;
        this.authority = authority;
        this.subAuthorities = subAuthorities;
    }

    /** A revision-1 SID from an authority and sub-authorities. */
    public static Sid of(long authority, int... subAuthorities) {
        if (authority < 0 || authority > 0xFFFF_FFFF_FFFFL) {
            throw new IllegalArgumentException("identifier authority out of range: " + authority);
        }
        if (subAuthorities.length > MAX_SUB_AUTHORITIES) {
            throw new IllegalArgumentException("a SID has at most 15 sub-authorities, got " + subAuthorities.length);
        }
        return new Sid(1, authority, subAuthorities.clone());
    }

    /**
     * Parses a string SID ({@code S-1-5-32-544}; the authority may be written in hex as
     * {@code 0x...}, as {@code ConvertStringSidToSid} accepts).
     *
     * @throws IllegalArgumentException naming the position and problem when malformed
     */
    public static Sid parse(String text) {
        Objects.requireNonNull(text, "text");
        int dashes = 0;
        for (int i = 0; i < text.length() && dashes <= MAX_SUB_AUTHORITIES + 2; i++) {
            if (text.charAt(i) == '-') {
                dashes++;
            }
        }
        if (dashes > MAX_SUB_AUTHORITIES + 2) { // S-1-<authority> then at most 15 sub-authorities
            throw new IllegalArgumentException("too many sub-authorities (more than 15, at most 15: SID_MAX_SUB_AUTHORITIES) in \""
                    + quote(text) + "\"");
        }
        String[] parts = text.split("-", -1);
        if (parts.length < 3 || !(parts[0].equals("S") || parts[0].equals("s"))) {
            throw new IllegalArgumentException("not a string SID (expected S-1-<authority>[-<sub>...]): \"" + text + "\"");
        }
        int revision = parseNumber(text, parts, 1, 0xFF);
        if (revision != 1) {
            throw new IllegalArgumentException("unsupported SID revision " + revision + " in \"" + text + "\"");
        }
        long authority = parseAuthority(text, parts[2]);
        int count = parts.length - 3;
        if (count > MAX_SUB_AUTHORITIES) {
            throw new IllegalArgumentException("too many sub-authorities (" + count + ", at most 15) in \"" + text + "\"");
        }
        int[] subs = new int[count];
        for (int i = 0; i < count; i++) {
            subs[i] = parseNumber(text, parts, i + 3, 0xFFFF_FFFFL);
        }
        return new Sid(revision, authority, subs);
    }

    /** {@code text} for a message: whole when short, else its start and its length. */
    static String quote(String text) {
        return text.length() <= 120 ? text : text.substring(0, 100) + "... (" + text.length() + " characters)";
    }

    private static long parseAuthority(String text, String part) {
        try {
            long value = part.startsWith("0x") || part.startsWith("0X")
                    ? Long.parseLong(part.substring(2), 16) : Long.parseLong(part);
            if (value < 0 || value > 0xFFFF_FFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad identifier authority \"" + part + "\" in \"" + text + "\"");
        }
    }

    private static int parseNumber(String text, String[] parts, int index, long max) {
        String part = parts[index];
        int position = 0;
        for (int i = 0; i < index; i++) {
            position += parts[i].length() + 1;
        }
        if (part.isEmpty() || !part.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("expected a decimal number at position " + position + " of \"" + text + "\"");
        }
        try {
            long value = Long.parseLong(part);
            if (value > max) {
                throw new NumberFormatException();
            }
            return (int) value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("number out of range at position " + position + " of \"" + text + "\"");
        }
    }

    /** The SID revision (always 1). */
    public int revision() {
        return revision;
    }

    /** The 48-bit identifier authority. */
    public long authority() {
        return authority;
    }

    /** The number of sub-authorities. */
    public int subAuthorityCount() {
        return subAuthorities.length;
    }

    /** The sub-authority at {@code index}, as an unsigned 32-bit value held in an int. */
    public int subAuthority(int index) {
        return subAuthorities[index];
    }

    /** A copy of the sub-authorities. */
    public int[] subAuthorities() {
        return subAuthorities.clone();
    }

    /** The last sub-authority (the RID), or -1 when there are none. */
    public long rid() {
        return subAuthorities.length == 0 ? -1 : Integer.toUnsignedLong(subAuthorities[subAuthorities.length - 1]);
    }

    /** A new SID with {@code rid} appended. */
    public Sid withRid(int rid) {
        int[] subs = Arrays.copyOf(subAuthorities, subAuthorities.length + 1);
        subs[subs.length - 1] = rid;
        return of(authority, subs);
    }

    /** The size of this SID in bytes, {@code GetLengthSid}: 8 + 4 per sub-authority. */
    public int byteLength() {
        return 8 + 4 * subAuthorities.length;
    }

    /** The binary form (as {@code SID} in memory). */
    public byte[] toBytes() {
        byte[] bytes = new byte[byteLength()];
        bytes[0] = (byte) revision;
        bytes[1] = (byte) subAuthorities.length;
        for (int i = 0; i < 6; i++) {
            bytes[2 + i] = (byte) (authority >>> (8 * (5 - i)));
        }
        for (int i = 0; i < subAuthorities.length; i++) {
            int v = subAuthorities[i];
            int o = 8 + 4 * i;
            bytes[o] = (byte) v;
            bytes[o + 1] = (byte) (v >>> 8);
            bytes[o + 2] = (byte) (v >>> 16);
            bytes[o + 3] = (byte) (v >>> 24);
        }
        return bytes;
    }

    /** Reads the binary form. */
    public static Sid fromBytes(byte[] bytes) {
        if (bytes.length < 8 || bytes[0] != 1 || bytes.length < 8 + 4 * (bytes[1] & 0xFF)) {
            throw new IllegalArgumentException("not a valid binary SID");
        }
        int count = bytes[1] & 0xFF;
        long authority = 0;
        for (int i = 0; i < 6; i++) {
            authority = (authority << 8) | (bytes[2 + i] & 0xFF);
        }
        int[] subs = new int[count];
        for (int i = 0; i < count; i++) {
            int o = 8 + 4 * i;
            subs[i] = (bytes[o] & 0xFF) | (bytes[o + 1] & 0xFF) << 8 | (bytes[o + 2] & 0xFF) << 16 | (bytes[o + 3] & 0xFF) << 24;
        }
        return of(authority, subs);
    }

    /** True for a mandatory label SID (authority 16, {@code S-1-16-RID}). */
    public boolean isIntegrityLabel() {
        return authority == 16 && subAuthorities.length == 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sid other && revision == other.revision && authority == other.authority
                && Arrays.equals(subAuthorities, other.subAuthorities);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(authority) * 31 + Arrays.hashCode(subAuthorities);
    }

    @Override
    public int compareTo(Sid o) {
        return toString().compareTo(o.toString());
    }

    /** The string form, {@code ConvertSidToStringSid}: authorities of 2^32 and above in hex. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("S-").append(revision).append('-');
        if (authority >= (1L << 32)) {
            sb.append(String.format("0x%012X", authority));
        } else {
            sb.append(authority);
        }
        for (int sub : subAuthorities) {
            sb.append('-').append(Integer.toUnsignedString(sub));
        }
        return sb.toString();
    }
}
