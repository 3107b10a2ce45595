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

    public Acl {
        aces = List.copyOf(Objects.requireNonNull(aces, "aces"));
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
