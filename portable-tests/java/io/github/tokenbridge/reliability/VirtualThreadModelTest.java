package io.github.tokenbridge.reliability;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.model.fault.SpiOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Virtual threads over the model (JDK 21+; on JDK 17 every test shows as skipped through an
 * assumption). Impersonation is refused on a virtual thread before any SPI call; everything that
 * does not impersonate works on many virtual threads at once; impersonated work goes through the
 * platform-thread executor. Nothing leaks in any case.
 */
class VirtualThreadModelTest {

    private static final Set<TokenAccess> ALL_USED = EnumSet.of(TokenAccess.DUPLICATE, TokenAccess.QUERY,
            TokenAccess.IMPERSONATE);
    private FaultWorld world;

    @BeforeEach
    void requireVirtualThreads() {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21,
                "JDK " + Runtime.version().feature() + " has no virtual threads (Thread.ofVirtual is JDK 21+)");
        world = FaultWorld.standardUser();
    }

    @AfterEach
    void tearDown() {
        if (world != null) {
            world.close();
        }
    }

    /** Runs {@code body} on a new virtual thread (reflection: this code compiles for release 17) and returns its outcome. */
    private static Object onVirtualThread(Callable<?> body) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Runnable task = () -> {
            try {
                outcome.set(body.call());
            } catch (Throwable t) {
                outcome.set(t);
            }
        };
        Thread virtual = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, task);
        assertTrue((boolean) Thread.class.getMethod("isVirtual").invoke(virtual));
        virtual.join();
        return outcome.get();
    }

    private static ExecutorService virtualThreadPerTask() throws Exception {
        return (ExecutorService) java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    @Test
    @DisplayName("every way to impersonate is refused on a virtual thread, before any SPI call, with nothing changed")
    void impersonate_onVirtualThread_refusedBeforeAnySpiCall() throws Exception {
        AccessToken token = world.system.openProcessToken(ALL_USED);
        List<Callable<?>> attempts = List.of(
                () -> world.system.impersonateSelf(ImpersonationLevel.IMPERSONATION),
                () -> world.system.impersonate(token),
                () -> world.system.impersonateAnonymous(),
                () -> world.system.runImpersonated(token, () -> "never"));
        for (Callable<?> attempt : attempts) {
            Object outcome = onVirtualThread(attempt);
            IllegalStateException refused = assertInstanceOf(IllegalStateException.class, outcome);
            assertTrue(refused.getMessage().contains("virtual thread"), refused.getMessage());
        }
        for (SpiOperation op : EnumSet.of(SpiOperation.OPEN_THREAD_TOKEN, SpiOperation.IMPERSONATE_SELF,
                SpiOperation.IMPERSONATE_LOGGED_ON_USER, SpiOperation.IMPERSONATE_ANONYMOUS_TOKEN)) {
            assertEquals(0, world.faults.callCount(op), op + " was called");
        }
        token.close();
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R16/R60/R62: 1,000 virtual threads open, duplicate, check and close tokens at once without leaks")
    void nonImpersonatingWork_onThousandVirtualThreads_worksAndLeaksNothing() throws Exception {
        SecurityDescriptor usersRead = Sddl.parse("O:BAG:BAD:(A;;0x20008;;;BU)");
        AccessToken shared = world.system.openProcessToken(ALL_USED);
        List<Future<Boolean>> results = new ArrayList<>();
        ExecutorService virtualThreads = virtualThreadPerTask();
        try {
            for (int i = 0; i < 1_000; i++) {
                results.add(virtualThreads.submit(() -> {
                    try (AccessToken copy = shared.duplicate(ALL_USED, ImpersonationLevel.IDENTIFICATION, TokenType.IMPERSONATION)) {
                        return world.system.accessCheck(usersRead, copy, 0x20008, GenericMapping.TOKEN).accessStatus()
                                && world.system.checkTokenMembership(copy, Sid.EVERYONE);
                    }
                }));
            }
        } finally {
            virtualThreads.shutdown();
        }
        assertTrue(virtualThreads.awaitTermination(60, TimeUnit.SECONDS));
        for (Future<Boolean> result : results) {
            assertTrue(result.get(30, TimeUnit.SECONDS));
        }
        shared.close();
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R42/R46: a virtual thread hands impersonated work to the platform-thread executor; it restores after each task")
    void impersonatingExecutor_fromVirtualThreads_impersonatesOnPlatformThreads() throws Exception {
        AccessToken token = world.system.openProcessToken(ALL_USED);
        ExecutorService impersonating = world.system.impersonatingExecutor(token, 2);
        Sid user = token.user();
        Object outcome = onVirtualThread(() -> {
            List<Future<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tasks.add(impersonating.submit(() -> world.system.isImpersonating()
                        && !(boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread())
                        && world.system.openThreadToken(EnumSet.of(TokenAccess.QUERY), io.github.tokenbridge.OpenAs.SELF)
                        .map(t -> {
                            try (t) {
                                return t.user().equals(user);
                            }
                        }).orElse(false)));
            }
            for (Future<Boolean> task : tasks) {
                if (!task.get(30, TimeUnit.SECONDS)) {
                    return false;
                }
            }
            return true;
        });
        assertEquals(Boolean.TRUE, outcome);
        impersonating.shutdown();
        assertTrue(impersonating.awaitTermination(10, TimeUnit.SECONDS));
        token.close();
        world.assertNoLeaks();
    }

    @Test
    @DisplayName("R27/R45: revertToSelf, isImpersonating and openThreadToken act on the carrier thread, so they are refused too")
    void threadTokenQueriesAndRevert_onVirtualThread_refusedBeforeAnySpiCall() throws Exception {
        List<Callable<?>> attempts = List.of(
                () -> {
                    world.system.revertToSelf();
                    return "reverted";
                },
                () -> world.system.isImpersonating(),
                () -> world.system.openThreadToken(EnumSet.of(TokenAccess.QUERY), io.github.tokenbridge.OpenAs.SELF),
                () -> world.system.openEffectiveToken(EnumSet.of(TokenAccess.QUERY)));
        for (Callable<?> attempt : attempts) {
            Object outcome = onVirtualThread(attempt);
            IllegalStateException refused = assertInstanceOf(IllegalStateException.class, outcome);
            assertTrue(refused.getMessage().contains("virtual thread"), refused.getMessage());
        }
        assertEquals(0, world.faults.callCount(SpiOperation.OPEN_THREAD_TOKEN));
        assertEquals(0, world.faults.callCount(SpiOperation.REVERT_TO_SELF));
        world.assertNoLeaks();
    }
}
