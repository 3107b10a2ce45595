package io.github.tokenbridge.benchmarks;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.model.ModelConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.util.EnumSet;

/**
 * Entering and leaving an impersonation scope through the public API on the model backend:
 * {@code TokenSystem.impersonate(token)} (save the thread's impersonation, ImpersonateLoggedOnUser,
 * read the level back) and {@code close()} (restore the previous state and verify it). Paired with
 * {@link BaselineBenchmark#mapPutRemove}; the two-thread variant runs the same on two threads of the
 * same model process, each with its own token handle, to show that the model scales.
 */
public class ModelImpersonationBenchmark {

    /** One model world shared by every benchmark thread, as one process is shared by its threads. */
    @State(Scope.Benchmark)
    public static class World {
        TokenSystem system;
        /** The threads' tokens: JMH may tear this state down before theirs, so it closes them first. */
        final java.util.Queue<AccessToken> tokens = new java.util.concurrent.ConcurrentLinkedQueue<>();

        @Setup
        public void setUp() {
            system = Tokens.model(ModelConfiguration.standardUser());
        }

        @TearDown
        public void tearDown() {
            tokens.forEach(AccessToken::close); // idempotent: a thread may have closed its own already
            system.close();
        }
    }

    /** The impersonation token each benchmark thread impersonates (its own handle). */
    @State(Scope.Thread)
    public static class ThreadToken {
        AccessToken token;

        @Setup
        public void setUp(World world) {
            try (AccessToken process = world.system.openProcessToken(EnumSet.of(TokenAccess.DUPLICATE, TokenAccess.QUERY))) {
                token = process.duplicate(EnumSet.of(TokenAccess.IMPERSONATE, TokenAccess.QUERY),
                        ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION);
            }
            world.tokens.add(token);
        }

        @TearDown
        public void tearDown() {
            token.close();
        }
    }

    /** impersonate + verify level + close (restore and verify), one thread. */
    @Benchmark
    public ImpersonationLevel scopeEnterExit(World world, ThreadToken thread) {
        return enterExit(world, thread);
    }

    /** The same on two threads at once (JMH reports it as {@code scopeEnterExitOnTwoThreads@2}). */
    @Benchmark
    @Threads(2)
    public ImpersonationLevel scopeEnterExitOnTwoThreads(World world, ThreadToken thread) {
        return enterExit(world, thread);
    }

    private static ImpersonationLevel enterExit(World world, ThreadToken thread) {
        try (ImpersonationScope scope = world.system.impersonate(thread.token)) {
            return scope.obtainedLevel();
        }
    }
}
