package io.github.tokenbridge.model;

import io.github.tokenbridge.backend.TokenBackend;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link ModelProgram} runs with: its command line, environment, current directory and standard
 * streams, and the backend whose calls run as the child process's thread.
 *
 * @param processId        the model process id
 * @param imagePath        the image path the process was started from
 * @param commandLine      the whole command line
 * @param currentDirectory the current directory
 * @param environment      the environment
 * @param stdin            standard input (empty when not piped)
 * @param stdout           standard output (discarded when not piped)
 * @param stderr           standard error (discarded when not piped)
 * @param backend          the model backend; on this thread its calls run as the child's thread
 */
public record ModelProgramContext(int processId, String imagePath, String commandLine, String currentDirectory,
                                  Map<String, String> environment, InputStream stdin, OutputStream stdout,
                                  OutputStream stderr, TokenBackend backend) {

    public ModelProgramContext {
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(commandLine, "commandLine");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(backend, "backend");
    }

    /**
     * The arguments after the image name, split as CommandLineToArgvW does for the simple cases (blanks
     * separate, double quotes group).
     */
    public List<String> arguments() {
        List<String> all = split(commandLine);
        return all.isEmpty() ? List.of() : List.copyOf(all.subList(1, all.size()));
    }

    static List<String> split(String line) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    parts.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
                any = true;
            }
        }
        if (any) {
            parts.add(current.toString());
        }
        return parts;
    }
}
