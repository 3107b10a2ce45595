package io.github.tokenbridge.jna;

import com.sun.jna.Memory;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;

import java.util.Objects;

/**
 * The file and device functions of the jna backend: kernel32's {@code CreateFileW}, with the
 * SECURITY_ATTRIBUTES built from a descriptor and freed after the call.
 */
final class FileOperations extends NativeOperations {

    FileOperations(NativeCalls calls) {
        super(calls);
    }

    Result<Handle> createFile(String fileName, int desiredAccess, int shareMode, SecurityDescriptor securityDescriptor,
                              int creationDisposition, int flagsAndAttributes) {
        Objects.requireNonNull(fileName, "fileName");
        try (Memory attributes = securityDescriptor == null ? null : TokenCreation.securityAttributes(securityDescriptor)) {
            HANDLE file = calls.kernel32().CreateFileW(new WString(fileName), desiredAccess, shareMode, attributes,
                    creationDisposition, flagsAndAttributes, null);
            return invalidOrHandle(file);
        }
    }

    /** A function returning INVALID_HANDLE_VALUE (or NULL) on failure: the handle, or the last error. */
    final Result<Handle> invalidOrHandle(HANDLE file) {
        Handle h = handle(file);
        if (h.isNull() || h.value() == -1) {
            return Result.win32Failure(lastError());
        }
        return Result.ok(h);
    }

}
