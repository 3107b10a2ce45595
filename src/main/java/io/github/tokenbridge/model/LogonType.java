package io.github.tokenbridge.model;

import io.github.tokenbridge.Sid;

/** The logon types of a model logon ({@code LOGON32_LOGON_*}), each with the group SID it adds. */
public enum LogonType {
    INTERACTIVE(2, Sid.INTERACTIVE),
    NETWORK(3, Sid.NETWORK),
    BATCH(4, Sid.parse("S-1-5-3")),
    SERVICE(5, Sid.SERVICE);

    private final int code;
    private final Sid groupSid;

    LogonType(int code, Sid groupSid) {
        this.code = code;
        this.groupSid = groupSid;
    }

    /** The {@code LOGON32_LOGON_*} value. */
    public int code() {
        return code;
    }

    /** The well-known group a token of this logon type holds (S-1-5-4 interactive, ...). */
    public Sid groupSid() {
        return groupSid;
    }
}
