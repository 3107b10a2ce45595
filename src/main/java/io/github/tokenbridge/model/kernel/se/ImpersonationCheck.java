package io.github.tokenbridge.model.kernel.se;

/**
 * The checks of the impersonation decision ({@code SeTokenCanImpersonate}, R37/R38 a-h), in the
 * order they run; each says whether it allows or denies when it decides.
 */
public enum ImpersonationCheck {
    /** (a) level Anonymous/Identification, or the anonymous logon session: allow (R37). */
    LOW_LEVEL_OR_ANONYMOUS(true),
    /** (b) SeImpersonatePrivilege enabled in the process's primary token: allow. */
    IMPERSONATE_PRIVILEGE(true),
    /** (c) the primary token's integrity is below the token's: deny. */
    INTEGRITY_TOO_LOW(false),
    /** (d) the token's origin is the primary token's logon session: allow. */
    SAME_ORIGIN_SESSION(true),
    /** (e) the user SIDs differ: deny. */
    DIFFERENT_USER(false),
    /** (f) the token is elevated and the primary token is not: deny. */
    ELEVATION(false),
    /** (g) the primary token is restricted (or write-restricted) and the token is not: deny. */
    SANDBOX(false),
    /** No check denied: allow. */
    DEFAULT_ALLOW(true);

    private final boolean allows;

    ImpersonationCheck(boolean allows) {
        this.allows = allows;
    }

    /** True when this check, deciding, allows the impersonation. */
    public boolean allows() {
        return allows;
    }
}
