package io.github.tokenbridge;

import java.util.Objects;

/**
 * The failure reported when Windows accepted an impersonation but silently assigned a
 * lower-level copy of the token (an Identification-level duplicate, R38), detected by reading
 * the thread token back (R39). The thread's previous impersonation has been restored.
 *
 * <p>It is a {@link WinTokenException} with {@code ERROR_BAD_IMPERSONATION_LEVEL} (1346), the
 * error Windows itself gives when such a token is used to open an object (R20), so handlers of
 * {@code WinTokenException} see it; the function is the entry point that was called.
 */
public class ImpersonationDowngradedException extends WinTokenException {

    private static final long serialVersionUID = 1L;

    private final ImpersonationLevel requested;
    private final ImpersonationLevel obtained;

    /**
     * @param function  the entry point, for example {@code ImpersonateLoggedOnUser}
     * @param requested the level asked for
     * @param obtained  the level the thread token has
     * @param backend   the backend
     */
    public ImpersonationDowngradedException(String function, ImpersonationLevel requested,
                                            ImpersonationLevel obtained, BackendKind backend) {
        super(function, Win32Error.ERROR_BAD_IMPERSONATION_LEVEL.code(), null, backend,
                "impersonation was silently downgraded from " + requested.scenarioName() + " to "
                        + obtained.scenarioName() + " (R38); the previous impersonation was restored");
        this.requested = Objects.requireNonNull(requested, "requested");
        this.obtained = Objects.requireNonNull(obtained, "obtained");
    }

    /** The level that was asked for. */
    public ImpersonationLevel requested() {
        return requested;
    }

    /** The level the thread actually got. */
    public ImpersonationLevel obtained() {
        return obtained;
    }
}
