package io.github.tokenbridge.reliability;

import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.fault.FaultInjectingBackend;
import io.github.tokenbridge.model.fault.FaultPlan;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.ModelInvariants;
import io.github.tokenbridge.testing.OwnThread;

import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A model world for reliability tests: the model backend, the fault-injecting decorator over it,
 * and a {@link TokenSystem} over the decorator, with the leak checks every test ends with.
 */
final class FaultWorld implements AutoCloseable {

    final ModelBackend model;
    final FaultInjectingBackend faults;
    final TokenSystem system;
    final int baselineHandles;

    FaultWorld(ModelConfiguration configuration) {
        this.model = ModelBackend.create(configuration);
        this.faults = FaultInjectingBackend.over(model, FaultPlan.none());
        this.system = Tokens.over(faults);
        this.baselineHandles = model.world().openHandleCount();
    }

    static FaultWorld standardUser() {
        return new FaultWorld(ModelConfiguration.standardUser());
    }

    /** Installs {@code plan}; call counts start again at zero. */
    void inject(FaultPlan plan) {
        faults.install(plan);
    }

    /** Nothing leaked: the model has the baseline's handles, no thread impersonates, the invariants hold. */
    void assertNoLeaks() {
        assertEquals(baselineHandles, model.world().openHandleCount(), "model handles open beyond the baseline");
        assertEquals(0, model.world().impersonatingThreadCount(), "model threads left impersonating");
        assertEquals(0, system.openHandles().size(), "TokenSystem handles still open: " + system.openHandles());
        ModelInvariants.of(ModelInternals.kernelServices(model.world()).kernel()).assertHold();
    }

    /**
     * Runs {@code body} on a fresh platform thread (so poisoning never reaches the JUnit worker) and
     * fails with an AssertionError carrying whatever it threw.
     */
    static void runOnOwnThread(Callable<?> body) throws InterruptedException {
        Throwable thrown = OwnThread.run("fault-test", body);
        if (thrown != null) {
            throw new AssertionError(thrown);
        }
    }

    @Override
    public void close() {
        faults.install(FaultPlan.none());
        system.close();
    }
}
