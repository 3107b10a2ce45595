package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;

/**
 * Models Windows' mandatory integrity check (R63; MSDOC "Mandatory Integrity Control"): an object's
 * label is the first effective {@code SYSTEM_MANDATORY_LABEL} ACE of its SACL, an unlabelled object
 * counts as Medium with {@code NO_WRITE_UP}; a token whose level is below the object's is denied the
 * mapped GenericWrite (no-write-up), GenericRead (no-read-up) and GenericExecute (no-execute-up)
 * rights as the label's policy says; a token whose mandatory policy lacks
 * {@code TOKEN_MANDATORY_POLICY_NO_WRITE_UP} is not subject to the check at all.
 */
final class MandatoryIntegrity {

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

    /** The rights the integrity check denies this token on this object (0 when none). */
    static int deniedBits(SecurityDescriptor sd, ClientToken token, GenericMapping mapping, AccessCheckTrace trace) {
        Ace label = label(sd);
        Sid objectLevel = label != null ? label.sid() : Sid.MEDIUM_LABEL;
        int policy = label != null ? label.mask() : Ace.NO_WRITE_UP;
        boolean enforced = (token.mandatoryPolicy() & ClientToken.POLICY_NO_WRITE_UP) != 0;
        int denied = 0;
        if (enforced && Integer.compareUnsigned((int) token.integrityLevel().rid(), (int) objectLevel.rid()) < 0) {
            if ((policy & Ace.NO_WRITE_UP) != 0) {
                denied |= mapping.genericWrite();
            }
            if ((policy & Ace.NO_READ_UP) != 0) {
                denied |= mapping.genericRead();
            }
            if ((policy & Ace.NO_EXECUTE_UP) != 0) {
                denied |= mapping.genericExecute();
            }
        }
        if (trace != null) {
            trace.add(new AccessCheckStep.IntegrityDecision(token.integrityLevel(), objectLevel, label != null, policy, enforced, denied));
        }
        return denied;
    }
}
