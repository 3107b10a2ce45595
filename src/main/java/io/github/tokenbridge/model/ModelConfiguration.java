package io.github.tokenbridge.model;

/**
 * The immutable description of a model world: the principal the JVM's model process runs as,
 * its groups, privileges and logon session. (Placeholder: presets and builder are being built.)
 */
public final class ModelConfiguration {

    private ModelConfiguration() {
    }

    /** A standard interactive user at medium integrity. */
    public static ModelConfiguration standardUser() {
        throw new UnsupportedOperationException("model presets are not built yet");
    }
}
