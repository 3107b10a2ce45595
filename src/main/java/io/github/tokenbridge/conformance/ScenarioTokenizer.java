package io.github.tokenbridge.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizer of scenario lines: spaces separate tokens, double quotes group (and are removed),
 * {@code #} outside quotes starts a comment (scenarios.md).
 */
final class ScenarioTokenizer {

    private ScenarioTokenizer() {
    }

    /** Splits the text of {@code at} into tokens; an unclosed quote is a syntax error on that line. */
    static List<String> tokenize(SourceLine at, String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inQuotes = false;
        boolean hasToken = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    inQuotes = false;
                } else {
                    token.append(c);
                }
            } else if (c == '"') {
                inQuotes = true;
                hasToken = true;
            } else if (c == '#') {
                break;
            } else if (Character.isWhitespace(c)) {
                if (hasToken) {
                    tokens.add(token.toString());
                    token.setLength(0);
                    hasToken = false;
                }
            } else {
                token.append(c);
                hasToken = true;
            }
        }
        if (inQuotes) {
            throw at.error("unclosed double quote");
        }
        if (hasToken) {
            tokens.add(token.toString());
        }
        return tokens;
    }
}
