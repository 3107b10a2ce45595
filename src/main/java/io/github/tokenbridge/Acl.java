package io.github.tokenbridge;

import java.util.List;
import java.util.Objects;

/**
 * An access control list: an ordered list of ACEs.
 *
 * @param aces the entries, in evaluation order
 */
public record Acl(List<Ace> aces) {

    /** The empty ACL, which grants nothing when used as a DACL (R63). */
    public static final Acl EMPTY = new Acl(List.of());

    /**
     * The largest ACL Windows can hold, in bytes: the {@code AclSize} field of the {@code ACL} header is
     * a WORD ({@code InitializeAcl} refuses a larger length). It also bounds {@code AceCount}, a WORD too.
     */
    public static final int MAX_BYTE_LENGTH = 0xFFFF;

    /**
     * @throws IllegalArgumentException when the entries would not fit in {@link #MAX_BYTE_LENGTH} bytes
     */
    public Acl {
        aces = List.copyOf(Objects.requireNonNull(aces, "aces"));
        int length = 8;
        for (int i = 0; i < aces.size(); i++) {
            length += aces.get(i).byteLength();
            if (length > MAX_BYTE_LENGTH) {
                throw new IllegalArgumentException(tooLarge(i, aces.size()));
            }
        }
    }

    /** The message for an ACL whose ACE {@code index} (0-based) crosses the size limit. */
    static String tooLarge(int index, int total) {
        return "an ACL holds at most " + MAX_BYTE_LENGTH + " bytes (AclSize is a WORD): ACE " + (index + 1)
                + (total > 0 ? " of " + total : "") + " does not fit";
    }

    /** An ACL of these entries. */
    public static Acl of(Ace... aces) {
        return new Acl(List.of(aces));
    }

    /** The ACL's size in bytes: an 8-byte header and every ACE. */
    public int byteLength() {
        int length = 8;
        for (Ace ace : aces) {
            length += ace.byteLength();
        }
        return length;
    }

    /** The entries in SDDL, for example {@code (A;;FR;;;WD)(D;;FA;;;AN)}; {@code (empty)} for no entries. */
    @Override
    public String toString() {
        if (aces.isEmpty()) {
            return "(empty)";
        }
        StringBuilder sb = new StringBuilder();
        for (Ace ace : aces) {
            sb.append(ace);
        }
        return sb.toString();
    }
}
