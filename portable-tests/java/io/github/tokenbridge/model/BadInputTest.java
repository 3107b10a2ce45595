package io.github.tokenbridge.model;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.tokenbridge.model.ModelAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/** Bad input through the SPI: programming errors throw, OS-level errors give the exact Windows status. */
class BadInputTest {

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());

    @Test
    void spiCalls_javaNull_nullPointerException() {
        assertThrows(NullPointerException.class, () -> backend.openProcessToken(null, TOKEN_QUERY));
        assertThrows(NullPointerException.class, () -> backend.duplicateToken(Handle.CURRENT_PROCESS_TOKEN, null));
        assertThrows(NullPointerException.class, () -> backend.getTokenInformation(Handle.CURRENT_PROCESS_TOKEN, null, -1));
        assertThrows(NullPointerException.class, () -> backend.setThreadToken(null, null));
        assertThrows(NullPointerException.class, () -> backend.closeHandle(null));
    }

    @Test
    void tokenCalls_closedHandle_invalidHandle() {
        Handle h = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_ALL_ACCESS));
        ok(backend.closeHandle(h));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.getTokenInformation(h, TokenInformationClass.TokenUser, -1));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.duplicateToken(h, ImpersonationLevel.IMPERSONATION));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.setThreadToken(null, h));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.impersonateLoggedOnUser(h));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.closeHandle(h));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.ntClose(h));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.queryGrantedAccess(h));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.ntClose(Handle.NULL));
    }

    @Test
    void tokenCalls_processOrThreadHandle_objectTypeMismatch() {
        fails(NtStatus.STATUS_OBJECT_TYPE_MISMATCH, backend.getTokenInformation(Handle.CURRENT_PROCESS, TokenInformationClass.TokenUser, -1));
        fails(NtStatus.STATUS_OBJECT_TYPE_MISMATCH, backend.duplicateTokenEx(Handle.CURRENT_THREAD, TOKEN_ALL_ACCESS, null,
                ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        Handle token = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_ALL_ACCESS));
        fails(NtStatus.STATUS_OBJECT_TYPE_MISMATCH, backend.setThreadToken(token, token));
        fails(NtStatus.STATUS_OBJECT_TYPE_MISMATCH, backend.impersonateAnonymousToken(token));
    }

    @Test // R12: bits that no ACE can grant are denied
    void openProcessToken_unknownAccessBits_accessDenied() {
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.openProcessToken(Handle.CURRENT_PROCESS, 0x00000400));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY | 0x00800000));
        Handle h = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.duplicateHandle(h, 0x00000400, 0));
    }

    @Test
    void duplicateHandle_unknownOption_invalidParameter() {
        Handle h = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
        fails(NtStatus.STATUS_INVALID_PARAMETER, backend.duplicateHandle(h, TOKEN_QUERY, 0x8));
        Handle same = ok(backend.duplicateHandle(h, 0, 2 | 1));
        assertEquals(TOKEN_QUERY, ok(backend.queryGrantedAccess(same)));
        fails(NtStatus.STATUS_INVALID_HANDLE, backend.queryGrantedAccess(h));
    }

    @Test
    void handles_lowTwoBits_ignoredAsOnWindows() {
        Handle h = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
        assertEquals(0, h.value() % 4);
        assertEquals(TOKEN_QUERY, ok(backend.queryGrantedAccess(new Handle(h.value() | 3))));
    }

    @Test
    void openProcessAndThread_unknownIds_invalidParameter() {
        fails(NtStatus.STATUS_INVALID_PARAMETER, backend.openProcess(0x0400, 3));
        fails(NtStatus.STATUS_INVALID_PARAMETER, backend.openThread(0x0040, 3));
    }

    @Test
    void notModelledQueries_unsupportedOperationNamingTheClass() {
        Handle h = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY | 0x2 /* TOKEN_DUPLICATE */));
        assertTrue(assertThrows(UnsupportedOperationException.class,
                () -> backend.getTokenInformation(h, TokenInformationClass.TokenAccessInformation, -1))
                .getMessage().contains("TokenAccessInformation"));
        assertTrue(assertThrows(UnsupportedOperationException.class,
                () -> backend.createRestrictedToken(h, 0x4 /* LUA_TOKEN */, List.of(), List.of(), List.of()))
                .getMessage().contains("LUA_TOKEN"));
    }

    @Test // R19: CloseHandle of a defined pseudo handle (-1, -2, -4, -5, -6) succeeds and does nothing
    @DisplayName("R19: CloseHandle of GetCurrentProcess/GetCurrentThread and the token pseudo handles succeeds without effect")
    void closeHandle_definedPseudoHandles_succeedWithoutEffect() {
        Handle opened = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
        int handles = backend.world().openHandleCount();
        for (Handle pseudo : List.of(Handle.CURRENT_PROCESS, Handle.CURRENT_THREAD, Handle.CURRENT_PROCESS_TOKEN,
                Handle.CURRENT_THREAD_TOKEN, Handle.CURRENT_THREAD_EFFECTIVE_TOKEN)) {
            Result<Void> r = backend.closeHandle(pseudo);
            assertTrue(r.succeeded(), () -> "CloseHandle(" + pseudo + ") gave " + r);
            assertEquals(0, r.win32Error(), () -> "CloseHandle(" + pseudo + ") last error");
        }
        assertEquals(handles, backend.world().openHandleCount());
        assertEquals(TOKEN_QUERY, ok(backend.queryGrantedAccess(opened)));
        ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
        ok(backend.openThread(0x0040, backend.getCurrentThreadId()));
        ok(backend.getTokenInformation(Handle.CURRENT_PROCESS_TOKEN, TokenInformationClass.TokenUser, -1));
    }

    @Test // R19: only the defined pseudo handles are pseudo; any other negative value is an invalid handle
    @DisplayName("R19: CloseHandle of any other negative value fails with ERROR_INVALID_HANDLE and closes nothing")
    void closeHandle_undefinedNegativeValue_invalidHandle() {
        Handle opened = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
        int handles = backend.world().openHandleCount();
        for (long value : new long[] {-3, -7, -8, -10, -11, -12, -0x7FFC, -1L << 32, Long.MIN_VALUE}) {
            Result<Void> r = backend.closeHandle(new Handle(value));
            fails(NtStatus.STATUS_INVALID_HANDLE, r);
            failsWin32(Win32Error.ERROR_INVALID_HANDLE, r);
            fails(NtStatus.STATUS_INVALID_HANDLE, backend.ntClose(new Handle(value)));
        }
        assertEquals(handles, backend.world().openHandleCount());
        assertEquals(TOKEN_QUERY, ok(backend.queryGrantedAccess(opened)));
    }
}
