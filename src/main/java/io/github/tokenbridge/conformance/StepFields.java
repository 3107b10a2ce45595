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
            default -> throw new IllegalArgumentException("unknown field '" + field + "'");
        };
    }
}
