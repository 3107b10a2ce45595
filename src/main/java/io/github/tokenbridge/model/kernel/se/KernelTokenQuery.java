package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The kernel's {@code SeQueryInformationToken} over a token object (R93 c): a fixed set of classes,
 * no handle and so no access check, every other class {@code STATUS_INVALID_INFO_CLASS}. It also
 * builds the {@code TOKEN_STATISTICS} the Nt query returns, so both report the same numbers.
 */
public final class KernelTokenQuery {

    /** The classes {@code SeQueryInformationToken} answers (MSDOC "SeQueryInformationToken"). */
    public static final Set<TokenInformationClass> SUPPORTED = Set.copyOf(EnumSet.of(
            TokenInformationClass.TokenUser, TokenInformationClass.TokenGroups, TokenInformationClass.TokenPrivileges,
            TokenInformationClass.TokenOwner, TokenInformationClass.TokenPrimaryGroup,
            TokenInformationClass.TokenDefaultDacl, TokenInformationClass.TokenSource, TokenInformationClass.TokenType,
            TokenInformationClass.TokenImpersonationLevel, TokenInformationClass.TokenStatistics,
            TokenInformationClass.TokenSessionId, TokenInformationClass.TokenIntegrityLevel));

    /** "Never": the expiration time Windows reports. */
    private static final long NEVER = Long.MAX_VALUE;
    /** The dynamic part Windows charges a token for its default DACL and primary group. */
    private static final int DYNAMIC_CHARGED = 1024;

    private KernelTokenQuery() {
    }

    /**
     * {@code SeQueryInformationToken(token, infoClass, &buffer)}. The value has the Java type the Nt
     * query gives for the class, except TokenIntegrityLevel, which is the level's RID (the routine
     * returns a DWORD, not a TOKEN_MANDATORY_LABEL). TokenImpersonationLevel of a primary token and
     * every class outside {@link #SUPPORTED} fail with STATUS_INVALID_INFO_CLASS and no value.
     */
    public static Result<Object> query(TokenObject token, TokenInformationClass infoClass) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(infoClass, "infoClass");
        TokenContents c = token.contents();
        if (!SUPPORTED.contains(infoClass)
                || infoClass == TokenInformationClass.TokenImpersonationLevel && c.type() != TokenType.IMPERSONATION) {
            return Result.failure(NtStatus.STATUS_INVALID_INFO_CLASS);
        }
        Object value = infoClass == TokenInformationClass.TokenIntegrityLevel ? (int) c.integrity().rid()
                : storedValue(token, infoClass);
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, value);
    }

    /**
     * The value of a class that is a field of the token as stored, the same for this routine and for
     * NtQueryInformationToken (R5): user, groups, privileges, owner, primary group, default DACL,
     * source, type, impersonation level, statistics and session id.
     */
    public static Object storedValue(TokenObject token, TokenInformationClass infoClass) {
        TokenContents c = token.contents();
        return switch (infoClass) {
            case TokenUser -> c.user();
            case TokenGroups -> c.groups();
            case TokenPrivileges -> c.privileges();
            case TokenOwner -> c.owner();
            case TokenPrimaryGroup -> c.primaryGroup();
            case TokenDefaultDacl -> Optional.ofNullable(c.defaultDacl());
            case TokenSource -> c.source();
            case TokenType -> c.type();
            case TokenImpersonationLevel -> c.level();
            case TokenStatistics -> statistics(token);
            case TokenSessionId -> c.sessionId();
            default -> throw new IllegalArgumentException(infoClass + " is not a stored field of the token");
        };
    }

    /**
     * The token's {@code TOKEN_STATISTICS} (R5, R9): its ids, type and stored level (R4), the
     * counts, and the dynamic part charged for the primary group and default DACL.
     */
    public static TokenStatistics statistics(TokenObject token) {
        TokenContents c = token.contents();
        int dynamicUsed = c.primaryGroup().byteLength() + (c.defaultDacl() == null ? 0 : c.defaultDacl().byteLength());
        return new TokenStatistics(token.tokenId(), c.authenticationId(), NEVER, c.type(), c.level(), DYNAMIC_CHARGED,
                DYNAMIC_CHARGED - dynamicUsed, c.groups().size(), c.privileges().size(), c.modifiedId());
    }
}
