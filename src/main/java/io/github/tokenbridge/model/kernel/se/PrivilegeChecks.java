package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.model.kernel.ps.ImpersonationState;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.PrivilegeAttribute;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.PrivilegeCheckResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Models {@code PrivilegeCheck} / {@code NtPrivilegeCheck} (R61, R64): a primary token is checked as
 * it is, an impersonation token must be at Identification level or above (else
 * STATUS_BAD_IMPERSONATION_LEVEL); a privilege is held when it is in the token, enabled and not
 * removed; with {@code PRIVILEGE_SET_ALL_NECESSARY} every privilege must be held, otherwise one
 * suffices; held privileges come back with {@code SE_PRIVILEGE_USED_FOR_ACCESS}. Unlike AccessCheck
 * and CheckTokenMembership (R60, R62) it does not refuse a primary token (R61 as corrected from
 * W-SEC {@code test_elevation}).
 */
public final class PrivilegeChecks {

    private PrivilegeChecks() {
    }

    /** The outcome: a status and, on success, the SPI value. */
    public record Outcome(NtStatus status, PrivilegeCheckResult result) {
    }

    /** True when the token holds {@code privilege} enabled and not removed (R7, R56). */
    public static boolean isEnabled(ClientToken token, Luid privilege) {
        long value = privilege.value();
        for (int i = 0, n = token.privilegeCount(); i < n; i++) {
            if (token.privilegeLuid(i).value() == value) {
                int attributes = token.privilegeAttributes(i);
                return (attributes & PrivilegeAttribute.ENABLED.mask()) != 0
                        && (attributes & PrivilegeAttribute.REMOVED.mask()) == 0;
            }
        }
        return false;
    }

    /**
     * The kernel's {@code SePrivilegeCheck(RequiredPrivileges, SubjectContext, AccessMode)} for the
     * subject context of {@code subject} (R95): in kernel mode every privilege is marked used and the
     * answer is TRUE; in user mode the subject's effective token is checked, an impersonation token
     * at the level the thread impersonates at, and a client below SecurityIdentification holds
     * nothing (the routine has no status to report).
     */
    public static PrivilegeCheckResult subjectCheck(ThreadObject subject, List<Luid> required, boolean requireAll,
                                                    boolean kernelMode) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(required, "required");
        if (kernelMode) {
            List<TokenPrivilege> all = required.stream()
                    .map(l -> new TokenPrivilege(l, PrivilegeAttribute.USED_FOR_ACCESS.mask())).toList();
            return new PrivilegeCheckResult(true, all);
        }
        ImpersonationState client = subject.activeImpersonationOrNull();
        ClientToken view = client == null ? ContentsClientToken.of(subject.process().primaryToken().contents())
                : ContentsClientToken.asImpersonation(client.token().contents(), client.level());
        Outcome outcome = check(view, required, requireAll);
        if (outcome.status() != NtStatus.STATUS_SUCCESS) {
            return new PrivilegeCheckResult(false, required.stream().map(l -> new TokenPrivilege(l, 0)).toList());
        }
        return outcome.result();
    }

    /**
     * Evaluates {@code PrivilegeCheck}.
     *
     * @param required   the privileges asked about
     * @param requireAll {@code PRIVILEGE_SET_ALL_NECESSARY}
     */
    public static Outcome check(ClientToken token, List<Luid> required, boolean requireAll) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(required, "required");
        if (token.type() == TokenType.IMPERSONATION && token.level().isBelow(ImpersonationLevel.IDENTIFICATION)) {
            return new Outcome(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, null);
        }
        List<TokenPrivilege> written = new ArrayList<>(required.size());
        int heldCount = 0;
        for (Luid luid : required) {
            boolean held = isEnabled(token, luid);
            heldCount += held ? 1 : 0;
            written.add(new TokenPrivilege(luid, held ? PrivilegeAttribute.USED_FOR_ACCESS.mask() : 0));
        }
        boolean result = requireAll ? heldCount == required.size() : heldCount > 0;
        return new Outcome(NtStatus.STATUS_SUCCESS, new PrivilegeCheckResult(result, written));
    }
}
