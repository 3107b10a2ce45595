package io.github.tokenbridge;

/**
 * What an impersonation scope does when Windows silently assigns an Identification-level copy
 * instead of the token at the level asked for (R38, R39).
 */
public enum DowngradePolicy {
    /**
     * The default: the downgrade is a failure. The thread's previous impersonation is restored and
     * {@link ImpersonationDowngradedException} is thrown.
     */
    FAIL,
    /** Keep the downgraded impersonation; {@link ImpersonationScope#wasDowngraded()} reports it. */
    ACCEPT
}
