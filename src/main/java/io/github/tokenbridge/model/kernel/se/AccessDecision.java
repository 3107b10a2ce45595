package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.PrivilegeAttribute;
import io.github.tokenbridge.TokenPrivilege;

import java.util.ArrayList;
import java.util.List;

/**
 * The mutable output of one {@link AccessCheck#evaluate} call, reusable so that the
 * success path allocates nothing: the call status (R62), the access status and granted mask (R63)
 * and the privileges used.
 */
public final class AccessDecision {

    static final int USED_SECURITY = 1;
    static final int USED_TAKE_OWNERSHIP = 2;
    static final int USED_BACKUP = 4;
    static final int USED_RESTORE = 8;
    static final int USED_RELABEL = 16;

    private static final Privilege[] PRIVILEGE_BY_BIT = {
        Privilege.SeSecurityPrivilege, Privilege.SeTakeOwnershipPrivilege, Privilege.SeBackupPrivilege, Privilege.SeRestorePrivilege,
        Privilege.SeRelabelPrivilege};

    int callStatus;
    int accessStatusCode;
    int granted;
    int privilegesUsed;
    int requiredPrivilegeSetLength;

    void reset() {
        callStatus = 0;
        accessStatusCode = 0;
        granted = 0;
        privilegesUsed = 0;
        requiredPrivilegeSetLength = 0;
    }

    /** The NTSTATUS of the call itself: STATUS_SUCCESS unless a precondition failed (R62). */
    public int callStatus() {
        return callStatus;
    }

    /** True when the call succeeded (access may still be denied). */
    public boolean callSucceeded() {
        return callStatus == 0;
    }

    /** {@code AccessStatus} as an NTSTATUS: 0 when granted, STATUS_ACCESS_DENIED or STATUS_PRIVILEGE_NOT_HELD. */
    public int accessStatusCode() {
        return accessStatusCode;
    }

    /** True when every requested right was granted. */
    public boolean accessGranted() {
        return callStatus == 0 && accessStatusCode == 0;
    }

    /** The granted mask (0 when denied). */
    public int granted() {
        return granted;
    }

    /** The {@code PRIVILEGE_SET} length the privileges used need (20 at least). */
    public int requiredPrivilegeSetLength() {
        return requiredPrivilegeSetLength;
    }

    /** The privileges used to grant access, each with {@code SE_PRIVILEGE_USED_FOR_ACCESS}. */
    public List<TokenPrivilege> privilegesUsed() {
        List<TokenPrivilege> list = new ArrayList<>(4);
        for (int bit = 0; bit < PRIVILEGE_BY_BIT.length; bit++) {
            if ((privilegesUsed & (1 << bit)) != 0) {
                list.add(TokenPrivilege.of(PRIVILEGE_BY_BIT[bit], PrivilegeAttribute.USED_FOR_ACCESS.mask()));
            }
        }
        return list;
    }

    static int countUsed(int used) {
        return Integer.bitCount(used);
    }

    /**
     * The SPI value for a successful call: status, granted mask, privileges, and the Win32 error
     * for a denial ({@code ERROR_ACCESS_DENIED} or {@code ERROR_PRIVILEGE_NOT_HELD}).
     *
     * @throws IllegalStateException when the call itself failed
     */
    public AccessCheckResult toResult() {
        if (callStatus != 0 && callStatus != NtStatus.STATUS_BUFFER_TOO_SMALL.code()) {
            throw new IllegalStateException("the call failed with " + NtStatus.describe(callStatus));
        }
        int denial = accessStatusCode == 0 ? 0 : NtStatus.toWin32Error(accessStatusCode);
        return new AccessCheckResult(accessGranted(), granted, privilegesUsed(), denial);
    }

    @Override
    public String toString() {
        return "AccessDecision[call=" + NtStatus.describe(callStatus) + ", access=" + NtStatus.describe(accessStatusCode)
                + String.format(", granted=0x%X]", granted);
    }
}
