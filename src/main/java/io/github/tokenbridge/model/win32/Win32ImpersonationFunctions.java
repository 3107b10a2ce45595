package io.github.tokenbridge.model.win32;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.nt.NtLayer;
import io.github.tokenbridge.model.nt.NtThreadImpersonation;

import java.util.Objects;

/**
 * The advapi32 impersonation functions of the model, built on the Nt layer as Windows builds them:
 * ImpersonateSelf (R41), ImpersonateLoggedOnUser (R42), SetThreadToken (R36),
 * ImpersonateAnonymousToken (R44) and RevertToSelf (R45).
 */
public final class Win32ImpersonationFunctions {

    private static final long CURRENT_PROCESS = -1;
    private static final long CURRENT_THREAD = -2;
    private static final int TOKEN_DUPLICATE = 0x0002;
    private static final int TOKEN_IMPERSONATE = 0x0004;
    private static final int TOKEN_QUERY = 0x0008;

    private final NtLayer nt;

    public Win32ImpersonationFunctions(NtLayer nt) {
        this.nt = nt;
    }

    /**
     * {@code ImpersonateSelf(level)} ({@code RtlImpersonateSelf}): open the process token for
     * TOKEN_DUPLICATE under the caller's effective token, duplicate it to an impersonation token at
     * {@code level} with TOKEN_IMPERSONATE, set it on the calling thread, close both handles (R41).
     */
    public Result<Void> impersonateSelf(ThreadObject caller, ImpersonationLevel level) {
        Objects.requireNonNull(level, "level");
        Result<Long> process = nt.opening().openProcessToken(caller, CURRENT_PROCESS, TOKEN_DUPLICATE, 0);
        if (!process.succeeded()) {
            return process.withValue(null);
        }
        try {
            Result<Long> copy = nt.duplication().duplicateToken(caller, process.value(), TOKEN_IMPERSONATE, null, level,
                    false, TokenType.IMPERSONATION, 0);
            if (!copy.succeeded()) {
                return copy.withValue(null);
            }
            try {
                return setOnThread(caller, CURRENT_THREAD, copy.value());
            } finally {
                nt.objects().close(caller, copy.value());
            }
        } finally {
            nt.objects().close(caller, process.value());
        }
    }

    /**
     * {@code ImpersonateLoggedOnUser(token)}: queries the type (TOKEN_QUERY); an impersonation token
     * is set as is (TOKEN_IMPERSONATE), a primary token is duplicated to SecurityImpersonation
     * (TOKEN_DUPLICATE) and the copy is set (R42). R38 decides whether the result is usable.
     */
    public Result<Void> impersonateLoggedOnUser(ThreadObject caller, Handle token) {
        Result<TokenInformation> type = nt.query().query(caller, token.value(), TokenInformationClass.TokenType, 4);
        if (!type.succeeded()) {
            return type.withValue(null);
        }
        if (type.value().value() == TokenType.IMPERSONATION) {
            return setOnThread(caller, CURRENT_THREAD, token.value());
        }
        Result<Long> copy = nt.duplication().duplicateToken(caller, token.value(), TOKEN_IMPERSONATE | TOKEN_QUERY, null,
                ImpersonationLevel.IMPERSONATION, false, TokenType.IMPERSONATION, 0);
        if (!copy.succeeded()) {
            return copy.withValue(null);
        }
        try {
            return setOnThread(caller, CURRENT_THREAD, copy.value());
        } finally {
            nt.objects().close(caller, copy.value());
        }
    }

    /**
     * {@code SetThreadToken(Thread, Token)}: {@code thread} null (a NULL pointer) means the calling
     * thread; {@link Handle#NULL} token ends impersonation (R36).
     */
    public Result<Void> setThreadToken(ThreadObject caller, Handle thread, Handle token) {
        Objects.requireNonNull(token, "token");
        return setOnThread(caller, thread == null ? CURRENT_THREAD : thread.value(), token.value());
    }

    /** {@code ImpersonateAnonymousToken(thread)} = {@code NtImpersonateAnonymousToken}. */
    public Result<Void> impersonateAnonymousToken(ThreadObject caller, Handle thread) {
        return nt.impersonation().impersonateAnonymousToken(caller, thread.value()).withValue(null);
    }

    /** {@code RevertToSelf} = {@code NtSetInformationThread(GetCurrentThread(), ThreadImpersonationToken, NULL)} (R45). */
    public Result<Void> revertToSelf(ThreadObject caller) {
        return setOnThread(caller, CURRENT_THREAD, 0);
    }

    private Result<Void> setOnThread(ThreadObject caller, long thread, long token) {
        Result<?> r = nt.impersonation().setImpersonationToken(caller, thread, token, NtThreadImpersonation.HANDLE_SIZE);
        return r.succeeded() ? Result.ofStatus(NtStatus.STATUS_SUCCESS, null) : r.withValue(null);
    }
}
