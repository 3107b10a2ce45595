package io.github.tokenbridge.model.internal;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelWorld;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.se.AccessCheckTrace;
import io.github.tokenbridge.model.kernel.se.ProcessTokenRules;

import java.lang.invoke.MethodHandles;
import java.util.Objects;

/**
 * The way the module's own packages (the command line, the conformance runner, the tests) reach
 * the inside of a model world, which the exported {@link ModelWorld} and {@link ModelBackend} keep
 * out of their signatures: the kernel services, the kernel routines, and the explanations of an
 * AccessCheck and of a process start.
 *
 * <p>This package is not exported. The model package installs the one {@link Bridge} when
 * {@code ModelWorld} is initialized (a world must exist before any of these can be asked).
 */
public final class ModelInternals {

    /** What the model package gives this class; implemented there, where the fields are. */
    public interface Bridge {
        /** The kernel services of {@code world}. */
        KernelServices kernelServices(ModelWorld world);

        /** The kernel routines (Ps*, Se*) of {@code world}. */
        KernelRoutines kernelRoutines(ModelWorld world);

        /** The AccessCheck trace of the calling thread in {@code world}; see {@link ModelInternals#explainAccessCheck}. */
        Result<AccessCheckTrace> explainAccessCheck(ModelWorld world, SecurityDescriptor securityDescriptor, Handle token,
                                                    int desiredAccess, GenericMapping mapping);

        /** The process-start rules for {@code token} in {@code backend}; see {@link ModelInternals#explainProcessStart}. */
        Result<ProcessTokenRules.Decision> explainProcessStart(ModelBackend backend, Handle token, boolean withToken);
    }

    private static volatile Bridge bridge;

    private ModelInternals() {
    }

    /** Installs the model package's bridge; once only. */
    public static void install(Bridge implementation) {
        Objects.requireNonNull(implementation, "implementation");
        synchronized (ModelInternals.class) {
            if (bridge != null) {
                throw new IllegalStateException("the model bridge is already installed");
            }
            bridge = implementation;
        }
    }

    /** The kernel services of {@code world} (for the model's own layers, the CLI and the tests). */
    public static KernelServices kernelServices(ModelWorld world) {
        return bridge().kernelServices(Objects.requireNonNull(world, "world"));
    }

    /** The kernel routines (Ps*, Se*) of {@code world}: the scenario verbs {@code ps_*} and {@code se_*}. */
    public static KernelRoutines kernelRoutines(ModelWorld world) {
        return bridge().kernelRoutines(Objects.requireNonNull(world, "world"));
    }

    /**
     * Why the SPI's {@code accessCheck} decides as it does for the calling thread of {@code world}:
     * the engine's steps for the same arguments (which precondition failed, which privilege or ACE
     * granted or denied which bits, the integrity decision, the restricted pass); render them with
     * {@link AccessCheckTrace#render()}.
     */
    public static Result<AccessCheckTrace> explainAccessCheck(ModelWorld world, SecurityDescriptor securityDescriptor,
                                                              Handle token, int desiredAccess, GenericMapping mapping) {
        return bridge().explainAccessCheck(Objects.requireNonNull(world, "world"), securityDescriptor, token,
                desiredAccess, mapping);
    }

    /**
     * The rules CreateProcessAsUserW ({@code withToken} false) or CreateProcessWithTokenW would apply
     * to {@code token}, for the calling thread of {@code backend}'s world.
     */
    public static Result<ProcessTokenRules.Decision> explainProcessStart(ModelBackend backend, Handle token,
                                                                         boolean withToken) {
        return bridge().explainProcessStart(Objects.requireNonNull(backend, "backend"),
                Objects.requireNonNull(token, "token"), withToken);
    }

    private static Bridge bridge() {
        Bridge installed = bridge;
        if (installed == null) {
            try {
                MethodHandles.lookup().ensureInitialized(ModelWorld.class); // its initializer installs the bridge
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot initialize ModelWorld", e);
            }
            installed = bridge;
        }
        return installed;
    }
}
