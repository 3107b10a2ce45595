package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenBackend;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A session with one backend's tokens: opens tokens, impersonates, checks access, and owns every
 * handle it opened. Obtain one from {@link Tokens}; closing it closes every handle still open and
 * reports them in {@link #leakReport()}.
 *
 * <p>All policy lives here, identically for both backends: {@code null} arguments are
 * {@link NullPointerException}s, a token of another system is an {@link IllegalArgumentException},
 * use after close is an {@link IllegalStateException}, and a failure reported by Windows (or the
 * model) is a {@link WinTokenException}. Impersonation on a virtual thread is refused with an
 * {@link IllegalStateException}, and so is everything that reads or ends the calling thread's
 * impersonation ({@link #openThreadToken}, {@link #openEffectiveToken}, {@link #isImpersonating},
 * {@link #revertToSelf}): on Windows they would act on the carrier thread; a thread whose impersonation could not be restored is refused
 * everything with an {@link ImpersonationRestoreError}.
 */
public final class TokenSystem implements AutoCloseable {

    /** {@code DUPLICATE_SAME_ACCESS}. */
    private static final int DUPLICATE_SAME_ACCESS = 0x2;

    private final TokenBackend backend;
    private final Failures failures;
    private final HandleRegistry handles;
    private final Impersonator impersonator;
    private final SecurityChecks checks;
    private final TokenOpener opener;
    private final AccountLookup accountNames;
    private final UserLogons logons;
    private final AtomicBoolean closed = new AtomicBoolean();

    TokenSystem(TokenBackend backend) {
        this.backend = backend;
        this.failures = new Failures(backend.kind());
        this.handles = new HandleRegistry(backend, failures);
        this.impersonator = new Impersonator(backend, failures);
        this.checks = new SecurityChecks(this);
        this.opener = new TokenOpener(this);
        this.accountNames = new AccountLookup(backend, failures, AccountNameCache.DEFAULT_CAPACITY);
        this.logons = new UserLogons(this);
    }

    /**
     * A builder for a process that runs under {@code token} (CreateProcessAsUserW or CreateProcessWithTokenW;
     * processes, issue 20). The token needs TOKEN_DUPLICATE and TOKEN_QUERY.
     */
    public TokenProcessBuilder processBuilder(AccessToken token) {
        ensureUsable();
        return new TokenProcessBuilder(this, own(token));
    }

    /**
     * A builder for a child process of this process (CreateProcessW): it runs under a copy of the
     * <em>process</em> token even while the calling thread impersonates (R18).
     */
    public TokenProcessBuilder childProcessBuilder() {
        ensureUsable();
        return new TokenProcessBuilder(this, null);
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

    void ensureUsable() {
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
        return new AccessToken(this, handle, description, HandleState.NO_MASK);
    }

    /** Wraps a handle opened with the token rights {@code accessMask}, described as {@code description [RIGHTS]}. */
    AccessToken adopt(Handle handle, String description, int accessMask) {
        return new AccessToken(this, handle, description, accessMask);
    }

    /** How much this system records about where each handle is opened ({@link LeakDetection}). */
    public LeakDetection leakDetection() {
        return handles.detection();
    }

    /**
     * Sets how much this system records about where each handle opened from now on is opened; the
     * default is {@link LeakDetection#defaultLevel()}.
     */
    public void leakDetection(LeakDetection level) {
        handles.detection(Objects.requireNonNull(level, "level"));
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

    /**
     * Wraps a token handle that stays owned by someone else (Waffle, the caller's own JNA code, a
     * native library) without taking ownership: the returned token never closes it, not on
     * {@link AccessToken#close()}, not when garbage collected, not when this system closes; it only
     * stops using it then. The owner must keep the handle open until the token is closed.
     *
     * @param handle      the raw handle value, positive
     * @param description what the handle is, for error messages
     * @throws IllegalArgumentException for NULL or a pseudo handle
     */
    public AccessToken borrow(long handle, String description) {
        ensureUsable();
        Objects.requireNonNull(description, "description");
        return new AccessToken(this, TokenOpener.ownedHandle(handle), description + " (borrowed)", HandleState.NO_MASK, false);
    }

    /**
     * Makes this system's own copy of a token handle someone else owns ({@code DuplicateHandle} with
     * {@code DUPLICATE_SAME_ACCESS}, same token object): the caller keeps and closes its handle, the
     * returned token closes the copy.
     *
     * @param handle      the raw handle value, positive
     * @param description what the handle is, for {@link #openHandles()} and leak reports
     * @throws IllegalArgumentException for NULL or a pseudo handle
     * @throws WinTokenException        when {@code DuplicateHandle} fails (for example an invalid handle)
     */
    public AccessToken adoptDuplicate(long handle, String description) {
        ensureUsable();
        Objects.requireNonNull(description, "description");
        Handle source = TokenOpener.ownedHandle(handle);
        Handle copy = failures.require(backend.duplicateHandle(source, 0, DUPLICATE_SAME_ACCESS), "DuplicateHandle");
        return adopt(copy, description + " (duplicate of " + source + ")");
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
        VirtualThreads.refuseImpersonation("openThreadToken()");
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

    /**
     * Impersonates the client of a pipe handle the caller already owns and keeps owning (its own JNA
     * code, another library): {@code ImpersonateNamedPipeClient} on that handle, the level being the
     * client's (its SQOS, then R38; P20-P24), restored on close of the scope as for every scope. The
     * handle is neither closed, duplicated nor remembered; it must stay open for the call only.
     *
     * @param pipeHandle the raw value of a server end of a named pipe, positive
     * @throws IllegalArgumentException for NULL or a pseudo handle
     * @throws WinTokenException        when the call fails (ERROR_CANNOT_IMPERSONATE before the client's
     *                                  context is captured, P20; ERROR_INVALID_HANDLE, ...)
     */
    public ImpersonationScope impersonatePipeClient(long pipeHandle) {
        ensureUsable();
        return impersonator.enterPipeClient(TokenOpener.ownedHandle(pipeHandle));
    }

    /** Impersonates the ANONYMOUS LOGON token ({@code ImpersonateAnonymousToken}, R44). */
    public ImpersonationScope impersonateAnonymous() {
        ensureUsable();
        return impersonator.enterAnonymous();
    }

    /** Runs {@code work} impersonating {@code token}, then restores the previous impersonation. */
    @SuppressWarnings("try") // the scope is held for its effect: closing it restores the previous impersonation
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
        VirtualThreads.refuseImpersonation("revertToSelf()");
        impersonator.revertOrPoison("revertToSelf() on thread \"" + Thread.currentThread().getName() + "\"");
    }

    /** True when the calling thread has an impersonation token. */
    public boolean isImpersonating() {
        ensureUsable();
        VirtualThreads.refuseImpersonation("isImpersonating()");
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

    /**
     * Wraps {@code pool} so that no task runs under an identity left on its thread, and a task that
     * returns its thread impersonating fails; see {@link GuardedExecutorService} for how each
     * submission form reports a leak. Without a listener, {@link GuardedExecutorService#close()}
     * reports the leaks found.
     */
    public GuardedExecutorService guard(ExecutorService pool) {
        ensureUsable();
        return new ImpersonationGuard(this, Objects.requireNonNull(pool, "pool"), null);
    }

    /**
     * {@link #guard(ExecutorService)} that hands every leak found, before or after a task, to
     * {@code listener} on the pooled thread that found it (after reverting it); a listener that throws
     * is logged, or suppressed in the failing task's exception.
     */
    public GuardedExecutorService guard(ExecutorService pool, Consumer<? super ImpersonationLeak> listener) {
        ensureUsable();
        return new ImpersonationGuard(this, Objects.requireNonNull(pool, "pool"), Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Runs {@code task} on {@code executor} impersonating {@code token}: the scope is opened and closed
     * on the thread that runs the task, which is afterwards exactly as it was before (R46). The future
     * fails with the task's exception, with an {@link IllegalStateException} when the task left a scope
     * open (abandoned, the thread restored), and with an {@link IllegalStateException} when the executor
     * runs it on a virtual thread. The token must stay open until the task has started.
     */
    public CompletableFuture<Void> runAsyncImpersonating(AccessToken token, Runnable task, Executor executor) {
        Objects.requireNonNull(task, "task");
        return supplyAsyncImpersonating(token, () -> {
            task.run();
            return null;
        }, executor);
    }

    /** {@link #runAsyncImpersonating} for a task with a result. */
    public <T> CompletableFuture<T> supplyAsyncImpersonating(AccessToken token, Supplier<T> task, Executor executor) {
        ensureUsable();
        own(token);
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(executor, "executor");
        return CompletableFuture.supplyAsync(() -> AsyncImpersonation.callImpersonating(this, token, task), executor);
    }

    /**
     * Wraps {@code executor} so that each task runs under the impersonation its submitter had at
     * submission: opt-in flow of identity through asynchronous stages, as .NET flows a
     * {@code WindowsIdentity} with its {@code ExecutionContext}.
     *
     * <ul>
     * <li>At {@code execute} the submitter's thread token is captured as a duplicate at the same level
     *     (Identification stays Identification, R4); the task impersonates it on the pooled thread and
     *     closes it afterwards, restoring the thread (R46). A task the executor never runs keeps its
     *     duplicate open until the system closes it (it shows in {@link #leakReport()}).</li>
     * <li>A submitter that is not impersonating gives a task that runs as the process (as .NET runs a
     *     continuation captured without impersonation under the process identity), even on a pooled
     *     thread that something left impersonating; the thread is put back afterwards.</li>
     * <li>A submitter impersonating at Anonymous level is refused at submission with a
     *     {@link WinTokenException} ({@code ERROR_CANT_OPEN_ANONYMOUS}): its token cannot be opened (R28).
     *     Unlike .NET, which flows the identity implicitly to every await, capture happens only for
     *     tasks given to this executor; a virtual thread, submitting or running, is refused with an
     *     {@link IllegalStateException}, since its impersonation would be its carrier's.</li>
     * <li>A task that leaves a scope open fails after its scopes are abandoned and its thread restored;
     *     a {@code CompletableFuture} completed inside the task is not affected (see
     *     {@link GuardedExecutorService} for how plain executors report such failures).</li>
     * </ul>
     */
    public Executor capturingImpersonation(Executor executor) {
        ensureUsable();
        return new ImpersonationCapturingExecutor(this, Objects.requireNonNull(executor, "executor"));
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

    /**
     * {@code PrivilegeCheck} (R61): whether all ({@code requireAll}) or any of the privileges are
     * enabled. Like Windows it takes a primary token as it is and an impersonation token at
     * Identification level or above (an Anonymous-level one fails with
     * ERROR_BAD_IMPERSONATION_LEVEL); see also {@link AccessToken#hasEnabledPrivilege}.
     */
    public boolean privilegeCheck(AccessToken token, boolean requireAll, Privilege... privileges) {
        ensureUsable();
        return checks.privilegeCheck(own(token), requireAll, privileges);
    }

    /**
     * {@link #privilegeCheck} through an Identification-level view: an impersonation token is checked
     * as it is, a primary token through an Identification-level impersonation duplicate (the handle
     * needs {@link TokenAccess#DUPLICATE}), closed before this returns. It answers as
     * {@link #privilegeCheck} does (R61); it is kept for callers written when the model refused
     * primary tokens here.
     */
    public boolean privilegeCheckAsIdentification(AccessToken token, boolean requireAll, Privilege... privileges) {
        ensureUsable();
        return checks.asIdentification(own(token), t -> checks.privilegeCheck(t, requireAll, privileges));
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
     * {@code mapping} first; {@link GenericMapping#MAXIMUM_ALLOWED} is supported. A denial is a result,
     * not an exception. Like Windows it needs an impersonation token: a primary token fails with
     * ERROR_NO_IMPERSONATION_TOKEN and a message saying what to do; see {@link #accessCheckAsIdentification}.
     */
    public AccessCheckResult accessCheck(SecurityDescriptor sd, AccessToken token, int desired, GenericMapping mapping) {
        ensureUsable();
        return checks.accessCheck(sd, own(token), desired, mapping);
    }

    /**
     * {@link #accessCheck(SecurityDescriptor, AccessToken, int, GenericMapping)} for any token: an
     * impersonation token is checked as it is, a primary token through an Identification-level
     * impersonation duplicate (the handle needs {@link TokenAccess#DUPLICATE}), closed before this
     * returns. This is what a server does with a client's primary token.
     */
    public AccessCheckResult accessCheckAsIdentification(SecurityDescriptor sd, AccessToken token, int desired,
                                                         GenericMapping mapping) {
        ensureUsable();
        return checks.asIdentification(own(token), t -> checks.accessCheck(sd, t, desired, mapping));
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

    // ---------------------------------------------------------------- accounts and logons (issue 14; rules L, N)

    /**
     * The account {@code sid} names ({@code LookupAccountSidW}, N3, N4), from a bounded cache when
     * asked before.
     *
     * @throws WinTokenException with ERROR_NONE_MAPPED when the SID has no name here (N2)
     */
    public Account lookupAccount(Sid sid) {
        ensureUsable();
        return accountNames.lookup(sid);
    }

    /**
     * {@link #lookupAccount(Sid)} for a SID that may have no name here: empty instead of
     * ERROR_NONE_MAPPED (N2), from the same cache; other failures are still thrown.
     */
    public java.util.Optional<Account> findAccount(Sid sid) {
        ensureUsable();
        return accountNames.find(sid);
    }

    /**
     * The accounts of many SIDs, in one {@code LsaLookupSids} call for those not cached (N9); SIDs
     * without a name are left out of the map (never given a made-up name).
     */
    public java.util.Map<Sid, Account> lookupAccounts(Collection<Sid> sids) {
        ensureUsable();
        return accountNames.lookupAll(sids);
    }

    /**
     * The names of a token's user and groups, resolved together in one batch when asked (querying a
     * token never resolves names by itself).
     */
    public java.util.Map<Sid, Account> accountNames(AccessToken token) {
        ensureUsable();
        own(token);
        List<Sid> sids = new java.util.ArrayList<>();
        sids.add(token.user());
        token.groups().forEach(g -> sids.add(g.sid()));
        return accountNames.lookupAll(sids);
    }

    /**
     * The account a name stands for ({@code LookupAccountNameW}; {@code name}, {@code DOMAIN\name},
     * {@code user@dns.domain}; case ignored, N8).
     *
     * @throws WinTokenException with ERROR_NONE_MAPPED when nothing has that name
     */
    public Account lookupAccount(String name) {
        ensureUsable();
        return accountNames.lookup(name);
    }

    /**
     * Whether {@code token} is a member of the group or alias named {@code groupName}: the name's SID
     * through {@code LookupAccountNameW}, then {@code CheckTokenMembership} with R60's rules (enabled
     * groups count, deny-only ones do not). A primary token (a LogonUser token) is checked through an
     * Identification-level impersonation copy, as CheckTokenMembership needs one; its handle needs
     * TOKEN_DUPLICATE then.
     */
    public boolean isMemberOf(AccessToken token, String groupName) {
        ensureUsable();
        own(token);
        Sid sid = accountNames.lookup(groupName).sid();
        if (token.type() == TokenType.IMPERSONATION) {
            return checks.checkTokenMembership(token, sid);
        }
        try (AccessToken copy = token.duplicate(java.util.EnumSet.of(TokenAccess.QUERY), ImpersonationLevel.IDENTIFICATION,
                TokenType.IMPERSONATION)) {
            return checks.checkTokenMembership(copy, sid);
        }
    }

    /**
     * Logs a user on with a password ({@code LogonUserW}, L1-L20) and returns the token, which the
     * caller owns. {@code password} is wiped (filled with zeros) when the call returns or throws, and
     * never appears in a message, description or log line.
     *
     * @param domain the domain, {@code "."} for local accounts, or null with a UPN user name (L20)
     * @throws WinTokenException with Windows' error: ERROR_LOGON_FAILURE for a wrong password or an
     *                           unknown user, then ERROR_ACCOUNT_DISABLED, ERROR_PASSWORD_EXPIRED,
     *                           ERROR_ACCOUNT_RESTRICTION, ERROR_LOGON_TYPE_NOT_GRANTED (L12-L14, L11)
     */
    public AccessToken logonUser(String user, String domain, char[] password, UserLogonType type, LogonProvider provider) {
        try {
            ensureUsable();
        } catch (RuntimeException | Error e) {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
            throw e;
        }
        return logons.logonUser(user, domain, password, type, provider);
    }

    /** {@link #logonUser(String, String, char[], UserLogonType, LogonProvider)} with the default provider. */
    public AccessToken logonUser(String user, String domain, char[] password, UserLogonType type) {
        return logonUser(user, domain, password, type, LogonProvider.DEFAULT);
    }

    /**
     * A token for a user without their password (S4U through {@code LsaLogonUser}, L19), for
     * authorization checks: an impersonation token at Identification level unless the caller has
     * SeTcbPrivilege enabled. A local account takes the computer's name as {@code domain}; a domain
     * account needs a domain controller (Kerberos S4U).
     */
    public AccessToken logonS4U(String user, String domain) {
        ensureUsable();
        return logons.logonS4U(user, domain);
    }

    /**
     * A JAAS subject for {@code token} with the principals {@code NTLoginModule} gives
     * ({@code NTUserPrincipal}, {@code NTDomainPrincipal}, {@code NTSidUserPrincipal},
     * {@code NTSidPrimaryGroupPrincipal}, an {@code NTSidGroupPrincipal} per group).
     */
    public javax.security.auth.Subject subject(AccessToken token) {
        ensureUsable();
        return JaasSubjects.subjectOf(own(token), accountNames);
    }

    /** How many SID answers the name cache holds (bounded). */
    public int cachedAccountNames() {
        return accountNames.cachedEntries();
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
     * nothing, while any live thread (the calling one or another) still has an impersonation scope of
     * this system open; the message names the threads and their scopes.
     */
    @Override
    public void close() {
        if (!closed.get()) {
            refuseWhileScopesOpen();
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

    private void refuseWhileScopesOpen() {
        int openHere = ScopeStack.depthOf(impersonator);
        if (openHere > 0) {
            throw new IllegalStateException(openHere + " impersonation scope(s) of this TokenSystem are still open on"
                    + " this thread; close them before the system, or the thread could not be restored");
        }
        List<ImpersonationScope> elsewhere = impersonator.openScopesOnLiveThreads();
        if (!elsewhere.isEmpty()) {
            StringBuilder threads = new StringBuilder();
            for (ImpersonationScope scope : elsewhere) {
                threads.append(threads.length() == 0 ? "" : ", ").append("thread \"").append(scope.thread().getName())
                        .append("\": ").append(scope);
            }
            throw new IllegalStateException(elsewhere.size() + " impersonation scope(s) of this TokenSystem are still"
                    + " open on other threads (" + threads + "); closing the system would leave them impersonating"
                    + " under a closed system; nothing was closed");
        }
    }

    @Override
    public String toString() {
        return "TokenSystem[" + backend().id() + (closed.get() ? ", closed" : "") + "]";
    }
}
