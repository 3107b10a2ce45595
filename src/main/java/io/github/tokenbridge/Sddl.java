package io.github.tokenbridge;

import io.github.tokenbridge.internal.SddlAccessRights;
import io.github.tokenbridge.internal.SddlSidAlias;

import java.util.List;
import java.util.Objects;

/**
 * Security Descriptor Definition Language, the one SDDL entry point of tokenbridge: reads and writes
 * a {@link SecurityDescriptor} (whose {@code toString} is its SDDL) as the
 * string form of {@code ConvertStringSecurityDescriptorToSecurityDescriptor} and
 * {@code ConvertSecurityDescriptorToStringSecurityDescriptor}.
 *
 * <p>Supported: owner {@code O:}, group {@code G:}, DACL {@code D:} and SACL {@code S:}; ACL flags
 * {@code P}, {@code AR}, {@code AI} and {@code NO_ACCESS_CONTROL} (a NULL ACL); ACE types {@code A},
 * {@code D}, {@code AU}, {@code ML}; ACE flags {@code OI CI NP IO ID SA FA}; SDDL's right names
 * ({@code GA}, {@code FR}, {@code KA}, {@code NW}, ...) and numeric masks; the SID aliases that do not
 * depend on the machine or domain ({@code BA}, {@code SY}, {@code WD}, ...) and string SIDs.
 * Object ACEs, conditional ACEs, resource attributes and domain-relative aliases are rejected with an
 * {@link IllegalArgumentException}, as is every malformed string (the message names the position).
 *
 * <p>{@link #format} is canonical: components in the order O, G, D, S; ACL flags in the order
 * P, AR, AI; ACE flags in bit order; SIDs by alias when they have one; a mask as the one right name
 * it equals, else as one-bit names in ascending bit order when every set bit has one, else in hex
 * ({@code 0x1200a9}); a mandatory label's policy as {@code NW NR NX}.
 * {@code parse(format(sd)).equals(sd)} for every descriptor that SDDL can express, and
 * {@code format(parse(s)).equals(s)} for every canonical string.
 *
 * <p>A NULL SACL ({@code S:NO_ACCESS_CONTROL}) is represented by a null {@code sacl} with
 * {@link SecurityDescriptor#SACL_PRESENT} set in {@code control}.
 */
public final class Sddl {

    private static final String[] ACE_FLAG_NAMES = {"OI", "CI", "NP", "IO", "ID", null, "SA", "FA"};

    private Sddl() {
    }

    /**
     * Parses an SDDL string.
     *
     * @throws IllegalArgumentException naming the position and the problem when {@code sddl} is malformed
     *                                  or uses a construct tokenbridge does not model
     */
    public static SecurityDescriptor parse(String sddl) {
        return new SddlParser(Objects.requireNonNull(sddl, "sddl")).parse();
    }

    /** Parses one SDDL SID: a two-letter alias ({@code BA}) or a string SID ({@code S-1-5-32-544}). */
    public static Sid parseSid(String text) {
        return new SddlParser(Objects.requireNonNull(text, "text")).parseWholeSid();
    }

    /**
     * Writes a descriptor as canonical SDDL.
     *
     * @throws IllegalArgumentException when the descriptor has control bits SDDL cannot express
     *                                  (for example DACL flags without a DACL)
     */
    public static String format(SecurityDescriptor sd) {
        Objects.requireNonNull(sd, "sd");
        int control = sd.control();
        int expressible = SecurityDescriptor.DACL_PROTECTED | SecurityDescriptor.DACL_AUTO_INHERIT_REQ
                | SecurityDescriptor.DACL_AUTO_INHERITED | SecurityDescriptor.SACL_PROTECTED
                | SecurityDescriptor.SACL_AUTO_INHERIT_REQ | SecurityDescriptor.SACL_AUTO_INHERITED
                | SecurityDescriptor.SACL_PRESENT;
        if ((control & ~expressible) != 0) {
            throw new IllegalArgumentException(String.format("SDDL cannot express control bits 0x%04X", control & ~expressible));
        }
        int daclFlags = control & (SecurityDescriptor.DACL_PROTECTED | SecurityDescriptor.DACL_AUTO_INHERIT_REQ
                | SecurityDescriptor.DACL_AUTO_INHERITED);
        int saclFlags = control & (SecurityDescriptor.SACL_PROTECTED | SecurityDescriptor.SACL_AUTO_INHERIT_REQ
                | SecurityDescriptor.SACL_AUTO_INHERITED);
        boolean nullSacl = (control & SecurityDescriptor.SACL_PRESENT) != 0;
        if (nullSacl && sd.sacl() != null) {
            throw new IllegalArgumentException("SACL_PRESENT marks a NULL SACL and must not be set with a SACL");
        }
        boolean saclPresent = sd.sacl() != null || nullSacl;
        if (!sd.daclPresent() && daclFlags != 0) {
            throw new IllegalArgumentException("SDDL cannot express DACL flags without a DACL");
        }
        if (!saclPresent && saclFlags != 0) {
            throw new IllegalArgumentException("SDDL cannot express SACL flags without a SACL");
        }
        StringBuilder sb = new StringBuilder();
        if (sd.owner() != null) {
            sb.append("O:").append(SddlSidAlias.format(sd.owner()));
        }
        if (sd.group() != null) {
            sb.append("G:").append(SddlSidAlias.format(sd.group()));
        }
        if (sd.daclPresent()) {
            sb.append("D:");
            appendAcl(sb, sd.dacl(), (control & SecurityDescriptor.DACL_PROTECTED) != 0,
                    (control & SecurityDescriptor.DACL_AUTO_INHERIT_REQ) != 0,
                    (control & SecurityDescriptor.DACL_AUTO_INHERITED) != 0);
        }
        if (saclPresent) {
            sb.append("S:");
            appendAcl(sb, sd.sacl(), (control & SecurityDescriptor.SACL_PROTECTED) != 0,
                    (control & SecurityDescriptor.SACL_AUTO_INHERIT_REQ) != 0,
                    (control & SecurityDescriptor.SACL_AUTO_INHERITED) != 0);
        }
        return sb.toString();
    }

    /** Writes one ACE as SDDL, {@code (type;flags;rights;;;sid)}. */
    public static String formatAce(Ace ace) {
        StringBuilder sb = new StringBuilder();
        appendAce(sb, ace);
        return sb.toString();
    }

    private static void appendAcl(StringBuilder sb, Acl acl, boolean protectedFlag, boolean autoInheritReq, boolean autoInherited) {
        if (protectedFlag) {
            sb.append('P');
        }
        if (autoInheritReq) {
            sb.append("AR");
        }
        if (autoInherited) {
            sb.append("AI");
        }
        if (acl == null) {
            sb.append("NO_ACCESS_CONTROL");
            return;
        }
        List<Ace> aces = acl.aces();
        for (Ace ace : aces) {
            appendAce(sb, ace);
        }
    }

    private static void appendAce(StringBuilder sb, Ace ace) {
        sb.append('(').append(typeName(ace.type())).append(';');
        for (int bit = 0; bit < 8; bit++) {
            if ((ace.flags() & (1 << bit)) != 0) {
                String name = ACE_FLAG_NAMES[bit];
                if (name == null) {
                    throw new IllegalArgumentException(String.format("SDDL cannot express ACE flag 0x%02X", 1 << bit));
                }
                sb.append(name);
            }
        }
        sb.append(';').append(SddlAccessRights.format(ace.mask(), ace.type() == AceType.SYSTEM_MANDATORY_LABEL))
                .append(";;;").append(SddlSidAlias.format(ace.sid())).append(')');
    }

    static String typeName(AceType type) {
        switch (type) {
            case ACCESS_ALLOWED:
                return "A";
            case ACCESS_DENIED:
                return "D";
            case SYSTEM_AUDIT:
                return "AU";
            case SYSTEM_MANDATORY_LABEL:
                return "ML";
            default:
                throw new IllegalArgumentException("SDDL type for " + type + " is not modelled");
        }
    }

    static int aceFlagOf(String name) {
        for (int bit = 0; bit < ACE_FLAG_NAMES.length; bit++) {
            if (name.equals(ACE_FLAG_NAMES[bit])) {
                return 1 << bit;
            }
        }
        return -1;
    }
}
