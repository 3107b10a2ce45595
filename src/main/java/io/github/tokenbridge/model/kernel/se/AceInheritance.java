package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.Sid;

import java.util.ArrayList;
import java.util.List;

/**
 * The ACE inheritance rules of the security reference monitor (docs/rules.md O16, O17): which ACEs
 * of a container's ACL a new child (container or not) receives, with which flags, masks and SIDs.
 *
 * <p>A non-container child gets an effective ACE from each OBJECT_INHERIT ACE. A container child
 * gets an effective ACE from each CONTAINER_INHERIT ACE (keeping its inherit flags unless
 * NO_PROPAGATE), split in two when the ACE carries generic bits or CREATOR OWNER / CREATOR GROUP
 * (the effective part mapped and substituted, followed by an INHERIT_ONLY copy of the original);
 * an OBJECT_INHERIT-only ACE reaches a container as an INHERIT_ONLY copy, unless NO_PROPAGATE. In
 * auto-inherit mode (O15) every inherited ACE carries INHERITED_ACE.
 */
public final class AceInheritance {

    /** CREATOR GROUP (S-1-3-1). */
    public static final Sid CREATOR_GROUP = Sid.parse("S-1-3-1");
    private static final int INHERIT_FLAGS = Ace.OBJECT_INHERIT | Ace.CONTAINER_INHERIT;

    private AceInheritance() {
    }

    /**
     * The ACEs {@code parent} passes to a new child.
     *
     * @param parent      the parent's DACL or SACL; null (NULL or absent) passes nothing
     * @param container   whether the child is a container (directory, key)
     * @param owner       the child's owner (replaces CREATOR OWNER)
     * @param group       the child's group (replaces CREATOR GROUP)
     * @param mapping     the child type's generic mapping
     * @param autoInherit whether inherited ACEs are marked INHERITED_ACE
     */
    public static List<Ace> inherited(Acl parent, boolean container, Sid owner, Sid group, GenericMapping mapping,
                                      boolean autoInherit) {
        List<Ace> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        int inheritedFlag = autoInherit ? Ace.INHERITED : 0;
        for (Ace ace : parent.aces()) {
            int flags = ace.flags();
            if ((flags & INHERIT_FLAGS) == 0) {
                continue;
            }
            boolean noPropagate = (flags & Ace.NO_PROPAGATE_INHERIT) != 0;
            int auditFlags = flags & (Ace.SUCCESSFUL_ACCESS | Ace.FAILED_ACCESS);
            if (!container) {
                if ((flags & Ace.OBJECT_INHERIT) != 0) {
                    out.add(effective(ace, owner, group, mapping, auditFlags | inheritedFlag));
                }
                continue;
            }
            if ((flags & Ace.CONTAINER_INHERIT) != 0) {
                if (noPropagate) {
                    out.add(effective(ace, owner, group, mapping, auditFlags | inheritedFlag));
                } else if (needsSplit(ace)) {
                    out.add(effective(ace, owner, group, mapping, auditFlags | inheritedFlag));
                    out.add(new Ace(ace.type(), (flags & ~Ace.INHERITED) | Ace.INHERIT_ONLY | inheritedFlag, ace.mask(), ace.sid()));
                } else {
                    out.add(new Ace(ace.type(), (flags & ~(Ace.INHERIT_ONLY | Ace.INHERITED)) | inheritedFlag, ace.mask(), ace.sid()));
                }
            } else if (!noPropagate) {
                out.add(new Ace(ace.type(), (flags & ~Ace.INHERITED) | Ace.INHERIT_ONLY | inheritedFlag, ace.mask(), ace.sid()));
            }
        }
        return out;
    }

    /** True when a container-inherited ACE must be split (O17): generic bits or a creator SID. */
    private static boolean needsSplit(Ace ace) {
        boolean generic = ace.type() != AceType.SYSTEM_MANDATORY_LABEL && (ace.mask() & GenericMapping.GENERIC_BITS) != 0;
        return generic || ace.sid().equals(Sid.CREATOR_OWNER) || ace.sid().equals(CREATOR_GROUP);
    }

    private static Ace effective(Ace ace, Sid owner, Sid group, GenericMapping mapping, int flags) {
        Sid sid = ace.sid();
        if (sid.equals(Sid.CREATOR_OWNER)) {
            sid = owner;
        } else if (sid.equals(CREATOR_GROUP)) {
            sid = group;
        }
        int mask = ace.type() == AceType.SYSTEM_MANDATORY_LABEL ? ace.mask() : storedMask(ace.mask(), mapping);
        return new Ace(ace.type(), flags, mask, sid);
    }

    /**
     * An ACE mask as the security reference monitor stores it in a new descriptor (O10, O17): the
     * generic bits replaced by the rights they map to, limited to the mapping's GenericAll; the other
     * bits kept. ReactOS's kernel-mode test {@code kmtests/ntos_se/SeInheritance.c} (which runs on
     * Windows) maps GENERIC_READ|GENERIC_EXECUTE|READ_CONTROL to READ_CONTROL|0x5 under a mapping whose
     * read and execute sets hold 0x1000 and 0x4000 outside GenericAll; for the system's own types,
     * whose generic sets lie inside GenericAll, the limit never changes anything.
     */
    public static int storedMask(int mask, GenericMapping mapping) {
        int generic = mask & GenericMapping.GENERIC_BITS;
        return generic == 0 ? mask : (mask & ~GenericMapping.GENERIC_BITS) | (mapping.map(generic) & mapping.genericAll());
    }

    /**
     * An explicit ACL as the kernel stores it (O10): generic bits mapped except in INHERIT_ONLY ACEs,
     * flags and order kept.
     */
    public static Acl mapExplicit(Acl acl, GenericMapping mapping) {
        if (acl == null) {
            return null;
        }
        List<Ace> out = new ArrayList<>(acl.aces().size());
        for (Ace ace : acl.aces()) {
            boolean keep = ace.inheritOnly() || ace.type() == AceType.SYSTEM_MANDATORY_LABEL;
            out.add(keep ? ace : new Ace(ace.type(), ace.flags(), storedMask(ace.mask(), mapping), ace.sid()));
        }
        return new Acl(out);
    }

    /** The ACEs of {@code acl} that are not marked INHERITED_ACE (the explicit part). */
    public static List<Ace> explicitPart(Acl acl) {
        List<Ace> out = new ArrayList<>();
        if (acl != null) {
            for (Ace ace : acl.aces()) {
                if ((ace.flags() & Ace.INHERITED) == 0) {
                    out.add(ace);
                }
            }
        }
        return out;
    }
}
