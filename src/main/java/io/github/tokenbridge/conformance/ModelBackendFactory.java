package io.github.tokenbridge.conformance;

import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.internal.ModelInternals;

/**
 * Makes a fresh model world per scenario, configured by the scenario's preset, or by one fixed
 * configuration (a host snapshot) for every scenario.
 */
public final class ModelBackendFactory implements BackendFactory {

    private final ModelConfiguration fixed;

    private ModelBackendFactory(ModelConfiguration fixed) {
        this.fixed = fixed;
    }

    /** Each scenario's own preset. */
    public static ModelBackendFactory presets() {
        return new ModelBackendFactory(null);
    }

    /** One configuration for every scenario (for example one built from a host snapshot). */
    public static ModelBackendFactory fixed(ModelConfiguration configuration) {
        return new ModelBackendFactory(configuration);
    }

    @Override
    public String fixedConfiguration() {
        return fixed == null ? null : fixed.name();
    }

    @Override
    public BackendKind kind() {
        return BackendKind.MODEL;
    }

    @Override
    public TokenBackend create(String preset) {
        ModelBackend backend = ModelBackend.create(fixed != null ? fixed : ModelConfiguration.preset(preset));
        // named pipes (issue 13): scenarios never block; a call that would is reported TIMEOUT at once
        ((io.github.tokenbridge.model.kernel.io.npfs.NamedPipeFileSystem) ModelInternals.kernelServices(backend.world()).io()
                .driver(io.github.tokenbridge.model.kernel.io.IoDevices.NAMED_PIPE_DEVICE)).setBlockingCallsTimeOut(true);
        return backend;
    }

    @Override
    public ModelVerbs modelVerbs(TokenBackend backend) {
        return ModelWorldVerbs.of(backend);
    }
}
