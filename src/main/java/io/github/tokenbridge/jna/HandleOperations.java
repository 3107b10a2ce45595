package io.github.tokenbridge.jna;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;

/**
 * The process, thread and handle functions of the jna backend: kernel32's ids, {@code OpenProcess},
 * {@code OpenThread}, {@code DuplicateHandle}, {@code CloseHandle}, and ntdll's {@code NtClose} and
 * {@code NtQueryObject(ObjectBasicInformation)}.
 */
final class HandleOperations extends NativeOperations {

    HandleOperations(NativeCalls calls) {
        super(calls);
    }

    int getCurrentProcessId() {
        return calls.kernel32().GetCurrentProcessId();
    }

    int getCurrentThreadId() {
        return calls.kernel32().GetCurrentThreadId();
    }

    Result<Handle> openProcess(int desiredAccess, int processId) {
        HANDLE process = calls.kernel32().OpenProcess(desiredAccess, false, processId);
        Handle result = handle(process);
        return result.isNull() ? Result.win32Failure(lastError()) : Result.ok(result);
    }

    Result<Handle> openThread(int desiredAccess, int threadId) {
        HANDLE thread = calls.kernel32().OpenThread(desiredAccess, false, threadId);
        Handle result = handle(thread);
        return result.isNull() ? Result.win32Failure(lastError()) : Result.ok(result);
    }

    Result<Handle> duplicateHandle(Handle source, int desiredAccess, int options) {
        HANDLE self = handle(Handle.CURRENT_PROCESS);
        HANDLEByReference target = new HANDLEByReference();
        boolean ok = calls.kernel32().DuplicateHandle(self, handle(source), self, target, desiredAccess, false, options);
        return win32Handle(ok, target);
    }

    Result<Void> closeHandle(Handle handle) {
        return win32(calls.kernel32().CloseHandle(handle(handle)), null);
    }

    Result<Void> ntClose(Handle handle) {
        return Result.ofStatus(calls.ntdll().NtClose(handle(handle)), null);
    }

    Result<Integer> queryGrantedAccess(Handle handle) {
        StructLayout layout = NativeLayout.PUBLIC_OBJECT_BASIC_INFORMATION;
        try (Memory info = new Memory(layout.size())) {
            info.clear();
            int status = calls.ntdll().NtQueryObject(handle(handle), NativeConstants.OBJECT_BASIC_INFORMATION, info,
                    layout.size(), new IntByReference());
            return Result.ofStatus(status, NtStatus.isSuccess(status) ? info.getInt(layout.offset("GrantedAccess")) : null);
        }
    }
}
