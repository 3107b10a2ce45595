package io.github.tokenbridge.accounts;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.IntegrityLevel;
import io.github.tokenbridge.LogonProvider;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.UserLogonType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.model.AccountRight;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LogonUserW and S4U on the model through the public API (rules L1-L20). */
class LogonUserTest {

    private final TokenSystem tokens = Tokens.model(ModelConfiguration.standardUser());

    @AfterEach
    void close() {
        tokens.close();
    }

    private AccessToken logon(String user, String password, UserLogonType type) {
        return tokens.logonUser(user, ".", password.toCharArray(), type);
    }

    private static Optional<TokenGroup> group(AccessToken t, Sid sid) {
        return t.groups().stream().filter(g -> g.sid().equals(sid)).findFirst();
    }

    private int logonError(String user, String password, UserLogonType type) {
        WinTokenException e = assertThrows(WinTokenException.class, () -> logon(user, password, type).close());
        assertEquals("LogonUserW", e.function());
        return e.win32Error();
    }

    @Test
    void logonUser_interactiveUser_primaryTokenWithLogonGroups() { // L1, L5, L6, L8
        try (AccessToken t = logon("tb-user", "Tb-user-1!", UserLogonType.INTERACTIVE)) {
            assertEquals(TokenType.PRIMARY, t.type());
            assertEquals(tokens.lookupAccount("tb-user").sid(), t.user());
            for (Sid s : List.of(Sid.EVERYONE, Sid.BUILTIN_USERS, Sid.INTERACTIVE, Sid.AUTHENTICATED_USERS,
                    Sid.THIS_ORGANIZATION, Sid.parse("S-1-5-113"), Sid.parse("S-1-5-64-10"))) {
                assertTrue(group(t, s).map(TokenGroup::enabled).orElse(false), s.toString());
            }
            assertFalse(group(t, Sid.BUILTIN_ADMINISTRATORS).isPresent());
            assertFalse(group(t, Sid.NETWORK).isPresent());
            TokenGroup logonSid = t.groups().stream().filter(TokenGroup::logonId).findFirst().orElseThrow();
            assertEquals(0xC0000007, logonSid.attributes());
            assertEquals(IntegrityLevel.MEDIUM, t.integrityLevel());
            assertEquals("Advapi  ", t.source().name());
            assertEquals(tokens.lookupAccount(t.primaryGroup()).name(), "None");
        }
    }

    @Test
    void logonUser_newSession_originIsTheCaller() { // L3
        try (AccessToken self = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY));
             AccessToken t = logon("tb-user", "Tb-user-1!", UserLogonType.INTERACTIVE)) {
            assertNotEquals(self.statistics().authenticationId(), t.statistics().authenticationId());
            assertEquals(self.statistics().authenticationId(), t.origin());
        }
    }

    @ParameterizedTest
    @CsvSource({"NETWORK", "NETWORK_CLEARTEXT"})
    void logonUser_network_impersonationTokenWithNetworkGroup(UserLogonType type) { // L1, L2, L6
        try (AccessToken t = logon("tb-user", "Tb-user-1!", type)) {
            assertEquals(TokenType.IMPERSONATION, t.type());
            assertEquals(Optional.of(ImpersonationLevel.IMPERSONATION), t.impersonationLevel());
            assertTrue(group(t, Sid.NETWORK).isPresent());
            assertFalse(group(t, Sid.INTERACTIVE).isPresent());
        }
    }

    @Test
    void logonUser_wrongPassword_logonFailureWhateverElse() { // L12
        assertEquals(Win32Error.ERROR_LOGON_FAILURE.code(), logonError("tb-user", "wrong", UserLogonType.INTERACTIVE));
        assertEquals(Win32Error.ERROR_LOGON_FAILURE.code(), logonError("tb-disabled", "wrong", UserLogonType.INTERACTIVE));
        assertEquals(Win32Error.ERROR_LOGON_FAILURE.code(), logonError("tb-user", "wrong", UserLogonType.BATCH));
        assertEquals(Win32Error.ERROR_LOGON_FAILURE.code(), logonError("tb-blank", "x", UserLogonType.INTERACTIVE));
        assertEquals(Win32Error.ERROR_LOGON_FAILURE.code(), logonError("nobody", "x", UserLogonType.INTERACTIVE));
    }

    @Test
    void logonUser_rightPasswordRestricted_restrictionErrors() { // L11, L13, L14
        assertEquals(Win32Error.ERROR_ACCOUNT_DISABLED.code(), logonError("tb-disabled", "Tb-disabled-1!", UserLogonType.INTERACTIVE));
        assertEquals(Win32Error.ERROR_ACCOUNT_RESTRICTION.code(), logonError("tb-blank", "", UserLogonType.INTERACTIVE));
        assertEquals(Win32Error.ERROR_LOGON_TYPE_NOT_GRANTED.code(), logonError("tb-user", "Tb-user-1!", UserLogonType.BATCH));
        assertEquals(Win32Error.ERROR_LOGON_TYPE_NOT_GRANTED.code(), logonError("tb-user", "Tb-user-1!", UserLogonType.SERVICE));
    }

    @Test
    void logonUser_denyRight_winsOverAllow() { // L11
        ModelConfiguration c = ModelConfiguration.builder()
                .accounts(b -> b.grant(AccountRight.SeDenyNetworkLogonRight, Sid.parse("S-1-5-113"))).build();
        try (TokenSystem s = Tokens.model(c)) {
            WinTokenException e = assertThrows(WinTokenException.class,
                    () -> s.logonUser("tb-user", ".", "Tb-user-1!".toCharArray(), UserLogonType.NETWORK));
            assertEquals(Win32Error.ERROR_LOGON_TYPE_NOT_GRANTED.code(), e.win32Error());
        }
    }

    @Test
    void logonUser_expiredPassword_passwordExpired() { // L13
        ModelConfiguration c = ModelConfiguration.builder().accounts(b -> b.user(
                io.github.tokenbridge.model.UserAccount.of("tb-old", 1010, "Old-1!", "Users").withExpiredPassword())).build();
        try (TokenSystem s = Tokens.model(c)) {
            WinTokenException e = assertThrows(WinTokenException.class,
                    () -> s.logonUser("tb-old", ".", "Old-1!".toCharArray(), UserLogonType.INTERACTIVE));
            assertEquals(Win32Error.ERROR_PASSWORD_EXPIRED.code(), e.win32Error());
        }
    }

    @Test
    void logonUser_adminInteractive_filteredWithFullLinkedAtIdentification() { // L9
        try (AccessToken t = logon("tb-admin", "Tb-admin-1!", UserLogonType.INTERACTIVE)) {
            assertEquals(ElevationType.LIMITED, t.elevationType());
            assertFalse(t.isElevated());
            assertEquals(IntegrityLevel.MEDIUM, t.integrityLevel());
            assertTrue(group(t, Sid.BUILTIN_ADMINISTRATORS).orElseThrow().denyOnly());
            assertTrue(group(t, Sid.parse("S-1-5-114")).orElseThrow().denyOnly());
            assertFalse(tokens.isMemberOf(t, "Administrators"));
            assertTrue(tokens.isMemberOf(t, "Users"));
            try (AccessToken full = t.linkedToken().orElseThrow()) {
                assertEquals(ElevationType.FULL, full.elevationType());
                assertEquals(TokenType.IMPERSONATION, full.type());
                assertEquals(Optional.of(ImpersonationLevel.IDENTIFICATION), full.impersonationLevel());
                assertEquals(IntegrityLevel.HIGH, full.integrityLevel());
                assertTrue(tokens.isMemberOf(full, "BUILTIN\\Administrators"));
            }
        }
    }

    @Test
    void logonUser_adminBatch_fullTokenNotSplit() { // L9, L11 (Administrators hold the batch right)
        try (AccessToken t = logon("tb-admin", "Tb-admin-1!", UserLogonType.BATCH)) {
            assertEquals(ElevationType.DEFAULT, t.elevationType());
            assertTrue(t.isElevated());
            assertEquals(IntegrityLevel.HIGH, t.integrityLevel());
            assertTrue(group(t, Sid.parse("S-1-5-3")).isPresent());
            assertTrue(group(t, Sid.BUILTIN_ADMINISTRATORS).orElseThrow().enabled());
            assertTrue(tokens.isMemberOf(t, "Administrators"));
            assertEquals(Optional.empty(), t.linkedToken());
        }
    }

    @Test
    void logonUser_newCredentials_copiesTheCallerInANewSession() { // L16
        try (AccessToken self = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY));
             AccessToken t = tokens.logonUser("tb-user", ".", "any wrong password".toCharArray(), UserLogonType.NEW_CREDENTIALS,
                     LogonProvider.WINNT50)) {
            assertEquals(self.user(), t.user());
            assertEquals(TokenType.PRIMARY, t.type());
            assertNotEquals(self.statistics().authenticationId(), t.statistics().authenticationId());
            assertEquals(self.statistics().authenticationId(), t.origin());
        }
        assertThrows(WinTokenException.class, () -> tokens.logonUser("tb-user", ".", "x".toCharArray(),
                UserLogonType.NEW_CREDENTIALS, LogonProvider.DEFAULT));
    }

    @Test
    void logonUser_password_wipedAfterSuccessAndFailure_neverInTheMessage() { // issue 14
        char[] ok = "Tb-user-1!".toCharArray();
        tokens.logonUser("tb-user", ".", ok, UserLogonType.INTERACTIVE).close();
        assertArrayEquals(new char[ok.length], ok);
        char[] bad = "Secret-Wrong-9".toCharArray();
        WinTokenException e = assertThrows(WinTokenException.class,
                () -> tokens.logonUser("tb-user", ".", bad, UserLogonType.INTERACTIVE));
        assertArrayEquals(new char[bad.length], bad);
        assertFalse(e.getMessage().contains("Secret-Wrong-9"));
        assertFalse(tokens.openHandles().toString().contains("Tb-user-1!"));
    }

    @Test
    void logonUser_upnWithDomain_invalidParameter() { // L20
        WinTokenException e = assertThrows(WinTokenException.class,
                () -> tokens.logonUser("tb-user@example.com", ".", "x".toCharArray(), UserLogonType.INTERACTIVE));
        assertEquals(Win32Error.ERROR_INVALID_PARAMETER.code(), e.win32Error());
    }

    @Test
    void logonS4U_withoutTcb_identificationLevel() { // L19
        try (AccessToken t = tokens.logonS4U("tb-user", "TB-MODEL")) {
            assertEquals(TokenType.IMPERSONATION, t.type());
            assertEquals(Optional.of(ImpersonationLevel.IDENTIFICATION), t.impersonationLevel());
            assertEquals(tokens.lookupAccount("tb-user").sid(), t.user());
            assertTrue(tokens.isMemberOf(t, "Users"));
        }
    }

    @Test
    void logonS4U_localSystemWithTcb_impersonationLevel() { // L19
        try (TokenSystem system = Tokens.model(ModelConfiguration.localSystem());
             AccessToken t = system.logonS4U("tb-user", "TB-MODEL")) {
            assertEquals(Optional.of(ImpersonationLevel.IMPERSONATION), t.impersonationLevel());
        }
    }

    @Test
    void logonUser_localServiceFromSystem_serviceToken() { // L17
        try (TokenSystem system = Tokens.model(ModelConfiguration.localSystem());
             AccessToken t = system.logonUser("LocalService", "NT AUTHORITY", null, UserLogonType.SERVICE)) {
            assertEquals(Sid.LOCAL_SERVICE, t.user());
            assertEquals(IntegrityLevel.SYSTEM, t.integrityLevel());
        }
    }

    @Test
    void subject_ofALogon_holdsTheNtLoginModulePrincipals() { // issue 14: JAAS
        try (AccessToken t = logon("tb-user", "Tb-user-1!", UserLogonType.INTERACTIVE)) {
            javax.security.auth.Subject subject = tokens.subject(t);
            assertTrue(subject.getPrincipals().contains(new com.sun.security.auth.NTUserPrincipal("tb-user")));
            assertTrue(subject.getPrincipals().contains(new com.sun.security.auth.NTDomainPrincipal("TB-MODEL")));
            assertTrue(subject.getPrincipals().contains(new com.sun.security.auth.NTSidUserPrincipal(t.user().toString())));
            assertTrue(subject.getPrincipals().contains(
                    new com.sun.security.auth.NTSidPrimaryGroupPrincipal(t.primaryGroup().toString())));
            assertTrue(subject.getPrincipals().contains(new com.sun.security.auth.NTSidGroupPrincipal("S-1-5-32-545")));
        }
    }
}
