package io.github.tokenbridge.model;


import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.internal.KernelRoutines;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.se.ImpersonationCheck;
import io.github.tokenbridge.model.kernel.se.ImpersonationDecision;
import org.junit.jupiter.api.Test;

import static io.github.tokenbridge.model.ModelAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/** The impersonation decision (R37, R38 a-g, R40) through PsImpersonateClient, with the deciding check. */
class ImpersonationPolicyTest {

    private ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());

    private ImpersonationDecision assign(Handle token, ImpersonationLevel level) {
        KernelRoutines kernel = ModelInternals.kernelRoutines(backend.world());
        ImpersonationDecision d = ok(kernel.psImpersonateClient(backend.world().currentThread(), token, false, false, level));
        ok(kernel.psRevertToSelf());
        return d;
    }

    private Handle logon(LogonPrincipal who, LogonOrigin origin) {
        return ok(backend.world().logon(who, LogonType.INTERACTIVE, origin));
    }

    @Test // R37, R38 (a)
    void decide_identificationLevelOfOtherUser_allowedByLowLevel() {
        ImpersonationDecision d = assign(logon(LogonPrincipal.OTHER, LogonOrigin.SYSTEM), ImpersonationLevel.IDENTIFICATION);
        assertTrue(d.allowed());
        assertEquals(ImpersonationCheck.LOW_LEVEL_OR_ANONYMOUS, d.decidedBy());
    }

    @Test // R37, R38 (a)
    void decide_anonymousLogonSessionAtImpersonation_allowed() {
        ok(backend.impersonateAnonymousToken(Handle.CURRENT_THREAD));
        Handle anonymous = ok(backend.openThreadToken(Handle.CURRENT_THREAD, TOKEN_ALL_ACCESS, true));
        ok(backend.revertToSelf());
        assertEquals(Luid.ANONYMOUS_LOGON, query(backend, anonymous, TokenInformationClass.TokenStatistics,
                io.github.tokenbridge.TokenStatistics.class).authenticationId());
        assertEquals(ImpersonationCheck.LOW_LEVEL_OR_ANONYMOUS, assign(anonymous, ImpersonationLevel.IMPERSONATION).decidedBy());
    }

    @Test // R38 (b)
    void decide_seImpersonateEnabled_allowed() {
        backend = ModelBackend.create(ModelConfiguration.serviceImpersonate());
        ImpersonationDecision d = assign(logon(LogonPrincipal.OTHER, LogonOrigin.SYSTEM), ImpersonationLevel.DELEGATION);
        assertEquals(ImpersonationCheck.IMPERSONATE_PRIVILEGE, d.decidedBy());
        assertEquals(ImpersonationLevel.DELEGATION, d.effectiveLevel());
    }

    @Test // R38 (b): the privilege must be enabled, holding it is not enough
    void decide_seImpersonateHeldButDisabled_deniedByUser() {
        backend = ModelBackend.create(ModelConfiguration.serviceImpersonate());
        Handle p = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_ALL_ACCESS));
        ok(backend.adjustTokenPrivileges(p, false, java.util.List.of(
                io.github.tokenbridge.TokenPrivilege.of(io.github.tokenbridge.Privilege.SeImpersonatePrivilege, 0)), -1));
        ImpersonationDecision d = assign(logon(LogonPrincipal.OTHER, LogonOrigin.SYSTEM), ImpersonationLevel.IMPERSONATION);
        assertFalse(d.allowed());
        assertEquals(ImpersonationCheck.DIFFERENT_USER, d.decidedBy());
        assertEquals(ImpersonationLevel.IDENTIFICATION, d.effectiveLevel());
    }

    @Test // R38 (c)
    void decide_tokenAboveProcessIntegrity_deniedByIntegrity() {
        ImpersonationDecision d = assign(logon(LogonPrincipal.ADMIN, LogonOrigin.SELF), ImpersonationLevel.IMPERSONATION);
        assertFalse(d.allowed());
        assertEquals(ImpersonationCheck.INTEGRITY_TOO_LOW, d.decidedBy());
        assertEquals(ImpersonationLevel.IDENTIFICATION, d.effectiveLevel());
    }

    @Test // R38 (d)
    void decide_otherUserLoggedOnByCaller_allowedBySameOrigin() {
        assertEquals(ImpersonationCheck.SAME_ORIGIN_SESSION,
                assign(logon(LogonPrincipal.OTHER, LogonOrigin.SELF), ImpersonationLevel.IMPERSONATION).decidedBy());
    }

    @Test // R38 (d): SYSTEM is the origin of interactive logons
    void decide_localSystemAndInteractiveLogon_allowedWithoutSeImpersonate() {
        backend = ModelBackend.create(ModelConfiguration.localSystem().toBuilder()
                .privileges(java.util.List.of()).build());
        assertEquals(ImpersonationCheck.SAME_ORIGIN_SESSION,
                assign(logon(LogonPrincipal.OTHER, LogonOrigin.SYSTEM), ImpersonationLevel.IMPERSONATION).decidedBy());
    }

    @Test // R38 (e)
    void decide_otherUserFromAnotherOrigin_deniedByUser() {
        assertEquals(ImpersonationCheck.DIFFERENT_USER,
                assign(logon(LogonPrincipal.OTHER, LogonOrigin.SYSTEM), ImpersonationLevel.IMPERSONATION).decidedBy());
    }

    @Test // R38 (f)
    void decide_elevatedTokenOfSameUserAtSameIntegrity_deniedByElevation() {
        backend = ModelBackend.create(ModelConfiguration.filteredAdmin().toBuilder().integrity(Sid.HIGH_LABEL).build());
        Handle p = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
        Handle linked = query(backend, p, TokenInformationClass.TokenLinkedToken, Handle.class);
        Handle full = ok(backend.duplicateTokenEx(linked, TOKEN_ALL_ACCESS, null, ImpersonationLevel.IDENTIFICATION,
                TokenType.IMPERSONATION));
        // an Identification copy passes (a); the same token forced to Impersonation level meets (f)
        assertEquals(ImpersonationCheck.LOW_LEVEL_OR_ANONYMOUS, assign(full, ImpersonationLevel.IDENTIFICATION).decidedBy());
        assertEquals(ImpersonationCheck.ELEVATION, assign(full, ImpersonationLevel.IMPERSONATION).decidedBy());
    }

    @Test // R38 (g), CONFLICT resolved for WSI: one-directional
    void decide_restrictedParity_restrictedProcessNeedsRestrictedTokenButNotConversely() {
        var kernel = ModelInternals.kernelServices(backend.world()).kernel();
        var process = ModelInternals.kernelServices(backend.world()).ps().referencePrimaryToken(
                ModelInternals.kernelServices(backend.world()).kernel().findProcess(backend.getCurrentProcessId()).orElseThrow());
        var base = process.token().contents().withTypeAndLevel(TokenType.IMPERSONATION, ImpersonationLevel.IMPERSONATION);
        var restrictedContents = new io.github.tokenbridge.model.kernel.se.TokenContents(base.user(), base.groups(), base.privileges(),
                base.owner(), base.primaryGroup(), base.defaultDacl(), base.source(), TokenType.PRIMARY, base.level(),
                base.authenticationId(), base.parentTokenId(), base.origin(), base.modifiedId(), base.expirationTime(),
                base.sessionId(), base.mandatoryPolicy(), java.util.List.of(new io.github.tokenbridge.TokenGroup(Sid.EVERYONE, 7)),
                base.elevationType(), base.elevated(), null, 0);
        var sd = process.token().securityDescriptor();
        var restrictedPrimary = kernel.createToken(restrictedContents, sd);
        var plainToken = kernel.createToken(base, sd);
        var restrictedToken = kernel.createToken(restrictedContents.withTypeAndLevel(TokenType.IMPERSONATION,
                ImpersonationLevel.IMPERSONATION), sd);
        var policy = new io.github.tokenbridge.model.kernel.se.ImpersonationPolicy();
        assertEquals(ImpersonationCheck.SANDBOX,
                policy.decide(plainToken, ImpersonationLevel.IMPERSONATION, restrictedPrimary).decidedBy());
        assertEquals(ImpersonationCheck.DEFAULT_ALLOW,
                policy.decide(restrictedToken, ImpersonationLevel.IMPERSONATION, restrictedPrimary).decidedBy());
        assertEquals(ImpersonationCheck.DEFAULT_ALLOW,
                policy.decide(restrictedToken, ImpersonationLevel.IMPERSONATION, process.token()).decidedBy());
        ModelInternals.kernelServices(backend.world()).ps().dereference(process);
    }

    @Test // R40
    void psImpersonateClient_allowed_threadHoldsObjectItself() {
        Handle self = logon(LogonPrincipal.SELF, LogonOrigin.SELF);
        KernelRoutines kernel = ModelInternals.kernelRoutines(backend.world());
        ok(kernel.psImpersonateClient(backend.world().currentThread(), self, false, false, ImpersonationLevel.IMPERSONATION));
        var ref = ok(kernel.psReferenceImpersonationToken(backend.world().currentThread())).orElseThrow();
        Handle held = kernel.openHandle(ref, TOKEN_QUERY);
        assertEquals(query(backend, self, TokenInformationClass.TokenStatistics, io.github.tokenbridge.TokenStatistics.class).tokenId(),
                query(backend, held, TokenInformationClass.TokenStatistics, io.github.tokenbridge.TokenStatistics.class).tokenId());
        ok(kernel.psDereference(ref));
        ok(kernel.psRevertToSelf());
        assertEquals(0, kernel.outstandingReferences());
        fails(NtStatus.STATUS_INVALID_HANDLE, kernel.psImpersonateClient(backend.world().currentThread(), new Handle(0x4444), false,
                false, ImpersonationLevel.IMPERSONATION));
    }
}
