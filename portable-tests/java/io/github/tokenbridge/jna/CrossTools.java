package io.github.tokenbridge.jna;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Windows cross tools the off-Windows proofs use (mingw-w64 and Wine): finding them on the
 * PATH under the project's rule — a missing tool fails the test when the environment variable
 * {@code CI} is set (CI installs wine64 and gcc-mingw-w64-x86-64) and skips it otherwise — and
 * running them with a time limit.
 */
final class CrossTools {

    private CrossTools() {
    }

    /** The tool's path; fails under CI, skips elsewhere, when it is not on the PATH. */
    static Path require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of(tool, tool + ".exe")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        missing(tool + " is not on the PATH");
        throw new AssertionError("unreachable");
    }

    /** Fails under CI, skips elsewhere, saying what is missing. */
    static void missing(String what) {
        if (System.getenv("CI") != null && !com.sun.jna.Platform.isWindows()) {
            Assertions.fail(what + " (CI must install wine64 and gcc-mingw-w64-x86-64, see .ci/run)");
        }
        Assumptions.abort(what + " (install wine64 and gcc-mingw-w64-x86-64 to run this check)");
    }

    /** Runs {@code command}, returns its standard output; fails on a non-zero exit or after {@code seconds}. */
    static String run(List<String> command, Map<String, String> environment, int seconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output;
        try {
            output = process.getInputStream().readAllBytes();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                Assertions.fail(command + " did not finish within " + seconds + " s");
            }
        } finally {
            process.destroyForcibly();
        }
        Assertions.assertEquals(0, process.exitValue(), command + " exited with " + process.exitValue());
        return new String(output, StandardCharsets.UTF_8);
    }
}
