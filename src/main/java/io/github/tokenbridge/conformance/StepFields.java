package io.github.tokenbridge.conformance;

import java.util.stream.Collectors;

/**
 * The output fields a step can assert ({@code granted=}, {@code length=}, {@code result=}, ...)
 * and their normalised text, which is what transcripts record and comparisons compare:
 * masks as {@code 0x} lower-case hex, numbers in decimal, booleans, level names, privilege lists.
 */
public final class StepFields {

    private StepFields() {
    }

    /** The normalised text of a field value as written in a scenario. */
    public static String normalise(String field, String value) {
        return switch (field) {
            case "granted" -> ValueSyntax.maskText(ValueSyntax.accessMask(value));
            case "length" -> Integer.toUnsignedString(ValueSyntax.number(value));
            case "result", "copy_on_open", "effective_only", "none" -> Boolean.toString(ValueSyntax.bool(value));
            case "level" -> ValueSyntax.level(value).scenarioName();
            case "privileges" -> ValueSyntax.list(value).stream()
                    .map(p -> ValueSyntax.privilege(p).name()).collect(Collectors.joining(","));
            // logons and names: names compare ignoring case; sid is compared by the runner as a SID
            case "name", "domain" -> value.toLowerCase(java.util.Locale.ROOT);
            case "use" -> io.github.tokenbridge.SidType.fromScenarioName(value).map(io.github.tokenbridge.SidType::scenarioName)
                    .orElseThrow(() -> new IllegalArgumentException("unknown use '" + value + "'"));
            case "sid" -> value;
            // named pipes (issue 13): bytes written, the text read, the client's process as self or other
            case "written" -> Integer.toUnsignedString(ValueSyntax.number(value));
            case "data" -> value;
            case "pid" -> PipeSteps.pidWord(value);
            default -> throw new IllegalArgumentException("unknown field '" + field + "'");
        };
    }
}
