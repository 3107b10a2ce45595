package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.Kernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cases PIT found no test for (docs/mutation-testing.md): the write-restricted parity of the
 * impersonation decision (R38 g) and the owner rule of an EffectiveOnly duplicate (R55, R5).
 */
class MutationKillersTest {

    private static final Sid PROJECT = Sid.parse("S-1-5-21-1000-2000-3000-5001");
    private static final int OWNER_CAPABLE_ENABLED = 0xE;  // ENABLED_BY_DEFAULT | ENABLED | OWNER
    private static final int OWNER_CAPABLE_DISABLED = 0x8; // OWNER only

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
    private final Kernel kernel = ModelInternals.kernelServices(backend.world()).kernel();
    private final TokenReference reference = ModelInternals.kernelServices(backend.world()).ps().referencePrimaryToken(
            kernel.findProcess(backend.getCurrentProcessId()).orElseThrow());
    private final TokenObject process = reference.token();

    @AfterEach
    void release() {
        ModelInternals.kernelServices(backend.world()).ps().dereference(reference);
    }

    /** The process token's contents as {@code type}, with {@code restricted} SIDs, {@code flags} and {@code extra} groups, owned by {@code owner} (null: keep). */
    private TokenObject token(TokenType type, List<TokenGroup> restricted, int flags, List<TokenGroup> extra, Sid owner) {
        TokenContents b = process.contents().withTypeAndLevel(type, ImpersonationLevel.IMPERSONATION);
        List<TokenGroup> groups = new ArrayList<>(b.groups());
        groups.addAll(extra);
        TokenContents c = new TokenContents(b.user(), groups, b.privileges(), owner == null ? b.owner() : owner,
                b.primaryGroup(), b.defaultDacl(), b.source(), b.type(), b.level(), b.authenticationId(), b.parentTokenId(),
                b.origin(), b.modifiedId(), b.expirationTime(), b.sessionId(), b.mandatoryPolicy(), restricted,
                b.elevationType(), b.elevated(), null, flags);
        return kernel.createToken(c, process.securityDescriptor());
    }

    @Test // R38 (g): a write-restricted caller may impersonate only a write-restricted token at full level
    void decide_writeRestrictedPrimary_needsWriteRestrictedToken() {
        List<TokenGroup> everyone = List.of(new TokenGroup(Sid.EVERYONE, RestrictedTokens.RESTRICTED_SID_ATTRIBUTES));
        TokenObject primary = token(TokenType.PRIMARY, everyone, TokenObject.FLAG_WRITE_RESTRICTED, List.of(), null);
        TokenObject restrictedOnly = token(TokenType.IMPERSONATION, everyone, 0, List.of(), null);
        TokenObject writeRestricted = token(TokenType.IMPERSONATION, everyone, TokenObject.FLAG_WRITE_RESTRICTED, List.of(), null);
        ImpersonationPolicy policy = new ImpersonationPolicy();
        ImpersonationDecision refused = policy.decide(restrictedOnly, ImpersonationLevel.IMPERSONATION, primary);
        assertEquals(ImpersonationCheck.SANDBOX, refused.decidedBy());
        assertEquals(ImpersonationLevel.IDENTIFICATION, refused.effectiveLevel());
        assertEquals(ImpersonationCheck.DEFAULT_ALLOW,
                policy.decide(writeRestricted, ImpersonationLevel.IMPERSONATION, primary).decidedBy());
    }

    @Test // R55, R5: an enabled owner group survives EffectiveOnly and stays the owner
    void duplicateEffectiveOnly_enabledOwnerGroup_staysOwner() {
        TokenObject source = token(TokenType.IMPERSONATION, List.of(), 0,
                List.of(new TokenGroup(PROJECT, OWNER_CAPABLE_ENABLED)), PROJECT);
        TokenObject copy = ModelInternals.kernelServices(backend.world()).duplicator().duplicate(source, TokenType.IMPERSONATION,
                ImpersonationLevel.IMPERSONATION, true, process.securityDescriptor());
        assertEquals(PROJECT, copy.contents().owner());
    }

    @Test // R55, R5: a disabled owner group is dropped by EffectiveOnly, so the owner falls back to the user
    void duplicateEffectiveOnly_disabledOwnerGroup_ownerBecomesUser() {
        TokenObject source = token(TokenType.IMPERSONATION, List.of(), 0,
                List.of(new TokenGroup(PROJECT, OWNER_CAPABLE_DISABLED)), PROJECT);
        TokenObject copy = ModelInternals.kernelServices(backend.world()).duplicator().duplicate(source, TokenType.IMPERSONATION,
                ImpersonationLevel.IMPERSONATION, true, process.securityDescriptor());
        assertEquals(source.contents().user().sid(), copy.contents().owner());
        assertEquals(false, copy.contents().groups().stream().anyMatch(g -> g.sid().equals(PROJECT)));
        TokenObject plain = ModelInternals.kernelServices(backend.world()).duplicator().duplicate(source, TokenType.IMPERSONATION,
                ImpersonationLevel.IMPERSONATION, false, process.securityDescriptor());
        assertEquals(PROJECT, plain.contents().owner(), "without EffectiveOnly nothing is dropped");
    }
}
