package io.github.tokenbridge.conformance;

import java.util.List;

/**
 * The parser of check lines, {@code check <left> == <right>}, {@code != <right>} or
 * {@code has <item> [state]}: it checks that operands name bound variables and existing fields
 * of the right owner, that compared fields are of one kind and that literals parse.
 */
final class CheckParser {

    private CheckParser() {
    }

    /** Parses the check {@code tokens} (after the word {@code check}), run by {@code thread}, as line {@code number}. */
    static ScenarioLine.Check parse(ScenarioBuilder b, SourceLine at, int number, String thread, List<String> tokens) {
        String text = String.join(" ", tokens);
        if (tokens.size() < 3) {
            throw at.error("a check is '<left> == <right>', '<left> != <right>' or '<left> has <item> [state]'");
        }
        String left = tokens.get(0);
        String op = tokens.get(1);
        CheckField field = operand(b, at, left);
        List<String> right = tokens.subList(2, tokens.size());
        switch (op) {
            case "==", "!=" -> validateComparison(b, at, field, left, op, right);
            case "has" -> validateMembership(b, at, field, right);
            default -> throw at.error("unknown check operator '" + op + "' (==, !=, has)");
        }
        return new ScenarioLine.Check(number, at.line(), thread, text, left, op, right);
    }

    private static void validateComparison(ScenarioBuilder b, SourceLine at, CheckField field, String left, String op,
                                           List<String> right) {
        if (right.size() != 1) {
            throw at.error("'" + op + "' takes exactly one right-hand value");
        }
        if (field.kind() == CheckField.Kind.LIST) {
            throw at.error(field.scenarioName() + " is a list: use 'has'");
        }
        String r = right.get(0);
        if (r.startsWith("$") || r.startsWith("effective.") || r.startsWith("thread.")) {
            CheckField rf = operand(b, at, r);
            if (rf.kind() != field.kind()) {
                throw at.error("cannot compare " + field.scenarioName() + " with " + rf.scenarioName());
            }
        } else if (field.kind() == CheckField.Kind.SID && r.startsWith("account:")) {
            try {
                b.requireSid(r);
            } catch (IllegalArgumentException e) {
                throw at.error(e.getMessage() + " on the right of '" + left + "'");
            }
        } else {
            try {
                CheckValues.parseLiteral(field, r);
            } catch (IllegalArgumentException e) {
                throw at.error(e.getMessage() + " on the right of '" + left + "'");
            }
        }
    }

    private static void validateMembership(ScenarioBuilder b, SourceLine at, CheckField field, List<String> right) {
        if (field.kind() != CheckField.Kind.LIST) {
            throw at.error("'has' applies to groups, privileges and restricted_sids, not " + field.scenarioName());
        }
        if (right.size() > 2) {
            throw at.error("'has' takes an item and an optional state");
        }
        try {
            if (field == CheckField.PRIVILEGES) {
                ValueSyntax.privilege(right.get(0));
            } else {
                b.requireSid(right.get(0));
            }
        } catch (IllegalArgumentException e) {
            throw at.error(e.getMessage());
        }
        if (right.size() == 2 && !field.states().contains(right.get(1))) {
            throw at.error("unknown state '" + right.get(1) + "' for " + field.scenarioName() + " (" + field.states() + ")");
        }
    }

    /** The field an operand ({@code $var.<field>}, {@code effective.<field>}, {@code thread.<field>}) reads. */
    private static CheckField operand(ScenarioBuilder b, SourceLine at, String operand) {
        int dot = operand.indexOf('.');
        if (dot < 0) {
            throw at.error("expected $var.<field>, effective.<field> or thread.<field>, found '" + operand + "'");
        }
        String owner = operand.substring(0, dot);
        String name = operand.substring(dot + 1);
        CheckField field = CheckField.fromScenarioName(name).orElseThrow(() -> at.error("unknown field '" + name + "'"));
        if (owner.startsWith("$")) {
            if (!ScenarioBuilder.VAR.matcher(owner).matches() || !b.vars.contains(owner.substring(1))) {
                throw at.error("unknown variable " + owner + " (not bound by an earlier 'as')");
            }
            if (field == CheckField.IMPERSONATING) {
                throw at.error("'impersonating' is a field of thread, not of a token");
            }
        } else if (owner.equals("effective")) {
            if (field == CheckField.IMPERSONATING || field == CheckField.ACCESS) {
                throw at.error("'" + name + "' is not a field of effective");
            }
        } else if (owner.equals("thread")) {
            if (field == CheckField.ACCESS) {
                throw at.error("'access' is a field of a handle variable");
            }
        } else {
            throw at.error("unknown name '" + owner + "' (a $variable, effective or thread)");
        }
        return field;
    }
}
