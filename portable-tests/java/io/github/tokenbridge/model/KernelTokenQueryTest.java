package io.github.tokenbridge.model;

import io.github.tokenbridge.model.internal.KernelRoutines;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.PrivilegeAttribute;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PrivilegeCheckResult;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.kernel.se.KernelTokenQuery;
import io.github.tokenbridge.model.kernel.se.TokenReference;
import io.github.tokenbridge.model.LogonOrigin;
import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.github.tokenbridge.model.ModelAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The kernel routines {@code SeQueryInformationToken} (R93 c; kmtests ntos_se/SeQueryInfoToken.c)
 * and {@code SePrivilegeCheck} (R95) through {@link KernelRoutines}, and misuse of
 * {@code PsImpersonateClient} through bad handles (R90 f).
 */
class KernelTokenQueryTest {

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
    private final KernelRoutines kernel = ModelInternals.kernelRoutines(backend.world());

    @AfterEach
    void noReferenceLeaks() {
        assertEquals(0, kernel.outstandingReferences());
    }

    private TokenReference primary() {
        return ok(kernel.psReferencePrimaryToken(Handle.CURRENT_PROCESS));
    }

    private ModelThread newThread() {
        return ok(backend.world().createThread(Handle.CURRENT_PROCESS));
    }

    @Test
    @DisplayName("R93 c: a primary token's TokenImpersonationLevel and the four Nt-only classes are STATUS_INVALID_INFO_CLASS, no buffer")
    void seQueryInformationToken_primaryToken_kmtestRefusals() {
        TokenReference ref = primary();
        for (TokenInformationClass c : List.of(TokenInformationClass.TokenImpersonationLevel, TokenInformationClass.TokenOrigin,
                TokenInformationClass.TokenGroupsAndPrivileges, TokenInformationClass.TokenRestrictedSids,
                TokenInformationClass.TokenSandBoxInert)) {
            Result<Object> r = kernel.seQueryInformationToken(ref, c);
            fails(NtStatus.STATUS_INVALID_INFO_CLASS, r);
            assertNull(r.value(), c + ": no buffer on failure");
        }
        ok(kernel.psDereference(ref));
    }

    @ParameterizedTest
    @EnumSource(TokenInformationClass.class)
    @DisplayName("R93 c: exactly the documented classes are answered")
    void seQueryInformationToken_everyClass_answeredOnlyWhenDocumented(TokenInformationClass c) {
        TokenReference ref = primary();
        Result<Object> r = kernel.seQueryInformationToken(ref, c);
        boolean expected = KernelTokenQuery.SUPPORTED.contains(c) && c != TokenInformationClass.TokenImpersonationLevel;
        assertEquals(expected, r.succeeded(), () -> c + " -> " + r);
        if (!expected) {
            fails(NtStatus.STATUS_INVALID_INFO_CLASS, r);
        }
        ok(kernel.psDereference(ref));
    }

    @Test
    @DisplayName("R93 c: the answers are the token's, as NtQueryInformationToken gives them; the integrity class is the RID")
    void seQueryInformationToken_supportedClasses_sameValuesAsTheNtQuery() {
        TokenReference ref = primary();
        Handle process = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY | TOKEN_QUERY_SOURCE));
        for (TokenInformationClass c : List.of(TokenInformationClass.TokenUser, TokenInformationClass.TokenGroups,
                TokenInformationClass.TokenPrivileges, TokenInformationClass.TokenOwner, TokenInformationClass.TokenPrimaryGroup,
                TokenInformationClass.TokenDefaultDacl, TokenInformationClass.TokenSource, TokenInformationClass.TokenType,
                TokenInformationClass.TokenStatistics, TokenInformationClass.TokenSessionId)) {
            assertEquals(ok(backend.getTokenInformation(process, c, -1)).value(), ok(kernel.seQueryInformationToken(ref, c)), c::name);
        }
        TokenGroup label = query(backend, process, TokenInformationClass.TokenIntegrityLevel, TokenGroup.class);
        assertEquals((int) label.sid().rid(), ok(kernel.seQueryInformationToken(ref, TokenInformationClass.TokenIntegrityLevel)));
        assertEquals(0x2000, ok(kernel.seQueryInformationToken(ref, TokenInformationClass.TokenIntegrityLevel)));
        ok(kernel.psDereference(ref));
    }

    @Test
    @DisplayName("R93 c: an impersonation token answers TokenImpersonationLevel; a token pointer needs no access")
    void seQueryInformationToken_impersonationTokenDeniedToTheCaller_answered() throws Exception {
        Handle process = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_DUPLICATE));
        Handle sealed = ok(backend.duplicateTokenEx(process, 0, Sddl.parse("D:"),
                ImpersonationLevel.IDENTIFICATION, TokenType.IMPERSONATION));
        ModelThread t = newThread();
        ok(kernel.psImpersonateClient(t, sealed, false, false, ImpersonationLevel.IDENTIFICATION));
        TokenReference ref = ok(kernel.psReferenceImpersonationToken(t)).orElseThrow();
        assertEquals(ImpersonationLevel.IDENTIFICATION, ok(kernel.seQueryInformationToken(ref, TokenInformationClass.TokenImpersonationLevel)));
        assertEquals(TokenType.IMPERSONATION, ok(kernel.seQueryInformationToken(ref, TokenInformationClass.TokenType)));
        TokenStatistics stats = (TokenStatistics) ok(kernel.seQueryInformationToken(ref, TokenInformationClass.TokenStatistics));
        assertEquals(ImpersonationLevel.IDENTIFICATION, stats.impersonationLevel());
        fails(NtStatus.STATUS_ACCESS_DENIED, backend.duplicateHandle(sealed, TOKEN_QUERY, 0));
        ok(kernel.psDereference(ref));
        backend.world().runAs(t, () -> ok(kernel.psRevertToSelf()));
    }

    @Test
    @DisplayName("R95: in kernel mode SePrivilegeCheck holds every privilege and marks each used")
    void sePrivilegeCheck_kernelMode_alwaysTrue() {
        List<Luid> asked = List.of(Privilege.SeTcbPrivilege.luid(), Privilege.SeCreateTokenPrivilege.luid());
        PrivilegeCheckResult r = ok(kernel.sePrivilegeCheck(backend.world().currentThread(), asked, true, true));
        assertTrue(r.held());
        assertEquals(List.of(new TokenPrivilege(asked.get(0), PrivilegeAttribute.USED_FOR_ACCESS.mask()),
                new TokenPrivilege(asked.get(1), PrivilegeAttribute.USED_FOR_ACCESS.mask())), r.privileges());
    }

    @Test
    @DisplayName("R95, R61: in user mode only enabled privileges of the effective token count")
    void sePrivilegeCheck_userMode_enabledPrivilegesOfTheEffectiveToken() {
        ModelThread self = backend.world().currentThread();
        Luid changeNotify = Privilege.SeChangeNotifyPrivilege.luid();
        Luid tcb = Privilege.SeTcbPrivilege.luid();
        Luid shutdown = Privilege.SeShutdownPrivilege.luid();
        assertTrue(ok(kernel.sePrivilegeCheck(self, List.of(changeNotify), true, false)).held());
        assertFalse(ok(kernel.sePrivilegeCheck(self, List.of(tcb), true, false)).held());
        assertFalse(ok(kernel.sePrivilegeCheck(self, List.of(changeNotify, tcb), true, false)).held());
        assertTrue(ok(kernel.sePrivilegeCheck(self, List.of(changeNotify, tcb), false, false)).held());
        assertFalse(ok(kernel.sePrivilegeCheck(self, List.of(shutdown), false, false)).held(), "held but disabled");
        assertEquals(List.of(new TokenPrivilege(changeNotify, PrivilegeAttribute.USED_FOR_ACCESS.mask()), new TokenPrivilege(tcb, 0)),
                ok(kernel.sePrivilegeCheck(self, List.of(changeNotify, tcb), false, false)).privileges());
    }

    @Test
    @DisplayName("R95: the subject context of an impersonating thread is its impersonation token; below Identification nothing is held")
    void sePrivilegeCheck_userMode_impersonatingThread() {
        ModelThread t = newThread();
        Handle process = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_DUPLICATE));
        Handle copy = ok(backend.duplicateTokenEx(process, TOKEN_ALL_ACCESS, null, ImpersonationLevel.IMPERSONATION,
                TokenType.IMPERSONATION));
        ok(backend.adjustTokenPrivileges(copy, true, null, -1));
        ok(kernel.psImpersonateClient(t, copy, false, false, ImpersonationLevel.IMPERSONATION));
        Luid changeNotify = Privilege.SeChangeNotifyPrivilege.luid();
        assertFalse(ok(kernel.sePrivilegeCheck(t, List.of(changeNotify), true, false)).held(), "disabled in the thread token");
        ok(backend.adjustTokenPrivileges(copy, false, List.of(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 2)), -1));
        assertTrue(ok(kernel.sePrivilegeCheck(t, List.of(changeNotify), true, false)).held());
        ok(kernel.psImpersonateClient(t, copy, false, false, ImpersonationLevel.ANONYMOUS));
        assertFalse(ok(kernel.sePrivilegeCheck(t, List.of(changeNotify), true, false)).held(), "an Anonymous client holds nothing");
        assertTrue(ok(kernel.sePrivilegeCheck(t, List.of(changeNotify), true, true)).held(), "kernel mode");
        ok(kernel.psImpersonateClient(t, Handle.NULL, false, false, null));
    }

    @Test
    @DisplayName("R90 f, R48: PsImpersonateClient through a handle checks the type, not the access")
    void psImpersonateClient_badHandles_typeCheckedAccessNot() {
        ModelThread t = newThread();
        fails(NtStatus.STATUS_OBJECT_TYPE_MISMATCH,
                kernel.psImpersonateClient(t, Handle.CURRENT_PROCESS, false, false, ImpersonationLevel.IMPERSONATION));
        fails(NtStatus.STATUS_INVALID_HANDLE, kernel.psImpersonateClient(t, new Handle(0x7ffffffc), false, false,
                ImpersonationLevel.IMPERSONATION));
        assertFalse(t.isImpersonating());
        Handle noRights = ok(backend.world().logon(LogonPrincipal.SELF, LogonType.INTERACTIVE, LogonOrigin.SELF));
        Handle zero = ok(backend.duplicateHandle(noRights, 0, 0));
        ok(kernel.psImpersonateClient(t, zero, false, false, ImpersonationLevel.IMPERSONATION));
        assertTrue(t.isImpersonating());
        assertThrows(NullPointerException.class, () -> kernel.psImpersonateClient(t, zero, false, false, null));
        ok(kernel.psImpersonateClient(t, Handle.NULL, false, false, null));
    }
}
