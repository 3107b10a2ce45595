package io.github.tokenbridge.reliability;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.NotAllAssignedPolicy;
import io.github.tokenbridge.OpenAs;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.PrivilegeScope;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.ModelInvariants;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model under load through the public API: two platform threads each run 100,000 mixed
 * operations (open, duplicate, impersonate, nested scopes, privilege scopes, access checks,
 * membership checks, queries, close) on one model {@link TokenSystem}, sharing one process token.
 * The run must end with no handle open, no thread impersonating, an empty leak report and the
 * model's invariants intact; every operation's result is checked as it happens.
 */
@Tag("stress")
class ModelStressTest {

    static final int THREADS = 2;
    static final int OPERATIONS_PER_THREAD = Integer.getInteger("tokenbridge.stress.operations", 100_000);
    private static final Set<TokenAccess> ALL_USED = EnumSet.of(TokenAccess.DUPLICATE, TokenAccess.QUERY,
            TokenAccess.IMPERSONATE, TokenAccess.ADJUST_PRIVILEGES);
    private static final SecurityDescriptor USERS_READ = Sddl.parse("O:BAG:BAD:(A;;0x20008;;;BU)(D;;0x20;;;WD)");

    @Test
    @DisplayName("R16/R45/R46/R56: 2 threads x 100k mixed operations leave 0 handles, 0 impersonating threads, invariants intact")
    void mixedOperations_twoThreads_noLeaksAndInvariantsHold() throws Exception {
        ModelBackend model = ModelBackend.create(ModelConfiguration.standardUser());
        TokenSystem system = Tokens.over(model);
        int baseline = model.world().openHandleCount();
        long seed = Long.getLong("tokenbridge.stress.seed", System.nanoTime());
        AccessToken shared = system.openProcessToken(ALL_USED);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        List<AtomicReference<Throwable>> failures = new ArrayList<>();
        long[] counts = new long[THREADS];
        long[] denials = new long[THREADS];
        long began = System.nanoTime();
        for (int i = 0; i < THREADS; i++) {
            int index = i;
            AtomicReference<Throwable> failure = new AtomicReference<>();
            failures.add(failure);
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    Worker worker = new Worker(system, shared, new SplittableRandom(seed + index));
                    counts[index] = worker.run(OPERATIONS_PER_THREAD);
                    denials[index] = worker.denials;
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "stress-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        for (AtomicReference<Throwable> f : failures) {
            if (f.get() != null) {
                throw new AssertionError("stress run failed (seed " + seed + ")", f.get());
            }
        }
        shared.close();
        long total = counts[0] + counts[1];
        TestStats.write("ModelStressTest", String.format("%d operations on %d threads in %d ms (seed %d; %d R20 denials under"
                + " Identification)%n", total, THREADS, millis, seed, denials[0] + denials[1]));
        assertTrue(denials[0] + denials[1] > 0, "the mix never ran into R20; it does not cover Identification scopes");
        assertEquals((long) THREADS * OPERATIONS_PER_THREAD, total);
        assertEquals(baseline, model.world().openHandleCount(), "handles leaked in the model");
        assertEquals(0, model.world().impersonatingThreadCount(), "threads left impersonating");
        assertTrue(system.openHandles().isEmpty(), "handles still owned: " + system.openHandles());
        assertTrue(system.leakReport().isEmpty(), "leak report: " + system.leakReport());
        ModelInvariants.of(ModelInternals.kernelServices(model.world()).kernel()).assertHold();
        system.close();
    }

    /** One thread's mix of operations, with the state it keeps between them. */
    private static final class Worker {
        private final TokenSystem system;
        private final AccessToken shared;
        private final SplittableRandom random;
        private final List<AccessToken> tokens = new ArrayList<>();
        private final Deque<ImpersonationScope> scopes = new ArrayDeque<>();
        private final Deque<PrivilegeScope> privilegeScopes = new ArrayDeque<>();
        long denials;

        Worker(TokenSystem system, AccessToken shared, SplittableRandom random) {
            this.system = system;
            this.shared = shared;
            this.random = random;
        }

        long run(int operations) {
            for (int i = 0; i < operations; i++) {
                step(random.nextInt(12));
            }
            while (!scopes.isEmpty()) {
                scopes.pop().close();
            }
            while (!privilegeScopes.isEmpty()) {
                privilegeScopes.pop().close();
            }
            tokens.forEach(AccessToken::close);
            assertFalse(system.isImpersonating());
            return operations;
        }

        /**
         * Runs an operation that creates a token object: under an Identification-level impersonation
         * the new object cannot be opened for the caller (R20), which must be exactly
         * ERROR_BAD_IMPERSONATION_LEVEL; anything else fails the run.
         */
        private void allowedDenial(Runnable operation) {
            boolean identification = identificationActive();
            try {
                operation.run();
            } catch (io.github.tokenbridge.WinTokenException e) {
                if (!identification || e.win32Error() != io.github.tokenbridge.Win32Error.ERROR_BAD_IMPERSONATION_LEVEL.code()) {
                    throw e;
                }
                denials++;
            }
        }

        private boolean identificationActive() {
            return !scopes.isEmpty() && scopes.peek().obtainedLevel().isBelow(ImpersonationLevel.IMPERSONATION);
        }

        private AccessToken anyToken() {
            return tokens.isEmpty() ? shared : tokens.get(random.nextInt(tokens.size()));
        }

        private void step(int kind) {
            switch (kind) {
                case 0 -> { // open the process token
                    if (identificationActive()) { // R20: an Identification-level impersonator cannot open objects
                        io.github.tokenbridge.WinTokenException e = org.junit.jupiter.api.Assertions.assertThrows(
                                io.github.tokenbridge.WinTokenException.class, () -> system.openProcessToken(ALL_USED));
                        assertEquals(io.github.tokenbridge.Win32Error.ERROR_BAD_IMPERSONATION_LEVEL.code(), e.win32Error());
                    } else if (tokens.size() < 6) {
                        tokens.add(system.openProcessToken(ALL_USED));
                    } else {
                        tokens.remove(random.nextInt(tokens.size())).close();
                    }
                }
                case 1 -> { // duplicate the shared token (used by both threads at once)
                    if (tokens.size() < 6) {
                        ImpersonationLevel level = random.nextBoolean() ? ImpersonationLevel.IMPERSONATION
                                : ImpersonationLevel.IDENTIFICATION;
                        TokenType type = random.nextBoolean() ? TokenType.IMPERSONATION : TokenType.PRIMARY;
                        allowedDenial(() -> tokens.add(shared.duplicate(ALL_USED, level, type)));
                    }
                }
                case 2, 3 -> { // impersonate (nested scopes up to depth 4)
                    if (scopes.size() < 4) {
                        AccessToken t = anyToken();
                        boolean self = random.nextInt(3) == 0;
                        allowedDenial(() -> scopes.push(self ? system.impersonateSelf(ImpersonationLevel.IMPERSONATION)
                                : system.impersonate(t, io.github.tokenbridge.DowngradePolicy.ACCEPT)));
                        assertEquals(!scopes.isEmpty(), system.isImpersonating());
                    } else {
                        scopes.pop().close();
                    }
                }
                case 4 -> { // close the innermost scope
                    if (!scopes.isEmpty()) {
                        scopes.pop().close();
                        assertEquals(!scopes.isEmpty(), system.isImpersonating());
                    }
                }
                case 5 -> { // privilege scope
                    if (privilegeScopes.size() < 2 && !tokens.isEmpty()) {
                        privilegeScopes.push(system.enablePrivileges(tokens.get(random.nextInt(tokens.size())),
                                NotAllAssignedPolicy.ACCEPT, Privilege.SeShutdownPrivilege, Privilege.SeUndockPrivilege));
                    } else if (!privilegeScopes.isEmpty()) {
                        privilegeScopes.pop().close();
                    }
                }
                case 6 -> { // access check (R62-R64): Users may read, Everyone denied ADJUST_PRIVILEGES
                    AccessToken t = anyToken();
                    if (t.type() == TokenType.IMPERSONATION) {
                        AccessCheckResult r = system.accessCheck(USERS_READ, t, 0x20008, GenericMapping.TOKEN);
                        assertTrue(r.accessStatus(), r.toString());
                        assertEquals(0x20008, r.grantedAccess());
                    }
                }
                case 7 -> { // membership
                    AccessToken t = anyToken();
                    if (t.type() == TokenType.IMPERSONATION) {
                        assertTrue(system.checkTokenMembership(t, Sid.EVERYONE));
                    }
                }
                case 8 -> { // queries
                    AccessToken t = anyToken();
                    assertEquals(shared.user(), t.user());
                    t.statistics();
                    t.privileges();
                }
                case 9 -> { // open the thread token while impersonating
                    Optional<AccessToken> thread = system.openThreadToken(ALL_USED, OpenAs.SELF);
                    if (thread.isPresent()) {
                        thread.get().close();
                    } else {
                        assertTrue(scopes.isEmpty() || scopes.peek().obtainedLevel() == ImpersonationLevel.ANONYMOUS,
                                "no thread token while a scope is open");
                    }
                }
                case 10 -> { // close a token (possibly one an open scope impersonates: the scope holds the thread, not the handle)
                    if (!tokens.isEmpty()) {
                        tokens.remove(random.nextInt(tokens.size())).close();
                    }
                }
                default -> { // the caller's effective token
                    system.openEffectiveToken(EnumSet.of(TokenAccess.QUERY)).close();
                }
            }
        }
    }
}
