package io.github.tokenbridge.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The bare-JDK baselines that tokenbridge's model benchmarks are divided by: a handle-table-like
 * {@link ConcurrentHashMap} put + remove, and an array copy of a token's group list.
 */
@State(Scope.Thread)
public class BaselineBenchmark {

    private final ConcurrentHashMap<Long, Object> table = new ConcurrentHashMap<>();
    private final Object value = new Object();
    private long next;
    private long[] groups;

    @Setup
    public void setUp() {
        groups = new long[32 * 2];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = i * 31L;
        }
    }

    /** Insert and remove one entry: the least a handle open + close can cost. */
    @Benchmark
    public Object mapPutRemove() {
        long key = (next += 4);
        table.put(key, value);
        return table.remove(key);
    }

    /** Copy an array the size of a 32-group token's SID_AND_ATTRIBUTES list. */
    @Benchmark
    public long[] copyGroupArray() {
        return groups.clone();
    }
}
