package io.github.tokenbridge.reliability;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fuzzes the model backend's SPI with {@link SpiFuzzer}: 250 seeded sequences of 4,000 random
 * calls (1,000,000 SPI calls a run). jqwik prints the failing seed; replay one sequence with
 * {@code -Dtokenbridge.fuzz.seed=<seed>}. The totals are printed after the run.
 */
class SpiFuzzTest {

    static final int CALLS_PER_SEQUENCE = 4_000;
    private static final AtomicLong CALLS = new AtomicLong();
    private static final AtomicLong SUCCESSES = new AtomicLong();
    private static final AtomicLong NPES = new AtomicLong();
    private static final java.util.Map<String, Long> UNSUPPORTED = new java.util.concurrent.ConcurrentSkipListMap<>();
    private static final java.util.Map<String, Long> ORACLES = new java.util.concurrent.ConcurrentSkipListMap<>();
    private static long started;

    @BeforeContainer
    static void start() {
        started = System.nanoTime();
    }

    @AfterContainer
    static void report() {
        StringBuilder text = new StringBuilder(String.format("%d SPI calls (%d succeeded, %d NPEs for Java nulls) in %d ms%n",
                CALLS.get(), SUCCESSES.get(), NPES.get(), (System.nanoTime() - started) / 1_000_000));
        ORACLES.forEach((oracle, n) -> text.append(String.format("  oracle judged %d calls: %s%n", n, oracle)));
        UNSUPPORTED.forEach((what, n) -> text.append(
                String.format("  refused as not modelled (UnsupportedOperationException) %d x: %s%n", n, what)));
        TestStats.write("SpiFuzzTest", text.toString());
        if (CALLS.get() >= 100_000 && ORACLES.size() < 4) {
            throw new AssertionError("a fuzz oracle never judged a call (vacuous): " + ORACLES);
        }
    }

    static void fuzz(long seed) throws Exception {
        SpiFuzzer fuzzer = new SpiFuzzer(seed);
        try {
            fuzzer.run(CALLS_PER_SEQUENCE);
        } finally {
            CALLS.addAndGet(fuzzer.calls());
            SUCCESSES.addAndGet(fuzzer.successes());
            NPES.addAndGet(fuzzer.nullPointerExceptions());
            fuzzer.unsupported().forEach((k, v) -> UNSUPPORTED.merge(k, v, Long::sum));
            fuzzer.oracleChecks().forEach((k, v) -> ORACLES.merge(k, v, Long::sum));
        }
    }

    @Property(tries = 250, shrinking = ShrinkingMode.OFF)
    void randomCallSequences_onlyStatusesRulesAndInvariantsHold(@ForAll long seed) throws Exception {
        fuzz(seed);
    }

    /**
     * Short sequences that jqwik shrinks on failure: each element seeds one call, so a failing list
     * shrinks to the calls that matter (a minimal reproduction), with the invariants checked after
     * every call.
     */
    @Property(tries = 300)
    void shortCallSequences_shrinkableToMinimalReproduction(@ForAll long worldSeed,
                                                            @ForAll @Size(max = 40) List<Long> stepSeeds) throws Exception {
        SpiFuzzer fuzzer = new SpiFuzzer(worldSeed);
        try {
            fuzzer.runSteps(stepSeeds);
        } finally {
            CALLS.addAndGet(fuzzer.calls());
            SUCCESSES.addAndGet(fuzzer.successes());
        }
    }
}
