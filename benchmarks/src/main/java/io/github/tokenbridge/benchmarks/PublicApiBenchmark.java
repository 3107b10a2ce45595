package io.github.tokenbridge.benchmarks;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.EnumSet;
import java.util.Set;

/**
 * The public API's paths a user calls most, each beside the SPI calls it makes, on one model world
 * per benchmark thread (standard user, the default leak detection level): what the public API adds
 * (ownership, Cleaner registration, opening-site record, the save / verify protocol of impersonation)
 * over the model's own cost. Pairs in {@link BenchmarkPairs}.
 */
@State(Scope.Thread)
public class PublicApiBenchmark {

    private static final int TOKEN_QUERY = 0x0008;
    private static final Set<TokenAccess> QUERY = EnumSet.of(TokenAccess.QUERY);
    private static final int DESIRED = 0x00020008;

    private ModelBackend backend;
    private TokenSystem system;
    private AccessToken impersonation;
    private Handle spiImpersonation;
    private SecurityDescriptor descriptor;

    @Setup
    public void setUp() {
        backend = ModelBackend.create(ModelConfiguration.standardUser());
        system = Tokens.over(backend);
        try (AccessToken process = system.openProcessToken(EnumSet.of(TokenAccess.DUPLICATE, TokenAccess.QUERY))) {
            impersonation = process.duplicate(EnumSet.of(TokenAccess.IMPERSONATE, TokenAccess.QUERY),
                    ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION);
        }
        impersonation.impersonationLevel(); // learnt once per token, as in any long-lived use
        Result<Handle> process = backend.openProcessToken(Handle.CURRENT_PROCESS, 0x000A); // DUPLICATE | QUERY
        spiImpersonation = backend.duplicateTokenEx(process.value(), 0x000C, null, ImpersonationLevel.IMPERSONATION,
                TokenType.IMPERSONATION).value();
        backend.closeHandle(process.value());
        descriptor = Sddl.parse("O:BAG:BAD:(D;;0x1;;;AN)(A;;0x20008;;;BU)");
    }

    @TearDown
    public void tearDown() {
        impersonation.close();
        backend.closeHandle(spiImpersonation);
        system.close();
    }

    /** {@code TokenSystem.openProcessToken(QUERY)} + {@code AccessToken.close()}. */
    @Benchmark
    public boolean apiOpenClose() {
        AccessToken token = system.openProcessToken(QUERY);
        token.close();
        return token.isOpen();
    }

    /** {@code OpenProcessToken} + {@code CloseHandle} through the SPI. */
    @Benchmark
    public Result<Void> spiOpenClose() {
        return backend.closeHandle(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY).value());
    }

    /** {@code TokenSystem.impersonate(token)} + {@code close()}: save, enter, read back, restore, verify. */
    @Benchmark
    public ImpersonationLevel apiImpersonateRevert() {
        try (ImpersonationScope scope = system.impersonate(impersonation)) {
            return scope.obtainedLevel();
        }
    }

    /** {@code ImpersonateLoggedOnUser} + {@code RevertToSelf} through the SPI. */
    @Benchmark
    public Result<Void> spiImpersonateRevert() {
        backend.impersonateLoggedOnUser(spiImpersonation);
        return backend.revertToSelf();
    }

    /** {@code TokenSystem.impersonateSelf(IMPERSONATION)} + {@code close()}. */
    @Benchmark
    public ImpersonationLevel apiImpersonateSelfRevert() {
        try (ImpersonationScope scope = system.impersonateSelf(ImpersonationLevel.IMPERSONATION)) {
            return scope.obtainedLevel();
        }
    }

    /** {@code ImpersonateSelf} + {@code RevertToSelf} through the SPI. */
    @Benchmark
    public Result<Void> spiImpersonateSelfRevert() {
        backend.impersonateSelf(ImpersonationLevel.IMPERSONATION);
        return backend.revertToSelf();
    }

    /** {@code TokenSystem.accessCheck(sd, token, desired, mapping)}. */
    @Benchmark
    public AccessCheckResult apiAccessCheck() {
        return system.accessCheck(descriptor, impersonation, DESIRED, GenericMapping.TOKEN);
    }

    /** {@code AccessCheck} through the SPI. */
    @Benchmark
    public Result<AccessCheckResult> spiAccessCheck() {
        return backend.accessCheck(descriptor, spiImpersonation, DESIRED, GenericMapping.TOKEN, -1);
    }
}
