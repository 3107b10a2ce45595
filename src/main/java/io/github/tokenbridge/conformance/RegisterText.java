package io.github.tokenbridge.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The text of a register of known divergences ({@code divergences.reg} for the corpus,
 * {@code differential.reg} for generated scenarios): where it is read from, its entry lines
 * tokenized as scenario lines, and the checks both kinds of entry share.
 */
final class RegisterText {

    /** One non-empty line of a register: its number and its tokens. */
    interface EntryLine {
        void accept(int lineNo, List<String> tokens);
    }

    private RegisterText() {
    }

    /** The register shipped in the jar beside {@code owner}. */
    static String shipped(Class<?> owner, String resource, String what) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the shipped " + what + " register is missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A register file. */
    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Calls {@code entry} for each line that has tokens (comments and blank lines skipped). */
    static void forEachEntry(String file, String text, EntryLine entry) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            List<String> tokens = ScenarioParser.tokenizeLine(file, i + 1, lines[i]);
            if (!tokens.isEmpty()) {
                entry.accept(i + 1, tokens);
            }
        }
    }

    /** A {@link ScenarioSyntaxException} naming the first of {@code required} the entry lacks. */
    static void requireKeys(String file, int lineNo, Map<String, String> entry, List<String> required) {
        for (String key : required) {
            if (!entry.containsKey(key)) {
                throw new ScenarioSyntaxException(file, lineNo, "register entry needs " + key + "=");
            }
        }
    }
}
