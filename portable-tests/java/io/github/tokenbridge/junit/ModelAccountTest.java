package io.github.tokenbridge.junit;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.Account;
import io.github.tokenbridge.SidType;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.UserLogonType;
import io.github.tokenbridge.WinTokenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** {@link ModelAccount}: a test declares the model's accounts (issue 14; rules L9, L12, L13, N3), checked through the engine test kit. */
class ModelAccountTest {

    @ExtendWith(OnlyInTestKit.class)
    @ModelAccount(name = "alice", password = "Alice-pw-1!", groups = {"Users", "Administrators"})
    @ModelAccount(name = "bob", password = "Bob-pw-1!")
    static class Fixtures {
        @Test
        void classAccounts(TokenSystem tokens) {
            Account alice = tokens.lookupAccount("alice");
            assertEquals(SidType.USER, alice.type());
            assertTrue(alice.sid().toString().endsWith("-2000"), alice.toString());
            assertTrue(tokens.lookupAccount("bob").sid().toString().endsWith("-2001"));
            try (AccessToken t = tokens.logonUser("alice", ".", "Alice-pw-1!".toCharArray(), UserLogonType.BATCH)) {
                assertTrue(tokens.isMemberOf(t, "BUILTIN\\Administrators")); // L9: a batch logon is the full token
            }
            try (AccessToken t = tokens.logonUser("bob", ".", "Bob-pw-1!".toCharArray(), UserLogonType.INTERACTIVE)) {
                assertTrue(tokens.isMemberOf(t, "Users"));
                assertFalse(tokens.isMemberOf(t, "Administrators"));
            }
            assertEquals("ERROR_LOGON_FAILURE", assertThrows(WinTokenException.class,
                    () -> tokens.logonUser("bob", ".", "wrong".toCharArray(), UserLogonType.INTERACTIVE)).win32ErrorName());
            tokens.lookupAccount("tb-user"); // the conformance accounts stay
        }

        @Test
        @ModelAccount(name = "bob", password = "Bob-pw-2!", rid = 3000, disabled = true)
        void methodAccountReplacesClassOne(TokenSystem tokens) {
            assertTrue(tokens.lookupAccount("bob").sid().toString().endsWith("-3000"));
            assertEquals("ERROR_ACCOUNT_DISABLED", assertThrows(WinTokenException.class,
                    () -> tokens.logonUser("bob", ".", "Bob-pw-2!".toCharArray(), UserLogonType.INTERACTIVE)).win32ErrorName());
        }

        @Test
        @ModelAccount(name = "bad\\name", password = "x")
        void malformedName(TokenSystem tokens) {
        }
    }

    private static Events run() {
        return EngineTestKit.engine("junit-jupiter").configurationParameter(OnlyInTestKit.KEY, "true")
                .selectors(selectClass(Fixtures.class)).execute().testEvents();
    }

    private static Optional<Throwable> failure(Events events, String method) {
        List<Event> finished = events.finished().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "(")).toList();
        assertEquals(1, finished.size(), method + " should have run once");
        return finished.get(0).getPayload(TestExecutionResult.class).orElseThrow().getThrowable();
    }

    @Test // N3 L9 L12
    void declaredAccounts_onTheClass_logOnAndResolveByName() {
        assertEquals(Optional.empty(), failure(run(), "classAccounts").map(t -> (Object) t.toString()));
    }

    @Test // L13
    void declaredAccount_onTheMethod_replacesTheClassOneOfThatName() {
        assertEquals(Optional.empty(), failure(run(), "methodAccountReplacesClassOne").map(t -> (Object) t.toString()));
    }

    @Test
    void declaredAccount_malformedName_failsTheTestNamingTheAnnotation() {
        Throwable t = failure(run(), "malformedName").orElseThrow();
        assertTrue(t.getMessage().startsWith("@ModelAccount: not an account name: \"bad\\name\""), t.getMessage());
    }
}
