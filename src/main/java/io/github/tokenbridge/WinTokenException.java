package io.github.tokenbridge;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The one exception tokenbridge throws for a failure reported by Windows (or by the model acting
 * as Windows): it names the failed function, the Win32 error, the NTSTATUS when the call had one,
 * and the backend that reported it.
 *
 * <p>The message is built from tokenbridge's own status tables, so it is the same on both
 * backends and in every locale, for example
 * {@code OpenThreadToken failed: ERROR_CANT_OPEN_ANONYMOUS (1347), STATUS_CANT_OPEN_ANONYMOUS (0xC00000A6) [model]}.
 */
public class WinTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String function;
    private final int win32Error;
    private final Integer ntStatus;
    private final BackendKind backend;

    /**
     * @param function   the Win32 or Nt function that failed, as Windows spells it
     * @param win32Error the Win32 error (GetLastError, or RtlNtStatusToDosError of the status)
     * @param ntStatus   the NTSTATUS, or null when the call did not give one
     * @param backend    the backend that reported the failure
     */
    public WinTokenException(String function, int win32Error, Integer ntStatus, BackendKind backend) {
        this(function, win32Error, ntStatus, backend, null);
    }

    /** As {@link #WinTokenException(String, int, Integer, BackendKind)}, with a detail appended to the message. */
    public WinTokenException(String function, int win32Error, Integer ntStatus, BackendKind backend, String detail) {
        super(message(function, win32Error, ntStatus, backend, detail));
        this.function = Objects.requireNonNull(function, "function");
        this.win32Error = win32Error;
        this.ntStatus = ntStatus;
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    private static String message(String function, int win32Error, Integer ntStatus, BackendKind backend, String detail) {
        StringBuilder sb = new StringBuilder(function).append(" failed: ")
                .append(Win32Error.describe(win32Error)).append(" (").append(Integer.toUnsignedString(win32Error)).append(')');
        if (ntStatus != null) {
            sb.append(", ").append(NtStatus.describe(ntStatus)).append(String.format(" (0x%08X)", ntStatus));
        }
        sb.append(" [").append(backend.id()).append(']');
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }

    /** The failed function's name, for example {@code OpenThreadToken}. */
    public String function() {
        return function;
    }

    /** The Win32 error code. */
    public int win32Error() {
        return win32Error;
    }

    /** The Win32 error's symbolic name, for example {@code ERROR_NO_TOKEN}. */
    public String win32ErrorName() {
        return Win32Error.describe(win32Error);
    }

    /** The NTSTATUS, when the failed call had one. */
    public OptionalInt ntStatus() {
        return ntStatus == null ? OptionalInt.empty() : OptionalInt.of(ntStatus);
    }

    /** The NTSTATUS's symbolic name, or empty when there was none. */
    public java.util.Optional<String> ntStatusName() {
        return ntStatus == null ? java.util.Optional.empty() : java.util.Optional.of(NtStatus.describe(ntStatus));
    }

    /** The backend that reported the failure. */
    public BackendKind backend() {
        return backend;
    }
}
