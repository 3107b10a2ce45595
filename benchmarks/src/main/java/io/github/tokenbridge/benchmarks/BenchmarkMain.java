package io.github.tokenbridge.benchmarks;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark command: runs every JMH benchmark of this module with the GC profiler, then
 * divides each benchmark by the baseline measured in the same run and writes the table of
 * ratios ({@code results/ratios.md}) and JMH's own JSON ({@code results/jmh.json}).
 *
 * <p>{@code --smoke} runs one short iteration of each benchmark, in one fork, to prove they work
 * (CI runs this); the figures of a smoke run mean nothing.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        boolean smoke = false;
        Path out = Path.of("results");
        String include = "io\\.github\\.tokenbridge\\.benchmarks\\..*";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--include" -> include = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (usage: [--smoke] [--out DIR] [--include REGEX])");
            }
        }
        Files.createDirectories(out);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true) // a benchmark that throws fails the run (and CI's smoke run)
                .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
                .result(out.resolve("jmh.json").toString());
        if (smoke) {
            options.forks(1).warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(200));
        } else {
            options.forks(2).warmupIterations(5).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        String table = ratioTable(results, smoke);
        Files.writeString(out.resolve("ratios.md"), table);
        System.out.println(table);
    }

    private static String ratioTable(Collection<RunResult> results, boolean smoke) {
        Map<String, RunResult> byId = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            String id = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
            int threads = r.getParams().getThreads();
            byId.put(threads > 1 ? id + "@" + threads : id, r);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(smoke ? "Smoke run (one short iteration; figures are not meaningful)\n\n" : "");
        sb.append("| measurement | tokenbridge ns/op | baseline ns/op | ratio | target | met | alloc B/op |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (BenchmarkPair pair : BenchmarkPairs.ALL) {
            RunResult bench = byId.get(pair.benchmark());
            RunResult base = byId.get(pair.baseline());
            if (bench == null || base == null) {
                sb.append("| ").append(pair.name()).append(" | not run | | | | | |\n");
                continue;
            }
            double b = bench.getPrimaryResult().getScore();
            double a = base.getPrimaryResult().getScore();
            // Average time: the ratio is how many times longer tokenbridge takes. Scaling pairs
            // compare per-operation time on one thread with two: throughput gain = 2 * t1 / t2.
            double ratio = pair.scaling() ? 2 * a / b : b / a;
            String target = Double.isNaN(pair.targetRatio()) ? "none"
                    : String.format(Locale.ROOT, "%s %.1f", pair.scaling() ? ">=" : "<=", pair.targetRatio());
            String met = Double.isNaN(pair.targetRatio()) ? "-" : pair.meets(ratio) ? "yes" : "no";
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %s | %s | %s |%n",
                    pair.name(), b, a, ratio, target, met, allocation(bench)));
        }
        return sb.toString();
    }

    private static String allocation(RunResult result) {
        Result<?> norm = result.getSecondaryResults().get("gc.alloc.rate.norm");
        return norm == null ? "n/a" : String.format(Locale.ROOT, "%.1f", norm.getScore());
    }
}
