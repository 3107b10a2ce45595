package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.model.kernel.ps.ImpersonationState;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;

import java.util.List;
import java.util.Objects;

/**
 * The kernel's {@code SeAccessCheck} for the subject context of a thread (R97): kernel-mode callers
 * get what they ask for, user-mode subjects go through the one object-open evaluation
 * ({@link AccessCheck#evaluateObjectOpen}) with their effective token, after the rights already
 * granted are taken out.
 */
public final class SubjectAccessCheck {

    private static final int MAXIMUM_ALLOWED = 0x02000000;

    /**
     * What {@code SeAccessCheck} returns: the BOOLEAN, {@code GrantedAccess}, {@code AccessStatus}
     * and the privileges it used (the routine's {@code Privileges} out parameter).
     */
    public record Outcome(boolean granted, int grantedAccess, NtStatus accessStatus, List<TokenPrivilege> privileges) {

        public Outcome {
            Objects.requireNonNull(accessStatus, "accessStatus");
            privileges = List.copyOf(privileges);
        }
    }

    private SubjectAccessCheck() {
    }

    /**
     * {@code SeAccessCheck(sd, subject context of thread, ..., desired, previouslyGranted, &privileges,
     * mapping, AccessMode, &granted, &status)}. Generic bits of {@code desired} are mapped first. In
     * kernel mode the answer is TRUE with the desired rights (MAXIMUM_ALLOWED: GenericAll) and the
     * previously granted ones, no privileges, and {@code sd} may be null. In user mode a subject that
     * impersonates below SecurityImpersonation is refused with STATUS_BAD_IMPERSONATION_LEVEL (R20);
     * a request the previously granted rights already cover is TRUE at once; otherwise the rest is
     * evaluated against {@code sd}, and the previously granted rights are added to what it grants.
     */
    public static Outcome check(SecurityDescriptor sd, ThreadObject subject, int desired, int previouslyGranted,
                                GenericMapping mapping, boolean kernelMode) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(mapping, "mapping");
        int mapped = mapping.map(desired);
        if (kernelMode) {
            int asked = (mapped & MAXIMUM_ALLOWED) != 0 ? mapping.genericAll() | (mapped & ~MAXIMUM_ALLOWED) : mapped;
            return new Outcome(true, asked | previouslyGranted, NtStatus.STATUS_SUCCESS, List.of());
        }
        Objects.requireNonNull(sd, "sd");
        ImpersonationState client = subject.activeImpersonationOrNull();
        if (client != null && client.level().isBelow(ImpersonationLevel.IMPERSONATION)) {
            return new Outcome(false, 0, NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, List.of());
        }
        int remaining = mapped & ~previouslyGranted;
        if (remaining == 0) {
            return previouslyGranted != 0
                    ? new Outcome(true, previouslyGranted, NtStatus.STATUS_SUCCESS, List.of())
                    : new Outcome(false, 0, NtStatus.STATUS_ACCESS_DENIED, List.of());
        }
        AccessDecision decision = new AccessDecision();
        AccessCheck.evaluateObjectOpen(sd, subject.effectiveToken().contentsView(ContentsClientToken.class, ContentsClientToken::of),
                remaining, mapping, null, decision);
        if (!decision.accessGranted()) {
            NtStatus status = NtStatus.fromCode(decision.accessStatusCode()).orElse(NtStatus.STATUS_ACCESS_DENIED);
            return new Outcome(false, 0, status, List.of());
        }
        return new Outcome(true, decision.granted() | previouslyGranted, NtStatus.STATUS_SUCCESS, decision.privilegesUsed());
    }
}
