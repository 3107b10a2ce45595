package io.github.tokenbridge.api;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationRestoreError;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The executor guard and the impersonating executor over a mocked backend. */
class ExecutorGuardPolicyTest {

    private final FakeThreadTokens fake = new FakeThreadTokens();
    private final TokenSystem system = Tokens.over(fake.backend);
    private final ExecutorService single = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        single.shutdownNow();
        assertTrue(single.awaitTermination(10, TimeUnit.SECONDS));
        system.close();
    }

    @Test
    void guard_taskLeavesScopeOpen_failsAndRevertsThread() throws Exception {
        ExecutorService guarded = system.guard(single);
        Future<String> leaky = guarded.submit(() -> {
            system.impersonateSelf(ImpersonationLevel.IMPERSONATION); // never closed
            return "done";
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> leaky.get(10, TimeUnit.SECONDS));
        assertEquals(IllegalStateException.class, e.getCause().getClass());
        assertTrue(e.getCause().getMessage().contains("still impersonating (1 impersonation scope(s) left open)"),
                e.getCause().getMessage());

        Future<Object> next = guarded.submit(() -> fake.current());
        assertNull(next.get(10, TimeUnit.SECONDS), "the pooled thread was reverted");
        Future<Boolean> scopeFree = guarded.submit(() -> {
            system.impersonateSelf(ImpersonationLevel.IDENTIFICATION).close(); // LIFO works: stale scopes are gone
            return true;
        });
        assertTrue(scopeFree.get(10, TimeUnit.SECONDS));
    }

    @Test
    void guard_rawImpersonationLeft_failsAndReverts() throws Exception {
        ExecutorService guarded = system.guard(single);
        Future<?> raw = guarded.submit(() -> fake.backend.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        ExecutionException e = assertThrows(ExecutionException.class, () -> raw.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("0 impersonation scope(s)"), e.getCause().getMessage());
        assertNull(single.submit(() -> fake.current()).get(10, TimeUnit.SECONDS));
    }

    @Test
    void guard_taskPoisonsItsThread_poolDiscardsTheThread() throws Exception {
        ExecutorService guarded = system.guard(single);
        String first = guarded.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
        Future<?> failing = guarded.submit(() -> {
            ImpersonationScope scope = system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
            fake.failReverts = true;
            scope.close();
            return null;
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
        assertEquals(ImpersonationRestoreError.class, e.getCause().getClass());
        fake.failReverts = false;

        String next = guarded.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
        assertNotEquals(first, next, "the poisoned thread must not run another task");
        fake.threadTokens.clear();
    }

    @Test
    void guard_cleanTask_returnsItsResult() throws Exception {
        ExecutorService guarded = system.guard(single);
        Future<Integer> clean = guarded.submit(() -> {
            try (var scope = system.impersonateSelf(ImpersonationLevel.IMPERSONATION)) {
                return 42;
            }
        });
        assertEquals(42, clean.get(10, TimeUnit.SECONDS));
    }

    @Test
    void impersonatingExecutor_task_runsImpersonatedOnPlatformThreadThenReverts() throws Exception {
        try (AccessToken token = system.openProcessToken(Set.of(TokenAccess.QUERY, TokenAccess.DUPLICATE))) {
            ExecutorService executor = system.impersonatingExecutor(token, 2);
            try {
                Future<FakeThreadTokens.FakeToken> during = executor.submit(() -> fake.current());
                FakeThreadTokens.FakeToken seen = during.get(10, TimeUnit.SECONDS);
                assertEquals(TokenType.IMPERSONATION, seen.type());
                assertEquals(ImpersonationLevel.IMPERSONATION, seen.level());
                assertFalse(executor.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS).isEmpty());
            } finally {
                executor.shutdown();
                assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
            }
            assertTrue(fake.threadTokens.isEmpty(), "every pool thread reverted");
        }
    }

    @Test
    void impersonatingExecutor_zeroThreads_illegalArgument() {
        try (AccessToken token = system.openProcessToken(Set.of(TokenAccess.QUERY))) {
            assertThrows(IllegalArgumentException.class, () -> system.impersonatingExecutor(token, 0));
        }
    }
}
