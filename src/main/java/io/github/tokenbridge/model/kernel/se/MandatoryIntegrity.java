package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;

/**
 * Models Windows' mandatory integrity check (R63 as corrected in docs/rules.md; MSDOC
 * "Mandatory Integrity Control"; WSI ch. 7 "The Mandatory Integrity Level Check"): the object's
 * label is the first non-inherit-only {@code SYSTEM_MANDATORY_LABEL} ACE of its SACL, an unlabelled
 * object counts as Medium with {@code NO_WRITE_UP}. The check applies only when the token's
 * mandatory policy has {@code TOKEN_MANDATORY_POLICY_NO_WRITE_UP} and the token's level is below the
 * object's; the token is then held to an <em>allowed</em> mask built from three categories of the
 * object's generic mapping:
 * <ul>
 * <li>read = GenericRead | READ_CONTROL, allowed unless NO_READ_UP;</li>
 * <li>execute = (GenericExecute not in GenericRead) | SYNCHRONIZE, allowed unless NO_EXECUTE_UP;</li>
 * <li>write = GenericWrite | DELETE | WRITE_DAC | WRITE_OWNER | ACCESS_SYSTEM_SECURITY, allowed
 *     unless NO_WRITE_UP.</li>
 * </ul>
 * A right shared by an allowed and a denied category stays allowed. Without write up allowed the
 * mask is the union of the allowed categories, so a right in no category is denied; with write up
 * allowed (a label lacking NO_WRITE_UP) every right except the bits only a denied category holds
 * is allowed. An enabled SeRelabelPrivilege adds WRITE_OWNER back (WSI Listing 7-10). Nothing else
 * lifts it: no other privilege, no owner right; MAXIMUM_ALLOWED is cut to the mask.
 */
final class MandatoryIntegrity {

    /** No restriction: every bit allowed. */
    static final int ALL = -1;

    static final int READ_CONTROL = 0x00020000;
    static final int SYNCHRONIZE = 0x00100000;
    static final int WRITE_CATEGORY_STANDARD = 0x00010000 | 0x00040000 | 0x00080000 | 0x01000000;
    static final int WRITE_OWNER = 0x00080000;

    private MandatoryIntegrity() {
    }

    /** The label ACE of a SACL, or null when it has none. */
    static Ace label(SecurityDescriptor sd) {
        Acl sacl = sd.sacl();
        if (sacl == null) {
            return null;
        }
        for (int i = 0, n = sacl.aces().size(); i < n; i++) {
            Ace ace = sacl.aces().get(i);
            if (ace.type() == AceType.SYSTEM_MANDATORY_LABEL && !ace.inheritOnly()) {
                return ace;
            }
        }
        return null;
    }

    /** The read category of a mapping: GenericRead | READ_CONTROL. */
    static int readCategory(GenericMapping mapping) {
        return mapping.genericRead() | READ_CONTROL;
    }

    /** The execute category: the GenericExecute rights GenericRead does not hold, and SYNCHRONIZE. */
    static int executeCategory(GenericMapping mapping) {
        return (mapping.genericExecute() & ~mapping.genericRead()) | SYNCHRONIZE;
    }

    /** The write category: GenericWrite, DELETE, WRITE_DAC, WRITE_OWNER and ACCESS_SYSTEM_SECURITY. */
    static int writeCategory(GenericMapping mapping) {
        return mapping.genericWrite() | WRITE_CATEGORY_STANDARD;
    }

    /** The allowed mask for a label policy (NO_WRITE_UP / NO_READ_UP / NO_EXECUTE_UP bits), without privileges. */
    static int allowedFor(int policy, GenericMapping mapping) {
        boolean read = (policy & Ace.NO_READ_UP) == 0;
        boolean execute = (policy & Ace.NO_EXECUTE_UP) == 0;
        boolean write = (policy & Ace.NO_WRITE_UP) == 0;
        int allowedCategories = (read ? readCategory(mapping) : 0) | (execute ? executeCategory(mapping) : 0)
                | (write ? writeCategory(mapping) : 0);
        if (!write) {
            return allowedCategories;
        }
        int deniedCategories = (read ? 0 : readCategory(mapping)) | (execute ? 0 : executeCategory(mapping));
        return ~(deniedCategories & ~allowedCategories);
    }

    /**
     * The rights the integrity check leaves this token on this object: {@link #ALL} when it does not
     * apply (token policy off, or token level not below the object's).
     */
    static int allowedMask(SecurityDescriptor sd, ClientToken token, GenericMapping mapping, AccessCheckTrace trace) {
        Ace label = label(sd);
        Sid objectLevel = label != null ? label.sid() : Sid.MEDIUM_LABEL;
        int policy = label != null ? label.mask() & (Ace.NO_WRITE_UP | Ace.NO_READ_UP | Ace.NO_EXECUTE_UP) : Ace.NO_WRITE_UP;
        boolean enforced = (token.mandatoryPolicy() & ClientToken.POLICY_NO_WRITE_UP) != 0;
        boolean below = Integer.compareUnsigned((int) token.integrityLevel().rid(), (int) objectLevel.rid()) < 0;
        int allowed = ALL;
        boolean relabel = false;
        if (enforced && below) {
            allowed = allowedFor(policy, mapping);
            if ((allowed & WRITE_OWNER) == 0 && PrivilegeChecks.isEnabled(token, Privilege.SeRelabelPrivilege.luid())) {
                allowed |= WRITE_OWNER;
                relabel = true;
            }
        }
        if (trace != null) {
            trace.add(new AccessCheckStep.IntegrityDecision(token.integrityLevel(), objectLevel, label != null, policy,
                    enforced, enforced && below, readCategory(mapping), executeCategory(mapping), writeCategory(mapping),
                    relabel, allowed));
        }
        return allowed;
    }
}
