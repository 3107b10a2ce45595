package io.github.tokenbridge.api;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.GuardedExecutorService;
import io.github.tokenbridge.ImpersonationLeak;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationRestoreError;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.testing.CapturedOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
        try (CapturedOutput output = CapturedOutput.capture()) {
            Future<?> failing = guarded.submit(() -> {
                ImpersonationScope scope = system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
                fake.failReverts = true;
                scope.close();
                return null;
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
            assertEquals(ImpersonationRestoreError.class, e.getCause().getClass());
            ImpersonationRestoreError killed = output.awaitUncaught(ImpersonationRestoreError.class);
            assertTrue(killed.getMessage().contains("tokenbridge refuses every call on it"), killed.getMessage());
        }
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

    @Test
    @DisplayName("R45: a task an unguarded submission left impersonating is reverted before the next guarded task, which runs as the process")
    void guard_earlierTaskLeftThreadImpersonating_nextGuardedTaskRunsAsProcessAndSucceeds() throws Exception {
        ExecutorService guarded = system.guard(single);
        single.submit(() -> fake.backend.impersonateSelf(ImpersonationLevel.IMPERSONATION)).get(10, TimeUnit.SECONDS);
        assertNotNull(single.submit(() -> fake.current()).get(10, TimeUnit.SECONDS), "the raw task left the thread impersonating");

        Future<Object> innocent = guarded.submit(() -> fake.current());

        assertNull(innocent.get(10, TimeUnit.SECONDS), "the guarded task's body ran under the leaked identity");
    }

    /** Closes a guard whose threads saw one leak: its shutdown warns of it (captured and checked here). */
    private static void closeExpectingLeakWarning(GuardedExecutorService guarded) {
        try (CapturedOutput output = CapturedOutput.capture()) {
            guarded.close();
            output.assertLogged(Level.WARNING, "shut down after 1 impersonation leak(s) on its threads", 1);
        }
    }

    /** A single pooled thread whose uncaught exceptions are kept instead of printed. */
    private static ExecutorService quietSingleThread(List<Throwable> uncaught) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "quiet-pool");
            t.setUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
            return t;
        });
    }

    @Test
    @DisplayName("R45: a leak found before a guarded task goes to the listener and the count, and the task is not blamed")
    void guard_leakFoundBeforeTask_reportedToListenerNotToTask() throws Exception {
        List<ImpersonationLeak> heard = new CopyOnWriteArrayList<>();
        GuardedExecutorService guarded = system.guard(single, heard::add);
        single.submit(() -> fake.backend.impersonateSelf(ImpersonationLevel.IMPERSONATION)).get(10, TimeUnit.SECONDS);

        assertEquals("innocent", guarded.submit(() -> "innocent").get(10, TimeUnit.SECONDS));

        assertEquals(1, guarded.leakCount());
        assertEquals(1, heard.size());
        assertEquals(ImpersonationLeak.Kind.FOUND_BEFORE_TASK, heard.get(0).kind());
        assertEquals(0, heard.get(0).scopesLeftOpen());
    }

    @Test
    @DisplayName("R45: a scope an unguarded task left open is abandoned before the next guarded task, which can open its own")
    void guard_scopeLeftOpenByUnguardedTask_abandonedBeforeGuardedTask() throws Exception {
        List<ImpersonationLeak> heard = new CopyOnWriteArrayList<>();
        GuardedExecutorService guarded = system.guard(single, heard::add);
        single.submit(() -> system.impersonateSelf(ImpersonationLevel.IMPERSONATION)).get(10, TimeUnit.SECONDS);

        Future<Object> seen = guarded.submit(() -> {
            Object before = fake.current();
            system.impersonateSelf(ImpersonationLevel.IDENTIFICATION).close();
            return before;
        });

        assertNull(seen.get(10, TimeUnit.SECONDS));
        assertEquals(1, heard.get(0).scopesLeftOpen());
    }

    @Test
    @DisplayName("R45: a leak through execute() reaches the listener, the count and the pool's handler, not the caller's stack")
    void guard_executeLeaves_listenerAndCountHearOfIt() throws Exception {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        ExecutorService pool = quietSingleThread(uncaught);
        List<ImpersonationLeak> heard = new CopyOnWriteArrayList<>();
        GuardedExecutorService guarded = system.guard(pool, heard::add);
        try {
            guarded.execute(() -> system.impersonateSelf(ImpersonationLevel.IMPERSONATION));
            assertEquals("after", guarded.submit(() -> "after").get(10, TimeUnit.SECONDS));
        } finally {
            closeExpectingLeakWarning(guarded);
        }
        assertEquals(1, guarded.leakCount());
        assertEquals(ImpersonationLeak.Kind.LEFT_BY_TASK, heard.get(0).kind());
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("quiet-pool")).forEach(t -> {
            try {
                t.join(); // the handler runs on the dying pool thread, after the pool terminated
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(1, uncaught.size(), "the pool's uncaught-exception handler sees it too");
        assertTrue(uncaught.get(0).getMessage().contains("still impersonating"), uncaught.get(0).getMessage());
    }

    @Test
    @DisplayName("R45: CompletableFuture.runAsync on the guard completes before the check; the listener hears of the leak")
    void guard_runAsyncLeaves_futureCompletesAndListenerHears() throws Exception {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        ExecutorService pool = quietSingleThread(uncaught);
        List<ImpersonationLeak> heard = new CopyOnWriteArrayList<>();
        GuardedExecutorService guarded = system.guard(pool, heard::add);
        try {
            CompletableFuture.runAsync(() -> system.impersonateSelf(ImpersonationLevel.IMPERSONATION), guarded)
                    .get(10, TimeUnit.SECONDS);
        } finally {
            closeExpectingLeakWarning(guarded);
        }
        assertEquals(1, heard.size());
        assertEquals(1, guarded.leakCount());
        assertTrue(fake.threadTokens.isEmpty(), "the pooled thread was reverted");
    }

    @Test
    @DisplayName("R45: without a listener, close() reports how many leaks the guard found")
    void guardClose_leaksWithoutListener_illegalStateWithCount() throws Exception {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        GuardedExecutorService guarded = system.guard(quietSingleThread(uncaught));
        guarded.execute(() -> system.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        guarded.execute(() -> fake.backend.impersonateSelf(ImpersonationLevel.IMPERSONATION));

        try (CapturedOutput output = CapturedOutput.capture()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, guarded::close);
            assertTrue(e.getMessage().startsWith("2 impersonation leak(s)"), e.getMessage());
            output.assertLogged(Level.WARNING, "shut down after 2 impersonation leak(s) on its threads", 1);
        }
        assertTrue(guarded.isTerminated());
    }

    @Test
    @DisplayName("a guard without leaks closes quietly")
    void guardClose_noLeaks_closes() throws Exception {
        GuardedExecutorService guarded = system.guard(Executors.newSingleThreadExecutor());
        assertEquals(1, guarded.submit(() -> 1).get(10, TimeUnit.SECONDS));
        guarded.close();
        assertTrue(guarded.isTerminated());
        assertEquals(0, guarded.leakCount());
    }
}
