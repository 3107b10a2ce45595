package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.Pass;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.Precondition;

import io.github.tokenbridge.backend.Result;

import java.util.Objects;

/**
 * The model's access check: {@code NtAccessCheck} / {@code AccessCheck} as a pure function over a
 * {@link ClientToken} and a security descriptor (R62 preconditions, R63 evaluation, R64).
 *
 * <p>Order of evaluation (WSI ch. 7, Listing 7-2 and "The Mandatory Integrity Level Check";
 * docs/rules.md). Preconditions, each a call failure: primary token
 * (STATUS_NO_IMPERSONATION_TOKEN), Anonymous level (STATUS_BAD_IMPERSONATION_LEVEL), generic bits in
 * the desired mask (STATUS_GENERIC_NOT_MAPPED), missing owner or group
 * (STATUS_INVALID_SECURITY_DESCR), a privilege-set buffer below {@code sizeof(PRIVILEGE_SET)}
 * (STATUS_BUFFER_TOO_SMALL). Then: desired 0 is denied; the mandatory integrity check comes first
 * ({@link MandatoryIntegrity}): an asked right outside its allowed mask is STATUS_ACCESS_DENIED,
 * whatever privileges or owner rights the token has; then the token's privileges:
 * ACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege enabled (else access status
 * STATUS_PRIVILEGE_NOT_HELD), WRITE_OWNER asked for explicitly is granted by an enabled
 * SeTakeOwnershipPrivilege or SeRelabelPrivilege; with {@link #BACKUP_RESTORE_INTENT}, an enabled
 * SeBackupPrivilege grants read rights and SeRestorePrivilege write rights asked for explicitly
 * (Windows applies these only for a backup-intent open, never in a plain AccessCheck); then the
 * owner's implicit READ_CONTROL|WRITE_DAC, decided once ({@link DaclEvaluator#ownerRights}); then the
 * DACL ({@link DaclEvaluator}), a second time against the restricted SIDs for a restricted token,
 * granting only what both passes grant; for a write-restricted token the second pass judges only
 * the write rights asked (the mapping's GenericWrite; MSDOC "CreateRestrictedToken"), and runs
 * only when one is asked. MAXIMUM_ALLOWED yields every bit the passes grant (the mapping's GenericAll for a
 * NULL or absent DACL) within the integrity check's allowed mask.
 *
 * <p>{@link #evaluate} allocates nothing when no trace is requested.
 */
public final class AccessCheck {

    public static final int DELETE = 0x00010000;
    public static final int READ_CONTROL = 0x00020000;
    public static final int WRITE_DAC = 0x00040000;
    public static final int WRITE_OWNER = 0x00080000;
    public static final int ACCESS_SYSTEM_SECURITY = 0x01000000;
    public static final int MAXIMUM_ALLOWED = 0x02000000;
    /** {@code sizeof(PRIVILEGE_SET)}: a header and one {@code LUID_AND_ATTRIBUTES}. */
    public static final int PRIVILEGE_SET_SIZE = 20;

    /** Option: the caller opens for backup (FILE_FLAG_BACKUP_SEMANTICS), so SeBackup/SeRestore apply. */
    public static final int BACKUP_RESTORE_INTENT = 0x1;

    private AccessCheck() {
    }

    /** Evaluates a check with a fresh {@link AccessDecision} (convenience; allocates it). */
    public static AccessDecision check(SecurityDescriptor sd, ClientToken token, int desired, GenericMapping mapping,
                                       AccessCheckTrace trace) {
        AccessDecision out = new AccessDecision();
        evaluate(sd, token, desired, mapping, -1, 0, trace, out);
        return out;
    }

    /**
     * Evaluates {@code AccessCheck}.
     *
     * @param privilegeSetLength the caller's PRIVILEGE_SET buffer size, or -1 when the buffer is sized for it
     * @param options            0 or {@link #BACKUP_RESTORE_INTENT}
     * @param trace              where to record the explanation, or null
     * @param out                receives the outcome; reset first
     */
    public static void evaluate(SecurityDescriptor sd, ClientToken token, int desired, GenericMapping mapping,
                                int privilegeSetLength, int options, AccessCheckTrace trace, AccessDecision out) {
        Objects.requireNonNull(sd, "sd");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(mapping, "mapping");
        out.reset();
        out.requiredPrivilegeSetLength = PRIVILEGE_SET_SIZE;
        Precondition failed = precondition(sd, token, desired, privilegeSetLength);
        if (failed != null) {
            NtStatus status = statusOf(failed);
            out.callStatus = status.code();
            if (trace != null) {
                trace.add(new AccessCheckStep.PreconditionFailed(failed, status));
            }
            return;
        }
        decide(sd, token, desired, mapping, privilegeSetLength, options, trace, out);
    }

    /**
     * Evaluates the access check of an object open ({@code SeAccessCheck} as the object manager
     * calls it): the same evaluation as {@link #evaluate} without the AccessCheck API's R62
     * preconditions, which the object manager does not apply (the subject may be a primary token,
     * the descriptor may lack an owner). {@code desired} has its generic bits mapped.
     */
    public static void evaluateObjectOpen(SecurityDescriptor sd, ClientToken token, int desired, GenericMapping mapping,
                                          AccessCheckTrace trace, AccessDecision out) {
        evaluateObjectOpen(sd, token, desired, mapping, 0, trace, out);
    }

    /** {@link #evaluateObjectOpen} with {@code options}: 0 or {@link #BACKUP_RESTORE_INTENT} (a backup-intent file open, O21). */
    public static void evaluateObjectOpen(SecurityDescriptor sd, ClientToken token, int desired, GenericMapping mapping,
                                          int options, AccessCheckTrace trace, AccessDecision out) {
        Objects.requireNonNull(sd, "sd");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(mapping, "mapping");
        out.reset();
        out.requiredPrivilegeSetLength = PRIVILEGE_SET_SIZE;
        decide(sd, token, desired, mapping, -1, options, trace, out);
    }

    /**
     * {@code SeAccessCheck} as the object manager calls it for an open by {@code subject}: the
     * granted access, or STATUS_ACCESS_DENIED / STATUS_PRIVILEGE_NOT_HELD. The one routine behind
     * both object opens and {@link #evaluate}.
     */
    public static Result<Integer> checkObjectOpen(SecurityDescriptor sd, TokenObject subject, int desired, GenericMapping mapping) {
        return checkObjectOpen(sd, subject, desired, mapping, 0);
    }

    /** {@link #checkObjectOpen} with {@code options}: 0 or {@link #BACKUP_RESTORE_INTENT} (a backup-intent file open, O21). */
    public static Result<Integer> checkObjectOpen(SecurityDescriptor sd, TokenObject subject, int desired, GenericMapping mapping,
                                                  int options) {
        AccessDecision decision = new AccessDecision();
        evaluateObjectOpen(sd, subject.contentsView(ContentsClientToken.class, ContentsClientToken::of), desired, mapping, options,
                null, decision);
        if (!decision.accessGranted()) {
            return Result.failure(NtStatus.fromCode(decision.accessStatusCode()).orElse(NtStatus.STATUS_ACCESS_DENIED));
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, decision.granted());
    }

    private static void decide(SecurityDescriptor sd, ClientToken token, int desired, GenericMapping mapping,
                               int privilegeSetLength, int options, AccessCheckTrace trace, AccessDecision out) {
        boolean maxAllowed = (desired & MAXIMUM_ALLOWED) != 0;
        int explicit = desired & ~MAXIMUM_ALLOWED;
        int privilegeGranted = 0;
        int remaining = explicit;
        if (desired == 0) {
            deny(out, NtStatus.STATUS_ACCESS_DENIED, desired, trace);
            return;
        }
        int integrityAllowed = MandatoryIntegrity.allowedMask(sd, token, mapping, trace);
        if ((explicit & ~integrityAllowed) != 0) {
            deny(out, NtStatus.STATUS_ACCESS_DENIED, desired, trace);
            return;
        }
        if ((remaining & ACCESS_SYSTEM_SECURITY) != 0) {
            int used = usePrivilege(token, Privilege.SeSecurityPrivilege, ACCESS_SYSTEM_SECURITY, ACCESS_SYSTEM_SECURITY, trace);
            if (used == 0 && (options & BACKUP_RESTORE_INTENT) != 0) {
                used = usePrivilege(token, Privilege.SeBackupPrivilege, ACCESS_SYSTEM_SECURITY, ACCESS_SYSTEM_SECURITY, trace);
                out.privilegesUsed |= used != 0 ? AccessDecision.USED_BACKUP : 0;
            } else {
                out.privilegesUsed |= used != 0 ? AccessDecision.USED_SECURITY : 0;
            }
            if (used == 0) {
                deny(out, NtStatus.STATUS_PRIVILEGE_NOT_HELD, desired, trace);
                return;
            }
            privilegeGranted |= ACCESS_SYSTEM_SECURITY;
            remaining &= ~ACCESS_SYSTEM_SECURITY;
        }
        if ((remaining & WRITE_OWNER) != 0) {
            int used = usePrivilege(token, Privilege.SeTakeOwnershipPrivilege, WRITE_OWNER, WRITE_OWNER, trace);
            int usedBit = AccessDecision.USED_TAKE_OWNERSHIP;
            if (used == 0) {
                used = usePrivilege(token, Privilege.SeRelabelPrivilege, WRITE_OWNER, WRITE_OWNER, trace);
                usedBit = AccessDecision.USED_RELABEL;
            }
            if (used != 0) {
                out.privilegesUsed |= usedBit;
                privilegeGranted |= WRITE_OWNER;
                remaining &= ~WRITE_OWNER;
            }
        }
        if ((options & BACKUP_RESTORE_INTENT) != 0 && remaining != 0) {
            int backupRights = READ_CONTROL | mapping.genericRead() | mapping.genericExecute();
            int used = (remaining & backupRights) == 0 ? 0
                    : usePrivilege(token, Privilege.SeBackupPrivilege, remaining & backupRights, remaining & backupRights, trace);
            if (used != 0) {
                out.privilegesUsed |= AccessDecision.USED_BACKUP;
                privilegeGranted |= used;
                remaining &= ~used;
            }
            int restoreRights = WRITE_DAC | WRITE_OWNER | DELETE | mapping.genericWrite();
            used = (remaining & restoreRights) == 0 ? 0
                    : usePrivilege(token, Privilege.SeRestorePrivilege, remaining & restoreRights, remaining & restoreRights, trace);
            if (used != 0) {
                out.privilegesUsed |= AccessDecision.USED_RESTORE;
                privilegeGranted |= used;
                remaining &= ~used;
            }
        }
        out.requiredPrivilegeSetLength = 8 + 12 * Math.max(1, AccessDecision.countUsed(out.privilegesUsed));
        if (privilegeSetLength >= 0 && privilegeSetLength < out.requiredPrivilegeSetLength) {
            out.callStatus = NtStatus.STATUS_BUFFER_TOO_SMALL.code();
            if (trace != null) {
                trace.add(new AccessCheckStep.PreconditionFailed(Precondition.PRIVILEGE_SET_TOO_SMALL, NtStatus.STATUS_BUFFER_TOO_SMALL));
            }
            return;
        }
        boolean restricted = token.restrictedSidCount() > 0;
        int genericWrite = mapping.genericWrite();
        int granted;
        if (maxAllowed) {
            boolean nullDacl = sd.dacl() == null;
            int owner = DaclEvaluator.ownerRights(sd, token, trace);
            int daclGranted = DaclEvaluator.pass(sd, token, Pass.NORMAL, -1, true, owner, mapping, trace);
            if (restricted) {
                int restrictedGranted = DaclEvaluator.pass(sd, token, Pass.RESTRICTED, -1, true, owner, mapping, trace);
                daclGranted &= token.writeRestricted() ? restrictedGranted | ~genericWrite : restrictedGranted;
            }
            if (nullDacl) {
                daclGranted |= remaining;
            }
            daclGranted &= integrityAllowed;
            if ((remaining & ~daclGranted) != 0 || (daclGranted | privilegeGranted) == 0) {
                deny(out, NtStatus.STATUS_ACCESS_DENIED, desired, trace);
                return;
            }
            granted = daclGranted | privilegeGranted;
        } else {
            if (remaining != 0) {
                int owner = DaclEvaluator.ownerRights(sd, token, trace);
                int daclGranted = DaclEvaluator.pass(sd, token, Pass.NORMAL, remaining, false, owner, mapping, trace);
                int restrictedWanted = !restricted ? 0 : token.writeRestricted() ? remaining & genericWrite : remaining;
                if (daclGranted == remaining && restrictedWanted != 0) {
                    int restrictedGranted = DaclEvaluator.pass(sd, token, Pass.RESTRICTED, restrictedWanted, false, owner, mapping, trace);
                    daclGranted &= restrictedGranted | ~restrictedWanted;
                }
                if (daclGranted != remaining) {
                    deny(out, NtStatus.STATUS_ACCESS_DENIED, desired, trace);
                    return;
                }
            }
            granted = explicit;
        }
        out.granted = granted;
        if (trace != null) {
            trace.add(new AccessCheckStep.Decision(NtStatus.STATUS_SUCCESS, true, NtStatus.STATUS_SUCCESS, desired, granted));
        }
    }

    /**
     * The first precondition of {@code NtAccessCheck} (R62, R96): generic bits in the desired mask
     * are refused with STATUS_GENERIC_NOT_MAPPED before the token handle is referenced and before the
     * token's type and level are looked at. True when it fails; the failure is then in {@code out}
     * (reset first) and in {@code trace}.
     */
    public static boolean refusesUnmappedAccess(int desired, AccessCheckTrace trace, AccessDecision out) {
        if ((desired & GenericMapping.GENERIC_BITS) == 0) {
            return false;
        }
        out.reset();
        out.requiredPrivilegeSetLength = PRIVILEGE_SET_SIZE;
        out.callStatus = NtStatus.STATUS_GENERIC_NOT_MAPPED.code();
        if (trace != null) {
            trace.add(new AccessCheckStep.PreconditionFailed(Precondition.GENERIC_BITS_NOT_MAPPED, NtStatus.STATUS_GENERIC_NOT_MAPPED));
        }
        return true;
    }

    private static Precondition precondition(SecurityDescriptor sd, ClientToken token, int desired, int privilegeSetLength) {
        if ((desired & GenericMapping.GENERIC_BITS) != 0) {
            return Precondition.GENERIC_BITS_NOT_MAPPED;
        }
        if (token.type() != TokenType.IMPERSONATION) {
            return Precondition.PRIMARY_TOKEN;
        }
        if (token.level().isBelow(ImpersonationLevel.IDENTIFICATION)) {
            return Precondition.ANONYMOUS_LEVEL;
        }
        if (sd.owner() == null) {
            return Precondition.NO_OWNER;
        }
        if (sd.group() == null) {
            return Precondition.NO_GROUP;
        }
        if (privilegeSetLength >= 0 && privilegeSetLength < PRIVILEGE_SET_SIZE) {
            return Precondition.PRIVILEGE_SET_TOO_SMALL;
        }
        return null;
    }

    private static NtStatus statusOf(Precondition precondition) {
        switch (precondition) {
            case PRIMARY_TOKEN:
                return NtStatus.STATUS_NO_IMPERSONATION_TOKEN;
            case ANONYMOUS_LEVEL:
                return NtStatus.STATUS_BAD_IMPERSONATION_LEVEL;
            case GENERIC_BITS_NOT_MAPPED:
                return NtStatus.STATUS_GENERIC_NOT_MAPPED;
            case NO_OWNER:
            case NO_GROUP:
                return NtStatus.STATUS_INVALID_SECURITY_DESCR;
            default:
                return NtStatus.STATUS_BUFFER_TOO_SMALL;
        }
    }

    /** Returns {@code grants} when the privilege is held and enabled, else 0; records the consultation. */
    private static int usePrivilege(ClientToken token, Privilege privilege, int requested, int grants, AccessCheckTrace trace) {
        boolean enabled = PrivilegeChecks.isEnabled(token, privilege.luid());
        if (trace != null) {
            trace.add(new AccessCheckStep.PrivilegeConsulted(privilege, requested, enabled, enabled ? grants : 0));
        }
        return enabled ? grants : 0;
    }

    private static void deny(AccessDecision out, NtStatus accessStatus, int desired, AccessCheckTrace trace) {
        out.accessStatusCode = accessStatus.code();
        out.granted = 0;
        if (trace != null) {
            trace.add(new AccessCheckStep.Decision(NtStatus.STATUS_SUCCESS, false, accessStatus, desired, 0));
        }
    }
}
