package io.github.tokenbridge;

/**
 * Which Win32 function starts a {@link TokenProcessBuilder}'s process.
 */
public enum ProcessStartMethod {
    /**
     * CreateProcessAsUserW when its privilege rule is likely met (the token is in the caller's own logon
     * session, as its restricted or duplicated copies are, or the caller holds SeAssignPrimaryTokenPrivilege;
     * R82), else CreateProcessWithTokenW when the caller holds SeImpersonatePrivilege (R84), else a refusal
     * naming both. A CreateProcessAsUserW refused with ERROR_PRIVILEGE_NOT_HELD falls back to
     * CreateProcessWithTokenW when SeImpersonatePrivilege is held.
     */
    AUTO,
    /** CreateProcessAsUserW (R80-R83). */
    AS_USER,
    /** CreateProcessWithTokenW (R84; the secondary logon service starts the process). */
    WITH_TOKEN
}
