package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.TokenSystem;

import java.util.Objects;

/**
 * Interop between tokenbridge's tokens and JNA's {@link HANDLE} (the type Waffle and JNA Platform
 * code hold token handles in), kept here so that the public API stays free of JNA types. Every
 * method needs a {@link TokenSystem} over the jna backend: a Windows handle means nothing to the model.
 *
 * <ul>
 *   <li>{@link #borrow}: the token uses the handle and never closes it (the other code still owns it);</li>
 *   <li>{@link #adoptDuplicate}: the token owns a {@code DuplicateHandle} copy; the other code keeps and closes its own;</li>
 *   <li>{@link #adopt}: the token takes the handle over and closes it; the other code must not close it again;</li>
 *   <li>{@link #handleOf}: a JNA view of a token's handle for passing to JNA code, valid while the token is open.</li>
 * </ul>
 */
public final class JnaHandles {

    private JnaHandles() {
    }

    /** {@link TokenSystem#borrow(long, String)} for a JNA handle. */
    public static AccessToken borrow(TokenSystem system, HANDLE handle, String description) {
        return requireJna(system).borrow(value(handle), description);
    }

    /** {@link TokenSystem#adoptDuplicate(long, String)} for a JNA handle. */
    public static AccessToken adoptDuplicate(TokenSystem system, HANDLE handle, String description) {
        return requireJna(system).adoptDuplicate(value(handle), description);
    }

    /** {@link TokenSystem#adopt(long, String)} for a JNA handle: ownership moves to the returned token. */
    public static AccessToken adopt(TokenSystem system, HANDLE handle, String description) {
        return requireJna(system).adopt(value(handle), description);
    }

    /**
     * The token's handle as a JNA {@link HANDLE}: valid only while {@code token} is open; do not close
     * it (close the token). See {@link AccessToken#rawHandle()}.
     */
    public static HANDLE handleOf(AccessToken token) {
        Objects.requireNonNull(token, "token");
        return new HANDLE(Pointer.createConstant(token.rawHandle()));
    }

    private static TokenSystem requireJna(TokenSystem system) {
        Objects.requireNonNull(system, "system");
        if (system.backend() != BackendKind.JNA) {
            throw new IllegalArgumentException("a Windows handle needs a TokenSystem over the jna backend, not " + system);
        }
        return system;
    }

    private static long value(HANDLE handle) {
        Objects.requireNonNull(handle, "handle");
        Pointer p = handle.getPointer();
        return p == null ? 0 : Pointer.nativeValue(p);
    }
}
