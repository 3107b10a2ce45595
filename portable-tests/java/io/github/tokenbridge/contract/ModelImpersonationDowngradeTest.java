package io.github.tokenbridge.contract;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.DowngradePolicy;
import io.github.tokenbridge.ImpersonationDowngradedException;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.OpenAs;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.model.LogonOrigin;
import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The downgrade detection of impersonation scopes against the model's real impersonation decision
 * (R38, R39): a standard user without SeImpersonatePrivilege impersonating another user's logon.
 * Model only, because a live host cannot make such a logon without credentials.
 */
class ModelImpersonationDowngradeTest {

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
    private final TokenSystem system = Tokens.over(backend);

    @AfterEach
    void close() {
        assertFalse(system.isImpersonating());
        system.close();
        assertTrue(system.leakReport().isEmpty(), () -> system.leakReport().toString());
    }

    private AccessToken otherUsersLogon(LogonOrigin origin) {
        long handle = backend.world().logon(LogonPrincipal.OTHER, LogonType.NETWORK, origin).value().value();
        return system.adopt(handle, "logon token of another user");
    }

    @Test
    @DisplayName("R38 e/R39: another user's token without SeImpersonatePrivilege is downgraded; FAIL restores")
    void impersonate_otherUserWithoutSeImpersonate_downgradeDetectedAndRefused() {
        try (AccessToken other = otherUsersLogon(LogonOrigin.SYSTEM)) {
            ImpersonationDowngradedException e = assertThrows(ImpersonationDowngradedException.class,
                    () -> system.impersonate(other));
            assertEquals(1346, e.win32Error()); // ERROR_BAD_IMPERSONATION_LEVEL
            assertEquals(ImpersonationLevel.IMPERSONATION, e.requested());
            assertEquals(ImpersonationLevel.IDENTIFICATION, e.obtained());
            assertFalse(system.isImpersonating());
        }
    }

    @Test
    @DisplayName("R38/R20: an accepted downgrade leaves an Identification token that cannot open objects")
    void impersonate_downgradeAccepted_identificationLevelInEffect() {
        try (AccessToken other = otherUsersLogon(LogonOrigin.SYSTEM);
             ImpersonationScope scope = system.impersonate(other, DowngradePolicy.ACCEPT)) {
            assertTrue(scope.wasDowngraded());
            try (AccessToken thread = system.openThreadToken(Set.of(TokenAccess.QUERY), OpenAs.SELF).orElseThrow()) {
                assertEquals(Optional.of(ImpersonationLevel.IDENTIFICATION), thread.impersonationLevel());
                assertEquals(other.user(), thread.user());
            }
            WinTokenException e = assertThrows(WinTokenException.class,
                    () -> system.openProcessToken(Set.of(TokenAccess.QUERY)));
            assertEquals(1346, e.win32Error());
        }
    }

    @Test
    @DisplayName("R38 d: a logon made by the caller (origin = caller's session) is not downgraded")
    void impersonate_logonByCaller_notDowngraded() {
        try (AccessToken other = otherUsersLogon(LogonOrigin.SELF);
             ImpersonationScope scope = system.impersonate(other)) {
            assertFalse(scope.wasDowngraded());
            assertEquals(ImpersonationLevel.IMPERSONATION, scope.obtainedLevel());
        }
    }
}
