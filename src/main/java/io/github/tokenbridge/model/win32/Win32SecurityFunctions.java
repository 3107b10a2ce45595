package io.github.tokenbridge.model.win32;

import io.github.tokenbridge.model.kernel.se.AccessCheck;
import io.github.tokenbridge.model.kernel.se.AccessCheckTrace;
import io.github.tokenbridge.model.kernel.se.AccessDecision;
import io.github.tokenbridge.model.nt.NtSecurityServices;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PrivilegeCheckResult;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;

import java.util.List;
import java.util.Objects;

/**
 * The advapi32 security functions of the model over {@link NtSecurityServices}: AccessCheck (R62,
 * R63), PrivilegeCheck (R61), CheckTokenMembership (R60), CreateRestrictedToken (R10) and
 * AdjustTokenGroups (R57), with the Win32 conventions: access denied is a successful call with
 * AccessStatus FALSE and last error ERROR_ACCESS_DENIED / ERROR_PRIVILEGE_NOT_HELD; NOT_ALL_ASSIGNED
 * is TRUE with last error ERROR_NOT_ALL_ASSIGNED.
 */
public final class Win32SecurityFunctions {

    private final NtSecurityServices nt;

    public Win32SecurityFunctions(NtSecurityServices nt) {
        this.nt = Objects.requireNonNull(nt, "nt");
    }

    /**
     * {@code AccessCheck}. A too-small PrivilegeSet fails with ERROR_INSUFFICIENT_BUFFER and a value
     * whose {@link AccessCheckResult#privilegeSetLength()} is the required length.
     */
    public Result<AccessCheckResult> accessCheck(ThreadObject caller, SecurityDescriptor sd, Handle token, int desired,
                                                 GenericMapping mapping, int privilegeSetLength) {
        AccessDecision out = new AccessDecision();
        NtStatus status = nt.accessCheck(caller, sd, Objects.requireNonNull(token, "token").value(), desired, mapping,
                privilegeSetLength, null, out);
        if (status == NtStatus.STATUS_BUFFER_TOO_SMALL) {
            AccessCheckResult sizing = new AccessCheckResult(false, 0, out.requiredPrivilegeSetLength() > 20
                    ? out.privilegesUsed() : List.of(), 0);
            return Result.ofStatus(status, sizing);
        }
        if (status != NtStatus.STATUS_SUCCESS) {
            return Result.failure(status);
        }
        AccessCheckResult result = out.toResult();
        return result.accessStatus() ? Result.ok(result) : Result.okWithLastError(result, result.denialError());
    }

    /**
     * The model's explanation of an {@code AccessCheck}: the same evaluation, returning every step
     * (precondition, privileges, integrity, each ACE of each pass, decision) instead of the result.
     */
    public Result<AccessCheckTrace> explainAccessCheck(ThreadObject caller, SecurityDescriptor sd, Handle token, int desired,
                                                       GenericMapping mapping) {
        AccessCheckTrace trace = new AccessCheckTrace();
        NtStatus status = nt.accessCheck(caller, sd, Objects.requireNonNull(token, "token").value(), desired, mapping, -1, trace,
                new AccessDecision());
        return Result.ofStatus(status, trace);
    }

    /** {@code PrivilegeCheck}. */
    public Result<PrivilegeCheckResult> privilegeCheck(ThreadObject caller, Handle token, List<Luid> privileges, boolean requireAll) {
        return nt.privilegeCheck(caller, Objects.requireNonNull(token, "token").value(), privileges, requireAll);
    }

    /** {@code CheckTokenMembership}; {@link Handle#NULL} for the calling thread's token. */
    public Result<Boolean> checkTokenMembership(ThreadObject caller, Handle token, Sid sid) {
        return nt.checkMembership(caller, Objects.requireNonNull(token, "token").value(), sid);
    }

    /** {@code CreateRestrictedToken}. */
    public Result<Handle> createRestrictedToken(ThreadObject caller, Handle token, int flags, List<Sid> sidsToDisable,
                                                List<Luid> privilegesToDelete, List<Sid> sidsToRestrict) {
        Result<Long> r = nt.filterToken(caller, Objects.requireNonNull(token, "token").value(), flags,
                nullToEmpty(sidsToDisable), nullToEmpty(privilegesToDelete), nullToEmpty(sidsToRestrict));
        return r.withValue(r.value() == null ? null : new Handle(r.value()));
    }

    /** {@code AdjustTokenGroups}: TRUE with ERROR_NOT_ALL_ASSIGNED when some group is not in the token. */
    public Result<AdjustResult<TokenGroup>> adjustTokenGroups(ThreadObject caller, Handle token, boolean resetToDefault,
                                                              List<TokenGroup> newState, int previousStateLength) {
        Result<AdjustResult<TokenGroup>> r = nt.adjustGroups(caller, Objects.requireNonNull(token, "token").value(),
                resetToDefault, newState, previousStateLength);
        if (r.ntStatus().orElse(-1) == NtStatus.STATUS_NOT_ALL_ASSIGNED.code()) {
            return Result.okWithLastError(r.value(), Win32Error.ERROR_NOT_ALL_ASSIGNED.code());
        }
        return r;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
