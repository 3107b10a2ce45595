package io.github.tokenbridge;

import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.jna.JnaBackend;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;

import java.util.Objects;

/**
 * The entry point: opens a {@link TokenSystem} over the live Windows API or over the model. There
 * is never a silent fallback from one to the other.
 */
public final class Tokens {

    private Tokens() {
    }

    /**
     * The live Windows token system (advapi32, ntdll and kernel32 through JNA).
     *
     * @throws UnsupportedOperationException off Windows, or when the native libraries cannot be
     *                                       loaded, with the cause
     */
    public static TokenSystem windows() {
        String os = System.getProperty("os.name", "");
        if (!os.startsWith("Windows")) {
            throw new UnsupportedOperationException("Tokens.windows() needs a Windows host, this is " + os
                    + "; use Tokens.model(ModelConfiguration) for the pure-Java model");
        }
        return new TokenSystem(JnaBackend.create());
    }

    /** A token system over a new, isolated model world described by {@code configuration}. */
    public static TokenSystem model(ModelConfiguration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        return new TokenSystem(ModelBackend.create(configuration));
    }

    /**
     * A token system over any backend (tests, the conformance runner). The system takes ownership
     * of {@code backend} and closes it when it is closed.
     */
    public static TokenSystem over(TokenBackend backend) {
        return new TokenSystem(Objects.requireNonNull(backend, "backend"));
    }
}
