package io.github.tokenbridge.api;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.NotAllAssignedPolicy;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.PrivilegeScope;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** The privilege-scope and access-check policy over a mocked backend (R56, R62, R63). */
class PrivilegeAndCheckPolicyTest {

    private static final TokenPrivilege SHUTDOWN_DISABLED = TokenPrivilege.of(Privilege.SeShutdownPrivilege, 0);
    private static final TokenPrivilege SHUTDOWN_ENABLED = TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2);

    private final FakeThreadTokens fake = new FakeThreadTokens();
    private final TokenSystem system = Tokens.over(fake.backend);

    private void adjustAnswers(Result<AdjustResult<TokenPrivilege>> enable) {
        doReturn(enable).when(fake.backend).adjustTokenPrivileges(any(), eq(false), eq(List.of(SHUTDOWN_ENABLED)), anyInt());
        doReturn(Result.ok(new AdjustResult<>(List.of(), 0))).when(fake.backend)
                .adjustTokenPrivileges(any(), eq(false), eq(List.of(SHUTDOWN_DISABLED)), eq(-1));
    }

    @Test
    @DisplayName("R56: closing the scope re-applies PreviousState")
    void enablePrivileges_close_restoresPreviousState() {
        adjustAnswers(Result.ok(new AdjustResult<>(List.of(SHUTDOWN_DISABLED), 16)));
        try (AccessToken token = system.openProcessToken(Set.of(TokenAccess.ADJUST_PRIVILEGES, TokenAccess.QUERY))) {
            PrivilegeScope scope = system.enablePrivileges(token, Privilege.SeShutdownPrivilege);
            assertTrue(scope.allAssigned());
            assertEquals(List.of(SHUTDOWN_DISABLED), scope.previousState());
            verify(fake.backend).adjustTokenPrivileges(any(), eq(false), eq(List.of(SHUTDOWN_ENABLED)), eq(16));
            scope.close();
            scope.close();
            verify(fake.backend, times(1)).adjustTokenPrivileges(any(), eq(false), eq(List.of(SHUTDOWN_DISABLED)), eq(-1));
        }
        system.close();
        assertTrue(system.leakReport().isEmpty());
    }

    @Test
    @DisplayName("R56: ERROR_NOT_ALL_ASSIGNED fails by default and undoes what was enabled")
    void enablePrivileges_notAllAssigned_throwsAndRestores() {
        adjustAnswers(Result.okWithLastError(new AdjustResult<>(List.of(SHUTDOWN_DISABLED), 16), 1300));
        try (AccessToken token = system.openProcessToken(Set.of(TokenAccess.ADJUST_PRIVILEGES))) {
            WinTokenException e = assertThrows(WinTokenException.class,
                    () -> system.enablePrivileges(token, Privilege.SeShutdownPrivilege));
            assertEquals("AdjustTokenPrivileges", e.function());
            assertEquals("ERROR_NOT_ALL_ASSIGNED", e.win32ErrorName());
            verify(fake.backend).adjustTokenPrivileges(any(), eq(false), eq(List.of(SHUTDOWN_DISABLED)), eq(-1));

            try (PrivilegeScope accepted = system.enablePrivileges(token, NotAllAssignedPolicy.ACCEPT,
                    Privilege.SeShutdownPrivilege)) {
                assertFalse(accepted.allAssigned());
            }
        }
        system.close();
    }

    @Test
    void enablePrivileges_tokenClosedFirst_scopeStillRestoresThenHandleCloses() {
        adjustAnswers(Result.ok(new AdjustResult<>(List.of(SHUTDOWN_DISABLED), 16)));
        AccessToken token = system.openProcessToken(Set.of(TokenAccess.ADJUST_PRIVILEGES));
        Handle handle = new Handle(Long.decode(system.openHandles().get(0).handle()));
        PrivilegeScope scope = system.enablePrivileges(token, Privilege.SeShutdownPrivilege);
        token.close();
        verify(fake.backend, never()).closeHandle(handle);
        scope.close();
        verify(fake.backend).adjustTokenPrivileges(eq(handle), eq(false), eq(List.of(SHUTDOWN_DISABLED)), eq(-1));
        verify(fake.backend).closeHandle(handle);
        system.close();
        assertTrue(system.leakReport().isEmpty());
    }

    @Test
    void enablePrivileges_noPrivilege_illegalArgument() {
        try (AccessToken token = system.openProcessToken(Set.of(TokenAccess.ADJUST_PRIVILEGES))) {
            assertThrows(IllegalArgumentException.class, () -> system.enablePrivileges(token));
            assertThrows(NullPointerException.class, () -> system.enablePrivileges(token, (Privilege) null));
            verify(fake.backend, never()).adjustTokenPrivileges(any(), anyBoolean(), anyList(), anyInt());
        }
        system.close();
    }

    @Test
    @DisplayName("R62: generic rights are mapped before AccessCheck; MAXIMUM_ALLOWED passes through")
    void accessCheck_genericRights_mappedBeforeTheCall() {
        AccessCheckResult granted = new AccessCheckResult(true, GenericMapping.FILE.genericRead(), List.of(), 0);
        doReturn(Result.ok(granted)).when(fake.backend).accessCheck(any(), any(), anyInt(), any(), anyInt());
        SecurityDescriptor sd = SecurityDescriptor.withNullDacl(Sid.EVERYONE, Sid.EVERYONE);
        try (AccessToken token = system.openProcessToken(Set.of(TokenAccess.QUERY))) {
            assertEquals(granted, system.accessCheck(sd, token, GenericMapping.GENERIC_READ | 0x02000000, GenericMapping.FILE));
            verify(fake.backend).accessCheck(eq(sd), any(), eq(0x00120089 | 0x02000000), eq(GenericMapping.FILE), eq(-1));
        }
        system.close();
    }
}
