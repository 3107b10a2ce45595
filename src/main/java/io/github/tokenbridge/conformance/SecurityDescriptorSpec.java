package io.github.tokenbridge.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A generated security descriptor, kept as parts so that a shrinker can simplify it: owner,
 * group, a DACL that is absent, NULL, empty or a list of ACEs, and an optional mandatory label.
 * It renders as SDDL both the model's parser and {@code ConvertStringSecurityDescriptorToSecurityDescriptorW}
 * accept (hex masks, SID strings or two-letter aliases).
 *
 * @param owner the owner SID (SDDL form), or null for none
 * @param group the primary group SID (SDDL form), or null for none
 * @param dacl  the DACL's shape
 * @param aces  the ACEs when {@code dacl} is {@link DaclShape#ACES}
 * @param label the mandatory label ACE, or null
 */
public record SecurityDescriptorSpec(String owner, String group, DaclShape dacl, List<Ace> aces, Label label) {

    /** What the DACL is. */
    public enum DaclShape {
        /** No DACL part in the SDDL at all (SE_DACL_PRESENT clear). */
        ABSENT,
        /** {@code D:NO_ACCESS_CONTROL}: a NULL DACL, which grants everything. */
        NULL,
        /** {@code D:}: an empty DACL, which grants nothing. */
        EMPTY,
        /** A DACL with ACEs. */
        ACES
    }

    /**
     * An access-allowed or access-denied ACE.
     *
     * @param allow true for an allow ACE, false for deny
     * @param flags SDDL ACE flags ({@code ""}, {@code IO}, {@code OICI}, ...)
     * @param mask  the access mask
     * @param sid   the trustee (SDDL form)
     */
    public record Ace(boolean allow, String flags, int mask, String sid) {
        String sddl() {
            return "(" + (allow ? "A" : "D") + ";" + flags + ";0x" + Integer.toHexString(mask) + ";;;" + sid + ")";
        }
    }

    /**
     * A mandatory label: {@code S:(ML;;policy;;;level)}.
     *
     * @param policy the policy bits NW (1), NR (2), NX (4)
     * @param level  the label alias (LW, ME, HI, SI)
     */
    public record Label(int policy, String level) {
        String sddl() {
            StringBuilder p = new StringBuilder();
            if ((policy & 1) != 0) {
                p.append("NW");
            }
            if ((policy & 2) != 0) {
                p.append("NR");
            }
            if ((policy & 4) != 0) {
                p.append("NX");
            }
            return "S:(ML;;" + p + ";;;" + level + ")";
        }
    }

    public SecurityDescriptorSpec {
        Objects.requireNonNull(dacl, "dacl");
        aces = List.copyOf(aces);
    }

    /** The SDDL text. */
    public String sddl() {
        StringBuilder sb = new StringBuilder();
        if (owner != null) {
            sb.append("O:").append(owner);
        }
        if (group != null) {
            sb.append("G:").append(group);
        }
        switch (dacl) {
            case NULL -> sb.append("D:NO_ACCESS_CONTROL");
            case EMPTY -> sb.append("D:");
            case ACES -> {
                sb.append("D:");
                aces.forEach(a -> sb.append(a.sddl()));
            }
            case ABSENT -> { }
        }
        if (label != null) {
            sb.append(label.sddl());
        }
        return sb.toString();
    }

    /** Simpler descriptors, each one change away: one ACE fewer, no label, a plain ACE, an empty DACL. */
    public List<SecurityDescriptorSpec> simplifications() {
        List<SecurityDescriptorSpec> out = new ArrayList<>();
        if (label != null) {
            out.add(new SecurityDescriptorSpec(owner, group, dacl, aces, null));
        }
        if (dacl == DaclShape.ACES) {
            for (int i = 0; i < aces.size(); i++) {
                List<Ace> fewer = new ArrayList<>(aces);
                fewer.remove(i);
                out.add(new SecurityDescriptorSpec(owner, group, fewer.isEmpty() ? DaclShape.EMPTY : DaclShape.ACES,
                        fewer, label));
            }
            for (int i = 0; i < aces.size(); i++) {
                Ace a = aces.get(i);
                if (!a.flags().isEmpty()) {
                    List<Ace> plain = new ArrayList<>(aces);
                    plain.set(i, new Ace(a.allow(), "", a.mask(), a.sid()));
                    out.add(new SecurityDescriptorSpec(owner, group, dacl, plain, label));
                }
            }
        }
        return out;
    }

    /** Whether any ACE is an inherit-only one. */
    public boolean hasInheritOnly() {
        return aces.stream().anyMatch(a -> a.flags().contains("IO"));
    }

    /** Whether any ACE is a deny ACE. */
    public boolean hasDeny() {
        return aces.stream().anyMatch(a -> !a.allow());
    }

    /** Whether any ACE names OWNER RIGHTS. */
    public boolean hasOwnerRights() {
        return aces.stream().anyMatch(a -> a.sid().equals("OW"));
    }
}
