package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.PrivilegeAttribute;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The security reference monitor's rules for a token that is to become a new process's primary token
 * (R80-R84): the token type and level, whether it is a child or a sibling of the caller's process token
 * ({@code SeIsTokenChild} / {@code SeIsTokenSibling}), and the privileges CreateProcessAsUserW and
 * CreateProcessWithTokenW need. Each check reports the rule it applied, so that {@code explain process}
 * can show the whole decision.
 */
public final class ProcessTokenRules {

    /** One rule as applied: its id, whether it passed, and why. */
    public record Step(String ruleId, boolean passed, String text) {
    }

    /** A decision: the steps in order and the status of the first one that failed (success when none did). */
    public record Decision(NtStatus status, List<Step> steps) {
        public Decision {
            Objects.requireNonNull(status, "status");
            steps = List.copyOf(steps);
        }

        /** True when the token may be assigned. */
        public boolean allowed() {
            return status == NtStatus.STATUS_SUCCESS;
        }
    }

    /** Which Win32 entry point asks. */
    public enum Entry {
        /** CreateProcessAsUserW (kernel checks in the caller's context). */
        AS_USER,
        /** CreateProcessWithTokenW (the secondary logon service starts the process). */
        WITH_TOKEN
    }

    private ProcessTokenRules() {
    }

    /**
     * Decides whether {@code token} may become the primary token of a new process that {@code callerProcessToken}'s
     * process creates, the caller's effective token being {@code callerEffective}.
     */
    public static Decision decide(Entry entry, TokenContents token, Luid tokenId, TokenContents callerProcessToken,
                                  Luid callerProcessTokenId, TokenContents callerEffective) {
        List<Step> steps = new ArrayList<>();
        if (token.type() == TokenType.IMPERSONATION && token.level().isBelow(ImpersonationLevel.IMPERSONATION)) {
            steps.add(new Step("R81", false, "an impersonation token at " + token.level()
                    + " level cannot become a primary token (R41); ask the client for SecurityImpersonation"));
            return new Decision(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, steps);
        }
        steps.add(new Step("R81", true, token.type() == TokenType.PRIMARY ? "a primary token"
                : "an impersonation token at " + token.level() + " level (Windows 7 and later accept it; the child gets a primary copy)"));
        if (entry == Entry.WITH_TOKEN) {
            boolean held = holds(callerEffective, Privilege.SeImpersonatePrivilege.luid());
            steps.add(new Step("R84", held, held ? "the caller holds SeImpersonatePrivilege"
                    : "CreateProcessWithTokenW needs SeImpersonatePrivilege, which the caller does not hold"));
            return new Decision(held ? NtStatus.STATUS_SUCCESS : NtStatus.STATUS_PRIVILEGE_NOT_HELD, steps);
        }
        boolean child = isChild(token, callerProcessTokenId);
        boolean sibling = isSibling(token, callerProcessToken);
        if (child || sibling) {
            steps.add(new Step("R82", true, child ? "the token is a child of the caller's process token (ParentTokenId = its TokenId)"
                    : "the token is a sibling of the caller's process token (same ParentTokenId and logon session)"));
            return new Decision(NtStatus.STATUS_SUCCESS, steps);
        }
        boolean held = holds(callerEffective, Privilege.SeAssignPrimaryTokenPrivilege.luid());
        steps.add(new Step("R82", held, held
                ? "the token is neither child nor sibling of the caller's process token; the caller holds SeAssignPrimaryTokenPrivilege"
                : "the token is neither child nor sibling of the caller's process token and the caller does not hold "
                        + "SeAssignPrimaryTokenPrivilege (L18)"));
        return new Decision(held ? NtStatus.STATUS_SUCCESS : NtStatus.STATUS_PRIVILEGE_NOT_HELD, steps);
    }

    /** {@code SeIsTokenChild}: the token's ParentTokenId is the caller's process token's TokenId. */
    public static boolean isChild(TokenContents token, Luid callerProcessTokenId) {
        return token.parentTokenId().equals(callerProcessTokenId);
    }

    /** {@code SeIsTokenSibling}: same ParentTokenId and same AuthenticationId as the caller's process token. */
    public static boolean isSibling(TokenContents token, TokenContents callerProcessToken) {
        return token.parentTokenId().equals(callerProcessToken.parentTokenId())
                && token.authenticationId().equals(callerProcessToken.authenticationId());
    }

    /**
     * True when the token holds the privilege and it is not removed. Enabled or not: the Win32 layer enables a
     * held privilege for the call (ReactOS kernel32 acquires SeAssignPrimaryTokenPrivilege before assigning a
     * token; R82 records this as not observed on Windows).
     */
    public static boolean holds(TokenContents token, Luid privilege) {
        for (TokenPrivilege p : token.privileges()) {
            if (p.luid().equals(privilege)) {
                return (p.attributes() & PrivilegeAttribute.REMOVED.mask()) == 0;
            }
        }
        return false;
    }
}
