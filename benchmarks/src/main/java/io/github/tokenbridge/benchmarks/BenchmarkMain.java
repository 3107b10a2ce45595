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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark command: runs every JMH benchmark of this module with the GC profiler, then
 * divides each benchmark by the baseline measured in the same run and writes the table of
 * ratios ({@code results/ratios.md}) and JMH's own JSON ({@code results/jmh-round-N.json}).
 *
 * <p>So that one busy minute of a shared machine does not move a ratio 2x, the run is made of
 * {@code --rounds} short rounds (default 5), each measuring every benchmark and its baseline one
 * after the other in one fork; each pair's ratio is computed per round, and the table reports the
 * median of those ratios with their spread (lowest - highest) instead of one run's ratio.
 *
 * <p>{@code --iteration-ms MS} sets the length of each warm-up and measurement iteration (default
 * 500); on a loaded machine the longer paths (a pipe request) need longer iterations before the
 * JIT has compiled them.
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
        int rounds = 5;
        int iterationMillis = 500;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--include" -> include = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--iteration-ms" -> iterationMillis = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (usage: [--smoke] [--out DIR] [--include REGEX] [--rounds N] [--iteration-ms MS])");
            }
        }
        if (smoke) {
            rounds = 1;
        }
        Files.createDirectories(out);
        List<Collection<RunResult>> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            results.add(new Runner(options(smoke, include, iterationMillis, out.resolve("jmh-round-" + round + ".json")).build()).run());
        }
        String table = ratioTable(results, smoke);
        Files.writeString(out.resolve("ratios.md"), table);
        System.out.println(table);
    }

    /** The JMH options of one round: every included benchmark once, in one fork. */
    private static ChainedOptionsBuilder options(boolean smoke, String include, int iterationMillis, Path json) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true) // a benchmark that throws fails the run (and CI's smoke run)
                .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
                .result(json.toString());
        if (smoke) {
            options.forks(1).warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(200));
        } else {
            options.forks(1).warmupIterations(3).warmupTime(TimeValue.milliseconds(iterationMillis))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(iterationMillis));
        }
        return options;
    }

    private static Map<String, RunResult> byId(Collection<RunResult> results) {
        Map<String, RunResult> byId = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            String id = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
            int threads = r.getParams().getThreads();
            byId.put(threads > 1 ? id + "@" + threads : id, r);
        }
        return byId;
    }

    private static String ratioTable(List<Collection<RunResult>> rounds, boolean smoke) {
        List<Map<String, RunResult>> byRound = new ArrayList<>();
        for (Collection<RunResult> round : rounds) {
            byRound.add(byId(round));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(smoke ? "Smoke run (one short iteration; figures are not meaningful)\n\n" : "");
        sb.append(String.format(Locale.ROOT, "%d interleaved round(s); ns/op are medians over the rounds; the ratio is the"
                + " median of the per-round ratios, the spread their lowest - highest%n%n", rounds.size()));
        sb.append("| measurement | tokenbridge ns/op | baseline ns/op | ratio (median) | spread | target | met | alloc B/op |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (BenchmarkPair pair : BenchmarkPairs.ALL) {
            List<Double> ratios = new ArrayList<>();
            List<Double> benchScores = new ArrayList<>();
            List<Double> baseScores = new ArrayList<>();
            RunResult lastBench = null;
            for (Map<String, RunResult> round : byRound) {
                RunResult bench = round.get(pair.benchmark());
                RunResult base = round.get(pair.baseline());
                if (bench == null || base == null) {
                    continue;
                }
                double b = bench.getPrimaryResult().getScore();
                double a = base.getPrimaryResult().getScore();
                // Average time: the ratio is how many times longer tokenbridge takes. Scaling pairs
                // compare per-operation time on one thread with two: throughput gain = 2 * t1 / t2.
                ratios.add(pair.scaling() ? 2 * a / b : b / a);
                benchScores.add(b);
                baseScores.add(a);
                lastBench = bench;
            }
            if (ratios.isEmpty()) {
                sb.append("| ").append(pair.name()).append(" | not run | | | | | | |\n");
                continue;
            }
            double ratio = median(ratios);
            String target = Double.isNaN(pair.targetRatio()) ? "none"
                    : String.format(Locale.ROOT, "%s %.1f", pair.scaling() ? ">=" : "<=", pair.targetRatio());
            String met = Double.isNaN(pair.targetRatio()) ? "-" : pair.meets(ratio) ? "yes" : "no";
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.2f - %.2f | %s | %s | %s |%n",
                    pair.name(), median(benchScores), median(baseScores), ratio, Collections.min(ratios),
                    Collections.max(ratios), target, met, allocation(lastBench)));
        }
        return sb.toString();
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String allocation(RunResult result) {
        Result<?> norm = result.getSecondaryResults().get("gc.alloc.rate.norm");
        return norm == null ? "n/a" : String.format(Locale.ROOT, "%.1f", norm.getScore());
    }
}
