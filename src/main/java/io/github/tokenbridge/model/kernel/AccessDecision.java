package io.github.tokenbridge.model.kernel;

import io.github.tokenbridge.NtStatus;

import java.util.Objects;

/**
 * The outcome of an object-open access check: STATUS_SUCCESS with the granted access, or the
 * status that denies the open (STATUS_ACCESS_DENIED, STATUS_PRIVILEGE_NOT_HELD; R24, R25).
 *
 * @param status        the status
 * @param grantedAccess the granted access (0 when denied)
 */
public record AccessDecision(NtStatus status, int grantedAccess) {

    public AccessDecision {
        Objects.requireNonNull(status, "status");
    }

    /** Access granted. */
    public static AccessDecision granted(int access) {
        return new AccessDecision(NtStatus.STATUS_SUCCESS, access);
    }

    /** Access denied with {@code status}. */
    public static AccessDecision denied(NtStatus status) {
        return new AccessDecision(status, 0);
    }

    /** True when the open may proceed. */
    public boolean isGranted() {
        return status == NtStatus.STATUS_SUCCESS;
    }
}
