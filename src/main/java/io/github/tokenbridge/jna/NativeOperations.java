package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;

import java.util.Objects;

/**
 * The base of the jna backend's operation groups: the bindings, handle conversion between the
 * SPI's {@link Handle} and JNA's {@code HANDLE}, and the two ways a result is built (a BOOL with
 * the last error read right after the call, or an NTSTATUS).
 */
abstract class NativeOperations {

    final NativeCalls calls;

    NativeOperations(NativeCalls calls) {
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /** The JNA handle for {@code handle}; null (NULL) for {@link Handle#NULL}. */
    static HANDLE handle(Handle handle) {
        Objects.requireNonNull(handle, "handle (use Handle.NULL for NULL)");
        return handle.isNull() ? null : new HANDLE(Pointer.createConstant(handle.value()));
    }

    /** The SPI handle for a JNA handle (NULL for null). */
    static Handle handle(HANDLE handle) {
        return handle == null || handle.getPointer() == null ? Handle.NULL : new Handle(Pointer.nativeValue(handle.getPointer()));
    }

    /** The handle written to {@code ref}. */
    static Handle handle(HANDLEByReference ref) {
        return new Handle(ref.getPointer().getLong(0));
    }

    /** The last error of this thread's most recent native call. */
    final int lastError() {
        return calls.lastError().getAsInt();
    }

    /**
     * Sets the last error to ERROR_SUCCESS right before a call that may succeed without setting it,
     * so what is read after the call is that call's (R56, R57, R62). Buffers and arguments are built
     * before this: nothing but the call may run in between.
     */
    final void clearLastError() {
        calls.setLastError().accept(0);
    }

    /** A BOOL outcome: ok with {@code value}, or the last error (read now, right after the call). */
    final <T> Result<T> win32(boolean succeeded, T value) {
        return succeeded ? Result.ok(value) : Result.win32Failure(lastError());
    }

    /** A BOOL function that wrote a handle: the handle, or the last error. */
    final Result<Handle> win32Handle(boolean succeeded, HANDLEByReference out) {
        return succeeded ? Result.ok(handle(out)) : Result.win32Failure(lastError());
    }

    /** An NTSTATUS function that wrote a handle: the handle when NT_SUCCESS, else no value. */
    static Result<Handle> ntHandle(int status, HANDLEByReference out) {
        return Result.ofStatus(status, io.github.tokenbridge.NtStatus.isSuccess(status) ? handle(out) : null);
    }

    /** {@code ERROR_NOT_ALL_ASSIGNED} when the last error after a successful adjust call says so, else 0 (R56, R57). */
    final int notAllAssigned() {
        int error = lastError();
        return error == Win32Error.ERROR_NOT_ALL_ASSIGNED.code() ? error : 0;
    }
}
