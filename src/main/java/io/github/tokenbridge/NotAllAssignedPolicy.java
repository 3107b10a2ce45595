package io.github.tokenbridge;

/**
 * What {@link TokenSystem#enablePrivileges} does when {@code AdjustTokenPrivileges} succeeds with
 * {@code ERROR_NOT_ALL_ASSIGNED}: some privilege asked for is not in the token (R56).
 */
public enum NotAllAssignedPolicy {
    /**
     * The default: a failure. The privileges that were enabled are put back as they were and a
     * {@link WinTokenException} with {@code ERROR_NOT_ALL_ASSIGNED} is thrown.
     */
    FAIL,
    /** Keep what could be enabled; {@link PrivilegeScope#allAssigned()} reports the shortfall. */
    ACCEPT
}
