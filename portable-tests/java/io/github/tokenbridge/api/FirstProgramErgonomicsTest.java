package io.github.tokenbridge.api;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.Ace;
import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.PrivilegeScope;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a first program meets: checks with a primary token (R61, R62), messages with context, readable toStrings. */
class FirstProgramErgonomicsTest {

    private static final SecurityDescriptor EVERYONE_READ = Sddl.parse("O:BAG:BAD:(A;;FR;;;WD)");

    @Test // R62
    void accessCheck_primaryToken_failsSayingWhatToDo() {
        try (TokenSystem tokens = Tokens.model(ModelConfiguration.standardUser());
             AccessToken process = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY, TokenAccess.DUPLICATE))) {
            WinTokenException e = assertThrows(WinTokenException.class,
                    () -> tokens.accessCheck(EVERYONE_READ, process, GenericMapping.GENERIC_READ, GenericMapping.FILE));
            assertEquals("ERROR_NO_IMPERSONATION_TOKEN", e.win32ErrorName());
            assertTrue(e.getMessage().contains("AccessCheck needs an impersonation token and this is a primary token:"
                    + " duplicate it first"), e.getMessage());
            assertTrue(e.getMessage().contains("TokenSystem.accessCheckAsIdentification"), e.getMessage());
        }
    }

    @Test // R62, R63
    void accessCheckAsIdentification_primaryToken_checksADuplicateAndClosesIt() {
        ModelBackend model = ModelBackend.create(ModelConfiguration.standardUser());
        try (TokenSystem tokens = Tokens.over(model);
             AccessToken process = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY, TokenAccess.DUPLICATE))) {
            int before = model.world().openHandleCount();
            AccessCheckResult result = tokens.accessCheckAsIdentification(EVERYONE_READ, process,
                    GenericMapping.GENERIC_READ, GenericMapping.FILE);
            assertTrue(result.accessStatus(), result.toString());
            assertEquals(GenericMapping.FILE.genericRead(), result.grantedAccess());
            assertEquals(before, model.world().openHandleCount(), "the Identification duplicate is closed");
        }
    }

    @Test // R61 (corrected from W-SEC test_elevation): PrivilegeCheck takes a primary token as it is
    void privilegeCheck_primaryToken_answersAndTheIdentificationFormAgrees() {
        try (TokenSystem tokens = Tokens.model(ModelConfiguration.standardUser());
             AccessToken process = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY, TokenAccess.DUPLICATE))) {
            assertTrue(tokens.privilegeCheck(process, true, Privilege.SeChangeNotifyPrivilege));
            assertFalse(tokens.privilegeCheck(process, true, Privilege.SeShutdownPrivilege));
            assertTrue(tokens.privilegeCheckAsIdentification(process, true, Privilege.SeChangeNotifyPrivilege));
            assertFalse(tokens.privilegeCheckAsIdentification(process, true, Privilege.SeShutdownPrivilege));
        }
    }

    @Test // R7
    void hasEnabledPrivilege_standardUser_enabledDisabledAndAbsent() {
        try (TokenSystem tokens = Tokens.model(ModelConfiguration.standardUser());
             AccessToken process = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY))) {
            assertTrue(process.hasEnabledPrivilege(Privilege.SeChangeNotifyPrivilege));
            assertFalse(process.hasEnabledPrivilege(Privilege.SeShutdownPrivilege), "held but disabled");
            assertFalse(process.hasEnabledPrivilege(Privilege.SeDebugPrivilege), "not held");
        }
    }

    @Test // R56
    void enablePrivileges_handleWithoutAdjust_messageNamesGrantedAndNeededAccess() {
        try (TokenSystem tokens = Tokens.model(ModelConfiguration.standardUser());
             AccessToken process = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY))) {
            WinTokenException e = assertThrows(WinTokenException.class, () -> enable(tokens, process));
            assertEquals("ERROR_ACCESS_DENIED", e.win32ErrorName());
            assertTrue(e.getMessage().endsWith("was opened with QUERY (0x8); AdjustTokenPrivileges needs ADJUST_PRIVILEGES"),
                    e.getMessage());
        }
    }

    private static void enable(TokenSystem tokens, AccessToken token) {
        try (PrivilegeScope scope = tokens.enablePrivileges(token, Privilege.SeShutdownPrivilege)) {
            throw new AssertionError("enabled through a QUERY-only handle: " + scope);
        }
    }

    @Test // R59
    void tokenSource_handleWithoutQuerySource_messageNamesTheAccess() {
        try (TokenSystem tokens = Tokens.model(ModelConfiguration.standardUser());
             AccessToken process = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY))) {
            WinTokenException e = assertThrows(WinTokenException.class, process::source);
            assertTrue(e.getMessage().contains("TokenSource; the handle (") && e.getMessage().endsWith(
                    "was opened with QUERY (0x8); GetTokenInformation needs QUERY_SOURCE"), e.getMessage());
        }
    }

    @Test // R4, R9
    void toStrings_standardUser_hexWithNamesSddlAndNoMaxValueExpiry() {
        try (TokenSystem tokens = Tokens.model(ModelConfiguration.standardUser());
             AccessToken process = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY, TokenAccess.DUPLICATE))) {
            String stats = process.statistics().toString();
            assertTrue(stats.contains("expires never"), stats);
            assertFalse(stats.contains(Long.toString(Long.MAX_VALUE)), stats);
            assertTrue(stats.contains(", PRIMARY, "), "no level for a primary token: " + stats);
            assertEquals(process.impersonationLevel(), process.statistics().effectiveImpersonationLevel());
            // groups().get(0) is the primary group <COMPUTER>\None (L5)
            assertEquals("Everyone (S-1-1-0)[MANDATORY|ENABLED_BY_DEFAULT|ENABLED 0x7]", process.groups().get(1).toString());
            assertEquals("O:BAG:BAD:(A;;FR;;;WD)", EVERYONE_READ.toString());
            assertEquals("(A;;FR;;;WD)", EVERYONE_READ.dacl().toString());
            Ace ace = EVERYONE_READ.dacl().aces().get(0);
            assertEquals("(A;;FR;;;WD)", ace.toString());
            assertEquals("AccessCheckResult[granted 0x00120089 READ_CONTROL|SYNCHRONIZE|0x89]",
                    tokens.accessCheckAsIdentification(EVERYONE_READ, process, GenericMapping.GENERIC_READ,
                            GenericMapping.FILE).toString());
        }
    }

    @Test
    void backend_model_spelledAsTheCommandLineSpellsIt() {
        try (TokenSystem tokens = Tokens.model(ModelConfiguration.standardUser())) {
            assertEquals("model", tokens.backend().toString());
            assertEquals(BackendKind.MODEL, BackendKind.fromId("model"));
            assertEquals(0x02000000, GenericMapping.MAXIMUM_ALLOWED);
        }
    }
}
