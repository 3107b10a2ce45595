package io.github.tokenbridge.model.win32;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.nt.NtLayer;

import java.util.List;

/**
 * The advapi32/kernel32 token functions of the model, built on the Nt layer as Windows builds them
 * (R52, R56, R59): OpenProcessToken, OpenThreadToken, DuplicateToken(Ex), Get/SetTokenInformation,
 * AdjustTokenPrivileges, DuplicateHandle and CloseHandle. Failures carry the NTSTATUS and its
 * {@code RtlNtStatusToDosError} mapping.
 */
public final class Win32TokenFunctions {

    private static final int TOKEN_IMPERSONATE = 0x0004;
    private static final int TOKEN_QUERY = 0x0008;

    private final NtLayer nt;

    public Win32TokenFunctions(NtLayer nt) {
        this.nt = nt;
    }

    /** {@code OpenProcessToken} = {@code NtOpenProcessTokenEx(process, access, 0)}. */
    public Result<Handle> openProcessToken(ThreadObject caller, Handle process, int desiredAccess) {
        return toHandle(nt.opening().openProcessToken(caller, process.value(), desiredAccess, 0));
    }

    /** {@code OpenThreadToken} = {@code NtOpenThreadTokenEx(thread, access, openAsSelf, 0)}. */
    public Result<Handle> openThreadToken(ThreadObject caller, Handle thread, int desiredAccess, boolean openAsSelf) {
        return toHandle(nt.opening().openThreadToken(caller, thread.value(), desiredAccess, openAsSelf, 0));
    }

    /**
     * {@code DuplicateTokenEx}: {@code NtDuplicateToken} with a SECURITY_QUALITY_OF_SERVICE at
     * {@code level} and EffectiveOnly FALSE.
     */
    public Result<Handle> duplicateTokenEx(ThreadObject caller, Handle token, int desiredAccess,
                                           SecurityDescriptor securityDescriptor, ImpersonationLevel level, TokenType type) {
        return toHandle(nt.duplication().duplicateToken(caller, token.value(), desiredAccess, securityDescriptor,
                java.util.Objects.requireNonNull(level, "level"), false, type, 0));
    }

    /** {@code DuplicateToken(h, level)} = {@code DuplicateTokenEx(h, TOKEN_IMPERSONATE|TOKEN_QUERY, NULL, level, TokenImpersonation)} (R52). */
    public Result<Handle> duplicateToken(ThreadObject caller, Handle token, ImpersonationLevel level) {
        return duplicateTokenEx(caller, token, TOKEN_IMPERSONATE | TOKEN_QUERY, null, level, TokenType.IMPERSONATION);
    }

    /** {@code GetTokenInformation} = {@code NtQueryInformationToken} plus the status mapping (R59). */
    public Result<TokenInformation> getTokenInformation(ThreadObject caller, Handle token, TokenInformationClass infoClass,
                                                        int bufferLength) {
        return nt.query().query(caller, token.value(), infoClass, bufferLength);
    }

    /** {@code SetTokenInformation} = {@code NtSetInformationToken}. */
    public Result<Void> setTokenInformation(ThreadObject caller, Handle token, TokenInformationClass infoClass, Object value) {
        return nt.modification().setInformation(caller, token.value(), infoClass, value);
    }

    /**
     * {@code AdjustTokenPrivileges}: returns TRUE on STATUS_SUCCESS (last error 0) and on
     * STATUS_NOT_ALL_ASSIGNED (last error ERROR_NOT_ALL_ASSIGNED), as kernelbase does (R56).
     */
    public Result<AdjustResult<TokenPrivilege>> adjustTokenPrivileges(ThreadObject caller, Handle token, boolean disableAll,
                                                                      List<TokenPrivilege> newState, int previousStateLength) {
        Result<AdjustResult<TokenPrivilege>> r = nt.modification().adjustPrivileges(caller, token.value(), disableAll,
                newState, previousStateLength);
        if (r.ntStatus().orElse(-1) == NtStatus.STATUS_NOT_ALL_ASSIGNED.code()) {
            return Result.okWithLastError(r.value(), Win32Error.ERROR_NOT_ALL_ASSIGNED.code());
        }
        return r;
    }

    /** {@code DuplicateHandle(GetCurrentProcess(), source, GetCurrentProcess(), &target, access, FALSE, options)}. */
    public Result<Handle> duplicateHandle(ThreadObject caller, Handle source, int desiredAccess, int options) {
        return toHandle(nt.objects().duplicate(caller, source.value(), desiredAccess, options));
    }

    /**
     * {@code CloseHandle}: the defined pseudo handles — GetCurrentProcess() (-1), GetCurrentThread()
     * (-2) and the token pseudo handles -4/-5/-6 (R19) — succeed without effect, as documented for
     * them; every other value, including any other negative one, goes to NtClose, which fails with
     * STATUS_INVALID_HANDLE (ERROR_INVALID_HANDLE) unless it is open in the caller's process. The
     * model process has no standard handles, so STD_*_HANDLE (-10/-11/-12) is invalid too.
     */
    public Result<Void> closeHandle(ThreadObject caller, Handle handle) {
        if (isDefinedPseudoHandle(handle)) {
            return Result.ok(null);
        }
        return nt.objects().close(caller, handle.value());
    }

    private static boolean isDefinedPseudoHandle(Handle handle) {
        return handle.equals(Handle.CURRENT_PROCESS) || handle.equals(Handle.CURRENT_THREAD)
                || handle.equals(Handle.CURRENT_PROCESS_TOKEN) || handle.equals(Handle.CURRENT_THREAD_TOKEN)
                || handle.equals(Handle.CURRENT_THREAD_EFFECTIVE_TOKEN);
    }

    /** Converts an Nt handle result. */
    static Result<Handle> toHandle(Result<Long> r) {
        return r.withValue(r.value() == null ? null : new Handle(r.value()));
    }
}
