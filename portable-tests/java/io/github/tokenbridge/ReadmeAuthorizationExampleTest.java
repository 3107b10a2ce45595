package io.github.tokenbridge;

import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's "Authenticating a user and checking a group by name" example, run on the model (L1, L12, R60). */
class ReadmeAuthorizationExampleTest {

    /** The README's method, verbatim. */
    static boolean authorized(TokenSystem tokens, String user, char[] password, String group) {
        try (AccessToken token = tokens.logonUser(user, ".", password, UserLogonType.NETWORK)) {
            return tokens.isMemberOf(token, group);
        } catch (WinTokenException e) {
            if ("ERROR_LOGON_FAILURE".equals(e.win32ErrorName())) {
                return false;
            }
            throw e;
        }
    }

    @Test // L12 R60
    void authorized_conformanceUser_inUsersNotAdministratorsAndWrongPasswordRefused() {
        try (TokenSystem tokens = Tokens.model(ModelConfiguration.standardUser())) {
            assertTrue(authorized(tokens, "tb-user", "Tb-user-1!".toCharArray(), "Users"));
            assertFalse(authorized(tokens, "tb-user", "Tb-user-1!".toCharArray(), "Administrators"));
            assertFalse(authorized(tokens, "tb-user", "wrong".toCharArray(), "Users"));
            assertTrue(authorized(tokens, "tb-admin", "Tb-admin-1!".toCharArray(), "BUILTIN\\Administrators")); // network logon: full token
        }
    }
}
