package io.github.tokenbridge.benchmarks;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.model.ModelConfiguration;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;

/**
 * A load-independent view of the two-thread impersonation benchmark: the CPU time each thread
 * spends per scope enter + exit, on one thread and on two threads of one model world. When the
 * model shares no lock or written cache line between threads, the CPU time per operation stays the
 * same on two threads (so throughput doubles given two free cores); contention makes it grow. Wall
 * clock throughput, which JMH measures, also depends on how much of the machine other processes use.
 *
 * <p>Run: {@code java -cp target/benchmarks.jar io.github.tokenbridge.benchmarks.CpuTimeScaling [operations]}.
 */
public final class CpuTimeScaling {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private CpuTimeScaling() {
    }

    public static void main(String[] args) throws Exception {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        try (TokenSystem system = Tokens.model(ModelConfiguration.standardUser())) {
            for (int round = 1; round <= 3; round++) { // the first rounds warm the JIT up
                double one = cpuNanosPerOp(system, 1, operations)[0];
                double[] two = cpuNanosPerOp(system, 2, operations);
                System.out.printf(Locale.ROOT, "round %d: CPU ns per scope enter+exit: 1 thread %.1f; 2 threads %.1f and %.1f"
                        + " (2-thread / 1-thread: %.2f)%n", round, one, two[0], two[1], (two[0] + two[1]) / 2 / one);
            }
        }
    }

    private static double[] cpuNanosPerOp(TokenSystem system, int threads, int operations) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        double[] perOp = new double[threads];
        Thread[] workers = new Thread[threads];
        Exception[] failure = new Exception[1];
        for (int t = 0; t < threads; t++) {
            int index = t;
            workers[t] = new Thread(() -> {
                try (AccessToken process = system.openProcessToken(EnumSet.of(TokenAccess.DUPLICATE, TokenAccess.QUERY));
                     AccessToken token = process.duplicate(EnumSet.of(TokenAccess.IMPERSONATE, TokenAccess.QUERY),
                             ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION)) {
                    start.await();
                    long before = CPU.getCurrentThreadCpuTime();
                    for (int i = 0; i < operations; i++) {
                        try (ImpersonationScope scope = system.impersonate(token)) {
                            if (scope.obtainedLevel() != ImpersonationLevel.IMPERSONATION) {
                                throw new IllegalStateException("unexpected level " + scope.obtainedLevel());
                            }
                        }
                    }
                    perOp[index] = (CPU.getCurrentThreadCpuTime() - before) / (double) operations;
                } catch (Exception e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "scaling-" + threads + "-" + t);
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return perOp;
    }
}
