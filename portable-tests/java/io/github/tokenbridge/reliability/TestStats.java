package io.github.tokenbridge.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the long-running tests put their figures (calls made, seeds, timings): a file per test in
 * {@code target/test-stats/}, so that a green build prints nothing and the figures stay readable.
 */
final class TestStats {

    private static final Path DIRECTORY = Path.of("target", "test-stats");

    private TestStats() {
    }

    static void write(String test, String text) {
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(test + ".txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the figures of " + test + " to " + DIRECTORY, e);
        }
    }
}
