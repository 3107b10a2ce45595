package io.github.tokenbridge.api;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.DowngradePolicy;
import io.github.tokenbridge.ImpersonationDowngradedException;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.doReturn;

/** The impersonation scope policy of {@link TokenSystem} over a mocked backend (R38, R39, R45, R46). */
class ImpersonationScopePolicyTest {

    private final FakeThreadTokens fake = new FakeThreadTokens();
    private final TokenSystem system = Tokens.over(fake.backend);

    @AfterEach
    void cleanUp() {
        fake.threadTokens.remove(Thread.currentThread());
        system.close();
        assertTrue(system.leakReport().isEmpty(), () -> "the test leaked: " + system.leakReport());
    }

    @Test
    @DisplayName("R46: a scope entered while not impersonating ends with RevertToSelf")
    void close_notImpersonatingBefore_revertsToSelf() {
        ImpersonationScope scope = system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
        assertEquals(ImpersonationLevel.IMPERSONATION, fake.current().level());
        assertFalse(scope.restoresPreviousImpersonation());

        scope.close();

        assertNull(fake.current());
        verify(fake.backend).revertToSelf();
        verify(fake.backend, never()).setThreadToken(any(), any());
    }

    @Test
    @DisplayName("R46: closing an inner scope restores the outer token itself, not a blind RevertToSelf")
    void close_nestedScope_restoresPreviousToken() {
        try (ImpersonationScope outer = system.impersonateSelf(ImpersonationLevel.IMPERSONATION)) {
            FakeThreadTokens.FakeToken outerToken = fake.current();
            try (ImpersonationScope inner = system.impersonateSelf(ImpersonationLevel.IDENTIFICATION)) {
                assertTrue(inner.restoresPreviousImpersonation());
                assertEquals(ImpersonationLevel.IDENTIFICATION, fake.current().level());
            }
            assertSame(outerToken, fake.current());
            verify(fake.backend).setThreadToken(isNull(), any());
            verify(fake.backend, never()).revertToSelf();
        }
        assertNull(fake.current());
    }

    @Test
    void close_outOfOrder_throwsIllegalStateAndChangesNothing() {
        ImpersonationScope outer = system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
        ImpersonationScope inner = system.impersonateSelf(ImpersonationLevel.IDENTIFICATION);
        FakeThreadTokens.FakeToken innerToken = fake.current();

        IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);

        assertTrue(e.getMessage().contains("LIFO"), e.getMessage());
        assertSame(innerToken, fake.current());
        assertTrue(outer.isOpen());
        inner.close();
        outer.close();
        assertNull(fake.current());
    }

    @Test
    void close_fromAnotherThread_throwsIllegalState() throws Exception {
        ImpersonationScope scope = system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                scope.close();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        other.start();
        other.join();

        assertEquals(IllegalStateException.class, thrown.get().getClass());
        assertTrue(scope.isOpen());
        assertEquals(ImpersonationLevel.IMPERSONATION, fake.current().level());
        scope.close();
    }

    @Test
    void close_twice_secondCallDoesNothing() {
        ImpersonationScope scope = system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
        scope.close();
        scope.close();
        verify(fake.backend, times(1)).revertToSelf();
    }

    @Test
    @DisplayName("R38/R39: a silent downgrade to Identification fails by default and restores the previous state")
    void impersonate_silentDowngrade_throwsAndRestores() {
        ImpersonationDowngradedException e;
        try (AccessToken token = system.openProcessToken(Set.of(TokenAccess.QUERY, TokenAccess.DUPLICATE))) {
            fake.downgradeNextAssignment = true;
            e = assertThrows(ImpersonationDowngradedException.class, () -> system.impersonate(token));
        }

        assertEquals(1346, e.win32Error()); // ERROR_BAD_IMPERSONATION_LEVEL
        assertEquals("ERROR_BAD_IMPERSONATION_LEVEL", e.win32ErrorName());
        assertEquals("ImpersonateLoggedOnUser", e.function());
        assertEquals(ImpersonationLevel.IMPERSONATION, e.requested());
        assertEquals(ImpersonationLevel.IDENTIFICATION, e.obtained());
        assertNull(fake.current());
        assertFalse(system.isImpersonating());
    }

    @Test
    @DisplayName("R38/R39: with DowngradePolicy.ACCEPT the scope reports the downgrade")
    void impersonate_downgradeAccepted_scopeReportsIt() {
        fake.downgradeNextAssignment = true;

        try (AccessToken token = system.openProcessToken(Set.of(TokenAccess.QUERY, TokenAccess.DUPLICATE));
             ImpersonationScope scope = system.impersonate(token, DowngradePolicy.ACCEPT)) {
            assertTrue(scope.wasDowngraded());
            assertEquals(ImpersonationLevel.IMPERSONATION, scope.requestedLevel());
            assertEquals(ImpersonationLevel.IDENTIFICATION, scope.obtainedLevel());
        }
        assertNull(fake.current());
    }

    @Test
    @DisplayName("R28/R46: an Anonymous-level impersonation cannot be saved, so nesting is refused unchanged")
    void impersonateSelf_currentTokenAnonymous_failsWithoutChange() {
        try (ImpersonationScope anonymous = system.impersonateSelf(ImpersonationLevel.ANONYMOUS)) {
            FakeThreadTokens.FakeToken before = fake.current();
            WinTokenException e = assertThrows(WinTokenException.class,
                    () -> system.impersonateSelf(ImpersonationLevel.IMPERSONATION));
            assertEquals("OpenThreadToken", e.function());
            assertEquals(1347, e.win32Error()); // ERROR_CANT_OPEN_ANONYMOUS
            assertEquals(0xC00000A6, e.ntStatus().getAsInt());
            assertSame(before, fake.current());
            assertEquals(ImpersonationLevel.ANONYMOUS, anonymous.obtainedLevel());
        }
    }

    @Test
    void impersonate_entryFails_throwsWithSpiStatusAndKeepsPreviousToken() {
        try (ImpersonationScope outer = system.impersonateSelf(ImpersonationLevel.IMPERSONATION)) {
            FakeThreadTokens.FakeToken before = fake.current();
            WinTokenException e;
            try (AccessToken token = system.openProcessToken(Set.of(TokenAccess.QUERY))) {
                int handlesBefore = fake.handles.size();
                doReturn(Result.failure(NtStatus.STATUS_ACCESS_DENIED)).when(fake.backend).impersonateLoggedOnUser(any());
                e = assertThrows(WinTokenException.class, () -> system.impersonate(token));
                assertEquals(handlesBefore, fake.handles.size(), "the saved thread token handle was closed");
            }

            assertEquals("ImpersonateLoggedOnUser", e.function());
            assertEquals(5, e.win32Error());
            assertEquals(0xC0000022, e.ntStatus().getAsInt());
            assertEquals(BackendKind.MODEL, e.backend());
            assertEquals("ImpersonateLoggedOnUser failed: ERROR_ACCESS_DENIED (5), STATUS_ACCESS_DENIED (0xC0000022) [model]",
                    e.getMessage());
            assertSame(before, fake.current());
            assertTrue(outer.isOpen());
        }
    }

    @Test
    void runImpersonated_workThrows_restoresAndRethrows() {
        try (AccessToken token = system.openProcessToken(Set.of(TokenAccess.QUERY, TokenAccess.DUPLICATE))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> system.runImpersonated(token, () -> {
                assertEquals(TokenType.IMPERSONATION, fake.current().type());
                throw new IllegalArgumentException("work failed");
            }));
            assertEquals("work failed", e.getMessage());
            assertNull(fake.current());
        }
    }

    @Test
    void closeSystem_scopeStillOpenOnThisThread_illegalStateAndNothingClosed() {
        AccessToken token = system.openProcessToken(Set.of(TokenAccess.QUERY));
        ImpersonationScope scope = system.impersonateSelf(ImpersonationLevel.IMPERSONATION);

        IllegalStateException e = assertThrows(IllegalStateException.class, system::close);

        assertTrue(e.getMessage().contains("1 impersonation scope(s)"), e.getMessage());
        assertTrue(token.isOpen());
        scope.close();
        token.close();
        system.close();
        assertTrue(system.leakReport().isEmpty());
    }

    @Test
    void impersonate_tokenOfAnotherSystem_throwsIllegalArgument() {
        FakeThreadTokens otherFake = new FakeThreadTokens();
        try (TokenSystem other = Tokens.over(otherFake.backend)) {
            try (AccessToken foreign = other.openProcessToken(Set.of(TokenAccess.QUERY))) {
                assertThrows(IllegalArgumentException.class, () -> system.impersonate(foreign));
                verify(fake.backend, never()).impersonateLoggedOnUser(any(Handle.class));
            }
        }
    }

    @Test
    @DisplayName("R46: closing the system while another thread has an open scope of it is refused, naming the thread and scope")
    void systemClose_otherThreadHasOpenScope_refusedNamingThreadAndScope() throws Exception {
        java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicReference<Throwable> workerFailure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try (ImpersonationScope scope = system.impersonateSelf(ImpersonationLevel.IMPERSONATION)) {
                opened.countDown();
                release.await();
            } catch (Throwable t) {
                workerFailure.set(t);
            }
        }, "scope-holder");
        worker.start();
        assertTrue(opened.await(10, java.util.concurrent.TimeUnit.SECONDS));
        try {
            IllegalStateException refused = assertThrows(IllegalStateException.class, system::close);
            assertTrue(refused.getMessage().contains("scope-holder"), refused.getMessage());
            assertTrue(refused.getMessage().contains("ImpersonateSelf"), refused.getMessage());
            try (AccessToken stillWorks = system.openProcessToken(Set.of(TokenAccess.QUERY))) {
                assertNotNull(stillWorks, "the refused close changed nothing");
            }
        } finally {
            release.countDown();
            worker.join();
        }
        assertNull(workerFailure.get(), "the scope closed normally after the refused system close");
        assertNull(fake.threadTokens.get(worker));
    }
}
