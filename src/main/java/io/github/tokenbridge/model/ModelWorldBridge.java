package io.github.tokenbridge.model;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.internal.KernelRoutines;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.se.AccessCheckTrace;
import io.github.tokenbridge.model.kernel.se.ProcessTokenRules;

/**
 * The model package's side of {@link ModelInternals}: hands the module's other packages what
 * {@link ModelWorld} and {@link ModelBackend} keep package-private, so that their public
 * signatures name exported types only.
 */
final class ModelWorldBridge implements ModelInternals.Bridge {

    @Override
    public KernelServices kernelServices(ModelWorld world) {
        return world.kernelServices();
    }

    @Override
    public KernelRoutines kernelRoutines(ModelWorld world) {
        return world.kernelRoutines();
    }

    @Override
    public Result<AccessCheckTrace> explainAccessCheck(ModelWorld world, SecurityDescriptor securityDescriptor, Handle token,
                                                       int desiredAccess, GenericMapping mapping) {
        return world.explainAccessCheck(securityDescriptor, token, desiredAccess, mapping);
    }

    @Override
    public Result<ProcessTokenRules.Decision> explainProcessStart(ModelBackend backend, Handle token, boolean withToken) {
        return backend.explainProcessStart(token, withToken);
    }
}
