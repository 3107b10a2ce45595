package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenBackend;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A session with one backend's tokens: opens tokens, impersonates, checks access, and owns every
 * handle it opened. Obtain one from {@link Tokens}; closing it closes every handle still open and
 * reports them in {@link #leakReport()}.
 *
 * <p>All policy lives here, identically for both backends: {@code null} arguments are
 * {@link NullPointerException}s, a token of another system is an {@link IllegalArgumentException},
 * use after close is an {@link IllegalStateException}, and a failure reported by Windows (or the
 * model) is a {@link WinTokenException}. Impersonation on a virtual thread is refused with an
 * {@link IllegalStateException}; a thread whose impersonation could not be restored is refused
 * everything with an {@link ImpersonationRestoreError}.
 */
public final class TokenSystem implements AutoCloseable {

    private final TokenBackend backend;
    private final Failures failures;
    private final HandleRegistry handles;
    private final Impersonator impersonator;
    private final SecurityChecks checks;
    private final TokenOpener opener;
    private final AtomicBoolean closed = new AtomicBoolean();

    TokenSystem(TokenBackend backend) {
        this.backend = backend;
        this.failures = new Failures(backend.kind());
        this.handles = new HandleRegistry(backend, failures);
        this.impersonator = new Impersonator(backend, failures);
        this.checks = new SecurityChecks(this);
        this.opener = new TokenOpener(this);
    }

    // ---- object security (objects)
    private volatile ObjectSecurityAccess objects;

    /**
     * The security of files, directories, registry keys and token objects, and access checks of a
     * client against them ({@link ObjectSecurityAccess}).
     */
    public ObjectSecurityAccess objects() {
        ensureUsable();
        ObjectSecurityAccess o = objects;
        if (o == null) {
            o = new ObjectSecurityAccess(this);
            objects = o;
        }
        return o;
    }

    /** Which backend this system uses. */
    public BackendKind backend() {
        return backend.kind();
    }

    TokenBackend backendSpi() {
        return backend;
    }

    Failures failures() {
        return failures;
    }

    HandleRegistry handles() {
        return handles;
    }

    private void ensureUsable() {
        ThreadPoison.check();
        if (closed.get()) {
            throw new IllegalStateException("this TokenSystem (" + backend().id() + ") is closed");
        }
    }

    private AccessToken own(AccessToken token) {
        Objects.requireNonNull(token, "token");
        if (token.system() != this) {
            throw new IllegalArgumentException("the token " + token + " belongs to another TokenSystem");
        }
        return token;
    }

    /** Wraps a handle this system just obtained into an owned token. */
    AccessToken adopt(Handle handle, String description) {
        return new AccessToken(this, handle, description);
    }

    /**
     * Takes ownership of a token handle obtained outside tokenbridge through this system's backend
     * (for example from {@code LogonUser} or a named-pipe server): the returned token closes it.
     *
     * @param handle      the raw handle value, positive
     * @param description what the handle is, for {@link #openHandles()} and leak reports
     * @throws IllegalArgumentException for NULL or a pseudo handle
     */
    public AccessToken adopt(long handle, String description) {
        ensureUsable();
        Objects.requireNonNull(description, "description");
        return adopt(TokenOpener.ownedHandle(handle), description);
    }

    private static int mask(Set<TokenAccess> access) {
        return TokenAccess.toMask(Objects.requireNonNull(access, "access"));
    }

    /** The calling process's id ({@code GetCurrentProcessId}). */
    public int currentProcessId() {
        ensureUsable();
        return backend.getCurrentProcessId();
    }

    /** Opens the calling process's primary token ({@code OpenProcessToken}, R22–R24). */
    public AccessToken openProcessToken(Set<TokenAccess> access) {
        ensureUsable();
        return opener.openProcessToken(mask(access), access);
    }

    /**
     * Opens the primary token of process {@code processId}: {@code OpenProcess} with
     * {@code PROCESS_QUERY_LIMITED_INFORMATION} (then {@code PROCESS_QUERY_INFORMATION} if that is
     * denied, R22), then {@code OpenProcessToken}.
     */
    public AccessToken openProcessToken(int processId, Set<TokenAccess> access) {
        ensureUsable();
        return opener.openProcessToken(processId, mask(access), access);
    }

    /**
     * Opens the calling thread's impersonation token ({@code OpenThreadToken}); empty exactly when
     * Windows answers {@code ERROR_NO_TOKEN} (R27). An Anonymous-level token cannot be opened and is a
     * {@link WinTokenException} with {@code ERROR_CANT_OPEN_ANONYMOUS} (R28).
     */
    public Optional<AccessToken> openThreadToken(Set<TokenAccess> access, OpenAs openAs) {
        ensureUsable();
        int mask = mask(access);
        return opener.openThreadToken(mask, access, Objects.requireNonNull(openAs, "openAs"));
    }

    /**
     * Opens the token the calling thread's access decisions use (R16): its impersonation token
     * (opened as self, so Identification level works, R29), or else the process token.
     */
    public AccessToken openEffectiveToken(Set<TokenAccess> access) {
        return openThreadToken(access, OpenAs.SELF).orElseGet(() -> openProcessToken(access));
    }

    /** {@link #impersonate(AccessToken, DowngradePolicy)} failing on a downgrade. */
    public ImpersonationScope impersonate(AccessToken token) {
        return impersonate(token, DowngradePolicy.FAIL);
    }

    /**
     * Impersonates {@code token} on the calling thread ({@code ImpersonateLoggedOnUser}, R42): an
     * impersonation token keeps its level, a primary token is used at Impersonation level. The level
     * obtained is read back; a silent downgrade to Identification (R38) is handled by {@code policy}.
     */
    public ImpersonationScope impersonate(AccessToken token, DowngradePolicy policy) {
        ensureUsable();
        own(token);
        Objects.requireNonNull(policy, "policy");
        return impersonator.enter(token, policy);
    }

    /** Impersonates a copy of the process token at {@code level} ({@code ImpersonateSelf}, R41). */
    public ImpersonationScope impersonateSelf(ImpersonationLevel level) {
        ensureUsable();
        return impersonator.enterSelf(Objects.requireNonNull(level, "level"));
    }

    /** Impersonates the ANONYMOUS LOGON token ({@code ImpersonateAnonymousToken}, R44). */
    public ImpersonationScope impersonateAnonymous() {
        ensureUsable();
        return impersonator.enterAnonymous();
    }

    /** Runs {@code work} impersonating {@code token}, then restores the previous impersonation. */
    public <T> T runImpersonated(AccessToken token, Callable<T> work) throws Exception {
        Objects.requireNonNull(work, "work");
        try (ImpersonationScope ignored = impersonate(token)) {
            return work.call();
        }
    }

    /**
     * Ends impersonation on the calling thread ({@code RevertToSelf}, R45), for raw use outside
     * scopes; open scopes still restore their previous state when closed.
     *
     * @throws ImpersonationRestoreError when it fails: the thread's identity is then unknown
     */
    public void revertToSelf() {
        ensureUsable();
        impersonator.revertOrPoison("revertToSelf() on thread \"" + Thread.currentThread().getName() + "\"");
    }

    /** True when the calling thread has an impersonation token. */
    public boolean isImpersonating() {
        ensureUsable();
        return impersonator.isImpersonating();
    }

    Impersonator impersonator() {
        return impersonator;
    }

    /** An executor whose platform threads run every task impersonating {@code token}. */
    public ExecutorService impersonatingExecutor(AccessToken token, int threads) {
        ensureUsable();
        return new ImpersonatingExecutor(this, own(token), threads);
    }

    /** Wraps {@code pool} so that a task returning its thread still impersonating fails and is reverted. */
    public ExecutorService guard(ExecutorService pool) {
        ensureUsable();
        return new ImpersonationGuard(this, Objects.requireNonNull(pool, "pool"));
    }

    /** {@link #enablePrivileges(AccessToken, NotAllAssignedPolicy, Privilege...)} failing on ERROR_NOT_ALL_ASSIGNED. */
    public PrivilegeScope enablePrivileges(AccessToken token, Privilege... privileges) {
        return enablePrivileges(token, NotAllAssignedPolicy.FAIL, privileges);
    }

    /** Enables privileges on {@code token} until the returned scope is closed (R56). */
    public PrivilegeScope enablePrivileges(AccessToken token, NotAllAssignedPolicy policy, Privilege... privileges) {
        ensureUsable();
        return PrivilegeScope.enable(own(token), policy, privileges);
    }

    /** {@code PrivilegeCheck} (R61): whether all ({@code requireAll}) or any of the privileges are enabled. */
    public boolean privilegeCheck(AccessToken token, boolean requireAll, Privilege... privileges) {
        ensureUsable();
        return checks.privilegeCheck(own(token), requireAll, privileges);
    }

    /** {@code CheckTokenMembership} on an impersonation token (R60). */
    public boolean checkTokenMembership(AccessToken token, Sid sid) {
        ensureUsable();
        return checks.checkTokenMembership(own(token), sid);
    }

    /** {@code CheckTokenMembership(NULL, ...)}: on the calling thread's effective token (R60). */
    public boolean checkTokenMembership(Sid sid) {
        ensureUsable();
        return checks.checkEffectiveTokenMembership(sid);
    }

    /**
     * {@code AccessCheck} (R62–R64). Generic rights in {@code desired} are mapped through
     * {@code mapping} first; {@code MAXIMUM_ALLOWED} (0x02000000) is supported. A denial is a result,
     * not an exception.
     */
    public AccessCheckResult accessCheck(SecurityDescriptor sd, AccessToken token, int desired, GenericMapping mapping) {
        ensureUsable();
        return checks.accessCheck(sd, own(token), desired, mapping);
    }

    /** {@link #accessCheck(SecurityDescriptor, AccessToken, int, GenericMapping)} for token-object rights. */
    public AccessCheckResult accessCheck(SecurityDescriptor sd, AccessToken token, Set<TokenAccess> desired,
                                         GenericMapping mapping) {
        return accessCheck(sd, token, mask(desired), mapping);
    }

    /** {@code CreateRestrictedToken} (R10): a new token owned by this system. */
    public AccessToken createRestricted(AccessToken token, Set<RestrictedTokenFlag> flags, Collection<Sid> sidsToDisable,
                                        Collection<Privilege> privilegesToDelete, Collection<Sid> sidsToRestrict) {
        ensureUsable();
        return checks.createRestricted(own(token), flags, sidsToDisable, privilegesToDelete, sidsToRestrict);
    }

    /** The handles this system opened that are still open, with where each was opened. */
    public List<OpenHandle> openHandles() {
        return handles.openHandles();
    }

    /** The handles this system had to close itself so far (Cleaner, or {@link #close()}). */
    public LeakReport leakReport() {
        return handles.report();
    }

    /**
     * Closes every handle still open (each recorded in the leak report, logged as a warning when not
     * empty) and the backend; idempotent. Refused with an {@link IllegalStateException}, closing
     * nothing, while the calling thread still has impersonation scopes of this system open.
     */
    @Override
    public void close() {
        int openScopes = ScopeStack.depthOf(impersonator);
        if (openScopes > 0 && !closed.get()) {
            throw new IllegalStateException(openScopes + " impersonation scope(s) of this TokenSystem are still open on"
                    + " this thread; close them before the system, or the thread could not be restored");
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            handles.closeAll();
        } finally {
            backend.close();
        }
    }

    @Override
    public String toString() {
        return "TokenSystem[" + backend().id() + (closed.get() ? ", closed" : "") + "]";
    }
}
