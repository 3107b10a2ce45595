package io.github.tokenbridge.benchmarks;

/**
 * One published ratio: a tokenbridge benchmark, the baseline it is divided by (both measured in
 * the same JMH run, average time per operation), and the target the ratio should meet.
 *
 * @param name        what is measured, as printed in BENCHMARKS.md
 * @param benchmark   the JMH benchmark id ({@code Class.method}) of the measured operation
 * @param baseline    the JMH benchmark id of the baseline
 * @param targetRatio the ratio benchmark / baseline should not exceed (for a scaling pair: the
 *                    throughput gain it should at least reach); NaN when the ratio is only reported
 * @param scaling     true when this pair compares throughput on 2 threads with 1 thread
 */
public record BenchmarkPair(String name, String benchmark, String baseline, double targetRatio, boolean scaling) {

    /** True when {@code ratio} meets the target. */
    public boolean meets(double ratio) {
        return scaling ? ratio >= targetRatio : ratio <= targetRatio;
    }
}
