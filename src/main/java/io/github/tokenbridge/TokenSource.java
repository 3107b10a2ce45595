package io.github.tokenbridge;

import java.util.Objects;

/**
 * {@code TOKEN_SOURCE}: who created the token (an eight-character name such as {@code User32})
 * and the creator's identifier.
 *
 * @param name       the source name, at most 8 characters
 * @param identifier the source identifier
 */
public record TokenSource(String name, Luid identifier) {

    public TokenSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identifier, "identifier");
        if (name.length() > 8) {
            throw new IllegalArgumentException("a token source name has at most 8 characters: " + name);
        }
    }
}
