package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyByte;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Marshalling and error translation of the jna backend's handle, open, duplicate and restrict calls (mocked DLLs). */
class HandleAndTokenCreationMarshallingTest {

    private final FakeNative fake = new FakeNative();

    @Test
    void openProcess_handleReturned_succeedsWithThatHandle() {
        when(fake.kernel32.OpenProcess(0x400, false, 1234)).thenReturn(new HANDLE(Pointer.createConstant(0x88)));
        Result<Handle> result = fake.backend.openProcess(0x400, 1234);
        assertTrue(result.succeeded());
        assertEquals(new Handle(0x88), result.value());
        assertEquals(0, fake.lastErrorReads, "the last error is not read after a success");
    }

    @Test
    void openProcess_nullReturned_failsWithErrorAccessDenied() {
        when(fake.kernel32.OpenProcess(anyInt(), anyBoolean(), anyInt())).thenAnswer(i -> {
            fake.lastError = Win32Error.ERROR_ACCESS_DENIED.code();
            return null;
        });
        Result<Handle> result = fake.backend.openProcess(0x400, 4);
        assertFalse(result.succeeded());
        assertEquals(5, result.win32Error());
        assertTrue(result.ntStatus().isEmpty());
    }

    @Test
    void openThread_nullReturned_failsWithErrorInvalidParameter() {
        when(fake.kernel32.OpenThread(anyInt(), anyBoolean(), anyInt())).thenAnswer(i -> {
            fake.lastError = 87;
            return null;
        });
        assertEquals(Win32Error.ERROR_INVALID_PARAMETER.code(), fake.backend.openThread(0x40, 99).win32Error());
    }

    @Test
    void duplicateHandle_withinProcess_passesCurrentProcessPseudoHandleAsSourceAndTarget() {
        when(fake.kernel32.DuplicateHandle(any(), any(), any(), any(), anyInt(), anyBoolean(), anyInt()))
                .thenAnswer(i -> {
                    assertEquals(-1, FakeNative.value(i.getArgument(0)));
                    assertEquals(0x40, FakeNative.value(i.getArgument(1)));
                    assertEquals(-1, FakeNative.value(i.getArgument(2)));
                    i.getArgument(3, HANDLEByReference.class).getPointer().setLong(0, 0x90);
                    return true;
                });
        Result<Handle> result = fake.backend.duplicateHandle(new Handle(0x40), 0, 2);
        assertEquals(new Handle(0x90), result.value());
        verify(fake.kernel32).DuplicateHandle(any(), any(), any(), any(), eq(0), eq(false), eq(2));
    }

    @Test
    void closeHandle_invalidHandle_failsWithErrorInvalidHandle() {
        when(fake.kernel32.CloseHandle(any())).thenAnswer(fake.fails(6));
        Result<Void> result = fake.backend.closeHandle(new Handle(0x1234));
        assertEquals("ERROR_INVALID_HANDLE", Win32Error.describe(result.win32Error()));
    }

    @Test
    void ntClose_invalidHandle_keepsStatusAndMapsToErrorInvalidHandle() {
        when(fake.ntdll.NtClose(any())).thenReturn(NtStatus.STATUS_INVALID_HANDLE.code());
        Result<Void> result = fake.backend.ntClose(new Handle(0x1234));
        assertFalse(result.succeeded());
        assertEquals(NtStatus.STATUS_INVALID_HANDLE.code(), result.ntStatus().getAsInt());
        assertEquals(6, result.win32Error());
        assertEquals(0, fake.lastErrorReads, "an Nt call's error comes from its status, not the last error");
    }

    @Test
    void queryGrantedAccess_success_readsGrantedAccessAtOffset4() {
        when(fake.ntdll.NtQueryObject(any(), eq(0), any(), eq(56), any())).thenAnswer(i -> {
            i.getArgument(2, Pointer.class).setInt(4, 0x000F01FF);
            return 0;
        });
        assertEquals(0x000F01FF, fake.backend.queryGrantedAccess(new Handle(0x50)).value());
    }

    @Test
    void queryGrantedAccess_invalidHandle_failsWithoutValue() {
        when(fake.ntdll.NtQueryObject(any(), anyInt(), any(), anyInt(), any())).thenReturn(NtStatus.STATUS_INVALID_HANDLE.code());
        Result<Integer> result = fake.backend.queryGrantedAccess(new Handle(0x50));
        assertFalse(result.succeeded());
        assertNull(result.value());
    }

    @Test
    void openProcessToken_success_returnsTheWrittenHandle() {
        when(fake.advapi32.OpenProcessToken(any(), eq(8), any())).thenAnswer(FakeNative.writesHandle(2, 0x3C));
        assertEquals(new Handle(0x3C), fake.backend.openProcessToken(Handle.CURRENT_PROCESS, 8).value());
    }

    @Test
    void openThreadToken_notImpersonating_failsWithErrorNoToken() { // R27
        when(fake.advapi32.OpenThreadToken(any(), anyInt(), anyBoolean(), any())).thenAnswer(fake.fails(1008));
        Result<Handle> result = fake.backend.openThreadToken(Handle.CURRENT_THREAD, 8, true);
        assertEquals(Win32Error.ERROR_NO_TOKEN.code(), result.win32Error());
        assertNull(result.value());
        verify(fake.advapi32).OpenThreadToken(any(), eq(8), eq(true), any());
    }

    @Test
    void ntOpenThreadTokenEx_notImpersonating_keepsStatusNoToken() { // R27
        when(fake.ntdll.NtOpenThreadTokenEx(any(), anyInt(), anyByte(), anyInt(), any()))
                .thenReturn(NtStatus.STATUS_NO_TOKEN.code());
        Result<Handle> result = fake.backend.ntOpenThreadTokenEx(Handle.CURRENT_THREAD, 8, true, 0x200);
        assertEquals(NtStatus.STATUS_NO_TOKEN.code(), result.ntStatus().getAsInt());
        assertEquals(1008, result.win32Error());
        verify(fake.ntdll).NtOpenThreadTokenEx(any(), eq(8), eq((byte) 1), eq(0x200), any());
    }

    @Test
    void ntOpenProcessTokenEx_success_returnsHandleWithStatusSuccess() {
        when(fake.ntdll.NtOpenProcessTokenEx(any(), anyInt(), anyInt(), any())).thenAnswer(FakeNative.writesHandleStatus(3, 0x44, 0));
        Result<Handle> result = fake.backend.ntOpenProcessTokenEx(Handle.CURRENT_PROCESS, 8, 0);
        assertEquals(new Handle(0x44), result.value());
        assertEquals(0, result.ntStatus().getAsInt());
    }

    @Test
    void duplicateToken_level_passesSecurityImpersonationLevelCode() {
        when(fake.advapi32.DuplicateToken(any(), eq(1), any())).thenAnswer(FakeNative.writesHandle(2, 0x60));
        assertEquals(new Handle(0x60), fake.backend.duplicateToken(new Handle(0x3C), ImpersonationLevel.IDENTIFICATION).value());
    }

    @Test
    void duplicateTokenEx_raisingLevel_failsWithErrorBadImpersonationLevel() { // R53
        when(fake.advapi32.DuplicateTokenEx(any(), anyInt(), any(), anyInt(), anyInt(), any())).thenAnswer(fake.fails(1346));
        Result<Handle> result = fake.backend.duplicateTokenEx(new Handle(0x3C), 0, null, ImpersonationLevel.IMPERSONATION,
                TokenType.IMPERSONATION);
        assertEquals(Win32Error.ERROR_BAD_IMPERSONATION_LEVEL.code(), result.win32Error());
        verify(fake.advapi32).DuplicateTokenEx(any(), eq(0), isNull(), eq(2), eq(2), any());
    }

    @Test
    void duplicateTokenEx_withDescriptor_passesSecurityAttributesPointingAtSelfRelativeDescriptor() { // R54
        SecurityDescriptor sd = SecurityDescriptor.of(Sid.BUILTIN_ADMINISTRATORS, Sid.LOCAL_SYSTEM, Acl.EMPTY);
        byte[] expected = SecurityEncoding.selfRelative(sd);
        when(fake.advapi32.DuplicateTokenEx(any(), anyInt(), any(), anyInt(), anyInt(), any())).thenAnswer(i -> {
            Pointer attributes = i.getArgument(2);
            assertEquals(24, attributes.getInt(0), "nLength = sizeof(SECURITY_ATTRIBUTES)");
            assertEquals(0, attributes.getInt(16), "bInheritHandle FALSE");
            assertArrayEquals(expected, attributes.getPointer(8).getByteArray(0, expected.length));
            i.getArgument(5, HANDLEByReference.class).getPointer().setLong(0, 0x64);
            return true;
        });
        Result<Handle> result = fake.backend.duplicateTokenEx(new Handle(0x3C), 0xF01FF, sd, ImpersonationLevel.DELEGATION,
                TokenType.PRIMARY);
        assertEquals(new Handle(0x64), result.value());
        verify(fake.advapi32).DuplicateTokenEx(any(), eq(0xF01FF), any(), eq(3), eq(1), any());
    }

    @Test
    void ntDuplicateToken_withLevel_passesObjectAttributesWithQualityOfService() { // R53
        when(fake.ntdll.NtDuplicateToken(any(), anyInt(), any(), anyByte(), anyInt(), any())).thenAnswer(i -> {
            Pointer oa = i.getArgument(2);
            assertEquals(48, oa.getInt(0));
            Pointer qos = oa.getPointer(40);
            assertEquals(12, qos.getInt(0));
            assertEquals(1, qos.getInt(4), "SecurityIdentification");
            assertEquals(0, qos.getByte(8), "SECURITY_STATIC_TRACKING");
            i.getArgument(5, HANDLEByReference.class).getPointer().setLong(0, 0x70);
            return 0;
        });
        Result<Handle> result = fake.backend.ntDuplicateToken(new Handle(0x3C), 0, ImpersonationLevel.IDENTIFICATION, true,
                TokenType.IMPERSONATION);
        assertEquals(new Handle(0x70), result.value());
        verify(fake.ntdll).NtDuplicateToken(any(), eq(0), any(), eq((byte) 1), eq(2), any());
    }

    @Test
    void ntDuplicateToken_withoutLevel_passesNoQualityOfService() { // R53
        when(fake.ntdll.NtDuplicateToken(any(), anyInt(), any(), anyByte(), anyInt(), any())).thenAnswer(i -> {
            assertNull(i.getArgument(2, Pointer.class).getPointer(40));
            return NtStatus.STATUS_BAD_IMPERSONATION_LEVEL.code();
        });
        Result<Handle> result = fake.backend.ntDuplicateToken(new Handle(0x3C), 0, null, false, TokenType.PRIMARY);
        assertEquals(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL.code(), result.ntStatus().getAsInt());
        assertEquals(1346, result.win32Error());
        assertNull(result.value());
    }

    @Test
    void createRestrictedToken_lists_passesCountsAndArrays() {
        when(fake.advapi32.CreateRestrictedToken(any(), anyInt(), anyInt(), any(), anyInt(), any(), anyInt(), any(), any()))
                .thenAnswer(i -> {
                    Pointer disable = i.getArgument(3);
                    assertEquals(Sid.BUILTIN_ADMINISTRATORS, NativeDecoding.sid(disable.getPointer(0)));
                    assertEquals(0, disable.getInt(8));
                    Pointer delete = i.getArgument(5);
                    assertEquals(Privilege.SeShutdownPrivilege.luid().lowPart(), delete.getInt(0));
                    assertNull(i.getArgument(7));
                    i.getArgument(8, HANDLEByReference.class).getPointer().setLong(0, 0x74);
                    return true;
                });
        Result<Handle> result = fake.backend.createRestrictedToken(new Handle(0x3C), 0, List.of(Sid.BUILTIN_ADMINISTRATORS),
                List.of(Privilege.SeShutdownPrivilege.luid()), List.of());
        assertEquals(new Handle(0x74), result.value());
        verify(fake.advapi32).CreateRestrictedToken(any(), eq(0), eq(1), any(), eq(1), any(), eq(0), isNull(), any());
    }

    @Test
    void createRestrictedToken_accessDenied_failsWithLastError() {
        when(fake.advapi32.CreateRestrictedToken(any(), anyInt(), anyInt(), any(), anyInt(), any(), anyInt(), any(), any()))
                .thenAnswer(fake.fails(5));
        Result<Handle> result = fake.backend.createRestrictedToken(new Handle(0x3C), 0, List.of(), List.<Luid>of(), List.of());
        assertEquals(5, result.win32Error());
        verify(fake.advapi32).CreateRestrictedToken(any(), eq(0), eq(0), isNull(), eq(0), isNull(), eq(0), isNull(), any());
    }

    @Test
    void openProcessToken_failure_makesOneCallAndClosesNothing() {
        when(fake.advapi32.OpenProcessToken(any(), anyInt(), any())).thenAnswer(fake.fails(5));
        assertEquals(5, fake.backend.openProcessToken(Handle.CURRENT_PROCESS, 8).win32Error());
        assertEquals(1, fake.nativeCalls(), "no CloseHandle/NtClose after a failed open");
    }
}
