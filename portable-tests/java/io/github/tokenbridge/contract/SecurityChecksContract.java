package io.github.tokenbridge.contract;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.Ace;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NotAllAssignedPolicy;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.PrivilegeScope;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The privilege, membership, access-check and restriction contract of the public API (R10, R56–R64). */
public abstract class SecurityChecksContract extends ContractSupport {

    private static final Set<TokenAccess> ADJUST = Set.of(TokenAccess.QUERY, TokenAccess.ADJUST_PRIVILEGES);
    private static final Sid NOBODY = Sid.parse("S-1-5-21-1-2-3-4242");

    private AccessToken primaryCopy(Set<TokenAccess> access) {
        try (AccessToken process = system.openProcessToken(QUERY_DUPLICATE)) {
            return process.duplicate(access, ImpersonationLevel.IMPERSONATION, TokenType.PRIMARY);
        }
    }

    private static Optional<TokenPrivilege> find(List<TokenPrivilege> privileges, Privilege privilege) {
        return privileges.stream().filter(p -> p.luid().equals(privilege.luid())).findFirst();
    }

    @Test
    @DisplayName("R56: enablePrivileges enables a disabled privilege and closing disables it again")
    void enablePrivileges_disabledPrivilege_enabledThenRestored() {
        try (AccessToken token = primaryCopy(ADJUST)) {
            Optional<Privilege> disabled = token.privileges().stream().filter(p -> !p.enabled())
                    .flatMap(p -> p.privilege().stream()).findFirst();
            Assumptions.assumeTrue(disabled.isPresent(), "the token has no disabled privilege");
            try (PrivilegeScope scope = system.enablePrivileges(token, disabled.get())) {
                assertTrue(scope.allAssigned());
                assertTrue(find(token.privileges(), disabled.get()).orElseThrow().enabled());
                assertEquals(1, scope.previousState().size());
            }
            assertFalse(find(token.privileges(), disabled.get()).orElseThrow().enabled());
        }
    }

    @Test
    @DisplayName("R56: a privilege the token lacks is ERROR_NOT_ALL_ASSIGNED, a failure unless accepted")
    void enablePrivileges_privilegeNotHeld_notAllAssigned() {
        try (AccessToken token = primaryCopy(ADJUST)) {
            List<TokenPrivilege> held = token.privileges();
            Optional<Privilege> missing = Arrays.stream(Privilege.values())
                    .filter(p -> find(held, p).isEmpty()).findFirst();
            Assumptions.assumeTrue(missing.isPresent(), "the token holds every privilege");
            assertWinError("AdjustTokenPrivileges", 1300, () -> system.enablePrivileges(token, missing.get()));
            assertEquals(held, token.privileges());
            try (PrivilegeScope scope = system.enablePrivileges(token, NotAllAssignedPolicy.ACCEPT, missing.get())) {
                assertFalse(scope.allAssigned());
            }
        }
    }

    @Test
    @DisplayName("R60/R61/R62: checks on a primary token fail with ERROR_NO_IMPERSONATION_TOKEN")
    void checks_primaryToken_noImpersonationToken() {
        try (AccessToken process = system.openProcessToken(QUERY)) {
            assertWinError("CheckTokenMembership", 1309, () -> system.checkTokenMembership(process, Sid.EVERYONE));
            SecurityDescriptor sd = SecurityDescriptor.withNullDacl(process.user(), process.user());
            assertWinError("AccessCheck", 1309, () -> system.accessCheck(sd, process, 1, GenericMapping.FILE));
        }
    }

    @Test
    @DisplayName("R60/R64: membership counts the user and enabled groups, at Identification level")
    void checkTokenMembership_identificationToken_userAndEnabledGroups() {
        try (AccessToken token = impersonationToken(ImpersonationLevel.IDENTIFICATION, QUERY)) {
            assertTrue(system.checkTokenMembership(token, token.user()));
            for (TokenGroup group : token.groups()) {
                boolean counts = group.enabled() && !group.denyOnly();
                assertEquals(counts, system.checkTokenMembership(token, group.sid()), group.toString());
            }
            assertFalse(system.checkTokenMembership(token, NOBODY));
            try (AccessToken process = system.openProcessToken(QUERY)) {
                assertTrue(system.checkTokenMembership(process.user()), "R60: NULL = the effective token");
            }
        }
    }

    @Test
    @DisplayName("R61/R64: PrivilegeCheck at Identification level sees enabled privileges only")
    void privilegeCheck_identificationToken_enabledOnly() {
        try (AccessToken token = impersonationToken(ImpersonationLevel.IDENTIFICATION, QUERY)) {
            for (TokenPrivilege privilege : token.privileges()) {
                Privilege p = privilege.privilege().orElseThrow();
                assertEquals(privilege.enabled(), system.privilegeCheck(token, true, p), privilege.toString());
            }
        }
    }

    @Test
    @DisplayName("R63: the DACL decides; MAXIMUM_ALLOWED, generic mapping and an empty DACL")
    void accessCheck_daclVariants_grantAsWindows() {
        try (AccessToken token = impersonationToken(ImpersonationLevel.IDENTIFICATION, QUERY)) {
            Sid user = token.user();
            int read = GenericMapping.FILE.genericRead();
            SecurityDescriptor readOnly = SecurityDescriptor.of(user, user, Acl.of(Ace.allow(read, user)));

            AccessCheckResult granted = system.accessCheck(readOnly, token, GenericMapping.GENERIC_READ, GenericMapping.FILE);
            assertTrue(granted.accessStatus());
            assertEquals(read, granted.grantedAccess());

            AccessCheckResult maximum = system.accessCheck(readOnly, token, 0x02000000, GenericMapping.FILE);
            assertTrue(maximum.accessStatus());
            assertEquals(read, maximum.grantedAccess() & read);

            SecurityDescriptor empty = SecurityDescriptor.of(NOBODY, NOBODY, Acl.EMPTY);
            AccessCheckResult denied = system.accessCheck(empty, token, read, GenericMapping.FILE);
            assertFalse(denied.accessStatus());
            assertEquals(0, denied.grantedAccess());
            assertEquals(5, denied.denialError()); // ERROR_ACCESS_DENIED, not a call failure
        }
    }

    @Test
    @DisplayName("R10: CreateRestrictedToken makes disabled SIDs deny-only and keeps the type")
    void createRestricted_disableEveryone_denyOnlyAndRestrictedSids() {
        try (AccessToken source = primaryCopy(QUERY_DUPLICATE)) {
            Assumptions.assumeTrue(source.groups().stream().anyMatch(g -> g.sid().equals(Sid.EVERYONE)));
            try (AccessToken restricted = system.createRestricted(source, Set.of(), List.of(Sid.EVERYONE), List.of(),
                    List.of(source.user()))) {
                TokenGroup everyone = restricted.groups().stream().filter(g -> g.sid().equals(Sid.EVERYONE))
                        .findFirst().orElseThrow();
                assertTrue(everyone.denyOnly());
                assertFalse(everyone.enabled());
                assertEquals(List.of(source.user()), restricted.restrictedSids().stream().map(TokenGroup::sid).toList());
                assertEquals(TokenType.PRIMARY, restricted.type());
                assertTrue(restricted.hasRestrictions());
            }
        }
    }
}
