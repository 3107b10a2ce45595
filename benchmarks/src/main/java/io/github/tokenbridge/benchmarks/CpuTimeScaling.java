package io.github.tokenbridge.benchmarks;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;

/**
 * A load-independent view of the two-thread impersonation benchmark: the CPU time each thread
 * spends per impersonation enter + exit, on one thread and on two threads of one model world, in
 * interleaved rounds (1 thread, 2 threads, 2 threads, 1 thread, ...), reported as the median
 * per-round ratio with its spread. When the model shares no lock or written cache line between
 * threads, the CPU time per operation stays the same on two threads (so throughput doubles given two
 * free cores: the implied gain {@code 2 x cpu(1) / cpu(2)} is 2); contention makes it grow. Thread CPU
 * time ({@code ThreadMXBean}) is little disturbed by other processes on the machine; the wall-clock
 * gain, printed beside it, is not (two threads only run at once when two cores are free).
 *
 * <p>Two workloads: {@code api} = {@code TokenSystem.impersonate(token)} + scope {@code close()}
 * (seven SPI calls); {@code spi} = the model's {@code ImpersonateLoggedOnUser}, {@code OpenThreadToken}
 * (as self) + {@code GetTokenInformation(TokenStatistics)} + {@code CloseHandle}, {@code RevertToSelf}.
 *
 * <p>Run: {@code java -cp target/benchmarks.jar io.github.tokenbridge.benchmarks.CpuTimeScaling
 * [operations per thread and round, default 200000] [rounds, default 9] [workloads, default api,spi]}.
 * It measures; it asserts nothing (a timing assertion would fail on a busy machine).
 */
public final class CpuTimeScaling {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int WARM_UP_ROUNDS = 2;

    private CpuTimeScaling() {
    }

    /** One impersonation enter + exit on the calling thread, with the per-thread state it needs. */
    private interface Workload {
        /** Prepares the calling thread (its own token handle) and returns its operation. */
        ThreadOp forThread() throws Exception;
    }

    /** The operation of one thread; {@link #close()} frees what it holds. */
    private interface ThreadOp extends Runnable, AutoCloseable {
        @Override
        void close();
    }

    private static ThreadOp op(Runnable body, Runnable cleanUp) {
        return new ThreadOp() {
            @Override
            public void run() {
                body.run();
            }

            @Override
            public void close() {
                cleanUp.run();
            }
        };
    }

    public static void main(String[] args) throws Exception {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        String workloads = args.length > 2 ? args[2] : "api,spi";
        System.out.printf(Locale.ROOT, "CPU-time scaling: %d operations per thread per measurement, %d interleaved rounds"
                + " after %d warm-up rounds; %d processors; load average %.1f at the start%n", operations, rounds,
                WARM_UP_ROUNDS, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<String> names = new ArrayList<>();
        List<Workload> measured = new ArrayList<>();
        names.add("baseline: 8 x ConcurrentHashMap put + remove, one map per thread (shares nothing)");
        measured.add(baselineWorkload());
        try (TokenSystem system = Tokens.model(ModelConfiguration.standardUser());
             ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser())) {
            for (String name : workloads.split(",")) {
                switch (name) {
                    case "api" -> {
                        names.add("public API: impersonate(token) + close()");
                        measured.add(apiWorkload(system));
                    }
                    case "spi" -> {
                        names.add("SPI: ImpersonateLoggedOnUser + OpenThreadToken/GetTokenInformation/CloseHandle + RevertToSelf");
                        measured.add(spiWorkload(backend));
                    }
                    default -> throw new IllegalArgumentException("unknown workload " + name + " (api, spi)");
                }
            }
            report(names, measured, operations, rounds);
        }
        System.out.printf(Locale.ROOT, "load average %.1f at the end%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * The control: work of similar size that shares nothing between threads. Its ratio is what the
     * machine itself (two threads really running at once, cache and memory bandwidth, the JVM) adds to
     * the CPU time per operation; a model ratio above it is the model's own contention.
     */
    private static Workload baselineWorkload() {
        return () -> {
            ConcurrentHashMap<Long, Object> table = new ConcurrentHashMap<>();
            Object value = new Object();
            long[] next = new long[1];
            return op(() -> {
                for (int i = 0; i < 8; i++) {
                    long key = (next[0] += 4);
                    table.put(key, value);
                    table.remove(key);
                }
            }, table::clear);
        };
    }

    private static Workload apiWorkload(TokenSystem system) {
        return () -> {
            AccessToken token;
            try (AccessToken process = system.openProcessToken(EnumSet.of(TokenAccess.DUPLICATE, TokenAccess.QUERY))) {
                token = process.duplicate(EnumSet.of(TokenAccess.IMPERSONATE, TokenAccess.QUERY),
                        ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION);
            }
            return op(() -> {
                try (ImpersonationScope scope = system.impersonate(token)) {
                    if (scope.obtainedLevel() != ImpersonationLevel.IMPERSONATION) {
                        throw new IllegalStateException("unexpected level " + scope.obtainedLevel());
                    }
                }
            }, token::close);
        };
    }

    private static Workload spiWorkload(ModelBackend backend) {
        int query = TokenAccess.QUERY.mask();
        return () -> {
            Handle process = backend.openProcessToken(Handle.CURRENT_PROCESS, TokenAccess.DUPLICATE.mask() | query).value();
            Handle token = backend.duplicateTokenEx(process, TokenAccess.IMPERSONATE.mask() | query, null,
                    ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION).value();
            backend.closeHandle(process);
            return op(() -> {
                check(backend.impersonateLoggedOnUser(token));
                Handle opened = check(backend.openThreadToken(Handle.CURRENT_THREAD, query, true));
                Result<TokenInformation> stats = backend.getTokenInformation(opened, TokenInformationClass.TokenStatistics, -1);
                check(stats);
                check(backend.closeHandle(opened));
                check(backend.revertToSelf());
            }, () -> backend.closeHandle(token));
        };
    }

    private static <T> T check(Result<T> result) {
        if (!result.succeeded()) {
            throw new IllegalStateException("SPI call failed: Win32 error " + result.win32Error());
        }
        return result.value();
    }

    private static void report(List<String> names, List<Workload> workloads, int operations, int rounds) throws Exception {
        int n = workloads.size();
        List<List<Double>> one = new ArrayList<>();
        List<List<Double>> two = new ArrayList<>();
        List<List<Double>> cpuRatios = new ArrayList<>();
        List<List<Double>> overBaseline = new ArrayList<>();
        List<List<Double>> wallGains = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            one.add(new ArrayList<>());
            two.add(new ArrayList<>());
            cpuRatios.add(new ArrayList<>());
            overBaseline.add(new ArrayList<>());
            wallGains.add(new ArrayList<>());
        }
        for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
            double baselineRatio = Double.NaN;
            // interleaved: every round measures every workload (the baseline first) on 1 and on 2 threads,
            // even rounds 1 thread first, odd rounds 2 threads first, so slow drifts of the machine's load
            // fall on both sides of each ratio
            for (int w = 0; w < n; w++) {
                Sample a;
                Sample b;
                if (round % 2 == 0) {
                    a = run(workloads.get(w), 1, operations);
                    b = run(workloads.get(w), 2, operations);
                } else {
                    b = run(workloads.get(w), 2, operations);
                    a = run(workloads.get(w), 1, operations);
                }
                if (round < WARM_UP_ROUNDS) {
                    continue; // JIT warm-up
                }
                double ratio = b.cpuNanosPerOp / a.cpuNanosPerOp;
                if (w == 0) {
                    baselineRatio = ratio;
                }
                one.get(w).add(a.cpuNanosPerOp);
                two.get(w).add(b.cpuNanosPerOp);
                cpuRatios.get(w).add(ratio);
                overBaseline.get(w).add(ratio / baselineRatio);
                wallGains.get(w).add(2.0 * a.wallNanos / b.wallNanos);
            }
        }
        for (int w = 0; w < n; w++) {
            Stats c1 = Stats.of(one.get(w));
            Stats c2 = Stats.of(two.get(w));
            Stats ratio = Stats.of(cpuRatios.get(w));
            Stats relative = Stats.of(overBaseline.get(w));
            Stats gain = Stats.of(wallGains.get(w));
            System.out.printf(Locale.ROOT, "%n%s%n", names.get(w));
            System.out.printf(Locale.ROOT, "  CPU ns per op, 1 thread:  median %.1f (%.1f - %.1f)%n", c1.median, c1.min, c1.max);
            System.out.printf(Locale.ROOT, "  CPU ns per op, 2 threads: median %.1f (%.1f - %.1f)%n", c2.median, c2.min, c2.max);
            System.out.printf(Locale.ROOT, "  CPU per op, 2 threads / 1 thread: median %.2f, IQR %.2f - %.2f, range %.2f - %.2f"
                    + " -> implied 2-core throughput gain %.2f%n", ratio.median, ratio.q1, ratio.q3, ratio.min, ratio.max,
                    2 / ratio.median);
            if (w > 0) {
                System.out.printf(Locale.ROOT, "  that ratio / the same round's baseline ratio: median %.2f, IQR %.2f - %.2f,"
                        + " range %.2f - %.2f -> the model's own contention; gain on a machine where the baseline scales"
                        + " perfectly: %.2f%n", relative.median, relative.q1, relative.q3, relative.min, relative.max,
                        2 / relative.median);
            }
            System.out.printf(Locale.ROOT, "  wall-clock throughput gain (depends on free cores): median %.2f, range %.2f - %.2f%n",
                    gain.median, gain.min, gain.max);
        }
    }

    /** CPU time per operation (mean over the threads) and the wall time of one measurement. */
    private record Sample(double cpuNanosPerOp, long wallNanos) {
    }

    private static Sample run(Workload workload, int threads, int operations) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        CyclicBarrier end = new CyclicBarrier(threads + 1);
        double[] perOp = new double[threads];
        Thread[] workers = new Thread[threads];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads; t++) {
            int index = t;
            workers[t] = new Thread(() -> {
                try (ThreadOp op = workload.forThread()) {
                    start.await();
                    long before = CPU.getCurrentThreadCpuTime();
                    for (int i = 0; i < operations; i++) {
                        op.run();
                    }
                    perOp[index] = (CPU.getCurrentThreadCpuTime() - before) / (double) operations;
                    end.await();
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                    start.reset();
                    end.reset();
                }
            }, "scaling-" + threads + "-" + t);
            workers[t].start();
        }
        long wall = 0;
        try {
            start.await();
            long began = System.nanoTime();
            end.await();
            wall = System.nanoTime() - began;
        } catch (java.util.concurrent.BrokenBarrierException broken) {
            // a worker failed: reported below
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("a scaling worker failed", failure[0]);
        }
        double sum = 0;
        for (double v : perOp) {
            sum += v;
        }
        return new Sample(sum / threads, wall);
    }

    /** Median, quartiles and range of a small sample. */
    record Stats(double median, double q1, double q3, double min, double max) {
        static Stats of(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(null);
            return new Stats(quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75),
                    sorted.get(0), sorted.get(sorted.size() - 1));
        }

        private static double quantile(List<Double> sorted, double q) {
            double position = q * (sorted.size() - 1);
            int low = (int) Math.floor(position);
            int high = (int) Math.ceil(position);
            return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (position - low);
        }
    }
}
