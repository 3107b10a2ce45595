package io.github.tokenbridge.model;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.tokenbridge.model.ModelAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/** The rules of docs/rules.md section D (settled by the differential runs of issue 18) through the SPI. */
class DifferentialRulesTest {

    private static final int WRITE_RESTRICTED = 0x8;
    private static final int READ_CONTROL = 0x00020000;

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());

    @AfterEach
    void revert() {
        backend.revertToSelf();
    }

    private Handle processToken(int access) {
        return ok(backend.openProcessToken(Handle.CURRENT_PROCESS, access));
    }

    @Test
    @DisplayName("D1: a DACL granting only SERVICE does not limit the creator's MAXIMUM_ALLOWED handle, which can duplicate again")
    void duplicateTokenEx_descriptorForSomeoneElse_firstHandleNotChecked() {
        Handle source = processToken(TOKEN_DUPLICATE | TOKEN_QUERY);
        Handle created = ok(backend.duplicateTokenEx(source, MAXIMUM_ALLOWED, Sddl.parse("D:(A;NP;GA;;;S-1-5-6)"),
                ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        assertEquals(TOKEN_ALL_ACCESS, ok(backend.queryGrantedAccess(created)));
        ok(backend.duplicateTokenEx(created, MAXIMUM_ALLOWED, null, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        // a second handle asking for more than its source is checked against that DACL (R21)
        Handle queryOnly = ok(backend.duplicateHandle(created, TOKEN_QUERY, 0));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.duplicateHandle(queryOnly, TOKEN_QUERY | TOKEN_DUPLICATE, 0));
    }

    @Test
    @DisplayName("D1: with an empty default DACL, DuplicateToken and ImpersonateLoggedOnUser still get their handles")
    void emptyDefaultDacl_duplicateAndImpersonateLoggedOnUser_succeed() {
        Handle p = processToken(TOKEN_ALL_ACCESS);
        ok(backend.setTokenInformation(p, TokenInformationClass.TokenDefaultDacl, Acl.EMPTY));
        Handle copy = ok(backend.duplicateToken(p, ImpersonationLevel.IDENTIFICATION));
        assertEquals(TOKEN_QUERY | TOKEN_IMPERSONATE, ok(backend.queryGrantedAccess(copy)));
        ok(backend.impersonateLoggedOnUser(p));
        // the copy's own DACL is the empty one: only the owner's READ_CONTROL|WRITE_DAC (R63) for a later handle
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.duplicateHandle(copy, TOKEN_QUERY | TOKEN_DUPLICATE, 0));
        ok(backend.duplicateHandle(copy, READ_CONTROL, 0));
    }

    @Test
    @DisplayName("D1 with R20: duplicating under an Identification-level effective token succeeds, opening fails")
    void identificationEffectiveToken_duplicationSucceedsOpenFails() {
        Handle p = processToken(TOKEN_DUPLICATE | TOKEN_QUERY);
        ok(backend.impersonateSelf(ImpersonationLevel.IDENTIFICATION));
        Handle copy = ok(backend.duplicateTokenEx(p, TOKEN_QUERY, null, ImpersonationLevel.IDENTIFICATION, TokenType.IMPERSONATION));
        assertEquals(TOKEN_QUERY, ok(backend.queryGrantedAccess(copy)));
        ok(backend.ntDuplicateToken(p, TOKEN_QUERY, ImpersonationLevel.IDENTIFICATION, false, TokenType.IMPERSONATION));
        fails(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
    }

    @Test
    @DisplayName("D1 with R25: ACCESS_SYSTEM_SECURITY on a new token needs SeSecurityPrivilege enabled")
    void duplicateTokenEx_systemSecurity_needsEnabledSecurityPrivilege() {
        ModelBackend admin = ModelBackend.create(ModelConfiguration.elevatedAdmin());
        Handle p = ok(admin.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_ALL_ACCESS));
        fails(NtStatus.STATUS_PRIVILEGE_NOT_HELD, admin.duplicateTokenEx(p, TOKEN_QUERY | ACCESS_SYSTEM_SECURITY, null,
                ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        AdjustResult<TokenPrivilege> enabled = ok(admin.adjustTokenPrivileges(p, false,
                List.of(TokenPrivilege.of(Privilege.SeSecurityPrivilege, 0x2)), -1));
        assertNotNull(enabled);
        Handle copy = ok(admin.duplicateTokenEx(p, TOKEN_QUERY | ACCESS_SYSTEM_SECURITY, null,
                ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        assertEquals(TOKEN_QUERY | ACCESS_SYSTEM_SECURITY, ok(admin.queryGrantedAccess(copy)));
    }

    @Test
    @DisplayName("D2: the restricting SIDs of a write-restricted token do not limit CheckTokenMembership; of a restricted one they do")
    void checkTokenMembership_writeRestricted_restrictingSidsIgnored() {
        Handle p = processToken(TOKEN_DUPLICATE | TOKEN_QUERY);
        Handle impersonation = ok(backend.duplicateTokenEx(p, TOKEN_ALL_ACCESS, null, ImpersonationLevel.IMPERSONATION,
                TokenType.IMPERSONATION));
        Handle writeRestricted = ok(backend.createRestrictedToken(impersonation, WRITE_RESTRICTED, List.of(), List.of(),
                List.of(Sid.BUILTIN_USERS)));
        Handle restricted = ok(backend.createRestrictedToken(impersonation, 0, List.of(), List.of(), List.of(Sid.BUILTIN_USERS)));
        assertTrue(ok(backend.checkTokenMembership(writeRestricted, Sid.AUTHENTICATED_USERS)));
        assertFalse(ok(backend.checkTokenMembership(restricted, Sid.AUTHENTICATED_USERS)));
        assertTrue(ok(backend.checkTokenMembership(restricted, Sid.BUILTIN_USERS)));
    }

    @Test
    @DisplayName("D3: MAXIMUM_ALLOWED with a specific right is granted only when that right is, then gives all the DACL grants")
    void accessCheck_maximumAllowedWithSpecificRight_needsThatRight() {
        Handle token = ok(backend.duplicateToken(processToken(TOKEN_DUPLICATE), ImpersonationLevel.IMPERSONATION));
        AccessCheckResult granted = ok(backend.accessCheck(Sddl.parse("O:SYG:SYD:(A;;0x21;;;WD)"), token,
                MAXIMUM_ALLOWED | 0x1, GenericMapping.FILE, -1));
        assertTrue(granted.accessStatus());
        assertEquals(0x21, granted.grantedAccess());
        AccessCheckResult refused = ok(backend.accessCheck(Sddl.parse("O:SYG:SYD:(A;;0x20;;;WD)"), token,
                MAXIMUM_ALLOWED | 0x1, GenericMapping.FILE, -1));
        assertFalse(refused.accessStatus());
        assertEquals(0, refused.grantedAccess());
    }

    @Test
    @DisplayName("D4: a token whose user SID is deny-only gets no owner rights on an object the user owns")
    void accessCheck_denyOnlyUserOwner_noOwnerRights() {
        Handle p = processToken(TOKEN_DUPLICATE | TOKEN_QUERY);
        Handle impersonation = ok(backend.duplicateTokenEx(p, TOKEN_ALL_ACCESS, null, ImpersonationLevel.IMPERSONATION,
                TokenType.IMPERSONATION));
        Sid user = ModelConfiguration.standardUser().user();
        Handle denyOnlyUser = ok(backend.createRestrictedToken(impersonation, 0, List.of(user), List.of(), List.of()));
        String ownedByUser = "O:" + user + "G:SYD:";
        AccessCheckResult owner = ok(backend.accessCheck(Sddl.parse(ownedByUser), impersonation, MAXIMUM_ALLOWED,
                GenericMapping.FILE, -1));
        assertEquals(READ_CONTROL | 0x00040000, owner.grantedAccess());
        AccessCheckResult notOwner = ok(backend.accessCheck(Sddl.parse(ownedByUser), denyOnlyUser, MAXIMUM_ALLOWED,
                GenericMapping.FILE, -1));
        assertFalse(notOwner.accessStatus());
        assertEquals(0, notOwner.grantedAccess());
    }
}

