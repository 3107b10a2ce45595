package io.github.tokenbridge.model.nt;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenGroupsAndPrivileges;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.ob.ObjectSecurity;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.KernelTokenQuery;
import io.github.tokenbridge.model.kernel.se.TokenContents;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code NtQueryInformationToken} of the model (R3, R5, R9, R11, R59).
 *
 * <p>Buffer rules: {@code bufferLength} -1 sizes the buffer; a variable-size class with a smaller
 * buffer gives STATUS_BUFFER_TOO_SMALL with the required length; a fixed-size class with length 0
 * gives STATUS_BUFFER_TOO_SMALL with the size, with another too-small length
 * STATUS_INFO_LENGTH_MISMATCH, except TokenSource, TokenType and TokenStatistics, which give
 * STATUS_BUFFER_TOO_SMALL for any short buffer (R59); a larger buffer is accepted. The classes the model cannot
 * answer throw {@link UnsupportedOperationException} naming the class (docs/token-information-classes.md).
 */
public final class NtTokenQuery {

    /**
     * Fixed-size classes that a query treats like variable-size ones: any short buffer gives
     * STATUS_BUFFER_TOO_SMALL with the size (R59 as corrected: ReactOS's class table and apitest).
     */
    private static final Set<TokenInformationClass> SIZE_VARIABLE_FOR_QUERY = Set.of(TokenInformationClass.TokenSource,
            TokenInformationClass.TokenType, TokenInformationClass.TokenStatistics);

    private static final int TOKEN_QUERY = 0x0008;
    private static final int TOKEN_QUERY_SOURCE = 0x0010;
    private static final int TOKEN_ALL_ACCESS = 0x000F01FF;

    /**
     * The classes the model does not answer (docs/token-information-classes.md says why for each):
     * they need objects or state it does not model, or no public source says what Windows answers.
     */
    private static final Set<TokenInformationClass> NOT_MODELLED = EnumSet.of(
            TokenInformationClass.TokenAuditPolicy,
            TokenInformationClass.TokenAccessInformation,
            TokenInformationClass.TokenRestrictedUserClaimAttributes,
            TokenInformationClass.TokenRestrictedDeviceClaimAttributes,
            TokenInformationClass.TokenDeviceGroups,
            TokenInformationClass.TokenRestrictedDeviceGroups,
            TokenInformationClass.TokenSecurityAttributes,
            TokenInformationClass.TokenSingletonAttributes,
            TokenInformationClass.TokenChildProcessFlags,
            TokenInformationClass.TokenIsSandboxed,
            TokenInformationClass.TokenIsAppSilo,
            TokenInformationClass.TokenLoggingInformation);

    private final KernelServices k;

    public NtTokenQuery(KernelServices k) {
        this.k = k;
    }

    /** {@code NtQueryInformationToken(token, infoClass, buffer, bufferLength, &returnLength)}. */
    public Result<TokenInformation> query(ThreadObject caller, long token, TokenInformationClass infoClass, int bufferLength) {
        if (infoClass == TokenInformationClass.TokenSessionReference) {
            return Result.failure(NtStatus.STATUS_INVALID_INFO_CLASS);
        }
        if (NOT_MODELLED.contains(infoClass)) {
            throw new UnsupportedOperationException("NtQueryInformationToken(" + infoClass + ") is not modelled");
        }
        int access = infoClass == TokenInformationClass.TokenSource ? TOKEN_QUERY_SOURCE : TOKEN_QUERY;
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, token, ObjectType.TOKEN, access);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        TokenObject object = (TokenObject) ref.value().object();
        TokenContents c = object.contents();
        if (infoClass == TokenInformationClass.TokenImpersonationLevel && c.type() == TokenType.PRIMARY) {
            return Result.failure(NtStatus.STATUS_INVALID_INFO_CLASS);
        }
        if (infoClass == TokenInformationClass.TokenLinkedToken && c.linkedToken() == null) {
            return Result.failure(NtStatus.STATUS_NO_SUCH_LOGON_SESSION);
        }
        int required = TokenInformationLayout.requiredLength(infoClass, c);
        if (bufferLength >= 0 && bufferLength < required) {
            NtStatus status = infoClass.isFixedSize() && bufferLength != 0 && !SIZE_VARIABLE_FOR_QUERY.contains(infoClass)
                    ? NtStatus.STATUS_INFO_LENGTH_MISMATCH : NtStatus.STATUS_BUFFER_TOO_SMALL;
            return Result.ofStatus(status, new TokenInformation(infoClass, required, null));
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, new TokenInformation(infoClass, required, value(caller, object, c, infoClass)));
    }

    private Object value(ThreadObject caller, TokenObject object, TokenContents c, TokenInformationClass infoClass) {
        return switch (infoClass) {
            case TokenUser, TokenGroups, TokenPrivileges, TokenOwner, TokenPrimaryGroup, TokenDefaultDacl, TokenSource,
                 TokenType, TokenImpersonationLevel, TokenStatistics, TokenSessionId ->
                    KernelTokenQuery.storedValue(object, infoClass);
            case TokenRestrictedSids -> c.restrictedSids();
            case TokenSandBoxInert -> (c.flags() & TokenObject.FLAG_SANDBOX_INERT) != 0;
            case TokenOrigin -> c.origin();
            case TokenElevationType -> c.elevationType();
            case TokenLinkedToken -> linkedToken(caller, c);
            case TokenElevation -> c.elevated();
            case TokenHasRestrictions -> object.isFiltered(); // "if the token has ever been filtered" (MSDOC TOKEN_INFORMATION_CLASS; R10)
            case TokenVirtualizationAllowed, TokenVirtualizationEnabled, TokenUIAccess, TokenIsAppContainer -> false;
            case TokenIntegrityLevel -> new TokenGroup(c.integrity(), 0x60);
            case TokenMandatoryPolicy -> c.mandatoryPolicy();
            case TokenLogonSid -> TokenInformationLayout.logonSids(c);
            // --- classes 13 and 30-46 (docs/token-information-classes.md) ---
            case TokenGroupsAndPrivileges -> groupsAndPrivileges(c);
            case TokenCapabilities -> List.of();
            case TokenAppContainerSid, TokenProcessTrustLevel, TokenBnoIsolation -> Optional.empty();
            case TokenAppContainerNumber, TokenUserClaimAttributes, TokenDeviceClaimAttributes -> 0;
            case TokenIsRestricted -> !c.restrictedSids().isEmpty();
            case TokenPrivateNameSpace, TokenIsLessPrivilegedAppContainer -> false;
            default -> throw new UnsupportedOperationException("NtQueryInformationToken(" + infoClass + ") is not modelled");
        };
    }

    /** TokenGroupsAndPrivileges (R5): the user first, then the groups, as ReactOS lays it out. */
    private static TokenGroupsAndPrivileges groupsAndPrivileges(TokenContents c) {
        List<TokenGroup> sids = new ArrayList<>(1 + c.groups().size());
        sids.add(c.user());
        sids.addAll(c.groups());
        return new TokenGroupsAndPrivileges(sids, c.restrictedSids(), c.privileges(), c.authenticationId());
    }

    /**
     * TokenLinkedToken (R11): a new Identification-level impersonation copy of the other half, with a
     * TOKEN_ALL_ACCESS handle in the caller's process (callers without SeTcbPrivilege). The copy is a
     * new object of the caller's: its default security, label included, comes from the caller's
     * effective token (R15, R14c), not from the linked half (W-SEC test_token_label: the linked
     * token's label has the level of the token it was asked from).
     */
    private Handle linkedToken(ThreadObject caller, TokenContents c) {
        TokenObject linked = c.linkedToken();
        TokenObject copy = k.duplicator().duplicate(linked, TokenType.IMPERSONATION, ImpersonationLevel.IDENTIFICATION, false,
                ObjectSecurity.defaultFor(caller.effectiveToken().contents(), ObjectType.TOKEN));
        return new Handle(k.objects().insertHandle(caller.process(), copy, TOKEN_ALL_ACCESS, 0));
    }
}
