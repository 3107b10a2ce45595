package io.github.tokenbridge.jna;

import com.sun.jna.platform.win32.WinNT.HANDLE;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.verify;

/**
 * The pseudo token handles (-4, -5, -6; R19) reach Windows unchanged on every path of the jna
 * backend: it never substitutes an opened handle, so queries work on them and every other function
 * fails exactly as Windows makes it fail (windows-tests: {@code JnaBackendLiveTest}).
 */
class PseudoTokenHandleMarshallingTest {

    private final FakeNative fake = FakeNative.failing(6, 0xC0000008); // ERROR_INVALID_HANDLE, STATUS_INVALID_HANDLE

    private static long passed(ArgumentCaptor<HANDLE> captor) {
        return FakeNative.value(captor.getValue());
    }

    @ParameterizedTest
    @ValueSource(longs = {-4, -5, -6})
    void everyTokenFunction_pseudoHandle_isPassedAsIs(long pseudo) { // R19
        Handle h = new Handle(pseudo);
        ArgumentCaptor<HANDLE> c = ArgumentCaptor.forClass(HANDLE.class);

        fake.backend.getTokenInformation(h, TokenInformationClass.TokenType, -1);
        verify(fake.advapi32).GetTokenInformation(c.capture(), anyInt(), any(), anyInt(), any());
        assertEquals(pseudo, passed(c));

        fake.backend.ntQueryInformationToken(h, TokenInformationClass.TokenType, -1);
        verify(fake.ntdll).NtQueryInformationToken(c.capture(), anyInt(), any(), anyInt(), any());
        assertEquals(pseudo, passed(c));

        fake.backend.duplicateTokenEx(h, 0, null, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION);
        verify(fake.advapi32).DuplicateTokenEx(c.capture(), anyInt(), any(), anyInt(), anyInt(), any());
        assertEquals(pseudo, passed(c));

        fake.backend.adjustTokenPrivileges(h, false, List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2)), -1);
        verify(fake.advapi32).AdjustTokenPrivileges(c.capture(), anyBoolean(), any(), anyInt(), any(), any());
        assertEquals(pseudo, passed(c));

        fake.backend.setTokenInformation(h, TokenInformationClass.TokenIntegrityLevel, Sid.LOW_LABEL);
        verify(fake.advapi32).SetTokenInformation(c.capture(), anyInt(), any(), anyInt());
        assertEquals(pseudo, passed(c));

        fake.backend.impersonateLoggedOnUser(h);
        verify(fake.advapi32).ImpersonateLoggedOnUser(c.capture());
        assertEquals(pseudo, passed(c));

        fake.backend.closeHandle(h);
        verify(fake.kernel32).CloseHandle(c.capture());
        assertEquals(pseudo, passed(c));
    }
}
