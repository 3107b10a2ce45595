package io.github.tokenbridge.benchmarks;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Opening and closing a process-token handle in the model ({@code OpenProcessToken} +
 * {@code CloseHandle} through the SPI): the handle-table insert and remove plus the DACL access
 * check of the token object. Paired with {@link BaselineBenchmark#mapPutRemove}.
 */
@State(Scope.Thread)
public class ModelHandleBenchmark {

    private static final int TOKEN_QUERY = 0x0008;

    private ModelBackend backend;

    @Setup
    public void setUp() {
        backend = ModelBackend.create(ModelConfiguration.standardUser());
    }

    @TearDown
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public Result<Void> openClose() {
        Result<Handle> opened = backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY);
        if (!opened.succeeded()) {
            throw new IllegalStateException("OpenProcessToken failed: " + opened);
        }
        return backend.closeHandle(opened.value());
    }
}
