package io.github.tokenbridge.reliability;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.OpenAs;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.WinTokenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Impersonation that flows with asynchronous work, over the model: the CompletableFuture helpers
 * (the scope opened and closed on the running thread) and the context-capturing executor (the
 * submitter's token duplicated at submission, R4, R28, R42, R46). Every test ends with no handle
 * open and no thread impersonating.
 */
class AsyncImpersonationTest {

    private static final Set<TokenAccess> ALL_USED = EnumSet.of(TokenAccess.DUPLICATE, TokenAccess.QUERY,
            TokenAccess.IMPERSONATE);
    private final FaultWorld world = FaultWorld.standardUser();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        world.assertNoLeaks();
        world.close();
    }

    /** The anonymous logon token (R44), a token of another user than the process's. */
    private AccessToken anonymousToken() throws Exception {
        AtomicReference<AccessToken> token = new AtomicReference<>();
        FaultWorld.runOnOwnThread(() -> {
            try (ImpersonationScope ignored = world.system.impersonateAnonymous()) {
                token.set(world.system.openThreadToken(ALL_USED, OpenAs.SELF).orElseThrow());
            }
            return null;
        });
        return token.get();
    }

    /** The calling thread's impersonation as "user level", or "process". */
    private String identity() {
        Optional<AccessToken> thread = world.system.openThreadToken(EnumSet.of(TokenAccess.QUERY), OpenAs.SELF);
        if (thread.isEmpty()) {
            return "process";
        }
        try (AccessToken t = thread.get()) {
            return t.user() + " " + t.impersonationLevel().orElseThrow();
        }
    }

    private String onPool(Executor executor) throws Exception {
        return CompletableFuture.supplyAsync(this::identity, executor).get(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("R42/R46: supplyAsyncImpersonating runs the task impersonating the token and leaves the pooled thread as it was")
    void supplyAsyncImpersonating_task_runsImpersonatedThenThreadRestored() throws Exception {
        try (AccessToken anonymous = anonymousToken()) {
            String seen = world.system.supplyAsyncImpersonating(anonymous, this::identity, pool).get(10, TimeUnit.SECONDS);
            assertEquals(Sid.ANONYMOUS_LOGON + " IMPERSONATION", seen);
            assertEquals("process", onPool(pool));
            assertEquals("process", onPool(pool));
        }
    }

    @Test
    @DisplayName("R46: a task that leaves a scope open fails; the scope is abandoned and the thread restored")
    void runAsyncImpersonating_taskLeavesScopeOpen_futureFailsThreadRestored() throws Exception {
        try (AccessToken anonymous = anonymousToken()) {
            CompletableFuture<Void> leaky = world.system.runAsyncImpersonating(anonymous,
                    () -> world.system.impersonate(anonymous), pool);
            ExecutionException e = assertThrows(ExecutionException.class, () -> leaky.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("left 1 impersonation scope(s) open"), e.getCause().getMessage());
            assertEquals("process", onPool(pool));
            assertEquals("process", onPool(pool));
        }
    }

    @Test
    @DisplayName("the task's own exception fails the future and the thread is restored")
    void supplyAsyncImpersonating_taskThrows_futureFailsWithIt() throws Exception {
        try (AccessToken anonymous = anonymousToken()) {
            CompletableFuture<String> failing = world.system.supplyAsyncImpersonating(anonymous, () -> {
                throw new ArithmeticException("boom");
            }, pool);
            ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
            assertInstanceOf(ArithmeticException.class, e.getCause());
            assertEquals("process", onPool(pool));
        }
    }

    @Test
    @DisplayName("R4/R42: a submitter impersonating flows its identity to the task through the capturing executor")
    void capturingExecutor_impersonatingSubmitter_taskRunsUnderItsToken() throws Exception {
        Executor capturing = world.system.capturingImpersonation(pool);
        AtomicReference<String> seen = new AtomicReference<>();
        FaultWorld.runOnOwnThread(() -> {
            try (ImpersonationScope ignored = world.system.impersonateAnonymous()) {
                seen.set(CompletableFuture.supplyAsync(this::identity, capturing)
                        .thenApplyAsync(first -> first + " / " + identity(), capturing)
                        .get(10, TimeUnit.SECONDS));
            }
            return null;
        });
        assertEquals(Sid.ANONYMOUS_LOGON + " IMPERSONATION / " + Sid.ANONYMOUS_LOGON + " IMPERSONATION", seen.get());
        assertEquals("process", onPool(pool));
    }

    @Test
    @DisplayName("R4: the captured duplicate keeps the submitter's Identification level")
    void capturingExecutor_identificationSubmitter_taskRunsAtIdentification() throws Exception {
        Executor capturing = world.system.capturingImpersonation(pool);
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicReference<Sid> user = new AtomicReference<>();
        FaultWorld.runOnOwnThread(() -> {
            try (ImpersonationScope ignored = world.system.impersonateSelf(ImpersonationLevel.IDENTIFICATION)) {
                try (AccessToken own = world.system.openThreadToken(EnumSet.of(TokenAccess.QUERY), OpenAs.SELF).orElseThrow()) {
                    user.set(own.user());
                }
                seen.set(CompletableFuture.supplyAsync(this::identity, capturing).get(10, TimeUnit.SECONDS));
            }
            return null;
        });
        assertEquals(user.get() + " IDENTIFICATION", seen.get());
    }

    @Test
    @DisplayName("R45/R46: a non-impersonating submitter's task runs as the process even on a thread left impersonating, which is put back")
    void capturingExecutor_processSubmitterOnLeakedThread_runsAsProcessThenRestoresThread() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            Executor capturing = world.system.capturingImpersonation(single);
            single.submit(() -> world.model.impersonateSelf(ImpersonationLevel.IMPERSONATION)).get(10, TimeUnit.SECONDS);

            assertEquals("process", onPool(capturing));

            assertTrue(single.submit(() -> world.system.isImpersonating()).get(10, TimeUnit.SECONDS),
                    "the thread's own (leaked) impersonation is put back: the capturing executor is not a guard");
            single.submit(() -> world.model.revertToSelf()).get(10, TimeUnit.SECONDS);
        } finally {
            single.shutdown();
            assertTrue(single.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("R28: a submitter at Anonymous level cannot be captured: refused at submission, nothing runs")
    void capturingExecutor_anonymousLevelSubmitter_refusedAtSubmit() throws Exception {
        Executor capturing = world.system.capturingImpersonation(pool);
        AtomicReference<Throwable> refused = new AtomicReference<>();
        AtomicReference<Boolean> ran = new AtomicReference<>(false);
        FaultWorld.runOnOwnThread(() -> {
            try (ImpersonationScope ignored = world.system.impersonateSelf(ImpersonationLevel.ANONYMOUS)) {
                refused.set(assertThrows(WinTokenException.class, () -> capturing.execute(() -> ran.set(true))));
            }
            return null;
        });
        WinTokenException e = (WinTokenException) refused.get();
        assertEquals(Win32Error.ERROR_CANT_OPEN_ANONYMOUS.code(), e.win32Error());
        assertTrue(e.getMessage().contains("Anonymous level"), e.getMessage());
        assertFalse(ran.get());
    }

    @Test
    @DisplayName("both async forms refuse virtual threads: submitting to the capturing executor, or running on one")
    void asyncImpersonation_virtualThreads_refused() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads are JDK 21+");
        ExecutorService virtualThreads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        try (AccessToken anonymous = anonymousToken()) {
            CompletableFuture<String> onVirtual = world.system.supplyAsyncImpersonating(anonymous, this::identity, virtualThreads);
            ExecutionException e = assertThrows(ExecutionException.class, () -> onVirtual.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("virtual thread"), e.getCause().getMessage());

            Executor capturing = world.system.capturingImpersonation(pool);
            Throwable fromVirtual = virtualThreads.submit(() -> {
                try {
                    capturing.execute(() -> { });
                    return null;
                } catch (IllegalStateException refused) {
                    return refused;
                }
            }).get(10, TimeUnit.SECONDS);
            assertInstanceOf(IllegalStateException.class, fromVirtual);
        } finally {
            virtualThreads.shutdown();
            assertTrue(virtualThreads.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("a rejected submission closes the captured duplicate")
    void capturingExecutor_rejected_closesCapturedToken() throws Exception {
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdown();
        Executor capturing = world.system.capturingImpersonation(stopped);
        FaultWorld.runOnOwnThread(() -> {
            try (ImpersonationScope ignored = world.system.impersonateAnonymous()) {
                assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> capturing.execute(() -> { }));
                assertEquals(0, world.system.openHandles().size(), "the duplicate was closed");
            }
            return null;
        });
    }

}
