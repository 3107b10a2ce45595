package io.github.tokenbridge.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule ids of the project's rule catalogue ({@code docs/rules.md}, shipped in the jar beside
 * this class): every {@code ### R38 ...} heading defines one id. A scenario may cite only these.
 */
final class RuleIds {

    private static final String RESOURCE = "rules.md";
    private static final Pattern HEADING = Pattern.compile("^### ([RPLNOD][1-9][0-9]*)\\b");
    private static volatile Set<String> known;

    private RuleIds() {
    }

    /** The ids the catalogue defines. */
    static Set<String> known() {
        Set<String> ids = known;
        if (ids == null) {
            ids = load();
            known = ids;
        }
        return ids;
    }

    private static Set<String> load() {
        try (InputStream in = RuleIds.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the rule catalogue " + RESOURCE + " is missing from the class path");
            }
            Set<String> ids = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                Matcher m = HEADING.matcher(line);
                if (m.find()) {
                    ids.add(m.group(1));
                }
            }
            return Set.copyOf(ids);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rule catalogue " + RESOURCE, e);
        }
    }
}
