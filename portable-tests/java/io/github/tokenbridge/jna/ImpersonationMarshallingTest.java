package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Marshalling and error translation of the jna backend's impersonation calls (mocked DLLs). */
class ImpersonationMarshallingTest {

    private final FakeNative fake = new FakeNative();

    @Test
    void impersonateSelf_level_passesLevelCodeAndSucceeds() {
        when(fake.advapi32.ImpersonateSelf(2)).thenReturn(true);
        assertTrue(fake.backend.impersonateSelf(ImpersonationLevel.IMPERSONATION).succeeded());
        assertEquals(0, fake.lastErrorReads);
    }

    @Test
    void impersonateSelf_failure_reportsLastError() {
        when(fake.advapi32.ImpersonateSelf(anyInt())).thenAnswer(fake.fails(1346));
        assertEquals(Win32Error.ERROR_BAD_IMPERSONATION_LEVEL.code(),
                fake.backend.impersonateSelf(ImpersonationLevel.ANONYMOUS).win32Error());
    }

    @Test
    void impersonateLoggedOnUser_invalidHandle_failsWithErrorInvalidHandle() {
        when(fake.advapi32.ImpersonateLoggedOnUser(any())).thenAnswer(fake.fails(6));
        assertEquals(6, fake.backend.impersonateLoggedOnUser(new Handle(0x99)).win32Error());
    }

    @Test
    void setThreadToken_nullThread_passesNullThreadPointer() {
        when(fake.advapi32.SetThreadToken(any(), any())).thenAnswer(i -> {
            assertNull(i.getArgument(0));
            assertEquals(0x3C, FakeNative.value(i.getArgument(1)));
            return true;
        });
        assertTrue(fake.backend.setThreadToken(null, new Handle(0x3C)).succeeded());
    }

    @Test
    void setThreadToken_threadAndNullToken_passesPointerToThreadAndNullToken() {
        when(fake.advapi32.SetThreadToken(any(), any())).thenAnswer(i -> {
            assertEquals(0x58, i.getArgument(0, HANDLEByReference.class).getPointer().getLong(0));
            assertNull(i.getArgument(1));
            return true;
        });
        assertTrue(fake.backend.setThreadToken(new Handle(0x58), Handle.NULL).succeeded());
    }

    @Test
    void setThreadToken_primaryToken_failsWithErrorBadTokenType() { // R31
        when(fake.advapi32.SetThreadToken(any(), any())).thenAnswer(fake.fails(1349));
        assertEquals(Win32Error.ERROR_BAD_TOKEN_TYPE.code(), fake.backend.setThreadToken(null, new Handle(0x3C)).win32Error());
    }

    @Test
    void impersonateAnonymousToken_wine_failsWithErrorInvalidFunction() {
        when(fake.advapi32.ImpersonateAnonymousToken(any())).thenAnswer(fake.fails(1));
        Result<Void> result = fake.backend.impersonateAnonymousToken(Handle.CURRENT_THREAD);
        assertEquals(Win32Error.ERROR_INVALID_FUNCTION.code(), result.win32Error());
        verify(fake.advapi32).ImpersonateAnonymousToken(argThat(h -> FakeNative.value(h) == -2));
    }

    @Test
    void revertToSelf_success_isOk() {
        when(fake.advapi32.RevertToSelf()).thenReturn(true);
        assertTrue(fake.backend.revertToSelf().succeeded());
    }

    @Test
    void ntSetInformationThread_token_passesThreadImpersonationTokenAndHandleBuffer() {
        when(fake.ntdll.NtSetInformationThread(any(), anyInt(), any(), anyInt())).thenAnswer(i -> {
            assertEquals(0x3C, i.getArgument(2, Pointer.class).getLong(0));
            return NtStatus.STATUS_BAD_TOKEN_TYPE.code();
        });
        Result<Void> result = fake.backend.ntSetInformationThreadImpersonationToken(Handle.CURRENT_THREAD, new Handle(0x3C));
        assertFalse(result.succeeded());
        assertEquals(NtStatus.STATUS_BAD_TOKEN_TYPE.code(), result.ntStatus().getAsInt());
        assertEquals(1349, result.win32Error());
        verify(fake.ntdll).NtSetInformationThread(any(), eq(5), any(), eq(8));
    }

    @Test
    void ntImpersonateAnonymousToken_accessDenied_keepsStatus() {
        when(fake.ntdll.NtImpersonateAnonymousToken(any())).thenReturn(NtStatus.STATUS_ACCESS_DENIED.code());
        Result<Void> result = fake.backend.ntImpersonateAnonymousToken(Handle.CURRENT_THREAD);
        assertEquals(NtStatus.STATUS_ACCESS_DENIED.code(), result.ntStatus().getAsInt());
        assertEquals(5, result.win32Error());
    }

    @Test
    void ntImpersonateThread_dynamicEffectiveOnly_passesQualityOfService() { // R43, R51
        when(fake.ntdll.NtImpersonateThread(any(), any(), any())).thenAnswer(i -> {
            Pointer qos = i.getArgument(2);
            assertEquals(12, qos.getInt(0), "SECURITY_QUALITY_OF_SERVICE.Length");
            assertEquals(3, qos.getInt(4), "SecurityDelegation");
            assertEquals(1, qos.getByte(8), "SECURITY_DYNAMIC_TRACKING");
            assertEquals(1, qos.getByte(9), "EffectiveOnly");
            return 0;
        });
        Result<Void> result = fake.backend.ntImpersonateThread(new Handle(0x50), new Handle(0x54),
                ImpersonationLevel.DELEGATION, true, true);
        assertTrue(result.succeeded());
        verify(fake.ntdll).NtImpersonateThread(argThat(h -> FakeNative.value(h) == 0x50),
                argThat(h -> FakeNative.value(h) == 0x54), any());
    }

    @Test
    void ntImpersonateThread_badLevel_keepsStatus() { // R43
        when(fake.ntdll.NtImpersonateThread(any(), any(), any())).thenAnswer(i -> {
            Pointer qos = i.getArgument(2);
            assertEquals(2, qos.getInt(4), "SecurityImpersonation");
            assertEquals(0, qos.getByte(8), "SECURITY_STATIC_TRACKING");
            assertEquals(0, qos.getByte(9), "EffectiveOnly");
            return NtStatus.STATUS_BAD_IMPERSONATION_LEVEL.code();
        });
        Result<Void> result = fake.backend.ntImpersonateThread(Handle.CURRENT_THREAD, Handle.CURRENT_THREAD,
                ImpersonationLevel.IMPERSONATION, false, false);
        assertFalse(result.succeeded());
        assertEquals(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL.code(), result.ntStatus().getAsInt());
        assertEquals(Win32Error.ERROR_BAD_IMPERSONATION_LEVEL.code(), result.win32Error());
    }
}
