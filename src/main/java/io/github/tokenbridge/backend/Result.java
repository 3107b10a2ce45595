package io.github.tokenbridge.backend;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Win32Error;

import java.util.OptionalInt;

/**
 * The outcome of one backend SPI call, exactly as Windows reports it: whether the call
 * succeeded, the Win32 error (the last error), the NTSTATUS when the call had one, and the
 * function's output.
 *
 * <p>Backends never throw for an OS-level failure; they return a failed result. The value may be
 * present on failure where Windows also writes output then (the required length of
 * {@code GetTokenInformation} after {@code ERROR_INSUFFICIENT_BUFFER}, for example).
 *
 * @param <T> the function's output
 */
public final class Result<T> {

    /** The outcomes without output of each table status, made on first use (results are immutable values). */
    private static final Result<?>[] WITHOUT_VALUE = new Result<?>[NtStatus.values().length];

    private final boolean succeeded;
    private final int win32Error;
    private final int ntStatus;
    private final boolean hasNtStatus;
    private final T value;

    private Result(boolean succeeded, int win32Error, int ntStatus, boolean hasNtStatus, T value) {
        this.succeeded = succeeded;
        this.win32Error = win32Error;
        this.ntStatus = ntStatus;
        this.hasNtStatus = hasNtStatus;
        this.value = value;
    }

    /** A Win32 call that returned TRUE and left the last error at 0. */
    public static <T> Result<T> ok(T value) {
        return new Result<>(true, 0, 0, false, value);
    }

    /** A Win32 call that returned TRUE but set a last error (ERROR_NOT_ALL_ASSIGNED). */
    public static <T> Result<T> okWithLastError(T value, int lastError) {
        return new Result<>(true, lastError, 0, false, value);
    }

    /** A Win32 call that failed with {@code lastError}, without a known NTSTATUS. */
    public static <T> Result<T> win32Failure(int lastError) {
        return new Result<>(false, lastError, 0, false, null);
    }

    /** A Win32 call that failed with {@code lastError}, with output written anyway. */
    public static <T> Result<T> win32Failure(int lastError, T value) {
        return new Result<>(false, lastError, 0, false, value);
    }

    /**
     * A call whose outcome is an NTSTATUS: it succeeded when NT_SUCCESS(status), and its Win32
     * error is {@code RtlNtStatusToDosError(status)} (0 for STATUS_SUCCESS).
     */
    public static <T> Result<T> ofStatus(int status, T value) {
        int win32 = status == 0 ? 0 : NtStatus.toWin32Error(status);
        return new Result<>(NtStatus.isSuccess(status), win32, status, true, value);
    }

    /** {@link #ofStatus(int, Object)} for a table status. */
    @SuppressWarnings("unchecked")
    public static <T> Result<T> ofStatus(NtStatus status, T value) {
        if (value == null) {
            Result<?> shared = WITHOUT_VALUE[status.ordinal()];
            if (shared == null) {
                shared = make(status, null);
                WITHOUT_VALUE[status.ordinal()] = shared; // a racing first use stores an equal value
            }
            return (Result<T>) shared;
        }
        return make(status, value);
    }

    private static <T> Result<T> make(NtStatus status, T value) {
        int code = status.code();
        return new Result<>(NtStatus.isSuccess(code), code == 0 ? 0 : status.win32Error(), code, true, value);
    }

    /** A failed NT call, without output. */
    public static <T> Result<T> failure(NtStatus status) {
        return ofStatus(status, null);
    }

    /** True when the function reported success (TRUE, or NT_SUCCESS). */
    public boolean succeeded() {
        return succeeded;
    }

    /** The Win32 error: the last error after the call (0 on plain success). */
    public int win32Error() {
        return win32Error;
    }

    /** The NTSTATUS the call produced, when it produced one. */
    public OptionalInt ntStatus() {
        return hasNtStatus ? OptionalInt.of(ntStatus) : OptionalInt.empty();
    }

    /** The raw NTSTATUS or null, as {@link io.github.tokenbridge.WinTokenException} takes it. */
    public Integer ntStatusOrNull() {
        return hasNtStatus ? ntStatus : null;
    }

    /** The output; may be null (always null for functions without output). */
    public T value() {
        return value;
    }

    /** The same outcome with other output (used when a Win32 function wraps an Nt one). */
    @SuppressWarnings("unchecked")
    public <U> Result<U> withValue(U newValue) {
        if (newValue == null && value == null) {
            return (Result<U>) this; // nothing to change: results are immutable
        }
        return new Result<>(succeeded, win32Error, ntStatus, hasNtStatus, newValue);
    }

    /**
     * The outcome's name as the scenario language writes it: {@code ok} on plain success, else the
     * Win32 name (Win32 functions) or the NTSTATUS name ({@code nt} true).
     */
    public String outcomeName(boolean nt) {
        if (nt && hasNtStatus) {
            return ntStatus == 0 ? "ok" : NtStatus.describe(ntStatus);
        }
        return win32Error == 0 ? "ok" : Win32Error.describe(win32Error);
    }

    @Override
    public String toString() {
        return (succeeded ? "ok" : "failed") + "[" + Win32Error.describe(win32Error)
                + (hasNtStatus ? ", " + NtStatus.describe(ntStatus) : "") + "]" + (value == null ? "" : " " + value);
    }
}
