package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.internal.SddlSidAlias;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.AceEvaluated;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.DaclPassEnded;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.DaclPassStarted;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.Decision;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.IntegrityDecision;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.OwnerImplicitRights;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.PreconditionFailed;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.PrivilegeConsulted;

import java.util.List;

/**
 * Renders an access check's {@link AccessCheckStep}s as readable text, one line per step: the
 * model's answer to "why did I get access denied?".
 */
public final class AccessCheckExplanation {

    private AccessCheckExplanation() {
    }

    /** One line per step, in order. */
    public static String render(List<AccessCheckStep> steps) {
        StringBuilder sb = new StringBuilder();
        for (AccessCheckStep step : steps) {
            sb.append(line(step)).append('\n');
        }
        return sb.toString();
    }

    /** The text for one step. */
    public static String line(AccessCheckStep step) {
        if (step instanceof PreconditionFailed p) {
            return "precondition failed: " + p.precondition() + " -> " + p.status() + " (R62)";
        }
        if (step instanceof PrivilegeConsulted p) {
            return String.format("privilege %s for 0x%X: %s", p.privilege().name(), p.requested(),
                    p.enabled() ? String.format("enabled, grants 0x%X", p.granted()) : "not held or not enabled");
        }
        if (step instanceof IntegrityDecision d) {
            return integrity(d);
        }
        if (step instanceof DaclPassStarted s) {
            return s.pass().name().toLowerCase(java.util.Locale.ROOT) + " pass: DACL " + describe(s.kind());
        }
        if (step instanceof OwnerImplicitRights o) {
            String who = SddlSidAlias.format(o.owner());
            if (!o.ownerInToken()) {
                return "owner " + who + " is not an enabled SID of the token: no implicit rights";
            }
            if (o.restricted() && !o.ownerRestricting()) {
                return "owner " + who + " is not one of the restricting SIDs: no implicit rights";
            }
            return o.ownerRightsAcePresent()
                    ? "owner " + who + ": an OWNER RIGHTS ACE is present, no implicit READ_CONTROL|WRITE_DAC"
                    : String.format("owner %s: implicit READ_CONTROL|WRITE_DAC (0x%X), once for %s", who, o.granted(),
                            o.restricted() ? "both passes" : "the check");
        }
        if (step instanceof AceEvaluated a) {
            String ace = Sddl.formatAce(a.ace());
            switch (a.outcome()) {
                case SKIPPED_INHERIT_ONLY:
                    return "  ace " + a.index() + " " + ace + ": inherit-only, skipped";
                case SKIPPED_NOT_ACCESS_ACE:
                    return "  ace " + a.index() + " " + ace + ": not an allow/deny ACE, skipped";
                case NO_MATCH:
                    return "  ace " + a.index() + " " + ace + ": trustee not matched (absent, disabled, or deny-only for an allow ACE)";
                case NO_EFFECT:
                    return "  ace " + a.index() + " " + ace + ": matched as " + a.match() + ", no undecided bits";
                case GRANTED:
                    return String.format("  ace %d %s: matched as %s, grants 0x%X", a.index(), ace, a.match(), a.bits());
                default:
                    return String.format("  ace %d %s: matched as %s, denies 0x%X", a.index(), ace, a.match(), a.bits());
            }
        }
        if (step instanceof DaclPassEnded e) {
            return String.format("%s pass grants 0x%X", e.pass().name().toLowerCase(java.util.Locale.ROOT), e.granted());
        }
        Decision d = (Decision) step;
        return d.accessStatus()
                ? String.format("access granted: desired 0x%X, granted 0x%X", d.desired(), d.granted())
                : String.format("access denied: desired 0x%X -> %s", d.desired(), d.accessStatusCode());
    }

    /** The integrity step: the levels, the label policy, and the allowed mask by named category, in hex (R63). */
    private static String integrity(IntegrityDecision d) {
        String object = SddlSidAlias.format(d.objectLevel()) + (d.objectLabelled() ? "" : " (unlabelled: implicit Medium)");
        String policy = String.format("label policy %s (0x%X)", policyNames(d.labelPolicy()), d.labelPolicy());
        if (!d.enforced()) {
            return "integrity: token policy has no NO_WRITE_UP, mandatory check not enforced (object " + object + ", " + policy + ")";
        }
        if (!d.applies()) {
            return String.format("integrity: token %s is not below object %s: no restriction",
                    SddlSidAlias.format(d.tokenLevel()), object);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("integrity: token %s below object %s, %s -> allowed mask 0x%X from ",
                SddlSidAlias.format(d.tokenLevel()), object, policy, d.allowedMask()));
        sb.append(category("read", d.readAllowed(), d.readCategory())).append(", ");
        sb.append(category("execute", d.executeAllowed(), d.executeCategory())).append(", ");
        sb.append(category("write", d.writeAllowed(), d.writeCategory()));
        if (d.relabel()) {
            sb.append(", WRITE_OWNER 0x80000 (allowed by SeRelabelPrivilege)");
        }
        sb.append("; every other right denied, MAXIMUM_ALLOWED cut to it");
        return sb.toString();
    }

    private static String category(String name, boolean allowed, int bits) {
        return String.format("%s 0x%X (%s)", name, bits, allowed ? "allowed" : "denied");
    }

    private static String policyNames(int policy) {
        StringBuilder sb = new StringBuilder();
        if ((policy & 0x1) != 0) {
            sb.append("NO_WRITE_UP");
        }
        if ((policy & 0x2) != 0) {
            sb.append(sb.length() > 0 ? "|" : "").append("NO_READ_UP");
        }
        if ((policy & 0x4) != 0) {
            sb.append(sb.length() > 0 ? "|" : "").append("NO_EXECUTE_UP");
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static String describe(AccessCheckStep.DaclKind kind) {
        switch (kind) {
            case ABSENT:
                return "absent: grants everything asked";
            case NULL_DACL:
                return "NULL: grants everything asked";
            case EMPTY:
                return "empty: grants nothing";
            default:
                return "present";
        }
    }
}
