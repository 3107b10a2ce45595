package io.github.tokenbridge.model.nt;

import io.github.tokenbridge.model.kernel.se.AccessCheck;
import io.github.tokenbridge.model.kernel.se.AccessCheckTrace;
import io.github.tokenbridge.model.kernel.se.AccessDecision;
import io.github.tokenbridge.model.kernel.se.ClientToken;
import io.github.tokenbridge.model.kernel.se.ContentsClientToken;
import io.github.tokenbridge.model.kernel.se.GroupAdjustment;
import io.github.tokenbridge.model.kernel.se.PrivilegeChecks;
import io.github.tokenbridge.model.kernel.se.RestrictedTokens;
import io.github.tokenbridge.model.kernel.se.TokenMembership;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.PrivilegeCheckResult;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.ps.ImpersonationState;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.ob.ObjectSecurity;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.TokenContents;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Nt-layer security services of the model over its token objects: {@code NtAccessCheck} (R62,
 * R63), {@code NtPrivilegeCheck} (R61), the membership check behind {@code CheckTokenMembership}
 * (R60), {@code NtFilterToken} (R10) and {@code NtAdjustGroupsToken} (R57). Handles are checked for
 * the rights of R13; results are NTSTATUS-based.
 */
public final class NtSecurityServices {

    static final int TOKEN_DUPLICATE = 0x0002;
    static final int TOKEN_QUERY = 0x0008;
    static final int TOKEN_ADJUST_GROUPS = 0x0040;

    private final KernelServices k;

    public NtSecurityServices(KernelServices k) {
        this.k = Objects.requireNonNull(k, "k");
    }

    private Result<TokenObject> token(ThreadObject caller, long handle, int access) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, handle, ObjectType.TOKEN, access);
        return ref.succeeded() ? ref.withValue((TokenObject) ref.value().object()) : ref.withValue(null);
    }

    /**
     * {@code NtAccessCheck}: generic bits in the desired mask are refused first (R96), then the token
     * handle needs TOKEN_QUERY; the outcome is in {@code out}, and the returned status is the call's
     * (the generic-bits refusal, a failed handle reference, or the engine's call status).
     */
    public NtStatus accessCheck(ThreadObject caller, SecurityDescriptor sd, long tokenHandle, int desired, GenericMapping mapping,
                                int privilegeSetLength, AccessCheckTrace trace, AccessDecision out) {
        Objects.requireNonNull(sd, "securityDescriptor");
        Objects.requireNonNull(mapping, "mapping");
        if (AccessCheck.refusesUnmappedAccess(desired, trace, out)) {
            return NtStatus.STATUS_GENERIC_NOT_MAPPED;
        }
        Result<TokenObject> token = token(caller, tokenHandle, TOKEN_QUERY);
        if (!token.succeeded()) {
            return NtStatus.fromCode(token.ntStatus().orElseThrow()).orElseThrow();
        }
        AccessCheck.evaluate(sd, ContentsClientToken.of(token.value().contents()), desired, mapping, privilegeSetLength, 0, trace, out);
        return NtStatus.fromCode(out.callStatus()).orElseThrow();
    }

    /** {@code NtPrivilegeCheck}: needs TOKEN_QUERY. */
    public Result<PrivilegeCheckResult> privilegeCheck(ThreadObject caller, long tokenHandle, List<Luid> privileges, boolean requireAll) {
        Objects.requireNonNull(privileges, "privileges");
        Result<TokenObject> token = token(caller, tokenHandle, TOKEN_QUERY);
        if (!token.succeeded()) {
            return token.withValue(null);
        }
        PrivilegeChecks.Outcome outcome = PrivilegeChecks.check(ContentsClientToken.of(token.value().contents()), privileges, requireAll);
        return Result.ofStatus(outcome.status(), outcome.result());
    }

    /**
     * The membership check of {@code CheckTokenMembership}: handle 0 (NULL) means the calling thread's
     * impersonation token or, when it does not impersonate, an Identification-level view of its
     * process token (R60); otherwise the handle needs TOKEN_QUERY.
     */
    public Result<Boolean> checkMembership(ThreadObject caller, long tokenHandle, Sid sid) {
        Objects.requireNonNull(sid, "sid");
        ClientToken view;
        if (tokenHandle == 0) {
            Optional<ImpersonationState> impersonation = caller.impersonation();
            view = impersonation.isPresent() ? ContentsClientToken.of(impersonation.get().token().contents())
                    : ContentsClientToken.asImpersonation(caller.process().primaryToken().contents(), ImpersonationLevel.IDENTIFICATION);
        } else {
            Result<TokenObject> token = token(caller, tokenHandle, TOKEN_QUERY);
            if (!token.succeeded()) {
                return token.withValue(false);
            }
            view = ContentsClientToken.of(token.value().contents());
        }
        TokenMembership.Outcome outcome = TokenMembership.check(view, sid);
        return Result.ofStatus(outcome.status(), outcome.member());
    }

    /**
     * {@code NtFilterToken}: needs TOKEN_DUPLICATE; the new token has a new TokenId, ModifiedId and
     * default security from the caller's effective token (R14), its ParentTokenId is the source's
     * TokenId, and its handle has the source handle's access (MSDOC "CreateRestrictedToken").
     */
    public Result<Long> filterToken(ThreadObject caller, long tokenHandle, int flags, List<Sid> sidsToDisable,
                                    List<Luid> privilegesToDelete, List<Sid> sidsToRestrict) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, tokenHandle, ObjectType.TOKEN, TOKEN_DUPLICATE);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        TokenObject source = (TokenObject) ref.value().object();
        TokenContents contents = source.contents();
        RestrictedTokens.Outcome outcome = RestrictedTokens.create(ContentsClientToken.of(contents).toState(), flags,
                sidsToDisable, privilegesToDelete, sidsToRestrict);
        if (outcome.status() != NtStatus.STATUS_SUCCESS) {
            return Result.failure(outcome.status());
        }
        int newFlags = contents.flags() | TokenObject.FLAG_IS_FILTERED
                | (outcome.sandboxInert() ? TokenObject.FLAG_SANDBOX_INERT : 0)
                | (outcome.writeRestricted() ? TokenObject.FLAG_WRITE_RESTRICTED : 0)
                | (outcome.token().restrictedSids().isEmpty() ? 0 : TokenObject.FLAG_IS_RESTRICTED);
        TokenContents filtered = ContentsClientToken.apply(contents, outcome.token(), source.tokenId(), k.kernel().newLuid(), newFlags);
        SecurityDescriptor security = ObjectSecurity.defaultFor(caller.effectiveToken().contents(), ObjectType.TOKEN);
        TokenObject created = k.kernel().createToken(filtered, security);
        return Result.ofStatus(NtStatus.STATUS_SUCCESS,
                k.objects().insertHandle(caller.process(), created, ref.value().grantedAccess(), 0));
    }

    /**
     * {@code NtAdjustGroupsToken}: needs TOKEN_ADJUST_GROUPS (+ TOKEN_QUERY with PreviousState); a
     * PreviousState buffer smaller than the changed groups need fails with STATUS_BUFFER_TOO_SMALL
     * and applies nothing; an applied change renews ModifiedId (R9). A NULL NewState ({@code newState}
     * null) without ResetToDefault is STATUS_INVALID_PARAMETER (R94 a); with it, NewState is ignored.
     *
     * @param newState the groups to change, or null for a NULL NewState
     * @param previousStateLength the PreviousState buffer length, or -1 for NULL
     */
    public Result<AdjustResult<TokenGroup>> adjustGroups(ThreadObject caller, long tokenHandle, boolean resetToDefault,
                                                         List<TokenGroup> newState, int previousStateLength) {
        if (!resetToDefault && newState == null) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        int access = TOKEN_ADJUST_GROUPS | (previousStateLength >= 0 ? TOKEN_QUERY : 0);
        Result<TokenObject> token = token(caller, tokenHandle, access);
        if (!token.succeeded()) {
            return token.withValue(null);
        }
        TokenObject object = token.value();
        synchronized (object) {
            GroupAdjustment.Outcome outcome = GroupAdjustment.adjust(object.contents().groups(), resetToDefault, newState);
            if (!outcome.status().isSuccess()) {
                return Result.failure(outcome.status());
            }
            int required = GroupAdjustment.previousStateLength(outcome.previousState());
            if (previousStateLength >= 0 && previousStateLength < required) {
                return Result.ofStatus(NtStatus.STATUS_BUFFER_TOO_SMALL, new AdjustResult<>(List.of(), required));
            }
            if (outcome.changed()) {
                object.modify(c -> c.withGroupsAndPrivileges(outcome.groups(), c.privileges()), k.kernel().newLuid());
            }
            return Result.ofStatus(outcome.status(),
                    new AdjustResult<>(previousStateLength >= 0 ? outcome.previousState() : List.of(), required));
        }
    }
}
