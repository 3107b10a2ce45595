package io.github.tokenbridge.model.kernel.ps;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;

/**
 * The model's {@code RTL_USER_PROCESS_PARAMETERS}: what a new process starts with.
 *
 * @param imagePath        the image's path as resolved
 * @param commandLine      the command line
 * @param currentDirectory the current directory
 * @param environment      the environment
 * @param stdin            standard input (the child's end)
 * @param stdout           standard output (the child's end)
 * @param stderr           standard error (the child's end)
 */
public record ProcessParameters(String imagePath, String commandLine, String currentDirectory,
                                Map<String, String> environment, InputStream stdin, OutputStream stdout,
                                OutputStream stderr) {

    public ProcessParameters {
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(currentDirectory, "currentDirectory");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }
}
