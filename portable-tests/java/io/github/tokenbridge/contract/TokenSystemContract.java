package io.github.tokenbridge.contract;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.GroupAttribute;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.OpenAs;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.WinTokenException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The opening, duplication and information contract of the public API, for every backend (R1–R27, R52–R59). */
public abstract class TokenSystemContract extends ContractSupport {

    @Test
    @DisplayName("R1/R3: the process token is primary and has no impersonation level")
    void openProcessToken_query_isPrimaryWithoutLevel() {
        try (AccessToken token = system.openProcessToken(QUERY)) {
            assertEquals(TokenType.PRIMARY, token.type());
            assertEquals(Optional.empty(), token.impersonationLevel());
            assertEquals(TokenType.PRIMARY, token.statistics().type());
            assertEquals(EnumSet.of(TokenAccess.QUERY), token.grantedAccess());
        }
    }

    @Test
    @DisplayName("R23: two opens of the process token refer to the same object, also by process id")
    void openProcessToken_twice_sameTokenObject() {
        try (AccessToken first = system.openProcessToken(QUERY);
             AccessToken second = system.openProcessToken(QUERY);
             AccessToken byPid = system.openProcessToken(system.currentProcessId(), QUERY)) {
            assertEquals(first.statistics(), second.statistics());
            assertEquals(first.statistics().tokenId(), byPid.statistics().tokenId());
        }
    }

    @Test
    @DisplayName("OpenProcess of a process id that does not exist fails with ERROR_INVALID_PARAMETER, saying so with the id")
    void openProcessToken_noSuchProcess_invalidParameter() {
        WinTokenException e = assertWinError("OpenProcess", 87, () -> system.openProcessToken(0x7FFFFFFC, QUERY));
        assertTrue(e.getMessage().endsWith(": no process with id 2147483644"), e.getMessage());
    }

    @Test
    @DisplayName("R24: MAXIMUM_ALLOWED on one's own process token grants at least TOKEN_QUERY")
    void openProcessToken_maximumAllowed_grantsQuery() {
        try (AccessToken token = system.openProcessToken(Set.of(TokenAccess.MAXIMUM_ALLOWED))) {
            assertTrue(token.grantedAccess().contains(TokenAccess.QUERY), token.grantedAccess().toString());
            assertFalse(token.grantedAccess().contains(TokenAccess.MAXIMUM_ALLOWED));
        }
    }

    @Test
    @DisplayName("R27: a thread that is not impersonating has no token, for either OpenAs")
    void openThreadToken_notImpersonating_isEmpty() {
        assertEquals(Optional.empty(), system.openThreadToken(QUERY, OpenAs.SELF));
        assertEquals(Optional.empty(), system.openThreadToken(Set.of(), OpenAs.THREAD));
        assertFalse(system.isImpersonating());
    }

    @Test
    @DisplayName("R16: the effective token of a thread that is not impersonating is the process token")
    void openEffectiveToken_notImpersonating_isProcessToken() {
        try (AccessToken effective = system.openEffectiveToken(QUERY);
             AccessToken process = system.openProcessToken(QUERY)) {
            assertEquals(process.statistics().tokenId(), effective.statistics().tokenId());
        }
    }

    @Test
    @DisplayName("R54: a duplicate is a new object of the same logon session with the same contents")
    void duplicate_processToken_newTokenIdSameContents() {
        try (AccessToken process = system.openProcessToken(QUERY_DUPLICATE);
             AccessToken copy = process.duplicate(QUERY, ImpersonationLevel.IDENTIFICATION, TokenType.IMPERSONATION)) {
            TokenStatistics original = process.statistics();
            TokenStatistics duplicated = copy.statistics();
            assertNotEquals(original.tokenId(), duplicated.tokenId());
            assertEquals(original.authenticationId(), duplicated.authenticationId());
            assertEquals(TokenType.IMPERSONATION, copy.type());
            assertEquals(Optional.of(ImpersonationLevel.IDENTIFICATION), copy.impersonationLevel());
            assertEquals(process.user(), copy.user());
            assertEquals(process.groups(), copy.groups());
            assertEquals(process.privileges(), copy.privileges());
            assertEquals(process.elevationType(), copy.elevationType());
            assertEquals(process.sessionId(), copy.sessionId());
            assertEquals(process.origin(), copy.origin());
            assertEquals(process.owner(), copy.owner());
            assertEquals(process.primaryGroup(), copy.primaryGroup());
            assertEquals(process.defaultDacl(), copy.defaultDacl());
            assertEquals(process.integrityLabel(), copy.integrityLabel());
            assertEquals(process.restrictedSids(), copy.restrictedSids());
            assertEquals(original.modifiedId(), duplicated.modifiedId(), "R54: ModifiedId is copied, not renewed");
        }
    }

    @Test
    @DisplayName("R52: an empty access set gives the duplicate the source handle's access")
    void duplicate_emptyAccess_getsSourceHandleAccess() {
        try (AccessToken process = system.openProcessToken(QUERY_DUPLICATE);
             AccessToken copy = process.duplicate(Set.of(), ImpersonationLevel.IMPERSONATION, TokenType.PRIMARY)) {
            assertEquals(EnumSet.of(TokenAccess.QUERY, TokenAccess.DUPLICATE), copy.grantedAccess());
            assertEquals(TokenType.PRIMARY, copy.type());
        }
    }

    @Test
    @DisplayName("R52: duplicating needs TOKEN_DUPLICATE on the source handle (ERROR_ACCESS_DENIED)")
    void duplicate_withoutDuplicateAccess_accessDenied() {
        try (AccessToken process = system.openProcessToken(QUERY)) {
            assertWinError("DuplicateTokenEx", 5,
                    () -> process.duplicate(QUERY, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        }
    }

    @Test
    @DisplayName("R53: an impersonation token's level cannot be raised (ERROR_BAD_IMPERSONATION_LEVEL)")
    void duplicate_anonymousToIdentification_badImpersonationLevel() {
        try (AccessToken anonymous = impersonationToken(ImpersonationLevel.ANONYMOUS, QUERY_DUPLICATE)) {
            assertWinError("DuplicateTokenEx", 1346,
                    () -> anonymous.duplicate(QUERY, ImpersonationLevel.IDENTIFICATION, TokenType.IMPERSONATION));
        }
    }

    @Test
    @DisplayName("R5/R6: groups exclude the user and match the statistics' counts")
    void groupsAndPrivileges_processToken_matchStatistics() {
        try (AccessToken token = system.openProcessToken(QUERY)) {
            TokenStatistics statistics = token.statistics();
            assertEquals(statistics.groupCount(), token.groups().size());
            assertEquals(statistics.privilegeCount(), token.privileges().size());
            assertTrue(token.groups().stream().noneMatch(g -> g.sid().equals(token.user())));
            assertTrue(token.groups().stream().filter(TokenGroup::mandatory).allMatch(TokenGroup::enabled),
                    "R6: mandatory groups are enabled");
        }
    }

    // --- query classes 13 and 29-41 (docs/token-information-classes.md) ---

    @Test
    @DisplayName("R5: TokenGroupsAndPrivileges holds the user first, the groups, restricted SIDs, privileges and logon session")
    void groupsAndPrivileges_processToken_agreesWithTheSeparateClasses() {
        try (AccessToken token = system.openProcessToken(QUERY)) {
            io.github.tokenbridge.TokenGroupsAndPrivileges all = token.groupsAndPrivileges();
            assertEquals(token.user(), all.user().sid());
            assertEquals(token.groups(), all.groups());
            assertEquals(token.privileges(), all.privileges());
            assertEquals(token.restrictedSids(), all.restrictedSids());
            assertEquals(token.statistics().authenticationId(), all.authenticationId());
        }
    }

    @Test
    @DisplayName("R10: a token made with restricting SIDs answers TokenIsRestricted and lists them in TokenGroupsAndPrivileges")
    void isRestricted_restrictedCopy_trueAndListedWhileProcessTokenFalse() {
        try (AccessToken token = system.openProcessToken(QUERY_DUPLICATE);
             AccessToken restricted = system.createRestricted(token, Set.of(), Set.of(), Set.of(), Set.of(Sid.EVERYONE))) {
            assertFalse(token.isRestricted());
            assertTrue(restricted.isRestricted());
            assertEquals(restricted.restrictedSids(), restricted.groupsAndPrivileges().restrictedSids());
            assertEquals(Sid.EVERYONE, restricted.groupsAndPrivileges().restrictedSids().get(0).sid());
        }
    }

    @Test
    @DisplayName("TokenIsAppContainer/Capabilities/AppContainerSid/AppContainerNumber: an ordinary process token is no AppContainer")
    void appContainerClasses_processToken_notAnAppContainer() {
        try (AccessToken token = system.openProcessToken(QUERY)) {
            assertFalse(token.isAppContainer());
            assertEquals(java.util.List.of(), token.capabilities());
            assertEquals(Optional.empty(), token.appContainerSid());
            assertEquals(0, token.appContainerNumber());
            assertEquals(Optional.empty(), token.processTrustLevel(), "not a protected process");
        }
    }

    @Test
    @DisplayName("R58: the owner is the user or a group with SE_GROUP_OWNER; the primary group is set")
    void ownerAndPrimaryGroup_processToken_consistent() {
        try (AccessToken token = system.openProcessToken(QUERY)) {
            Sid owner = token.owner();
            boolean ownerGroup = token.groups().stream()
                    .anyMatch(g -> g.sid().equals(owner) && g.attributeSet().contains(GroupAttribute.OWNER));
            assertTrue(owner.equals(token.user()) || ownerGroup, "owner " + owner);
            assertTrue(token.primaryGroup().revision() == 1);
        }
    }

    @Test
    @DisplayName("R8/R11: integrity label, elevation type and linked token are consistent")
    void integrityAndElevation_processToken_consistent() {
        try (AccessToken token = system.openProcessToken(QUERY)) {
            assertTrue(token.integrityLabel().isIntegrityLabel());
            assertTrue(token.integrityLevel().rid() <= token.integrityLabel().rid());
            Optional<AccessToken> linked = token.linkedToken();
            try {
                assertEquals(token.elevationType() == ElevationType.DEFAULT, linked.isEmpty());
                if (linked.isPresent()) {
                    assertEquals(Optional.of(ImpersonationLevel.IDENTIFICATION), linked.get().impersonationLevel());
                    assertNotEquals(token.elevationType(), linked.get().elevationType());
                }
            } finally {
                linked.ifPresent(AccessToken::close);
            }
        }
    }

    @Test
    @DisplayName("R59: TokenSource needs TOKEN_QUERY_SOURCE; other classes need TOKEN_QUERY (ERROR_ACCESS_DENIED)")
    void query_withoutTheRight_accessDenied() {
        try (AccessToken queryOnly = system.openProcessToken(QUERY);
             AccessToken duplicateOnly = system.openProcessToken(Set.of(TokenAccess.DUPLICATE))) {
            assertWinError("GetTokenInformation", 5, queryOnly::source);
            assertWinError("GetTokenInformation", 5, duplicateOnly::type);
        }
    }

    @Test
    void programmingErrors_sameStandardExceptionsOnEveryBackend() {
        assertThrows(NullPointerException.class, () -> system.openProcessToken(null));
        assertThrows(NullPointerException.class, () -> system.openThreadToken(QUERY, null));
        assertThrows(NullPointerException.class, () -> system.impersonateSelf(null));
        try (TokenSystem other = newSystem();
             AccessToken foreign = other.openProcessToken(QUERY_DUPLICATE)) {
            assertThrows(IllegalArgumentException.class, () -> system.impersonate(foreign));
            assertThrows(IllegalArgumentException.class, () -> system.checkTokenMembership(foreign, Sid.EVERYONE));
        }
    }

    @Test
    void closedToken_anyGetter_illegalState() {
        AccessToken token = system.openProcessToken(QUERY);
        token.close();
        token.close();
        assertThrows(IllegalStateException.class, token::user);
    }

    @Test
    @DisplayName("borrow: a token over a handle someone else owns never closes it")
    void borrow_closedBorrowedToken_ownersHandleStaysOpen() {
        try (AccessToken owner = system.openProcessToken(QUERY)) {
            AccessToken borrowed = system.borrow(owner.rawHandle(), "handle of another library");
            assertFalse(borrowed.ownsHandle());
            assertTrue(owner.ownsHandle());
            assertEquals(owner.rawHandle(), borrowed.rawHandle());
            assertEquals(owner.statistics().tokenId(), borrowed.statistics().tokenId());
            assertEquals(1, system.openHandles().size(), () -> system.openHandles().toString()); // only the owned one
            borrowed.close();
            assertThrows(IllegalStateException.class, borrowed::rawHandle);
            assertThrows(IllegalStateException.class, borrowed::user);
            assertEquals(TokenType.PRIMARY, owner.type()); // still open: the borrowed token did not close it
        }
        assertTrue(system.leakReport().isEmpty(), () -> system.leakReport().toString());
    }

    @Test
    @DisplayName("adoptDuplicate: an own copy of another owner's handle outlives that handle")
    void adoptDuplicate_originalClosed_copyStillUsable() {
        AccessToken copy;
        try (AccessToken original = system.openProcessToken(QUERY)) {
            copy = system.adoptDuplicate(original.rawHandle(), "copy of a handle of another library");
            assertNotEquals(original.rawHandle(), copy.rawHandle());
            assertTrue(copy.ownsHandle());
        }
        try (copy) {
            try (AccessToken process = system.openProcessToken(QUERY)) {
                assertEquals(process.statistics().tokenId(), copy.statistics().tokenId());
            }
            assertEquals(EnumSet.of(TokenAccess.QUERY), copy.grantedAccess()); // DUPLICATE_SAME_ACCESS
        }
    }

    @Test
    @DisplayName("borrow and adoptDuplicate refuse NULL and the pseudo handles (R19)")
    void borrow_pseudoOrNullHandle_isRefused() {
        for (long value : new long[] {0, -4, -5, -6}) {
            assertThrows(IllegalArgumentException.class, () -> system.borrow(value, "x"));
            assertThrows(IllegalArgumentException.class, () -> system.adoptDuplicate(value, "x"));
        }
    }

    @Test
    @DisplayName("rawHandle is refused once the token is closed")
    void rawHandle_afterClose_isIllegalState() {
        AccessToken token = system.openProcessToken(QUERY);
        assertTrue(token.rawHandle() > 0);
        token.close();
        assertThrows(IllegalStateException.class, token::rawHandle);
    }
}
