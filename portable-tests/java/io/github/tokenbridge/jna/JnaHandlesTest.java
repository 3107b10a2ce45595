package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JnaHandles off Windows: the JNA view of a token's handle, and the refusal of a model system. */
class JnaHandlesTest {

    @Test
    void borrow_modelSystem_isRefusedBecauseAWindowsHandleMeansNothingThere() {
        try (TokenSystem system = Tokens.model(ModelConfiguration.standardUser())) {
            HANDLE h = new HANDLE(Pointer.createConstant(0x44));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JnaHandles.borrow(system, h, "x"));
            assertTrue(e.getMessage().contains("jna backend"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> JnaHandles.adoptDuplicate(system, h, "x"));
            assertThrows(IllegalArgumentException.class, () -> JnaHandles.adopt(system, h, "x"));
            assertThrows(NullPointerException.class, () -> JnaHandles.borrow(null, h, "x"));
        }
    }

    @Test
    void handleOf_openToken_isTheRawValueAndRefusedAfterClose() {
        try (TokenSystem system = Tokens.model(ModelConfiguration.standardUser())) {
            AccessToken token = system.openProcessToken(Set.of(TokenAccess.QUERY));
            assertEquals(token.rawHandle(), Pointer.nativeValue(JnaHandles.handleOf(token).getPointer()));
            token.close();
            assertThrows(IllegalStateException.class, () -> JnaHandles.handleOf(token));
        }
    }
}
