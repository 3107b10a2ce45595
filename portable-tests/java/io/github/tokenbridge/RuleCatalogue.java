package io.github.tokenbridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule sections of the project's catalogue (docs/rules.md): each {@code ### <id> <title>}
 * heading opens a section that runs to the next heading of level 2 or 3.
 */
final class RuleCatalogue {

    private static final Pattern RULE_HEADING = Pattern.compile("^### ([RPLNOD][1-9][0-9]?)\\b.*$");
    private static final Pattern ANY_HEADING = Pattern.compile("^#{1,3} .*$");

    private final Map<String, String> sections = new LinkedHashMap<>();
    private final List<String> duplicates = new ArrayList<>();

    private RuleCatalogue() {
    }

    /** Reads the sections of a catalogue given as markdown text. */
    static RuleCatalogue parse(String markdown) {
        RuleCatalogue catalogue = new RuleCatalogue();
        String id = null;
        StringBuilder text = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (ANY_HEADING.matcher(line).matches()) {
                catalogue.close(id, text);
                Matcher m = RULE_HEADING.matcher(line);
                id = m.matches() ? m.group(1) : null;
                text.setLength(0);
            }
            if (id != null) {
                text.append(line).append('\n');
            }
        }
        catalogue.close(id, text);
        return catalogue;
    }

    private void close(String id, StringBuilder text) {
        if (id == null) {
            return;
        }
        if (sections.putIfAbsent(id, text.toString()) != null) {
            duplicates.add(id);
        }
    }

    /** The defined ids, in catalogue order. */
    List<String> ids() {
        return List.copyOf(sections.keySet());
    }

    /** The ids that head more than one section (each repeat listed once more). */
    List<String> duplicates() {
        return List.copyOf(duplicates);
    }

    /** The section of {@code id}, or null when the catalogue does not define it. */
    String section(String id) {
        return sections.get(id);
    }
}
