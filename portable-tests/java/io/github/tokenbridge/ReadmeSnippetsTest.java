package io.github.tokenbridge;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's checked code blocks are the tested files they name: a fenced block between
 * {@code <!-- snippet: PATH -->} and {@code <!-- /snippet -->} must be the file at PATH (a test
 * source) without its {@code package} line, character for character, so the README cannot drift
 * from the code its tests run.
 */
class ReadmeSnippetsTest {

    private static final Path README = Path.of("README.md");
    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: (\\S+) -->\\n```java\\n(.*?)\\n```\\n<!-- /snippet -->", Pattern.DOTALL);

    /** One checked block: the file it names and its text. */
    record Snippet(String path, String text) {
    }

    static List<Snippet> snippets(String readme) {
        List<Snippet> found = new ArrayList<>();
        Matcher m = SNIPPET.matcher(readme.replace("\r\n", "\n"));
        while (m.find()) {
            found.add(new Snippet(m.group(1), m.group(2)));
        }
        return found;
    }

    /** The file's text as the README shows it: without the {@code package} line and the blank lines after it. */
    static String shown(String source) {
        String text = source.replace("\r\n", "\n");
        if (!text.startsWith("package ")) {
            throw new IllegalArgumentException("a snippet file starts with its package line");
        }
        return text.substring(text.indexOf('\n') + 1).replaceFirst("^\\n+", "").replaceFirst("\\n+$", "");
    }

    @Test
    void everySnippet_isTheFileItNames() throws IOException {
        List<Snippet> snippets = snippets(Files.readString(README, StandardCharsets.UTF_8));
        assertTrue(snippets.stream().anyMatch(s -> s.path().endsWith("readme/FileOwnerService.java")),
                "README.md has no checked snippet of the named-pipe service: " + snippets.stream().map(Snippet::path).toList());
        for (Snippet snippet : snippets) {
            Path file = Path.of(snippet.path());
            assertTrue(file.startsWith("portable-tests") && Files.isRegularFile(file), "no test source " + file);
            assertEquals(shown(Files.readString(file, StandardCharsets.UTF_8)), snippet.text(),
                    "README.md's block differs from " + file);
        }
    }

    @Test
    void snippets_unmarkedBlocksAreIgnored_andADifferenceIsFound() {
        String readme = "text\n```java\nnot checked\n```\n<!-- snippet: a/B.java -->\n```java\nclass B {\n}\n```\n<!-- /snippet -->\n";
        assertEquals(List.of(new Snippet("a/B.java", "class B {\n}")), snippets(readme));
        assertEquals("class B {\n}", shown("package a;\n\nclass B {\n}\n"));
        assertTrue(!shown("package a;\n\nclass B {\n  int x;\n}\n").equals(snippets(readme).get(0).text()));
    }
}
