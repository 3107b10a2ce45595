package io.github.tokenbridge.backend;

/**
 * Where one standard stream of a new process goes: the caller's own stream ({@code INHERIT}) or a new
 * anonymous pipe whose other end the caller gets ({@code PIPE}; CreatePipe with an inheritable child end,
 * STARTF_USESTDHANDLES).
 */
public enum StdioRedirect {
    /** The child uses the standard handle the calling process has. */
    INHERIT,
    /** A new pipe: the child gets one end, the caller a Java stream over the other. */
    PIPE
}
