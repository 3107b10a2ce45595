package io.github.tokenbridge.api;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationRestoreError;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.testing.OwnThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** The fatal-restore and virtual-thread rules of the impersonation policy, over a mocked backend. */
class ThreadSafetyPolicyTest {

    private final FakeThreadTokens fake = new FakeThreadTokens();
    private final TokenSystem system = Tokens.over(fake.backend);

    @AfterEach
    void cleanUp() {
        system.close();
    }

    @Test
    @DisplayName("R45/R46: a failed restore is an Error and the thread refuses every later call")
    void close_revertFails_throwsErrorAndPoisonsThread() throws Exception {
        Throwable thrown = OwnThread.run("poison-test", () -> {
            ImpersonationScope scope = system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
            fake.failReverts = true;
            ImpersonationRestoreError first = assertThrows(ImpersonationRestoreError.class, scope::close);
            assertTrue(first.getMessage().contains("RevertToSelf failed: ERROR_ACCESS_DENIED (5)"), first.getMessage());
            fake.failReverts = false;

            ImpersonationRestoreError later = assertThrows(ImpersonationRestoreError.class,
                    () -> system.openProcessToken(Set.of(TokenAccess.QUERY)));
            assertSame(first, later.getCause());
            try (TokenSystem other = Tokens.over(new FakeThreadTokens().backend)) {
                assertThrows(ImpersonationRestoreError.class, () -> other.impersonateSelf(ImpersonationLevel.IDENTIFICATION));
            }
            return null;
        });
        assertNull(thrown, () -> "unexpected: " + thrown);
        // the JUnit thread is not affected
        system.openProcessToken(Set.of(TokenAccess.QUERY)).close();
    }

    @Test
    @DisplayName("R46: SetThreadToken failing while restoring an outer token is fatal too")
    void close_setThreadTokenFails_throwsError() throws Exception {
        Throwable thrown = OwnThread.run("poison-test", () -> {
            try (ImpersonationScope outer = system.impersonateSelf(ImpersonationLevel.IMPERSONATION)) {
                ImpersonationScope inner = system.impersonateSelf(ImpersonationLevel.IDENTIFICATION);
                fake.failSetThreadToken = true;
                inner.close();
            }
            return null;
        });
        assertNotNull(thrown);
        assertEquals(ImpersonationRestoreError.class, thrown.getClass());
        assertTrue(thrown.getMessage().contains("SetThreadToken failed"), thrown.getMessage());
    }

    @Test
    @DisplayName("a thread token that is not the saved one after restoring is fatal")
    void close_restoreLandsOnOtherToken_throwsError() throws Exception {
        Throwable thrown = OwnThread.run("poison-test", () -> {
            ImpersonationScope outer = system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
            ImpersonationScope inner = system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
            fake.downgradeNextAssignment = true; // the restore itself is downgraded (R38)
            inner.close();
            return outer;
        });
        assertEquals(ImpersonationRestoreError.class, thrown.getClass());
        assertTrue(thrown.getMessage().contains("instead of Impersonation"), thrown.getMessage());
    }

    @Test
    @DisplayName("impersonating on a virtual thread is refused (JDK 21+; skipped on JDK 17)")
    void impersonateSelf_onVirtualThread_refusedWithIllegalState() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "this JVM has no virtual threads");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Runnable body = () -> {
            try {
                system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
            } catch (Throwable t) {
                thrown.set(t);
            }
        };
        Thread virtual = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, body);
        virtual.join();

        assertEquals(IllegalStateException.class, thrown.get().getClass());
        assertTrue(thrown.get().getMessage().contains("virtual thread"), thrown.get().getMessage());
        verify(fake.backend, never()).impersonateSelf(any());
        verify(fake.backend, never()).openThreadToken(any(), org.mockito.ArgumentMatchers.anyInt(),
                org.mockito.ArgumentMatchers.anyBoolean());
    }

    @Test
    @DisplayName("a virtual thread hands impersonated work to the platform-thread executor (JDK 21+)")
    void impersonatingExecutor_fromVirtualThread_runsImpersonated() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "this JVM has no virtual threads");
        try (AccessToken token = system.openProcessToken(Set.of(TokenAccess.QUERY, TokenAccess.DUPLICATE))) {
            ExecutorService executor = system.impersonatingExecutor(token, 1);
            AtomicReference<Object> seen = new AtomicReference<>();
            Runnable body = () -> {
                try {
                    seen.set(executor.submit(() -> fake.current()).get(10, TimeUnit.SECONDS));
                } catch (Exception e) {
                    seen.set(e);
                }
            };
            Thread virtual = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, body);
            virtual.join();
            executor.shutdown();
            assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
            assertEquals(ImpersonationLevel.IMPERSONATION, ((FakeThreadTokens.FakeToken) seen.get()).level());
        }
    }
}
