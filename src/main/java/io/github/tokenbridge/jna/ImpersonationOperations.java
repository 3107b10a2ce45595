package io.github.tokenbridge.jna;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;

/**
 * The jna backend's impersonation functions: {@code ImpersonateSelf}, {@code ImpersonateLoggedOnUser},
 * {@code SetThreadToken}, {@code ImpersonateAnonymousToken}, {@code RevertToSelf} and their Nt
 * counterparts {@code NtSetInformationThread(ThreadImpersonationToken)}, {@code NtImpersonateAnonymousToken}
 * and {@code NtImpersonateThread}. They act on the OS thread that calls them.
 */
final class ImpersonationOperations extends NativeOperations {

    ImpersonationOperations(NativeCalls calls) {
        super(calls);
    }

    Result<Void> impersonateSelf(ImpersonationLevel level) {
        return win32(calls.advapi32().ImpersonateSelf(level.code()), null);
    }

    Result<Void> impersonateLoggedOnUser(Handle token) {
        return win32(calls.advapi32().ImpersonateLoggedOnUser(handle(token)), null);
    }

    Result<Void> setThreadToken(Handle thread, Handle token) {
        HANDLEByReference threadPointer = thread == null ? null : new HANDLEByReference(handle(thread));
        return win32(calls.advapi32().SetThreadToken(threadPointer, handle(token)), null);
    }

    Result<Void> impersonateAnonymousToken(Handle thread) {
        return win32(calls.advapi32().ImpersonateAnonymousToken(handle(thread)), null);
    }

    Result<Void> revertToSelf() {
        return win32(calls.advapi32().RevertToSelf(), null);
    }

    Result<Void> ntSetInformationThreadImpersonationToken(Handle thread, Handle token) {
        try (Memory tokenHandle = new Memory(8)) {
            tokenHandle.setLong(0, token.value());
            return Result.ofStatus(calls.ntdll().NtSetInformationThread(handle(thread),
                    NativeConstants.THREAD_IMPERSONATION_TOKEN, tokenHandle, (int) tokenHandle.size()), null);
        }
    }

    Result<Void> ntImpersonateAnonymousToken(Handle thread) {
        return Result.ofStatus(calls.ntdll().NtImpersonateAnonymousToken(handle(thread)), null);
    }

    /** {@code NtImpersonateThread} with a {@code SECURITY_QUALITY_OF_SERVICE} laid out as {@link NativeLayout} probes it. */
    Result<Void> ntImpersonateThread(Handle serverThread, Handle clientThread, ImpersonationLevel level,
                                     boolean contextTracking, boolean effectiveOnly) {
        StructLayout layout = NativeLayout.SECURITY_QUALITY_OF_SERVICE;
        try (Memory qos = new Memory(layout.size())) {
            qos.clear();
            qos.setInt(layout.offset("Length"), layout.size());
            qos.setInt(layout.offset("ImpersonationLevel"), level.code());
            qos.setByte(layout.offset("ContextTrackingMode"), (byte) (contextTracking
                    ? NativeConstants.SECURITY_DYNAMIC_TRACKING : NativeConstants.SECURITY_STATIC_TRACKING));
            qos.setByte(layout.offset("EffectiveOnly"), (byte) (effectiveOnly ? 1 : 0));
            return Result.ofStatus(calls.ntdll().NtImpersonateThread(handle(serverThread), handle(clientThread), qos), null);
        }
    }
}
