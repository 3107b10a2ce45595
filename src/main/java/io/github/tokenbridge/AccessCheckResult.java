package io.github.tokenbridge;

import java.util.List;

/**
 * What {@code AccessCheck} answers when the call itself succeeds: whether access is granted,
 * the granted mask, and the privileges used to grant it (R63).
 *
 * @param accessStatus   {@code AccessStatus}: true when every requested right is granted
 * @param grantedAccess  {@code GrantedAccess}: the granted mask (0 when access is denied)
 * @param privilegesUsed the {@code PRIVILEGE_SET} entries, with {@code SE_PRIVILEGE_USED_FOR_ACCESS}
 * @param denialError    the Win32 error for a denial ({@code ERROR_ACCESS_DENIED} or
 *                       {@code ERROR_PRIVILEGE_NOT_HELD}); 0 when granted
 */
public record AccessCheckResult(boolean accessStatus, int grantedAccess, List<TokenPrivilege> privilegesUsed, int denialError) {

    public AccessCheckResult {
        privilegesUsed = List.copyOf(privilegesUsed);
    }

    /**
     * The {@code PRIVILEGE_SET} size these privileges need: 8 bytes of header and one 12-byte
     * {@code LUID_AND_ATTRIBUTES} each, never less than {@code sizeof(PRIVILEGE_SET)} (20) (R62).
     */
    public int privilegeSetLength() {
        return 8 + 12 * Math.max(1, privilegesUsed.size());
    }

    /** {@code AccessCheckResult[granted 0x00120089 READ_CONTROL|SYNCHRONIZE|0x89]}, or the denial's error name. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AccessCheckResult[");
        if (accessStatus) {
            sb.append("granted ").append(AccessMaskNames.describe(grantedAccess));
        } else {
            sb.append("denied, ").append(Win32Error.describe(denialError));
        }
        if (!privilegesUsed.isEmpty()) {
            sb.append(", privileges used ").append(privilegesUsed);
        }
        return sb.append(']').toString();
    }
}
