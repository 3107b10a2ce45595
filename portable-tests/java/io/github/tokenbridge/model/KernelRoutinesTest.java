package io.github.tokenbridge.model;


import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.internal.KernelRoutines;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.se.ClientSecurityContext;
import io.github.tokenbridge.model.kernel.se.TokenReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.github.tokenbridge.model.ModelAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/** The kernel routines of section 4 (R46-R51) through the model's kernel API. */
class KernelRoutinesTest {

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
    private final KernelRoutines kernel = ModelInternals.kernelRoutines(backend.world());

    @AfterEach
    void noReferenceLeaks() {
        assertEquals(0, kernel.outstandingReferences());
    }

    private ModelThread newThread() {
        return ok(backend.world().createThread(Handle.CURRENT_PROCESS));
    }

    private Handle selfToken() {
        return ok(backend.world().logon(LogonPrincipal.SELF, LogonType.INTERACTIVE, LogonOrigin.SELF));
    }

    @Test // R47, R48
    void psImpersonateClient_storesFourValues_referenceImpersonationTokenReturnsThem() {
        ModelThread t = newThread();
        assertEquals(Optional.empty(), ok(kernel.psReferenceImpersonationToken(t)));
        ok(kernel.psImpersonateClient(t, selfToken(), true, true, ImpersonationLevel.DELEGATION));
        TokenReference ref = ok(kernel.psReferenceImpersonationToken(t)).orElseThrow();
        assertTrue(ref.copyOnOpen());
        assertTrue(ref.effectiveOnly());
        assertEquals(ImpersonationLevel.DELEGATION, ref.level());
        assertEquals(TokenType.IMPERSONATION, ref.type());
        ok(kernel.psDereference(ref));
        ok(kernel.psImpersonateClient(t, Handle.NULL, false, false, null));
        assertFalse(t.isImpersonating());
    }

    @Test // R47
    void psReferenceEffectiveToken_notImpersonating_primaryWithEffectiveOnlyFalse() {
        ModelThread t = newThread();
        TokenReference ref = ok(kernel.psReferenceEffectiveToken(t));
        assertEquals(TokenType.PRIMARY, ref.type());
        assertFalse(ref.effectiveOnly());
        TokenReference primary = ok(kernel.psReferencePrimaryToken(Handle.CURRENT_PROCESS));
        assertSame(primary.token(), ref.token());
        ok(kernel.psDereference(ref));
        ok(kernel.psDereference(primary));
        assertThrows(IllegalStateException.class, () -> kernel.psDereference(primary));
    }

    @Test // R48: a primary token may be impersonated
    void psImpersonateClient_primaryToken_threadHoldsIt() throws Exception {
        ModelThread t = newThread();
        ok(kernel.psImpersonateClient(t, selfToken(), false, false, ImpersonationLevel.IMPERSONATION));
        backend.world().runAs(t, () -> {
            Handle h = ok(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_QUERY, true));
            assertEquals(TokenType.PRIMARY, query(backend, h, TokenInformationClass.TokenType, TokenType.class));
            return ok(kernel.psRevertToSelf());
        });
        assertFalse(t.isImpersonating());
    }

    @Test // R46
    void psReferenceImpersonationToken_saveAndRestore_previousImpersonationBack() {
        ModelThread t = newThread();
        ok(kernel.psImpersonateClient(t, selfToken(), false, true, ImpersonationLevel.IMPERSONATION));
        TokenReference saved = ok(kernel.psReferenceImpersonationToken(t)).orElseThrow();
        ok(kernel.psImpersonateClient(t, selfToken(), true, false, ImpersonationLevel.IDENTIFICATION));
        Handle savedHandle = kernel.openHandle(saved, TOKEN_QUERY);
        ok(kernel.psImpersonateClient(t, savedHandle, saved.copyOnOpen(), saved.effectiveOnly(), saved.level()));
        TokenReference now = ok(kernel.psReferenceImpersonationToken(t)).orElseThrow();
        assertSame(saved.token(), now.token());
        assertTrue(now.effectiveOnly());
        ok(kernel.psDereference(saved));
        ok(kernel.psDereference(now));
    }

    @Test // R49, R51: static tracking snapshots the client
    @SuppressWarnings("unchecked")
    void seImpersonateClientEx_staticTracking_laterClientChangesNotSeen() throws Exception {
        ModelThread client = newThread();
        ModelThread server = newThread();
        ClientSecurityContext context = ok(kernel.seCreateClientSecurity(client, ImpersonationLevel.IMPERSONATION, false, false));
        Handle process = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_ADJUST_PRIVILEGES));
        ok(backend.adjustTokenPrivileges(process, false, List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2)), -1));
        ok(kernel.seImpersonateClientEx(context, server));
        backend.world().runAs(server, () -> {
            List<TokenPrivilege> p = query(backend, Handle.CURRENT_THREAD_TOKEN, TokenInformationClass.TokenPrivileges, List.class);
            assertTrue(p.contains(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 0)));
            return null;
        });
        ok(kernel.seDeleteClientSecurity(context));
        assertThrows(IllegalStateException.class, () -> kernel.seImpersonateClientEx(context, server));
    }

    @Test // R49, R51: dynamic tracking re-captures; after the client reverts, its process token
    void seImpersonateClientEx_dynamicTracking_seesCurrentClientToken() throws Exception {
        ModelThread client = newThread();
        ModelThread server = newThread();
        Handle logon = selfToken();
        ok(kernel.psImpersonateClient(client, logon, false, false, ImpersonationLevel.IMPERSONATION));
        ClientSecurityContext context = ok(kernel.seCreateClientSecurity(client, ImpersonationLevel.IMPERSONATION, false, true));
        ok(kernel.seImpersonateClientEx(context, server));
        TokenStatistics logonStats = query(backend, logon, TokenInformationClass.TokenStatistics, TokenStatistics.class);
        TokenReference held = ok(kernel.psReferenceImpersonationToken(server)).orElseThrow();
        assertTrue(held.copyOnOpen(), "a directly referenced client token is copied on open");
        assertEquals(logonStats.tokenId(), query(backend, kernel.openHandle(held, TOKEN_QUERY), TokenInformationClass.TokenStatistics,
                TokenStatistics.class).tokenId());
        ok(kernel.psDereference(held));
        backend.world().runAs(client, () -> ok(kernel.psRevertToSelf()));
        ok(kernel.seImpersonateClientEx(context, server));
        TokenReference after = ok(kernel.psReferenceImpersonationToken(server)).orElseThrow();
        TokenReference primary = ok(kernel.psReferencePrimaryToken(Handle.CURRENT_PROCESS));
        assertSame(primary.token(), after.token());
        ok(kernel.psDereference(after));
        ok(kernel.psDereference(primary));
        ok(kernel.seDeleteClientSecurity(context));
    }

    @Test // R50, R51: EffectiveOnly removes disabled privileges
    @SuppressWarnings("unchecked")
    void seImpersonateClientEx_effectiveOnly_disabledPrivilegesAbsent() throws Exception {
        ModelThread client = newThread();
        ModelThread server = newThread();
        ClientSecurityContext context = ok(kernel.seCreateClientSecurity(client, ImpersonationLevel.IMPERSONATION, true, true));
        ok(kernel.seImpersonateClientEx(context, server));
        backend.world().runAs(server, () -> {
            List<TokenPrivilege> p = query(backend, Handle.CURRENT_THREAD_TOKEN, TokenInformationClass.TokenPrivileges, List.class);
            assertEquals(List.of(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 3)), p);
            return null;
        });
        ok(kernel.seDeleteClientSecurity(context));
    }

    @Test // R51: capture fails when the client impersonates below Impersonation
    void seCreateClientSecurity_clientAtIdentification_badImpersonationLevel() {
        ModelThread client = newThread();
        ok(kernel.psImpersonateClient(client, selfToken(), false, false, ImpersonationLevel.IDENTIFICATION));
        fails(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL,
                kernel.seCreateClientSecurity(client, ImpersonationLevel.ANONYMOUS, false, false));
    }

    @Test // R38 through SeImpersonateClientEx
    void seImpersonateClientEx_clientInOtherUsersProcess_serverDowngraded() {
        Handle other = ok(backend.world().logon(LogonPrincipal.OTHER, LogonType.NETWORK, LogonOrigin.SYSTEM));
        ModelThread client = ok(backend.world().createThread(ok(backend.world().createProcess(other))));
        ModelThread server = newThread();
        ClientSecurityContext context = ok(kernel.seCreateClientSecurity(client, ImpersonationLevel.IMPERSONATION, false, false));
        assertFalse(ok(kernel.seImpersonateClientEx(context, server)).allowed());
        TokenReference held = ok(kernel.psReferenceImpersonationToken(server)).orElseThrow();
        assertEquals(ImpersonationLevel.IDENTIFICATION, held.level());
        ok(kernel.psDereference(held));
        ok(kernel.seDeleteClientSecurity(context));
    }
}
