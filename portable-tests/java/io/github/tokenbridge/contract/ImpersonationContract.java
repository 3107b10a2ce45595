package io.github.tokenbridge.contract;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.OpenAs;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.testing.CapturedOutput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The impersonation contract of the public API, for every backend (R28–R46). */
public abstract class ImpersonationContract extends ContractSupport {

    @ParameterizedTest
    @EnumSource(value = ImpersonationLevel.class, names = {"IDENTIFICATION", "IMPERSONATION", "DELEGATION"})
    @DisplayName("R37/R41: ImpersonateSelf gives the thread a token at exactly the level asked for; close reverts")
    void impersonateSelf_level_threadTokenHasThatLevel(ImpersonationLevel level) {
        Sid processUser;
        try (AccessToken process = system.openProcessToken(QUERY)) {
            processUser = process.user(); // read first: at Identification level no object can be opened (R20)
        }
        try (ImpersonationScope scope = system.impersonateSelf(level)) {
            assertEquals(level, scope.obtainedLevel());
            assertFalse(scope.wasDowngraded());
            try (AccessToken thread = system.openThreadToken(QUERY, OpenAs.SELF).orElseThrow()) {
                assertEquals(TokenType.IMPERSONATION, thread.type());
                assertEquals(Optional.of(level), thread.impersonationLevel());
                assertEquals(processUser, thread.user());
            }
        }
        assertEquals(Optional.empty(), system.openThreadToken(QUERY, OpenAs.SELF));
    }

    @Test
    @DisplayName("R28: an Anonymous-level thread token cannot be opened (ERROR_CANT_OPEN_ANONYMOUS)")
    void openThreadToken_anonymousLevel_cantOpenAnonymous() {
        try (ImpersonationScope scope = system.impersonateSelf(ImpersonationLevel.ANONYMOUS)) {
            assertEquals(ImpersonationLevel.ANONYMOUS, scope.obtainedLevel());
            assertWinError("OpenThreadToken", 1347, () -> system.openThreadToken(QUERY, OpenAs.SELF));
            assertWinError("OpenThreadToken", 1347, () -> system.openThreadToken(Set.of(), OpenAs.THREAD));
            assertTrue(system.isImpersonating());
        }
    }

    @Test
    @DisplayName("R29: at Identification level OpenAsSelf=FALSE fails with ERROR_BAD_IMPERSONATION_LEVEL")
    void openThreadToken_identificationAsThread_badImpersonationLevel() {
        try (ImpersonationScope scope = system.impersonateSelf(ImpersonationLevel.IDENTIFICATION)) {
            assertWinError("OpenThreadToken", 1346, () -> system.openThreadToken(QUERY, OpenAs.THREAD));
            system.openThreadToken(QUERY, OpenAs.SELF).orElseThrow().close();
        }
    }

    @Test
    @DisplayName("R46: closing an inner scope puts the outer token back, the very same object")
    void scopes_nested_innerCloseRestoresOuterToken() {
        try (ImpersonationScope outer = system.impersonateSelf(ImpersonationLevel.IMPERSONATION)) {
            long outerId = threadTokenId();
            try (ImpersonationScope inner = system.impersonateSelf(ImpersonationLevel.IDENTIFICATION)) {
                assertTrue(inner.restoresPreviousImpersonation());
                assertTrue(outerId != threadTokenId());
            }
            assertEquals(outerId, threadTokenId());
        }
        assertFalse(system.isImpersonating());
    }

    @Test
    void scopes_closedOutOfOrder_illegalStateAndNothingChanged() {
        ImpersonationScope outer = system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
        ImpersonationScope inner = system.impersonateSelf(ImpersonationLevel.IDENTIFICATION);
        assertThrows(IllegalStateException.class, outer::close);
        assertEquals(Optional.of(ImpersonationLevel.IDENTIFICATION), threadLevel());
        inner.close();
        outer.close();
    }

    private Optional<ImpersonationLevel> threadLevel() {
        try (AccessToken thread = system.openThreadToken(QUERY, OpenAs.SELF).orElseThrow()) {
            return thread.impersonationLevel();
        }
    }

    @Test
    @DisplayName("R20/R24: while impersonating at Identification level the process token cannot be opened")
    void openProcessToken_identificationLevelImpersonation_badImpersonationLevel() {
        try (ImpersonationScope scope = system.impersonateSelf(ImpersonationLevel.IDENTIFICATION)) {
            assertWinError("OpenProcessToken", 1346, () -> system.openProcessToken(QUERY));
        }
        system.openProcessToken(QUERY).close();
    }

    @Test
    @DisplayName("R45: RevertToSelf ends impersonation and also succeeds when not impersonating")
    void revertToSelf_rawUse_endsImpersonation() {
        system.revertToSelf();
        ImpersonationScope scope = system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
        system.revertToSelf();
        assertFalse(system.isImpersonating());
        scope.close(); // restores "not impersonating"
        assertFalse(system.isImpersonating());
    }

    @Test
    @DisplayName("R42: impersonating the primary process token uses an Impersonation-level copy of it")
    void impersonate_primaryToken_impersonationLevelCopy() {
        try (AccessToken process = system.openProcessToken(QUERY_DUPLICATE);
             ImpersonationScope scope = system.impersonate(process)) {
            assertEquals(ImpersonationLevel.IMPERSONATION, scope.obtainedLevel());
            try (AccessToken thread = system.openThreadToken(QUERY, OpenAs.SELF).orElseThrow()) {
                assertEquals(TokenType.IMPERSONATION, thread.type());
                assertEquals(process.user(), thread.user());
                assertTrue(thread.statistics().tokenId().value() != process.statistics().tokenId().value());
            }
        }
    }

    @Test
    @DisplayName("R34: impersonating an impersonation token stores that very object in the thread")
    void impersonate_impersonationToken_threadHoldsSameObject() {
        try (AccessToken token = impersonationToken(ImpersonationLevel.IMPERSONATION,
                Set.of(TokenAccess.QUERY, TokenAccess.IMPERSONATE));
             ImpersonationScope scope = system.impersonate(token)) {
            assertEquals(token.statistics().tokenId().value(), threadTokenId());
            assertEquals(ImpersonationLevel.IMPERSONATION, scope.obtainedLevel());
        }
    }

    @Test
    @DisplayName("R42: an impersonation token needs TOKEN_IMPERSONATE, a primary one TOKEN_DUPLICATE")
    void impersonate_missingRight_accessDeniedAndNotImpersonating() {
        try (AccessToken queryOnly = impersonationToken(ImpersonationLevel.IMPERSONATION, QUERY);
             AccessToken primaryQueryOnly = system.openProcessToken(QUERY)) {
            assertWinError("ImpersonateLoggedOnUser", 5, () -> system.impersonate(queryOnly));
            assertWinError("ImpersonateLoggedOnUser", 5, () -> system.impersonate(primaryQueryOnly));
            assertFalse(system.isImpersonating());
        }
    }

    @Test
    @DisplayName("R44: ImpersonateAnonymousToken impersonates ANONYMOUS LOGON without a logon SID")
    void impersonateAnonymous_threadTokenIsAnonymousLogon() {
        try (ImpersonationScope scope = system.impersonateAnonymous()) {
            assertEquals(ImpersonationLevel.IMPERSONATION, scope.obtainedLevel());
            try (AccessToken thread = system.openThreadToken(QUERY, OpenAs.SELF).orElseThrow()) {
                assertEquals(Sid.ANONYMOUS_LOGON, thread.user());
                assertEquals(Luid.ANONYMOUS_LOGON, thread.statistics().authenticationId());
                assertEquals(Optional.empty(), thread.logonSid());
            }
        }
        assertFalse(system.isImpersonating());
    }

    @Test
    @DisplayName("the impersonating executor runs tasks as the token on platform threads and reverts them")
    void impersonatingExecutor_task_runsAsTokenThenReverts() throws Exception {
        try (AccessToken token = impersonationToken(ImpersonationLevel.IMPERSONATION,
                Set.of(TokenAccess.QUERY, TokenAccess.IMPERSONATE))) {
            ExecutorService executor = system.impersonatingExecutor(token, 1);
            try {
                long seen = executor.submit(this::threadTokenId).get(30, TimeUnit.SECONDS);
                assertEquals(token.statistics().tokenId().value(), seen);
                ExecutorService plain = system.guard(Executors.newSingleThreadExecutor());
                try {
                    Future<Boolean> leaky = plain.submit(() -> {
                        system.impersonate(token); // left open on purpose
                        return true;
                    });
                    ExecutionException e = assertThrows(ExecutionException.class, () -> leaky.get(30, TimeUnit.SECONDS));
                    assertEquals(IllegalStateException.class, e.getCause().getClass());
                    assertFalse(plain.submit(system::isImpersonating).get(30, TimeUnit.SECONDS));
                } finally {
                    try (CapturedOutput output = CapturedOutput.capture()) {
                        plain.shutdown();
                        output.assertLogged(Level.WARNING, "shut down after 1 impersonation leak(s) on its threads", 1);
                    }
                    assertTrue(plain.awaitTermination(30, TimeUnit.SECONDS));
                }
            } finally {
                executor.shutdown();
                assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    @DisplayName("R16: while impersonating, the effective token is the thread token")
    void openEffectiveToken_impersonating_isThreadToken() throws Exception {
        try (AccessToken token = impersonationToken(ImpersonationLevel.IMPERSONATION,
                Set.of(TokenAccess.QUERY, TokenAccess.IMPERSONATE))) {
            long id = system.runImpersonated(token, () -> {
                try (AccessToken effective = system.openEffectiveToken(QUERY)) {
                    return effective.statistics().tokenId().value();
                }
            });
            assertEquals(token.statistics().tokenId().value(), id);
        }
    }
}
