package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The impersonation policy of a {@link TokenSystem}: saves the calling thread's impersonation,
 * calls the entry point, reads the thread token back to detect a silent downgrade (R38, R39),
 * and restores the saved impersonation on close (R46), verifying that it really was restored.
 */
final class Impersonator {

    private static final int SAVE_ACCESS = TokenAccess.IMPERSONATE.mask() | TokenAccess.QUERY.mask();

    private final TokenBackend backend;
    private final Failures failures;

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
        Result<Void> result;
        try {
            result = entry.get();
        } catch (RuntimeException | Error e) {
            discard(saved);
            throw e;
        }
        if (!result.succeeded()) {
            discard(saved);
            throw failures.exception(result, function, null);
        }
        ThreadTokenState now;
        try {
            now = read();
        } catch (WinTokenException unreadable) {
            restore(saved, function);
            Integer status = unreadable.ntStatus().isPresent() ? unreadable.ntStatus().getAsInt() : null;
            throw new WinTokenException(unreadable.function(), unreadable.win32Error(), status, unreadable.backend(),
                    "the impersonation entered by " + function + " could not be verified, so it was undone");
        }
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
        ImpersonationScope scope = new ImpersonationScope(this, saved, function, expected, now.level());
        ScopeStack.push(scope);
        return scope;
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
        Result<Void> result;
        try {
            result = backend.impersonateNamedPipeClient(pipe);
        } catch (RuntimeException | Error e) {
            discard(saved);
            throw e;
        }
        if (!result.succeeded()) {
            discard(saved);
            throw failures.exception(result, function, null);
        }
        ImpersonationLevel level;
        try {
            level = readPipeClientLevel();
        } catch (WinTokenException unreadable) {
            restore(saved, function);
            Integer status = unreadable.ntStatus().isPresent() ? unreadable.ntStatus().getAsInt() : null;
            throw new WinTokenException(unreadable.function(), unreadable.win32Error(), status, unreadable.backend(),
                    "the impersonation entered by " + function + " could not be verified, so it was undone");
        }
        ImpersonationScope scope = new ImpersonationScope(this, saved, function, level, level);
        ScopeStack.push(scope);
        return scope;
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
        try {
            return describe(handle);
        } finally {
            backend.closeHandle(handle);
        }
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
        backend.closeHandle(failures.require(opened, "OpenThreadToken"));
        return true;
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
            backend.closeHandle(opened.value());
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
            discard(saved);
        }
        if (problem != null) {
            ImpersonationRestoreError error = new ImpersonationRestoreError("could not restore the impersonation"
                    + " of thread \"" + Thread.currentThread().getName() + "\" from before " + function + " ("
                    + saved.state() + "): " + problem.getMessage(), problem);
            ThreadPoison.poison(error);
            throw error;
        }
    }

    /** Closes the saved token handle, if any. */
    void discard(SavedImpersonation saved) {
        if (saved.wasImpersonating()) {
            backend.closeHandle(saved.handle());
        }
    }

    /** Ends impersonation on the calling thread, fatally if that fails. */
    void revertOrPoison(String reason) {
        Result<Void> result = backend.revertToSelf();
        if (!result.succeeded()) {
            ImpersonationRestoreError error = new ImpersonationRestoreError(reason + "; RevertToSelf failed",
                    failures.exception(result, "RevertToSelf", null));
            ThreadPoison.poison(error);
            throw error;
        }
    }
}
