package io.github.tokenbridge.model;


import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.tokenbridge.model.ModelAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/** ModelConfiguration presets and builder, and the world API of ModelBackend. */
class ModelWorldTest {

    @Test // R6, R8
    @SuppressWarnings("unchecked")
    void preset_standardUser_groupsAndPrivilegesAsSpecified() {
        ModelConfiguration c = ModelConfiguration.preset("standard-user");
        assertEquals(Sid.MEDIUM_LABEL, c.integrity());
        assertEquals(Luid.SYSTEM_LOGON, c.origin());
        assertTrue(c.groups().contains(new TokenGroup(Sid.parse("S-1-5-5-0-107187"), 0xC0000007)));
        for (Sid s : List.of(Sid.EVERYONE, Sid.BUILTIN_USERS, Sid.INTERACTIVE, Sid.AUTHENTICATED_USERS, Sid.THIS_ORGANIZATION, Sid.LOCAL)) {
            assertTrue(c.groups().stream().anyMatch(g -> g.sid().equals(s) && g.enabled()), s.toString());
        }
        assertTrue(c.privileges().contains(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 3)));
        assertTrue(c.privileges().contains(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 0)));
        assertFalse(c.elevated());
        assertNotEquals(c.user(), c.otherUser());
    }

    @Test // R11
    void preset_adminHalves_elevationAndDenyOnlyAdministrators() {
        ModelConfiguration full = ModelConfiguration.preset("elevated-admin");
        ModelConfiguration limited = ModelConfiguration.preset("filtered-admin");
        assertEquals(ElevationType.FULL, full.elevationType());
        assertTrue(full.elevated());
        assertEquals(Sid.BUILTIN_ADMINISTRATORS, full.owner());
        assertEquals(ElevationType.LIMITED, limited.elevationType());
        assertFalse(limited.elevated());
        assertEquals(Sid.MEDIUM_LABEL, limited.integrity());
        assertTrue(limited.groups().contains(new TokenGroup(Sid.BUILTIN_ADMINISTRATORS, 0x10)));
        assertEquals(full.user(), limited.user());
    }

    @Test
    void preset_systemAndServices_wellKnownSessions() {
        assertEquals(Luid.SYSTEM_LOGON, ModelConfiguration.preset("local-system").authenticationId());
        assertEquals(Luid.NETWORK_SERVICE_LOGON, ModelConfiguration.preset("network-service").authenticationId());
        assertEquals(Luid.ANONYMOUS_LOGON, ModelConfiguration.preset("anonymous").authenticationId());
        assertTrue(ModelConfiguration.preset("service-impersonate").privileges()
                .contains(TokenPrivilege.of(Privilege.SeImpersonatePrivilege, 3)));
        assertThrows(IllegalArgumentException.class, () -> ModelConfiguration.preset("no-such-preset"));
    }

    @Test
    void builder_ownerNotUserOrOwnerGroup_illegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> ModelConfiguration.builder().owner(Sid.EVERYONE).build());
        assertThrows(IllegalArgumentException.class, () -> ModelConfiguration.builder().integrity(Sid.EVERYONE).build());
    }

    @Test // R9: deterministic LUIDs
    void luidSource_sameConfiguration_sameTokenIdsInEachWorld() {
        ModelConfiguration c = ModelConfiguration.builder().luidSource(0x50000).build();
        TokenStatistics a = query(ModelBackend.create(c), Handle.CURRENT_PROCESS_TOKEN, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        TokenStatistics b = query(ModelBackend.create(c), Handle.CURRENT_PROCESS_TOKEN, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        assertEquals(a, b);
        assertTrue(a.tokenId().value() >= 0x50000);
    }

    @Test
    void logon_principals_selfOtherAdminWithAllAccessHandles() {
        ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
        int before = backend.world().openHandleCount();
        Handle self = ok(backend.world().logon(LogonPrincipal.SELF, LogonType.INTERACTIVE, LogonOrigin.SELF));
        Handle other = ok(backend.world().logon(LogonPrincipal.OTHER, LogonType.NETWORK, LogonOrigin.SYSTEM));
        Handle admin = ok(backend.world().logon(LogonPrincipal.ADMIN, LogonType.INTERACTIVE, LogonOrigin.SYSTEM));
        assertEquals(before + 3, backend.world().openHandleCount());
        assertEquals(TOKEN_ALL_ACCESS, ok(backend.queryGrantedAccess(self)));
        assertEquals(backend.world().configuration().user(), query(backend, self, TokenInformationClass.TokenUser, TokenGroup.class).sid());
        assertEquals(backend.world().configuration().otherUser(), query(backend, other, TokenInformationClass.TokenUser, TokenGroup.class).sid());
        assertEquals(ElevationType.FULL, query(backend, admin, TokenInformationClass.TokenElevationType, ElevationType.class));
        TokenStatistics processStats = query(backend, Handle.CURRENT_PROCESS_TOKEN, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        assertEquals(processStats.authenticationId(), query(backend, self, TokenInformationClass.TokenOrigin, Luid.class));
        assertEquals(Luid.SYSTEM_LOGON, query(backend, other, TokenInformationClass.TokenOrigin, Luid.class));
        for (Handle h : List.of(self, other, admin)) {
            ok(backend.closeHandle(h));
        }
        assertEquals(before, backend.world().openHandleCount());
    }

    @Test // R17: each Java thread is its own model thread
    void javaThreads_distinctModelThreads_impersonationIsPerThread() throws Exception {
        ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
        ok(backend.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        AtomicInteger otherTid = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                otherTid.set(backend.getCurrentThreadId());
                fails(NtStatus.STATUS_NO_TOKEN, backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_QUERY, true));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError("the other Java thread's check failed", failure.get());
        }
        assertNotEquals(backend.getCurrentThreadId(), otherTid.get());
        assertEquals(backend.getCurrentProcessId(), backend.world().currentThread().processId());
        assertEquals(1, backend.world().impersonatingThreadCount());
        ok(backend.revertToSelf());
        assertEquals(0, backend.world().impersonatingThreadCount());
    }

    @Test
    void createThread_processHandleWithoutCreateThread_accessDenied() {
        ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
        Handle limited = ok(backend.openProcess(0x1000, backend.getCurrentProcessId()));
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.world().createThread(limited));
    }

    @Test // R6 R8 R11 R13: a process of another preset in this world (pipe clients of another principal)
    void processTokenOf_anotherPreset_itsIdentityInANewTokenThatAProcessCanRunUnder() {
        ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
        Handle system = ok(backend.world().processTokenOf(ModelConfiguration.localSystem()));
        assertEquals(Sid.LOCAL_SYSTEM, ok(backend.getTokenInformation(system, TokenInformationClass.TokenUser, -1))
                .as(TokenGroup.class).sid());
        assertEquals(Sid.SYSTEM_LABEL, ok(backend.getTokenInformation(system, TokenInformationClass.TokenIntegrityLevel, -1))
                .as(TokenGroup.class).sid());
        TokenStatistics stats = ok(backend.getTokenInformation(system, TokenInformationClass.TokenStatistics, -1))
                .as(TokenStatistics.class);
        assertEquals(Luid.SYSTEM_LOGON, stats.authenticationId());
        Handle admin = ok(backend.world().processTokenOf(ModelConfiguration.elevatedAdmin()));
        assertEquals(Sid.HIGH_LABEL, ok(backend.getTokenInformation(admin, TokenInformationClass.TokenIntegrityLevel, -1))
                .as(TokenGroup.class).sid());
        Handle process = ok(backend.world().createProcess(system));
        ModelThread thread = ok(backend.world().createThread(process));
        assertNotEquals(backend.getCurrentProcessId(), thread.processId());
        ok(backend.closeHandle(process));
        ok(backend.closeHandle(system));
        ok(backend.closeHandle(admin));
    }
}
