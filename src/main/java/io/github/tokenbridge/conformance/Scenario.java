package io.github.tokenbridge.conformance;

import java.util.List;
import java.util.Objects;

/**
 * One parsed {@code scenario <id> ... end} block: its header (cited rules, model preset,
 * requirements) and its step and check lines in file order.
 *
 * @param id       the scenario id, unique across a corpus
 * @param file     the file or resource it was read from
 * @param line     the line of its {@code scenario} header
 * @param cites    the rule ids it cites ({@code R27}, ...)
 * @param config   the model preset the file names with {@code config}, or null (then {@code standard-user})
 * @param requires its requirements ({@code model}, {@code privilege:SeImpersonatePrivilege}, ...)
 * @param lines    its steps and checks, numbered 1.. in file order
 */
public record Scenario(String id, String file, int line, List<String> cites, String config,
                       List<String> requires, List<ScenarioLine> lines) {

    /** The preset used when a scenario names none. */
    public static final String DEFAULT_CONFIG = "standard-user";

    public Scenario {
        Objects.requireNonNull(id, "id");
        cites = List.copyOf(cites);
        requires = List.copyOf(requires);
        lines = List.copyOf(lines);
    }

    /** The model preset to run with: the one named, else {@link #DEFAULT_CONFIG}. */
    public String preset() {
        return config != null ? config : DEFAULT_CONFIG;
    }

    /** True when the scenario uses model-only or kernel verbs. */
    public boolean needsModel() {
        return requires.contains("model") || requires.contains("kernel");
    }
}
