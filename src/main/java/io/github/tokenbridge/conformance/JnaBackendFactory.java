package io.github.tokenbridge.conformance;

import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.jna.JnaBackend;

/** Gives every scenario the live Windows backend (presets do not apply to a real host). */
public final class JnaBackendFactory implements BackendFactory {

    @Override
    public BackendKind kind() {
        return BackendKind.JNA;
    }

    @Override
    public TokenBackend create(String preset) {
        return JnaBackend.create();
    }
}
