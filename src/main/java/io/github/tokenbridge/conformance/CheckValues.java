package io.github.tokenbridge.conformance;

import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.Luid;

/**
 * The normalised text of check values, per field kind, so that a literal written in a scenario
 * and a value read through a backend compare as strings: levels and types by scenario name,
 * integrity by name ({@code Medium}), masks and LUIDs in {@code 0x} hex, SIDs in string form.
 */
public final class CheckValues {

    private CheckValues() {
    }

    /** The normalised text of a literal right-hand side for {@code field}. */
    public static String parseLiteral(CheckField field, String text) {
        return switch (field.kind()) {
            case TYPE -> ValueSyntax.type(text).scenarioName();
            case LEVEL -> ValueSyntax.level(text).scenarioName();
            case SID -> ValueSyntax.sid(text).toString();
            case LUID -> luidText(new Luid(Integer.toUnsignedLong(ValueSyntax.number(text))));
            case INTEGRITY -> ValueSyntax.integrityName(ValueSyntax.integrityLabel(text));
            case NUMBER -> Integer.toUnsignedString(ValueSyntax.number(text));
            case ELEVATION -> switch (text) {
                case "Default", "Full", "Limited" -> text;
                default -> throw new IllegalArgumentException("unknown elevation type \"" + text + "\" (Default, Full, Limited)");
            };
            case BOOL -> Boolean.toString(ValueSyntax.bool(text));
            case DACL -> switch (text) {
                case "null", "empty", "present" -> text;
                default -> throw new IllegalArgumentException("a default DACL is null, empty or present, not \"" + text + "\"");
            };
            case MASK -> ValueSyntax.maskText(ValueSyntax.accessMask(text));
            case LIST -> throw new IllegalArgumentException(field.scenarioName() + " takes 'has', not a value");
        };
    }

    /** LUIDs as {@code 0x} + lower-case hex. */
    public static String luidText(Luid luid) {
        return "0x" + Long.toHexString(luid.value());
    }

    /** Elevation types by scenario name. */
    public static String elevationText(ElevationType type) {
        return switch (type) {
            case DEFAULT -> "Default";
            case FULL -> "Full";
            case LIMITED -> "Limited";
        };
    }
}
