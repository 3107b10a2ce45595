package io.github.tokenbridge.jna;

import com.sun.jna.Native;

import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * The three DLL bindings the jna backend uses and the source of the last error: the value JNA
 * saved for the calling thread right after its most recent native call ({@link Native#getLastError()}),
 * never a separate {@code GetLastError} call. Tests pass mocks and a fake last error.
 *
 * <p>A few functions do not promise to set the last error when they succeed ({@code AdjustTokenGroups}
 * may leave an earlier ERROR_NOT_ALL_ASSIGNED in place, and the access status of {@code AccessCheck} is
 * read from it), so the backend clears it with {@link #setLastError} right before calling them.
 *
 * @param advapi32     advapi32.dll
 * @param ntdll        ntdll.dll
 * @param kernel32     kernel32.dll
 * @param lastError    reads the last error of the calling thread's most recent native call
 * @param setLastError sets the calling thread's last error ({@link Native#setLastError(int)}: the OS value
 *                     and the value JNA keeps for the thread)
 */
record NativeCalls(Advapi32Calls advapi32, NtdllCalls ntdll, Kernel32Calls kernel32, IntSupplier lastError,
                   IntConsumer setLastError) {

    public NativeCalls {
        Objects.requireNonNull(advapi32, "advapi32");
        Objects.requireNonNull(ntdll, "ntdll");
        Objects.requireNonNull(kernel32, "kernel32");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(setLastError, "setLastError");
    }

    /** Loads the real DLLs (Windows only); throws {@link UnsatisfiedLinkError} when one cannot be loaded. */
    static NativeCalls load() {
        return new NativeCalls(
                Native.load("advapi32", Advapi32Calls.class),
                Native.load("ntdll", NtdllCalls.class),
                Native.load("kernel32", Kernel32Calls.class),
                Native::getLastError,
                Native::setLastError);
    }
}
