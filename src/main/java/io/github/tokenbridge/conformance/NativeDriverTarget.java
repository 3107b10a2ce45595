package io.github.tokenbridge.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The native driver {@code tbdriver.exe} as a differential target: one process per batch (so
 * Wine's start-up is paid once per batch), paths passed relative to the working directory (Wine
 * maps them through its Z: drive). Exit status 0 and 1 are normal; anything else is an error
 * with the driver's standard error.
 */
public final class NativeDriverTarget implements DifferentialTarget {

    private final List<String> command;

    /** @param command the driver command, e.g. {@code wine native/build/tbdriver.exe} */
    public NativeDriverTarget(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the driver command is empty");
        }
        this.command = List.copyOf(command);
    }

    @Override
    public String backend() {
        return "native";
    }

    @Override
    public void snapshot(Path file) {
        List<String> cmd = new ArrayList<>(command);
        cmd.add("--snapshot");
        cmd.add(relative(file));
        exec(cmd, 0);
    }

    @Override
    public void run(List<Path> files, Path transcript) {
        List<String> cmd = new ArrayList<>(command);
        cmd.add("--transcript");
        cmd.add(relative(transcript));
        files.forEach(f -> cmd.add(relative(f)));
        exec(cmd, 1);
    }

    private static String relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return (abs.startsWith(cwd) ? cwd.relativize(abs) : abs).toString();
    }

    private static void exec(List<String> cmd, int okUpTo) {
        try {
            Path err = Files.createTempFile("tbdriver", ".stderr");
            try {
                Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(err.toFile()).start();
                int rc = p.waitFor();
                if (rc < 0 || rc > okUpTo) {
                    String text = Files.readString(err, StandardCharsets.UTF_8).lines()
                            .filter(l -> !l.startsWith("wine: ") && !l.contains("rundll32")).limit(20)
                            .reduce("", (a, b) -> a + "\n  " + b);
                    throw new IllegalStateException(String.join(" ", cmd.subList(0, Math.min(cmd.size(), 4)))
                            + " ... exited with " + rc + text);
                }
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the driver", e);
        }
    }
}
