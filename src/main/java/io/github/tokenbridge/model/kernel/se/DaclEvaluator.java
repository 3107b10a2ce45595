package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.GroupAttribute;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.AceOutcome;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.DaclKind;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.Match;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.Pass;

import java.util.List;

/**
 * Models one pass of Windows' DACL walk (R63; MSDOC "How AccessCheck Works"): ACEs in order,
 * inherit-only ACEs skipped, an allow ACE grants its (generically mapped) bits not yet denied, a
 * deny ACE denies bits not yet granted; in the normal pass deny-only groups match only deny ACEs
 * and disabled groups match nothing; in the restricted pass a trustee matches when it is one of
 * the token's restricted SIDs. The owner's implicit READ_CONTROL|WRITE_DAC ({@link #ownerRights})
 * is decided once per check, before either pass, and handed to both as already granted; OWNER
 * RIGHTS ACEs apply to the owner. Allocation-free unless a trace is recorded.
 */
final class DaclEvaluator {

    static final int READ_CONTROL = 0x00020000;
    static final int WRITE_DAC = 0x00040000;
    /** Bits a DACL can never grant: ACCESS_SYSTEM_SECURITY, MAXIMUM_ALLOWED and the generic bits. */
    private static final int NOT_GRANTABLE = 0x01000000 | 0x02000000 | GenericMapping.GENERIC_BITS;

    private DaclEvaluator() {
    }

    /**
     * Evaluates one pass.
     *
     * @param wanted     the bits asked for; -1 (all bits) for MAXIMUM_ALLOWED
     * @param maxAllowed true to walk every ACE (MAXIMUM_ALLOWED), false to stop once decided
     * @param preGranted bits already granted before the walk (the owner's implicit rights)
     * @return the granted bits (within {@code wanted})
     */
    static int pass(SecurityDescriptor sd, ClientToken token, Pass pass, int wanted, boolean maxAllowed,
                    int preGranted, GenericMapping mapping, AccessCheckTrace trace) {
        Acl dacl = sd.dacl();
        if (dacl == null) {
            int granted = maxAllowed ? mapping.genericAll() : wanted;
            if (trace != null) {
                trace.add(new AccessCheckStep.DaclPassStarted(pass, sd.daclPresent() ? DaclKind.NULL_DACL : DaclKind.ABSENT));
                trace.add(new AccessCheckStep.DaclPassEnded(pass, granted));
            }
            return granted;
        }
        List<Ace> aces = dacl.aces();
        int n = aces.size();
        if (trace != null) {
            trace.add(new AccessCheckStep.DaclPassStarted(pass, n == 0 ? DaclKind.EMPTY : DaclKind.PRESENT));
        }
        int granted = preGranted & wanted;
        int denied = 0;
        for (int i = 0; i < n; i++) {
            if (!maxAllowed && ((granted & wanted) == wanted || (denied & wanted) != 0)) {
                break;
            }
            Ace ace = aces.get(i);
            AceType type = ace.type();
            if (ace.inheritOnly() || (type != AceType.ACCESS_ALLOWED && type != AceType.ACCESS_DENIED)) {
                if (trace != null) {
                    trace.add(new AccessCheckStep.AceEvaluated(pass, i, ace, 0, Match.NONE,
                            ace.inheritOnly() ? AceOutcome.SKIPPED_INHERIT_ONLY : AceOutcome.SKIPPED_NOT_ACCESS_ACE, 0));
                }
                continue;
            }
            boolean allow = type == AceType.ACCESS_ALLOWED;
            int match = match(ace.sid(), token, pass, allow, sd.owner());
            int mapped = mapping.map(ace.mask()) & ~NOT_GRANTABLE;
            int bits = 0;
            if (match != 0) {
                if (allow) {
                    bits = mapped & wanted & ~granted & ~denied;
                    granted |= bits;
                } else {
                    bits = mapped & wanted & ~granted & ~denied;
                    denied |= bits;
                }
            }
            if (trace != null) {
                AceOutcome outcome = match == 0 ? AceOutcome.NO_MATCH
                        : bits == 0 ? AceOutcome.NO_EFFECT : allow ? AceOutcome.GRANTED : AceOutcome.DENIED;
                trace.add(new AccessCheckStep.AceEvaluated(pass, i, ace, mapped, Match.values()[match], outcome, bits));
            }
        }
        if (trace != null) {
            trace.add(new AccessCheckStep.DaclPassEnded(pass, granted & wanted));
        }
        return granted & wanted;
    }

    /**
     * The owner's implicit READ_CONTROL | WRITE_DAC (R63; WSI ch. 7, "The Owner Check" and Listing
     * 7-19): granted once per check when the descriptor's owner is the token's user or one of its
     * enabled groups (neither deny-only), and, for a restricted token, also one of its restricting
     * SIDs; never when the DACL holds a non-inherit-only OWNER RIGHTS (S-1-3-4) ACE. Only for a
     * present, non-NULL DACL (a NULL or absent DACL grants everything anyway).
     */
    static int ownerRights(SecurityDescriptor sd, ClientToken token, AccessCheckTrace trace) {
        Sid owner = sd.owner();
        Acl dacl = sd.dacl();
        if (owner == null || dacl == null) {
            return 0;
        }
        List<Ace> aces = dacl.aces();
        boolean ownerRightsAce = false;
        for (int i = 0, n = aces.size(); i < n; i++) {
            Ace ace = aces.get(i);
            if (!ace.inheritOnly() && ace.sid().equals(Sid.OWNER_RIGHTS)) {
                ownerRightsAce = true;
                break;
            }
        }
        boolean ownerInToken = inTokenForAllow(owner, token);
        boolean restricted = token.restrictedSidCount() > 0;
        boolean ownerRestricting = restricted && inRestricted(owner, token);
        int granted = ownerInToken && (!restricted || ownerRestricting) && !ownerRightsAce ? READ_CONTROL | WRITE_DAC : 0;
        if (trace != null) {
            trace.add(new AccessCheckStep.OwnerImplicitRights(owner, ownerInToken, restricted, ownerRestricting, ownerRightsAce, granted));
        }
        return granted;
    }

    /** How {@code sid} matches the token for an ACE: an index into {@link Match}, 0 for no match. */
    private static int match(Sid sid, ClientToken token, Pass pass, boolean allow, Sid owner) {
        if (sid.equals(Sid.OWNER_RIGHTS)) {
            if (owner == null) {
                return 0;
            }
            boolean ownerMatches = pass == Pass.RESTRICTED ? inRestricted(owner, token)
                    : allow ? inTokenForAllow(owner, token) : inTokenForDeny(owner, token);
            return ownerMatches ? Match.OWNER_RIGHTS.ordinal() : 0;
        }
        if (pass == Pass.RESTRICTED) {
            return inRestricted(sid, token) ? Match.RESTRICTED_SID.ordinal() : 0;
        }
        if (sid.equals(token.user())) {
            boolean denyOnly = (token.userAttributes() & GroupAttribute.USE_FOR_DENY_ONLY.mask()) != 0;
            if (!denyOnly) {
                return Match.USER.ordinal();
            }
            return allow ? 0 : Match.DENY_ONLY.ordinal();
        }
        for (int g = 0, n = token.groupCount(); g < n; g++) {
            if (sid.equals(token.groupSid(g))) {
                int attributes = token.groupAttributes(g);
                if ((attributes & GroupAttribute.USE_FOR_DENY_ONLY.mask()) != 0) {
                    if (!allow) {
                        return Match.DENY_ONLY.ordinal();
                    }
                } else if ((attributes & GroupAttribute.ENABLED.mask()) != 0) {
                    return Match.GROUP.ordinal();
                }
            }
        }
        return 0;
    }

    /** True when {@code sid} is the user or an enabled group, neither deny-only (SepSidInToken for grants). */
    static boolean inTokenForAllow(Sid sid, ClientToken token) {
        if (sid.equals(token.user())) {
            return (token.userAttributes() & GroupAttribute.USE_FOR_DENY_ONLY.mask()) == 0;
        }
        for (int g = 0, n = token.groupCount(); g < n; g++) {
            if (sid.equals(token.groupSid(g))) {
                int attributes = token.groupAttributes(g);
                if ((attributes & GroupAttribute.USE_FOR_DENY_ONLY.mask()) == 0 && (attributes & GroupAttribute.ENABLED.mask()) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean inTokenForDeny(Sid sid, ClientToken token) {
        if (sid.equals(token.user())) {
            return true;
        }
        for (int g = 0, n = token.groupCount(); g < n; g++) {
            if (sid.equals(token.groupSid(g))) {
                int attributes = token.groupAttributes(g);
                if ((attributes & (GroupAttribute.USE_FOR_DENY_ONLY.mask() | GroupAttribute.ENABLED.mask())) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when {@code sid} is one of the token's restricted SIDs. */
    static boolean inRestricted(Sid sid, ClientToken token) {
        for (int r = 0, n = token.restrictedSidCount(); r < n; r++) {
            if (sid.equals(token.restrictedSid(r))) {
                return true;
            }
        }
        return false;
    }
}
