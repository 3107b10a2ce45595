package io.github.tokenbridge.jna;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests that must not depend on the runner's shape. GitHub's Windows runners run as an elevated
 * administrator with UAC off (no split token, High integrity); a maintainer's machine may be a
 * standard user at Medium. Instead of assuming either, these tests make the token they need from
 * whatever the process token is: a standard-user-shaped token is a restricted copy with every
 * privilege but SeChangeNotifyPrivilege deleted, Administrators deny-only, at Medium integrity
 * (R10, R58). What needs a real UAC split token is in {@code JnaBackendElevatedLiveTest}, which
 * skips with the reason where there is none.
 */
@EnabledOnOs(OS.WINDOWS)
class RunnerShapeLiveTest {

    private static final int TOKEN_ALL_FOR_TEST = JnaBackendLiveTest.TOKEN_QUERY | JnaBackendLiveTest.TOKEN_IMPERSONATE
            | JnaBackendLiveTest.TOKEN_ADJUST_PRIVILEGES | JnaBackendLiveTest.TOKEN_ADJUST_DEFAULT | JnaBackendLiveTest.TOKEN_DUPLICATE;
    private static final int DISABLE_MAX_PRIVILEGE = 0x1;
    private static final int LUA_TOKEN = 0x4;

    private JnaBackend backend;
    private final List<Handle> opened = new ArrayList<>();

    @BeforeEach
    void open() {
        backend = JnaBackend.create();
    }

    @AfterEach
    void closeAll() {
        for (Handle h : opened) {
            assertTrue(backend.closeHandle(h).succeeded(), "close " + h);
        }
        backend.close();
    }

    private Handle keep(Result<Handle> r) {
        assertTrue(r.succeeded(), r.toString());
        opened.add(r.value());
        return r.value();
    }

    @SuppressWarnings("unchecked")
    private List<TokenGroup> groups(Handle token) {
        return (List<TokenGroup>) backend.getTokenInformation(token, TokenInformationClass.TokenGroups, -1).value().value();
    }

    /** A standard-user-shaped impersonation token made from the process token, whatever the runner is. */
    private Handle standardUserShaped() {
        Handle process = keep(backend.openProcessToken(Handle.CURRENT_PROCESS, JnaBackendLiveTest.TOKEN_DUPLICATE
                | JnaBackendLiveTest.TOKEN_QUERY));
        List<Sid> disable = groups(process).stream().map(TokenGroup::sid).filter(Sid.BUILTIN_ADMINISTRATORS::equals).toList();
        Handle restricted = keep(backend.createRestrictedToken(process, DISABLE_MAX_PRIVILEGE | LUA_TOKEN, disable, List.of(),
                List.of()));
        Handle token = keep(backend.duplicateTokenEx(restricted, TOKEN_ALL_FOR_TEST, null, ImpersonationLevel.IMPERSONATION,
                TokenType.IMPERSONATION));
        Result<Void> medium = backend.setTokenInformation(token, TokenInformationClass.TokenIntegrityLevel, Sid.MEDIUM_LABEL);
        assertTrue(medium.succeeded(), "lowering the integrity to Medium: " + medium);
        return token;
    }

    @Test
    void standardUserShapedToken_madeFromAnyRunner_isMediumWithoutAdminOrPrivileges() { // R10, R58, R60
        Handle token = standardUserShaped();
        assertEquals(Sid.MEDIUM_LABEL,
                ((TokenGroup) backend.getTokenInformation(token, TokenInformationClass.TokenIntegrityLevel, -1).value().value()).sid());
        @SuppressWarnings("unchecked") List<TokenPrivilege> privileges = (List<TokenPrivilege>)
                backend.getTokenInformation(token, TokenInformationClass.TokenPrivileges, -1).value().value();
        assertEquals(List.of(Privilege.SeChangeNotifyPrivilege.luid()), privileges.stream().map(TokenPrivilege::luid).toList());
        groups(token).stream().filter(g -> g.sid().equals(Sid.BUILTIN_ADMINISTRATORS))
                .forEach(g -> assertTrue(g.denyOnly(), "Administrators must be deny-only: " + g));
        assertEquals(false, backend.checkTokenMembership(token, Sid.BUILTIN_ADMINISTRATORS).value());
    }

    @Test
    void standardUserShapedToken_enablingADeletedPrivilege_succeedsWithNotAllAssigned() { // R56
        Handle token = standardUserShaped();
        var result = backend.adjustTokenPrivileges(token, false, List.of(TokenPrivilege.of(Privilege.SeDebugPrivilege, 2)), -1);
        assertTrue(result.succeeded(), result.toString());
        assertEquals(Win32Error.ERROR_NOT_ALL_ASSIGNED.code(), result.win32Error());
        assertFalse(backend.privilegeCheck(token, List.of(Privilege.SeDebugPrivilege.luid()), true).value().held());
    }
}
