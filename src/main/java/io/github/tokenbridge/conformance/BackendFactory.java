package io.github.tokenbridge.conformance;

import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.backend.TokenBackend;

/**
 * Makes a fresh backend for each scenario: for the model a new, isolated world configured with
 * the scenario's preset; for a real host the live backend (the preset is ignored there).
 */
public interface BackendFactory {

    /** Which backend this factory makes. */
    BackendKind kind();

    /** A fresh backend for a scenario whose preset is {@code preset}. */
    TokenBackend create(String preset);

    /**
     * The name of the one configuration this factory uses for every scenario (a host snapshot),
     * or null when it follows each scenario's preset (or, for a real host, has none to follow).
     */
    default String fixedConfiguration() {
        return null;
    }

    /**
     * The model-only and kernel verbs for a backend this factory made, or null when the backend
     * has none (a real host).
     */
    default ModelVerbs modelVerbs(TokenBackend backend) {
        return null;
    }
}
