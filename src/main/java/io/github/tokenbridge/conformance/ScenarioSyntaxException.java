package io.github.tokenbridge.conformance;

/**
 * A malformed scenario file: the message starts with {@code file:line:} so that editors and
 * terminals can jump to the offending line.
 */
public final class ScenarioSyntaxException extends IllegalArgumentException {

    private final String file;
    private final int line;

    public ScenarioSyntaxException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file (or resource) name the scenario came from. */
    public String file() {
        return file;
    }

    /** The 1-based line number of the problem. */
    public int line() {
        return line;
    }
}
