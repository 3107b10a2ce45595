package io.github.tokenbridge;

import java.util.Objects;

/**
 * An access control entry: type, flags, access mask and SID ({@code ACCESS_ALLOWED_ACE} and its
 * relatives).
 *
 * @param type  the ACE type
 * @param flags the {@code AceFlags} byte (inheritance and audit flags)
 * @param mask  the access mask; for a mandatory label, the {@code SYSTEM_MANDATORY_LABEL_NO_*} policy bits
 * @param sid   the trustee, or the label SID
 */
public record Ace(AceType type, int flags, int mask, Sid sid) {

    /** {@code OBJECT_INHERIT_ACE}. */
    public static final int OBJECT_INHERIT = 0x01;
    /** {@code CONTAINER_INHERIT_ACE}. */
    public static final int CONTAINER_INHERIT = 0x02;
    /** {@code NO_PROPAGATE_INHERIT_ACE}. */
    public static final int NO_PROPAGATE_INHERIT = 0x04;
    /** {@code INHERIT_ONLY_ACE}: the ACE takes no part in access checks on this object. */
    public static final int INHERIT_ONLY = 0x08;
    /** {@code INHERITED_ACE}. */
    public static final int INHERITED = 0x10;
    /** {@code SUCCESSFUL_ACCESS_ACE_FLAG}. */
    public static final int SUCCESSFUL_ACCESS = 0x40;
    /** {@code FAILED_ACCESS_ACE_FLAG}. */
    public static final int FAILED_ACCESS = 0x80;

    /** {@code SYSTEM_MANDATORY_LABEL_NO_WRITE_UP}. */
    public static final int NO_WRITE_UP = 0x1;
    /** {@code SYSTEM_MANDATORY_LABEL_NO_READ_UP}. */
    public static final int NO_READ_UP = 0x2;
    /** {@code SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP}. */
    public static final int NO_EXECUTE_UP = 0x4;

    /**
     * The largest ACE Windows can hold, in bytes: the {@code AceSize} field of the {@code ACE_HEADER} is a
     * WORD. The modelled types (header, mask, SID of at most 15 sub-authorities) take at most 76 bytes.
     */
    public static final int MAX_BYTE_LENGTH = 0xFFFF;

    /**
     * @throws IllegalArgumentException when {@code flags} is not one byte or the ACE exceeds {@link #MAX_BYTE_LENGTH}
     */
    public Ace {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sid, "sid");
        if (8 + sid.byteLength() > MAX_BYTE_LENGTH) {
            throw new IllegalArgumentException("an ACE holds at most " + MAX_BYTE_LENGTH + " bytes (AceSize is a WORD)");
        }
        if ((flags & ~0xFF) != 0) {
            throw new IllegalArgumentException("ACE flags are one byte: 0x" + Integer.toHexString(flags));
        }
    }

    /** An allow ACE without flags. */
    public static Ace allow(int mask, Sid sid) {
        return new Ace(AceType.ACCESS_ALLOWED, 0, mask, sid);
    }

    /** A deny ACE without flags. */
    public static Ace deny(int mask, Sid sid) {
        return new Ace(AceType.ACCESS_DENIED, 0, mask, sid);
    }

    /** True when {@code INHERIT_ONLY_ACE} is set. */
    public boolean inheritOnly() {
        return (flags & INHERIT_ONLY) != 0;
    }

    /** The ACE's size in bytes: an 8-byte header and mask, then the SID. */
    public int byteLength() {
        return 8 + sid.byteLength();
    }

    /** The ACE in SDDL ({@code (A;;FR;;;WD)}), or its fields with the mask in hex where SDDL cannot express it. */
    @Override
    public String toString() {
        try {
            return Sddl.formatAce(this);
        } catch (IllegalArgumentException e) {
            return "Ace[" + type + ", flags 0x" + Integer.toHexString(flags).toUpperCase(java.util.Locale.ROOT)
                    + ", mask " + AccessMaskNames.describe(mask) + ", " + sid + "]";
        }
    }
}
