package io.github.tokenbridge.model.kernel.se;


import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PrivilegeCheckResult;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.internal.ModelInternals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The five security SPI functions of the model backend, end to end over its token objects (R10, R13, R57, R60-R64). */
class ModelBackendSecurityTest {

    private static final int TOKEN_DUPLICATE = 0x2;
    private static final int TOKEN_IMPERSONATE = 0x4;
    private static final int TOKEN_QUERY = 0x8;
    private static final int TOKEN_ADJUST_GROUPS = 0x40;
    private static final int TOKEN_ALL_ACCESS = 0xF01FF;

    private ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());

    @AfterEach
    void close() {
        backend.close();
    }

    private Handle processToken(int access) {
        Result<Handle> r = backend.openProcessToken(Handle.CURRENT_PROCESS, access);
        assertTrue(r.succeeded(), r::toString);
        return r.value();
    }

    private Handle impersonationToken(ImpersonationLevel level) {
        Result<Handle> r = backend.duplicateTokenEx(processToken(TOKEN_DUPLICATE), TOKEN_ALL_ACCESS, null, level, TokenType.IMPERSONATION);
        assertTrue(r.succeeded(), r::toString);
        return r.value();
    }

    @SuppressWarnings("unchecked")
    private List<TokenGroup> groups(Handle token) {
        return (List<TokenGroup>) backend.getTokenInformation(token, TokenInformationClass.TokenGroups, -1).value().value();
    }

    @Test
    @DisplayName("R63/R64: AccessCheck grants what the DACL allows to an Identification token; denial is TRUE + ERROR_ACCESS_DENIED")
    void accessCheck_identificationToken_grantsAndDenies() {
        Handle token = impersonationToken(ImpersonationLevel.IDENTIFICATION);
        Result<AccessCheckResult> granted = backend.accessCheck(Sddl.parse("O:BAG:SYD:(A;;FR;;;BU)"), token, 0x120089, GenericMapping.FILE, -1);
        assertTrue(granted.succeeded());
        assertEquals(0, granted.win32Error());
        assertEquals(new AccessCheckResult(true, 0x120089, List.of(), 0), granted.value());
        Result<AccessCheckResult> denied = backend.accessCheck(Sddl.parse("O:BAG:SYD:(A;;FR;;;BU)"), token, 0x2, GenericMapping.FILE, -1);
        assertTrue(denied.succeeded());
        assertEquals(Win32Error.ERROR_ACCESS_DENIED.code(), denied.win32Error());
        assertEquals(new AccessCheckResult(false, 0, List.of(), 5), denied.value());
    }

    @Test
    @DisplayName("R63: explainAccessCheck names the deny ACE that decided, over a real token handle")
    void explainAccessCheck_denyAce_named() {
        Handle token = impersonationToken(ImpersonationLevel.IDENTIFICATION);
        Result<AccessCheckTrace> r = ModelInternals.explainAccessCheck(backend.world(), Sddl.parse("O:BAG:SYD:(D;;0x2;;;IU)(A;;FA;;;BU)"), token, 0x3,
                GenericMapping.FILE);
        assertTrue(r.succeeded());
        String text = r.value().render();
        assertTrue(text.contains("ace 0 (D;;DC;;;IU): matched as GROUP, denies 0x2"), text);
        assertTrue(text.contains("access denied: desired 0x3 -> STATUS_ACCESS_DENIED"), text);
        Result<AccessCheckTrace> primary = ModelInternals.explainAccessCheck(backend.world(), Sddl.parse("O:BAG:SYD:"), processToken(TOKEN_QUERY), 0x1,
                GenericMapping.FILE);
        assertFalse(primary.succeeded());
        assertTrue(primary.value().render().contains("PRIMARY_TOKEN -> STATUS_NO_IMPERSONATION_TOKEN"), primary.value().render());
    }

    @Test
    @DisplayName("R62: AccessCheck with a primary token fails with ERROR_NO_IMPERSONATION_TOKEN")
    void accessCheck_primaryToken_failsNoImpersonationToken() {
        Result<AccessCheckResult> r = backend.accessCheck(Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)"), processToken(TOKEN_QUERY), 0x1, GenericMapping.FILE, -1);
        assertFalse(r.succeeded());
        assertEquals(1309, r.win32Error());
        assertEquals(NtStatus.STATUS_NO_IMPERSONATION_TOKEN.code(), r.ntStatus().orElseThrow());
    }

    @Test
    @DisplayName("R62: a privilege-set buffer of 8 bytes fails with ERROR_INSUFFICIENT_BUFFER and reports 20")
    void accessCheck_smallPrivilegeSet_reportsRequiredLength() {
        Result<AccessCheckResult> r = backend.accessCheck(Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)"),
                impersonationToken(ImpersonationLevel.IMPERSONATION), 0x1, GenericMapping.FILE, 8);
        assertFalse(r.succeeded());
        assertEquals(Win32Error.ERROR_INSUFFICIENT_BUFFER.code(), r.win32Error());
        assertEquals(20, r.value().privilegeSetLength());
    }

    @Test
    @DisplayName("R13: AccessCheck needs TOKEN_QUERY on the client token handle")
    void accessCheck_handleWithoutQuery_failsAccessDenied() {
        Result<Handle> h = backend.duplicateTokenEx(processToken(TOKEN_DUPLICATE), TOKEN_IMPERSONATE, null,
                ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION);
        Result<AccessCheckResult> r = backend.accessCheck(Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)"), h.value(), 0x1, GenericMapping.FILE, -1);
        assertFalse(r.succeeded());
        assertEquals(Win32Error.ERROR_ACCESS_DENIED.code(), r.win32Error());
    }

    @Test
    @DisplayName("R61: PrivilegeCheck on an Identification token: SeChangeNotify held, SeDebug not")
    void privilegeCheck_identificationToken_reportsHeld() {
        Handle token = impersonationToken(ImpersonationLevel.IDENTIFICATION);
        Result<PrivilegeCheckResult> held = backend.privilegeCheck(token, List.of(Privilege.SeChangeNotifyPrivilege.luid()), true);
        assertTrue(held.succeeded());
        assertTrue(held.value().held());
        assertFalse(backend.privilegeCheck(token, List.of(Privilege.SeDebugPrivilege.luid()), true).value().held());
        Result<PrivilegeCheckResult> anonymous = backend.privilegeCheck(impersonationToken(ImpersonationLevel.ANONYMOUS),
                List.of(Privilege.SeChangeNotifyPrivilege.luid()), true);
        assertEquals(Win32Error.ERROR_BAD_IMPERSONATION_LEVEL.code(), anonymous.win32Error());
    }

    @Test
    @DisplayName("R60: CheckTokenMembership(NULL) uses an Identification view of the process token; a primary handle fails 1309")
    void checkTokenMembership_nullAndPrimary_asWindows() {
        Result<Boolean> viaNull = backend.checkTokenMembership(Handle.NULL, Sid.EVERYONE);
        assertTrue(viaNull.succeeded());
        assertTrue(viaNull.value());
        assertFalse(backend.checkTokenMembership(Handle.NULL, Sid.LOCAL_SYSTEM).value());
        Result<Boolean> primary = backend.checkTokenMembership(processToken(TOKEN_QUERY), Sid.EVERYONE);
        assertFalse(primary.succeeded());
        assertEquals(1309, primary.win32Error());
        assertFalse(primary.value());
    }

    @Test
    @DisplayName("R10: CreateRestrictedToken makes disabled SIDs deny-only, adds restricting SIDs, keeps type and handle access")
    void createRestrictedToken_impersonationToken_restricted() {
        Handle source = impersonationToken(ImpersonationLevel.IMPERSONATION);
        Result<Handle> r = backend.createRestrictedToken(source, 0, List.of(Sid.EVERYONE, Sid.LOCAL_SYSTEM), List.of(),
                List.of(Sid.BUILTIN_USERS));
        assertTrue(r.succeeded(), r::toString);
        Handle restricted = r.value();
        TokenGroup everyone = groups(restricted).stream().filter(g -> g.sid().equals(Sid.EVERYONE)).findFirst().orElseThrow();
        assertTrue(everyone.denyOnly());
        assertFalse(everyone.enabled());
        assertEquals(TokenType.IMPERSONATION, backend.getTokenInformation(restricted, TokenInformationClass.TokenType, -1).value().value());
        assertEquals(TOKEN_ALL_ACCESS, backend.queryGrantedAccess(restricted).value());
        assertFalse(backend.checkTokenMembership(restricted, Sid.EVERYONE).value());
        assertTrue(backend.checkTokenMembership(restricted, Sid.BUILTIN_USERS).value());
        assertFalse(backend.checkTokenMembership(restricted, Sid.AUTHENTICATED_USERS).value());
        Result<AccessCheckResult> check = backend.accessCheck(Sddl.parse("O:BAG:SYD:(A;;0x1;;;AU)(A;;0x3;;;BU)"), restricted,
                0x02000000, GenericMapping.FILE, -1);
        assertEquals(0x3, check.value().grantedAccess());
    }

    @Test
    @DisplayName("R10: CreateRestrictedToken needs TOKEN_DUPLICATE")
    void createRestrictedToken_withoutDuplicateRight_failsAccessDenied() {
        Result<Handle> r = backend.createRestrictedToken(processToken(TOKEN_QUERY), 0, List.of(), List.of(), List.of());
        assertFalse(r.succeeded());
        assertEquals(Win32Error.ERROR_ACCESS_DENIED.code(), r.win32Error());
    }

    @Test
    @DisplayName("R57: AdjustTokenGroups toggles an optional group, refuses a mandatory one, reports a missing one")
    void adjustTokenGroups_optionalMandatoryMissing_asWindows() {
        List<TokenGroup> groups = new ArrayList<>(List.of(new TokenGroup(Sid.EVERYONE, 0x7), new TokenGroup(Sid.BUILTIN_USERS, 0x7),
                new TokenGroup(Sid.NETWORK, 0x6)));
        backend = ModelBackend.create(ModelConfiguration.builder().groups(groups).build());
        Handle token = processToken(TOKEN_ADJUST_GROUPS | TOKEN_QUERY);
        Result<AdjustResult<TokenGroup>> off = backend.adjustTokenGroups(token, false, List.of(new TokenGroup(Sid.NETWORK, 0)), 1024);
        assertTrue(off.succeeded(), off::toString);
        assertEquals(0, off.win32Error());
        assertEquals(List.of(new TokenGroup(Sid.NETWORK, 0x6)), off.value().previousState());
        assertEquals(0x2, groups(token).stream().filter(g -> g.sid().equals(Sid.NETWORK)).findFirst().orElseThrow().attributes());
        Result<AdjustResult<TokenGroup>> mandatory = backend.adjustTokenGroups(token, false, List.of(new TokenGroup(Sid.EVERYONE, 0)), -1);
        assertFalse(mandatory.succeeded());
        assertEquals(Win32Error.ERROR_CANT_DISABLE_MANDATORY.code(), mandatory.win32Error());
        Result<AdjustResult<TokenGroup>> missing = backend.adjustTokenGroups(token, false,
                List.of(new TokenGroup(Sid.LOCAL_SYSTEM, 0x4), new TokenGroup(Sid.NETWORK, 0x4)), -1);
        assertTrue(missing.succeeded());
        assertEquals(Win32Error.ERROR_NOT_ALL_ASSIGNED.code(), missing.win32Error());
        Result<AdjustResult<TokenGroup>> reset = backend.adjustTokenGroups(token, true, null, 8);
        assertTrue(reset.succeeded(), "nothing changes, so an 8-byte PreviousState suffices");
        Result<AdjustResult<TokenGroup>> tooSmall = backend.adjustTokenGroups(token, false, List.of(new TokenGroup(Sid.NETWORK, 0)), 8);
        assertEquals(Win32Error.ERROR_INSUFFICIENT_BUFFER.code(), tooSmall.win32Error());
        assertEquals(0x6, groups(token).stream().filter(g -> g.sid().equals(Sid.NETWORK)).findFirst().orElseThrow().attributes(),
                "a too-small PreviousState applies nothing");
    }

    @Test
    @DisplayName("R57/R13: AdjustTokenGroups needs TOKEN_ADJUST_GROUPS")
    void adjustTokenGroups_withoutAdjustGroups_failsAccessDenied() {
        Result<AdjustResult<TokenGroup>> r = backend.adjustTokenGroups(processToken(TOKEN_QUERY), true, null, -1);
        assertEquals(Win32Error.ERROR_ACCESS_DENIED.code(), r.win32Error());
    }
}
