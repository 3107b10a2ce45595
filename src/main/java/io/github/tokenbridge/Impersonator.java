package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The impersonation policy of a {@link TokenSystem}: saves the calling thread's impersonation,
 * calls the entry point, reads the thread token back to detect a silent downgrade (R38, R39),
 * and restores the saved impersonation on close (R46), verifying that it really was restored.
 */
final class Impersonator {

    private static final int SAVE_ACCESS = TokenAccess.IMPERSONATE.mask() | TokenAccess.QUERY.mask();
    private static final String PROBE = "thread token, opened to read the thread's impersonation";
    private static final String SAVED = "thread token, saved to restore the impersonation";

    private final TokenBackend backend;
    private final Failures failures;
    /**
     * Every open scope of this system on any thread, so that closing the system can refuse while one is
     * open. Sized so that threads adding and removing their scopes at once rarely write the same cache
     * line of the table (16 bins share one or two lines; issue 17).
     */
    private final Set<ImpersonationScope> openScopes = ConcurrentHashMap.newKeySet(1024);

    Impersonator(TokenBackend backend, Failures failures) {
        this.backend = backend;
        this.failures = failures;
    }

    /**
     * Enters an impersonation through {@code entry} and returns its scope.
     *
     * @param function the Win32 function {@code entry} calls, for messages
     * @param expected the level the thread token must have afterwards
     */
    ImpersonationScope enter(String function, Supplier<Result<Void>> entry, ImpersonationLevel expected,
                             DowngradePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        VirtualThreads.refuseImpersonation(function);
        SavedImpersonation saved = save();
        call(function, entry, saved);
        ThreadTokenState now = verified(function, saved, this::read);
        if (!now.impersonating() || now.level() != expected) {
            boolean downgrade = now.impersonating() && now.level() == ImpersonationLevel.IDENTIFICATION
                    && ImpersonationLevel.IDENTIFICATION.isBelow(expected);
            if (!downgrade) {
                restore(saved, function);
                throw new IllegalStateException(function + " succeeded but the thread token is " + now
                        + " instead of " + expected.scenarioName() + "; the previous impersonation was restored");
            }
            if (policy == DowngradePolicy.FAIL) {
                restore(saved, function);
                throw new ImpersonationDowngradedException(function, expected, now.level(), failures.backend());
            }
        }
        return opened(new ImpersonationScope(this, saved, function, expected, now.level()), function);
    }

    /** Calls an impersonation entry point; on failure the saved impersonation is dropped and the failure thrown. */
    private void call(String function, Supplier<Result<Void>> entry, SavedImpersonation saved) {
        Result<Void> result;
        try {
            result = entry.get();
        } catch (RuntimeException | Error e) {
            discard(saved, e);
            throw e;
        }
        if (!result.succeeded()) {
            WinTokenException failure = failures.exception(result, function, null);
            discard(saved, failure);
            throw failure;
        }
    }

    /** Reads what the entry point gave the thread; when it cannot be read, the impersonation is undone. */
    private <T> T verified(String function, SavedImpersonation saved, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (WinTokenException unreadable) {
            restore(saved, function);
            Integer status = unreadable.ntStatus().isPresent() ? unreadable.ntStatus().getAsInt() : null;
            throw new WinTokenException(unreadable.function(), unreadable.win32Error(), status, unreadable.backend(),
                    "the impersonation entered by " + function + " could not be verified, so it was undone");
        }
    }

    /** Records a scope just entered: on the thread's scope stack, among the open scopes, as an event. */
    private ImpersonationScope opened(ImpersonationScope scope, String function) {
        ScopeStack.push(scope);
        openScopes.add(scope);
        TokenEvents.impersonated(this, scope, function);
        return scope;
    }

    /**
     * The calling thread's impersonated user, for audit events only (called when a recording or a
     * debug log wants it): {@code OpenThreadToken} as self, {@code TokenUser}, close; never throws.
     */
    String threadUserForAudit() {
        Result<Handle> opened = backend.openThreadToken(Handle.CURRENT_THREAD, TokenAccess.QUERY.mask(), true);
        if (Failures.failedWith(opened, Win32Error.ERROR_CANT_OPEN_ANONYMOUS)) {
            return "(Anonymous-level token: cannot be opened, R28)";
        }
        if (!opened.succeeded()) {
            return "(unreadable: " + Win32Error.describe(opened.win32Error()) + ")";
        }
        try {
            Result<TokenInformation> user = backend.getTokenInformation(opened.value(), TokenInformationClass.TokenUser, -1);
            return user.succeeded() ? user.value().as(TokenGroup.class).sid().toString()
                    : "(unreadable: " + Win32Error.describe(user.win32Error()) + ")";
        } finally {
            failures.closeOwnHandle(backend, opened.value(), "thread token, read for an audit event", null);
        }
    }

    /** Forgets a scope that was closed or abandoned. */
    void ended(ImpersonationScope scope) {
        openScopes.remove(scope);
    }

    /**
     * The open scopes of this system on threads that are still alive (a dead thread's OS thread, and
     * with it its impersonation, is gone).
     */
    List<ImpersonationScope> openScopesOnLiveThreads() {
        List<ImpersonationScope> live = new ArrayList<>();
        for (ImpersonationScope scope : openScopes) {
            if (scope.thread().isAlive()) {
                live.add(scope);
            }
        }
        return live;
    }

    /** Enters {@code ImpersonateLoggedOnUser(token)}: an impersonation token keeps its level, a primary one gets Impersonation (R42). */
    ImpersonationScope enter(AccessToken token, DowngradePolicy policy) {
        ImpersonationLevel expected = token.impersonationLevel().orElse(ImpersonationLevel.IMPERSONATION);
        Handle handle = token.retain();
        try {
            return enter("ImpersonateLoggedOnUser", () -> backend.impersonateLoggedOnUser(handle), expected, policy);
        } finally {
            token.unretain();
        }
    }

    // ---- named pipes (pipes)

    /**
     * Enters {@code ImpersonateNamedPipeClient(pipe)}: the level is the client's (its SQOS, then R38),
     * so any level is accepted and reported by the scope. The thread token is read as self first
     * (R39); a client token the server may not open as itself (another user's default DACL) is read
     * through {@code GetCurrentThreadToken()} (-5), which needs no access check for TOKEN_QUERY.
     */
    ImpersonationScope enterPipeClient(Handle pipe) {
        String function = "ImpersonateNamedPipeClient";
        VirtualThreads.refuseImpersonation(function);
        SavedImpersonation saved = save();
        call(function, () -> backend.impersonateNamedPipeClient(pipe), saved);
        ImpersonationLevel level = verified(function, saved, this::readPipeClientLevel);
        return opened(new ImpersonationScope(this, saved, function, level, level), function);
    }

    private ImpersonationLevel readPipeClientLevel() {
        Result<Handle> opened = backend.openThreadToken(Handle.CURRENT_THREAD, TokenAccess.QUERY.mask(), true);
        if (Failures.failedWith(opened, Win32Error.ERROR_CANT_OPEN_ANONYMOUS)) {
            return ImpersonationLevel.ANONYMOUS; // R28
        }
        if (opened.succeeded()) {
            try {
                return describe(opened.value()).level();
            } finally {
                backend.closeHandle(opened.value());
            }
        }
        if (!Failures.failedWith(opened, Win32Error.ERROR_ACCESS_DENIED)) {
            failures.require(opened, "OpenThreadToken");
        }
        TokenInformation stats = failures.require(backend.getTokenInformation(new Handle(-5),
                TokenInformationClass.TokenStatistics, -1), "GetTokenInformation");
        return stats.as(TokenStatistics.class).impersonationLevel();
    }

    /** Enters {@code ImpersonateSelf(level)} (R41); no downgrade is possible for one's own token. */
    ImpersonationScope enterSelf(ImpersonationLevel level) {
        return enter("ImpersonateSelf", () -> backend.impersonateSelf(level), level, DowngradePolicy.FAIL);
    }

    /** Enters {@code ImpersonateAnonymousToken(GetCurrentThread())} (R44): Impersonation level. */
    ImpersonationScope enterAnonymous() {
        return enter("ImpersonateAnonymousToken", () -> backend.impersonateAnonymousToken(Handle.CURRENT_THREAD),
                ImpersonationLevel.IMPERSONATION, DowngradePolicy.FAIL);
    }

    /** Reads the calling thread's impersonation (R39): {@code OpenThreadToken(TOKEN_QUERY, OpenAsSelf = TRUE)}. */
    ThreadTokenState read() {
        Result<Handle> opened = backend.openThreadToken(Handle.CURRENT_THREAD, TokenAccess.QUERY.mask(), true);
        if (Failures.failedWith(opened, Win32Error.ERROR_NO_TOKEN)) {
            return ThreadTokenState.NONE;
        }
        if (Failures.failedWith(opened, Win32Error.ERROR_CANT_OPEN_ANONYMOUS)) {
            return new ThreadTokenState(true, ImpersonationLevel.ANONYMOUS, null); // R28
        }
        Handle handle = failures.require(opened, "OpenThreadToken");
        ThreadTokenState state;
        try {
            state = describe(handle);
        } catch (RuntimeException e) {
            failures.closeOwnHandle(backend, handle, PROBE, e);
            throw e;
        }
        failures.closeOwnHandle(backend, handle, PROBE, null);
        return state;
    }

    private ThreadTokenState describe(Handle token) {
        TokenInformation stats = failures.require(
                backend.getTokenInformation(token, TokenInformationClass.TokenStatistics, -1), "GetTokenInformation");
        TokenStatistics statistics = stats.as(TokenStatistics.class);
        return new ThreadTokenState(true, statistics.impersonationLevel(), statistics.tokenId());
    }

    /** True when the calling thread has an impersonation token. */
    boolean isImpersonating() {
        Result<Handle> opened = backend.openThreadToken(Handle.CURRENT_THREAD, 0, true);
        if (Failures.failedWith(opened, Win32Error.ERROR_NO_TOKEN)) {
            return false;
        }
        if (Failures.failedWith(opened, Win32Error.ERROR_CANT_OPEN_ANONYMOUS)) {
            return true;
        }
        failures.closeOwnHandle(backend, failures.require(opened, "OpenThreadToken"), PROBE, null);
        return true;
    }

    /**
     * Saves the calling thread's impersonation and reverts it to the process token for a task that
     * must run as the process; {@link #restore} puts it back (and verifies) afterwards.
     */
    SavedImpersonation leaveImpersonation(String function) {
        VirtualThreads.refuseImpersonation(function);
        SavedImpersonation saved = save();
        if (saved.wasImpersonating()) {
            Result<Void> reverted = backend.revertToSelf();
            if (!reverted.succeeded()) {
                WinTokenException failure = failures.exception(reverted, "RevertToSelf", "the thread could not leave"
                        + " its impersonation to run " + function + " as the process; nothing was run");
                discard(saved, failure);
                throw failure;
            }
        }
        return saved;
    }

    /**
     * Duplicates the calling thread's impersonation token at its own level (R53), or returns null when
     * the thread is not impersonating. The duplicate is made with impersonation suspended (revert,
     * {@code DuplicateTokenEx}, then the verified restore of R46), as OpenAsSelf does for an open (R29):
     * so that an Identification-level thread can duplicate (R20) and the new token's default DACL is the
     * process's, which lets the threads that will impersonate it read it back.
     *
     * @throws WinTokenException ERROR_CANT_OPEN_ANONYMOUS for an Anonymous-level thread token (R28)
     */
    Handle captureDuplicate(int access, String purpose) {
        Result<Handle> opened = backend.openThreadToken(Handle.CURRENT_THREAD,
                SAVE_ACCESS | TokenAccess.DUPLICATE.mask(), true);
        if (Failures.failedWith(opened, Win32Error.ERROR_NO_TOKEN)) {
            return null;
        }
        if (Failures.failedWith(opened, Win32Error.ERROR_CANT_OPEN_ANONYMOUS)) {
            throw failures.exception(opened, "OpenThreadToken", "the thread \"" + Thread.currentThread().getName()
                    + "\" impersonates at Anonymous level, whose token cannot be opened (R28), so its identity cannot"
                    + " be captured for " + purpose + "; nothing was submitted");
        }
        Handle token = failures.require(opened, "OpenThreadToken");
        SavedImpersonation saved;
        try {
            saved = new SavedImpersonation(token, describe(token));
        } catch (RuntimeException e) {
            failures.closeOwnHandle(backend, token, SAVED, e);
            throw e;
        }
        Result<Void> reverted = backend.revertToSelf();
        if (!reverted.succeeded()) {
            WinTokenException failure = failures.exception(reverted, "RevertToSelf", "the impersonation could not be"
                    + " suspended to capture it for " + purpose + "; nothing was changed");
            discard(saved, failure);
            throw failure;
        }
        Result<Handle> copy = null;
        try {
            copy = backend.duplicateTokenEx(token, access, null, saved.state().level(), TokenType.IMPERSONATION);
        } finally {
            try {
                restore(saved, "capturing the impersonation for " + purpose);
            } catch (RuntimeException | Error restoreFailure) {
                if (copy != null && copy.succeeded()) {
                    failures.closeOwnHandle(backend, copy.value(), "duplicate of the thread token, made for " + purpose,
                            restoreFailure);
                }
                throw restoreFailure;
            }
        }
        return failures.require(copy, "DuplicateTokenEx");
    }

    /** Saves the calling thread's impersonation, or fails without changing anything (R46). */
    private SavedImpersonation save() {
        Result<Handle> opened = backend.openThreadToken(Handle.CURRENT_THREAD, SAVE_ACCESS, true);
        if (Failures.failedWith(opened, Win32Error.ERROR_NO_TOKEN)) {
            return SavedImpersonation.notImpersonating();
        }
        if (!opened.succeeded()) {
            throw failures.exception(opened, "OpenThreadToken", "the thread's current impersonation cannot be saved,"
                    + " so it could not be restored afterwards (R46); nothing was changed");
        }
        try {
            return new SavedImpersonation(opened.value(), describe(opened.value()));
        } catch (RuntimeException e) {
            failures.closeOwnHandle(backend, opened.value(), SAVED, e);
            throw e;
        }
    }

    /**
     * Puts the saved impersonation back and verifies it; any failure is fatal for the thread.
     *
     * @throws ImpersonationRestoreError when the thread could not be put back
     */
    void restore(SavedImpersonation saved, String function) {
        String restoreFunction = saved.wasImpersonating() ? "SetThreadToken" : "RevertToSelf";
        Throwable problem = null;
        WinTokenException closeFailure = null;
        try {
            Result<Void> result = saved.wasImpersonating()
                    ? backend.setThreadToken(null, saved.handle()) : backend.revertToSelf();
            if (!result.succeeded()) {
                problem = failures.exception(result, restoreFunction, null);
            } else {
                ThreadTokenState now = read();
                if (!now.equals(saved.state())) {
                    problem = new IllegalStateException("after " + restoreFunction + " the thread token is " + now
                            + " instead of " + saved.state());
                }
            }
        } catch (RuntimeException e) {
            problem = e;
        } finally {
            closeFailure = discard(saved, null); // reported (logged) either way; also carried by the error below
        }
        TokenEvents.reverted(restoreFunction, saved.state(), "closing the scope of " + function, problem);
        if (problem != null) {
            ImpersonationRestoreError error = new ImpersonationRestoreError("could not restore the impersonation"
                    + " of thread \"" + Thread.currentThread().getName() + "\" from before " + function + " ("
                    + saved.state() + "): " + problem.getMessage(), problem);
            if (closeFailure != null) {
                error.addSuppressed(closeFailure);
            }
            ThreadPoison.poison(error);
            throw error;
        }
    }

    /** Closes the saved token handle, if any; a failed close is reported as {@link Failures#closeOwnHandle} says and returned. */
    WinTokenException discard(SavedImpersonation saved, Throwable pending) {
        return saved.wasImpersonating() ? failures.closeOwnHandle(backend, saved.handle(), SAVED, pending) : null;
    }

    /** Ends impersonation on the calling thread, fatally if that fails. */
    void revertOrPoison(String reason) {
        Result<Void> result = backend.revertToSelf();
        WinTokenException failure = result.succeeded() ? null : failures.exception(result, "RevertToSelf", null);
        TokenEvents.reverted("RevertToSelf", ThreadTokenState.NONE, reason, failure);
        if (failure != null) {
            ImpersonationRestoreError error = new ImpersonationRestoreError(reason + "; RevertToSelf failed", failure);
            ThreadPoison.poison(error);
            throw error;
        }
    }
}
