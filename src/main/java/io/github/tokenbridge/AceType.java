package io.github.tokenbridge;

import java.util.Arrays;

/** The ACE types tokenbridge models ({@code ACCESS_*_ACE_TYPE}, {@code SYSTEM_*_ACE_TYPE}). */
public enum AceType {
    ACCESS_ALLOWED(0x0),
    ACCESS_DENIED(0x1),
    SYSTEM_AUDIT(0x2),
    SYSTEM_MANDATORY_LABEL(0x11);

    private final int code;

    AceType(int code) {
        this.code = code;
    }

    /** The {@code AceType} byte. */
    public int code() {
        return code;
    }

    /** The ACE type for an {@code AceType} byte. */
    public static AceType fromCode(int code) {
        return Arrays.stream(values()).filter(t -> t.code == code).findFirst()
                .orElseThrow(() -> new UnsupportedOperationException("ACE type 0x" + Integer.toHexString(code) + " is not modelled"));
    }
}
