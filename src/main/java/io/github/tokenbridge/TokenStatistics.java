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
}
