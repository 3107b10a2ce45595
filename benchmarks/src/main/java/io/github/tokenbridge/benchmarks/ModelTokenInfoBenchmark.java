package io.github.tokenbridge.benchmarks;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Querying a token's groups through the model's SPI ({@code GetTokenInformation(TokenGroups)}
 * with the buffer sized by the backend). Paired with {@link BaselineBenchmark#copyGroupArray}.
 */
@State(Scope.Thread)
public class ModelTokenInfoBenchmark {

    private ModelBackend backend;
    private Handle token;

    @Setup
    public void setUp() {
        backend = ModelBackend.create(ModelConfiguration.standardUser());
        token = backend.openProcessToken(Handle.CURRENT_PROCESS, 0x0008).value();
    }

    @TearDown
    public void tearDown() {
        backend.closeHandle(token);
        backend.close();
    }

    @Benchmark
    public Result<TokenInformation> queryGroups() {
        return backend.getTokenInformation(token, TokenInformationClass.TokenGroups, -1);
    }
}
