package io.github.tokenbridge.conformance;

import io.github.tokenbridge.backend.TokenBackend;

/**
 * The bridge from the model backend to {@link ModelVerbs}. (Pending: the model backend's world
 * and kernel API is not merged yet, so model-only scenarios fail with the reason.)
 */
final class ModelWorldVerbs {

    private ModelWorldVerbs() {
    }

    /** The model verbs of a model backend, or null when the backend offers none. */
    static ModelVerbs of(TokenBackend backend) {
        return null;
    }
}
