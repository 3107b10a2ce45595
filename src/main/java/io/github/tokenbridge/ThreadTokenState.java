package io.github.tokenbridge;

/**
 * The calling thread's impersonation as read back through {@code OpenThreadToken}: whether it
 * impersonates, at which level, and the token id (null when the token cannot be opened because it
 * is at Anonymous level, R28).
 *
 * @param impersonating true when the thread has a token
 * @param level         the token's level, or null when not impersonating
 * @param tokenId       the token's TokenId, or null when not impersonating or at Anonymous level
 */
record ThreadTokenState(boolean impersonating, ImpersonationLevel level, Luid tokenId) {

    static final ThreadTokenState NONE = new ThreadTokenState(false, null, null);

    @Override
    public String toString() {
        return impersonating ? level.scenarioName() + (tokenId == null ? "" : " token " + tokenId) : "not impersonating";
    }
}
