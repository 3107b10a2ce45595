package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;

/**
 * One step of an access check's explanation: which precondition failed, which privilege or ACE
 * granted or denied which bits, what the integrity check decided, how each DACL pass ended and
 * the final decision (R62, R63). {@link AccessCheckExplanation} renders a list of them.
 */
public sealed interface AccessCheckStep {

    /** Which DACL pass a step belongs to: the normal one, or the restricted-SID one (R63). */
    enum Pass { NORMAL, RESTRICTED }

    /** The R62 precondition that failed. */
    enum Precondition { PRIMARY_TOKEN, ANONYMOUS_LEVEL, GENERIC_BITS_NOT_MAPPED, NO_OWNER, NO_GROUP, PRIVILEGE_SET_TOO_SMALL }

    /** What the DACL was. */
    enum DaclKind { ABSENT, NULL_DACL, EMPTY, PRESENT }

    /** What happened to one ACE. */
    enum AceOutcome {
        /** {@code INHERIT_ONLY_ACE}: takes no part (R63). */
        SKIPPED_INHERIT_ONLY,
        /** An audit or label ACE in the DACL: ignored. */
        SKIPPED_NOT_ACCESS_ACE,
        /** The trustee is not in the token (or only as a disabled group, or deny-only for an allow ACE). */
        NO_MATCH,
        /** Matched and granted {@code bits}. */
        GRANTED,
        /** Matched and denied {@code bits}. */
        DENIED,
        /** Matched, but every bit was already decided. */
        NO_EFFECT
    }

    /** How an ACE's trustee was found in the token. */
    enum Match { NONE, USER, GROUP, DENY_ONLY, OWNER_RIGHTS, RESTRICTED_SID }

    /** A precondition failed; the call fails with {@code status} (R62). */
    record PreconditionFailed(Precondition precondition, NtStatus status) implements AccessCheckStep {
    }

    /** A privilege was consulted for {@code requested} bits; {@code granted} are the bits it gave. */
    record PrivilegeConsulted(Privilege privilege, int requested, boolean enabled, int granted) implements AccessCheckStep {
    }

    /**
     * The mandatory integrity decision (R63): the token's and object's levels, the label's policy,
     * whether the token's mandatory policy enforces the check and whether it applies (token below
     * the object), the mapping's read, execute and write categories, whether an enabled
     * SeRelabelPrivilege added WRITE_OWNER, and the resulting allowed mask ({@code -1}: no
     * restriction).
     */
    record IntegrityDecision(Sid tokenLevel, Sid objectLevel, boolean objectLabelled, int labelPolicy,
                             boolean enforced, boolean applies, int readCategory, int executeCategory,
                             int writeCategory, boolean relabel, int allowedMask) implements AccessCheckStep {

        /** True when the label's policy lets a lower token read (no NO_READ_UP). */
        public boolean readAllowed() {
            return (labelPolicy & Ace.NO_READ_UP) == 0;
        }

        /** True when the label's policy lets a lower token execute (no NO_EXECUTE_UP). */
        public boolean executeAllowed() {
            return (labelPolicy & Ace.NO_EXECUTE_UP) == 0;
        }

        /** True when the label's policy lets a lower token write (no NO_WRITE_UP). */
        public boolean writeAllowed() {
            return (labelPolicy & Ace.NO_WRITE_UP) == 0;
        }
    }

    /** A DACL pass started on a DACL of this kind. */
    record DaclPassStarted(Pass pass, DaclKind kind) implements AccessCheckStep {
    }

    /**
     * The owner's implicit READ_CONTROL|WRITE_DAC (R63), decided once for both passes: whether the
     * owner is an enabled SID of the token, whether the token is restricted and the owner one of
     * its restricting SIDs, whether an OWNER RIGHTS ACE is present, and the bits granted.
     */
    record OwnerImplicitRights(Sid owner, boolean ownerInToken, boolean restricted, boolean ownerRestricting,
                               boolean ownerRightsAcePresent, int granted) implements AccessCheckStep {
    }

    /** One ACE as seen by one pass, with the mapped mask and the bits it granted or denied. */
    record AceEvaluated(Pass pass, int index, Ace ace, int mappedMask, Match match, AceOutcome outcome, int bits)
            implements AccessCheckStep {
    }

    /** A DACL pass ended with these bits granted. */
    record DaclPassEnded(Pass pass, int granted) implements AccessCheckStep {
    }

    /** The final decision: the call status, the access status and the granted mask. */
    record Decision(NtStatus callStatus, boolean accessStatus, NtStatus accessStatusCode, int desired, int granted)
            implements AccessCheckStep {
    }
}
