package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;

/**
 * What a thread was impersonating before a scope began, saved as {@code OpenThreadToken(TOKEN_IMPERSONATE |
 * TOKEN_QUERY, OpenAsSelf = TRUE)} returns it (R46): no token, or a handle to the token with its level
 * and token id, so that restoring can be verified.
 *
 * @param handle  the saved token handle, or null when the thread was not impersonating
 * @param state   what the thread token looked like
 */
record SavedImpersonation(Handle handle, ThreadTokenState state) {

    private static final SavedImpersonation NOT_IMPERSONATING = new SavedImpersonation(null, ThreadTokenState.NONE);

    static SavedImpersonation notImpersonating() {
        return NOT_IMPERSONATING;
    }

    boolean wasImpersonating() {
        return handle != null;
    }
}
