package io.github.tokenbridge.model;

import io.github.tokenbridge.backend.TokenBackend;

/**
 * The model backend: the backend SPI implemented over a pure-Java model of the Windows security
 * reference monitor. (Placeholder: the model is being built.)
 */
public final class ModelBackend {

    private ModelBackend() {
    }

    /** A new, isolated model world configured by {@code configuration}, seen through the SPI. */
    public static TokenBackend create(ModelConfiguration configuration) {
        throw new UnsupportedOperationException("the model backend is not built yet");
    }
}
