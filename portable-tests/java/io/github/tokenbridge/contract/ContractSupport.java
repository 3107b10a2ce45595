package io.github.tokenbridge.contract;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.OpenAs;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.WinTokenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared set-up of the public-API contract tests: a fresh {@link TokenSystem} per test from the
 * backend under test, and the check after each test that it left no impersonation and no leaked handle.
 */
abstract class ContractSupport {

    /** The set-up every contract test starts from. */
    static final Set<TokenAccess> QUERY = Set.of(TokenAccess.QUERY);
    static final Set<TokenAccess> QUERY_DUPLICATE = Set.of(TokenAccess.QUERY, TokenAccess.DUPLICATE);

    protected TokenSystem system;

    /** A new token system over the backend under test, the calling process a standard user or better. */
    protected abstract TokenSystem newSystem();

    @BeforeEach
    void openSystem() {
        system = newSystem();
    }

    @AfterEach
    void closeSystem() {
        try {
            boolean impersonating = system.isImpersonating();
            if (impersonating) {
                system.revertToSelf();
            }
            assertFalse(impersonating, "the test left the thread impersonating");
            assertTrue(system.openHandles().isEmpty(), () -> "the test left handles open: " + system.openHandles());
        } finally {
            system.close();
        }
    }

    /** An impersonation token at {@code level}, duplicated from the process token. */
    AccessToken impersonationToken(ImpersonationLevel level, Set<TokenAccess> access) {
        try (AccessToken process = system.openProcessToken(QUERY_DUPLICATE)) {
            return process.duplicate(access, level, TokenType.IMPERSONATION);
        }
    }

    /** The thread token's id, read with {@code OpenAsSelf = TRUE}. */
    long threadTokenId() {
        try (AccessToken thread = system.openThreadToken(QUERY, OpenAs.SELF).orElseThrow()) {
            return thread.statistics().tokenId().value();
        }
    }

    /** Asserts that {@code call} fails with exactly this Win32 error and names this function. */
    static WinTokenException assertWinError(String function, int win32Error, Executable call) {
        WinTokenException e = assertThrows(WinTokenException.class, call);
        assertEquals(function, e.function(), e.getMessage());
        assertEquals(win32Error, e.win32Error(), e.getMessage());
        return e;
    }
}
