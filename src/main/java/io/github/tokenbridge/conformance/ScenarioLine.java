package io.github.tokenbridge.conformance;

import java.util.List;
import java.util.Map;

/**
 * One numbered line of a scenario body: a step (a call with its expected outcome) or a check (a
 * comparison of values read through the backend). Steps and checks share one numbering.
 */
public sealed interface ScenarioLine permits ScenarioLine.Step, ScenarioLine.Check {

    /** The step number within the scenario (1-based). */
    int number();

    /** The 1-based line in the file. */
    int line();

    /** The thread variable of {@code on $th} without the {@code $}, or {@code "main"}. */
    String thread();

    /**
     * A call: {@code [on $th] verb name=value ... -> outcome [as $var] [field=value ...]}.
     *
     * @param verb     the verb
     * @param args     the arguments as written (values unquoted)
     * @param expected the expected outcome ({@code ok} or a status name)
     * @param bind     the variable bound by {@code as}, without {@code $}, or null
     * @param fields   the asserted output fields as written
     */
    record Step(int number, int line, String thread, Verb verb, Map<String, String> args, String expected,
                String bind, Map<String, String> fields) implements ScenarioLine {
        public Step {
            args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }

        /** The step as text, passwords shown as {@code password=***} (scenarios.md "Logons and names"). */
        @Override
        public String toString() {
            java.util.Map<String, String> shown = new java.util.LinkedHashMap<>(args);
            shown.computeIfPresent("password", (k, v) -> "***");
            return "Step[" + number + ", line " + line + ", " + verb.scenarioName() + " " + shown + " -> " + expected
                    + (bind == null ? "" : " as " + bind) + " " + fields + "]";
        }
    }

    /**
     * A check: {@code [on $th] check <left> ==|!=|has <right...>}.
     *
     * @param text     the text after {@code check}, whitespace collapsed
     * @param left     the left side ({@code $t.level}, {@code effective.user}, {@code thread.impersonating})
     * @param operator {@code ==}, {@code !=} or {@code has}
     * @param right    the right side: one value for ==/!=, the item and optional state for has
     */
    record Check(int number, int line, String thread, String text, String left, String operator,
                 List<String> right) implements ScenarioLine {
        public Check {
            right = List.copyOf(right);
        }
    }
}
