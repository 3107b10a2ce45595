package io.github.tokenbridge.conformance;

/**
 * The position of one line of a scenario file, used to report what is wrong with it.
 *
 * @param file the file (or resource) name
 * @param line the 1-based line number
 */
record SourceLine(String file, int line) {

    /** A {@link ScenarioSyntaxException} for {@code problem} on this line. */
    ScenarioSyntaxException error(String problem) {
        return new ScenarioSyntaxException(file, line, problem);
    }
}
