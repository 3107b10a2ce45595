package io.github.tokenbridge.backend;

import java.util.Objects;

/**
 * The output of {@code GetTokenInformation} / {@code NtQueryInformationToken}: the information
 * class, the length Windows returned (the bytes written on success, the bytes required after
 * {@code ERROR_INSUFFICIENT_BUFFER}), and the decoded value (null when nothing was written).
 *
 * @param infoClass    the class asked for
 * @param returnLength {@code ReturnLength}
 * @param value        the decoded value, of {@link TokenInformationClass#valueType()}, or null
 */
public record TokenInformation(TokenInformationClass infoClass, int returnLength, Object value) {

    public TokenInformation {
        Objects.requireNonNull(infoClass, "infoClass");
    }

    /** The value cast to {@code type}. */
    public <T> T as(Class<T> type) {
        return type.cast(value);
    }
}
