package io.github.tokenbridge;

/**
 * Under which identity {@code OpenThreadToken} checks access to the thread's token: the
 * {@code OpenAsSelf} argument (R29, R30).
 */
public enum OpenAs {
    /** {@code OpenAsSelf = TRUE}: the check uses the process token; works at Identification level (R29). */
    SELF(true),
    /** {@code OpenAsSelf = FALSE}: the check uses the thread's impersonation token itself. */
    THREAD(false);

    private final boolean openAsSelf;

    OpenAs(boolean openAsSelf) {
        this.openAsSelf = openAsSelf;
    }

    /** The {@code OpenAsSelf} value passed to Windows. */
    public boolean openAsSelf() {
        return openAsSelf;
    }
}
