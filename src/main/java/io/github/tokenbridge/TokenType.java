package io.github.tokenbridge;

import java.util.Arrays;

/** A token's type, {@code TOKEN_TYPE}: what a process runs under, or what a thread borrows (R1). */
public enum TokenType {
    /** {@code TokenPrimary} (1). */
    PRIMARY(1),
    /** {@code TokenImpersonation} (2). */
    IMPERSONATION(2);

    private final int code;

    TokenType(int code) {
        this.code = code;
    }

    /** The {@code TOKEN_TYPE} value. */
    public int code() {
        return code;
    }

    /** The type for a {@code TOKEN_TYPE} value. */
    public static TokenType fromCode(int code) {
        return Arrays.stream(values()).filter(t -> t.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a TOKEN_TYPE: " + code));
    }

    /** The name used by scenarios: {@code Primary} or {@code Impersonation}. */
    public String scenarioName() {
        return this == PRIMARY ? "Primary" : "Impersonation";
    }
}
