package io.github.tokenbridge.model;

/** Who made a model logon, which sets the new session's OriginatingLogonSession (R9, R38 d). */
public enum LogonOrigin {
    /** The calling process: origin = the caller's authentication id. */
    SELF,
    /** Another party (LSA / SYSTEM): origin = 0x3E7. */
    SYSTEM
}
