package io.github.tokenbridge;

import java.util.Arrays;

/** {@code TOKEN_ELEVATION_TYPE}: whether a token is one half of a UAC split token, and which (R11). */
public enum ElevationType {
    /** {@code TokenElevationTypeDefault} (1): no linked token. */
    DEFAULT(1),
    /** {@code TokenElevationTypeFull} (2): the elevated half. */
    FULL(2),
    /** {@code TokenElevationTypeLimited} (3): the filtered half. */
    LIMITED(3);

    private final int code;

    ElevationType(int code) {
        this.code = code;
    }

    /** The {@code TOKEN_ELEVATION_TYPE} value. */
    public int code() {
        return code;
    }

    /** The elevation type for a {@code TOKEN_ELEVATION_TYPE} value. */
    public static ElevationType fromCode(int code) {
        return Arrays.stream(values()).filter(t -> t.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a TOKEN_ELEVATION_TYPE: " + code));
    }
}
