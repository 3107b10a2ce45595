package io.github.tokenbridge.jna;

import io.github.tokenbridge.backend.TokenBackend;

/**
 * The jna backend: the backend SPI implemented by calling advapi32, ntdll and kernel32 through
 * JNA on a Windows host. (Placeholder: the bindings are being built.)
 */
public final class JnaBackend {

    private JnaBackend() {
    }

    /** The live Windows backend; fails with an exception naming the cause where it is unavailable. */
    public static TokenBackend create() {
        throw new UnsupportedOperationException("the jna backend is not built yet");
    }
}
