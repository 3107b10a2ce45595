package io.github.tokenbridge;

/**
 * {@code TOKEN_STATISTICS}: a token's identifiers and counts (R5, R9).
 *
 * @param tokenId            unique per token object
 * @param authenticationId   the logon session
 * @param expirationTime     the expiration time as a FILETIME value (Windows reports "never")
 * @param type               the token type
 * @param impersonationLevel the stored level; meaningful only for impersonation tokens (R4)
 * @param dynamicCharged     bytes charged for the default DACL and primary group
 * @param dynamicAvailable   of which still available
 * @param groupCount         the number of groups, not counting the user
 * @param privilegeCount     the number of privileges
 * @param modifiedId         renewed whenever the token's mutable state changes
 */
public record TokenStatistics(
        Luid tokenId,
        Luid authenticationId,
        long expirationTime,
        TokenType type,
        ImpersonationLevel impersonationLevel,
        int dynamicCharged,
        int dynamicAvailable,
        int groupCount,
        int privilegeCount,
        Luid modifiedId) {

    /** {@code Long.MAX_VALUE}: the expiration time Windows reports for a token that never expires. */
    public static final long NEVER_EXPIRES = Long.MAX_VALUE;

    /**
     * The impersonation level as {@link AccessToken#impersonationLevel()} answers it: empty for a
     * primary token, whose stored level has no meaning (R4).
     */
    public java.util.Optional<ImpersonationLevel> effectiveImpersonationLevel() {
        return type == TokenType.PRIMARY ? java.util.Optional.empty() : java.util.Optional.of(impersonationLevel);
    }

    /** The fields by name, with {@code expires never} instead of {@code Long.MAX_VALUE} and no level for a primary token. */
    @Override
    public String toString() {
        return "TokenStatistics[tokenId " + tokenId + ", authenticationId " + authenticationId + ", modifiedId " + modifiedId
                + ", " + type + effectiveImpersonationLevel().map(l -> " " + l).orElse("")
                + ", expires " + (expirationTime == NEVER_EXPIRES ? "never" : "at FILETIME " + expirationTime)
                + ", groups " + groupCount + ", privileges " + privilegeCount
                + ", dynamic " + dynamicAvailable + "/" + dynamicCharged + " bytes available]";
    }
}
