package io.github.tokenbridge.conformance;

import java.util.List;
import java.util.Set;

/**
 * The parser of a scenario's header lines: {@code cites R.. P.. L.. N.. O..} (ids of the rule catalogue), {@code config <preset>} and
 * {@code requires <condition>...}, which must come before the first step.
 */
final class HeaderLineParser {

    private static final Set<String> PRESETS = Set.of("standard-user", "elevated-admin", "filtered-admin",
            "local-system", "service-impersonate", "network-service");
    private static final Set<String> PLAIN_REQUIREMENTS = Set.of("model", "kernel", "admin", "not-admin", "accounts", "uac");

    private HeaderLineParser() {
    }

    /** True when {@code keyword} starts a header line. */
    static boolean isHeader(String keyword) {
        return keyword.equals("cites") || keyword.equals("config") || keyword.equals("requires");
    }

    /** Adds the header line {@code tokens} (its first token a header keyword) to {@code b}. */
    static void parse(ScenarioBuilder b, SourceLine at, List<String> tokens) {
        String keyword = tokens.get(0);
        if (b.bodyStarted) {
            throw at.error("'" + keyword + "' must come before the first step");
        }
        List<String> values = tokens.subList(1, tokens.size());
        switch (keyword) {
            case "cites" -> {
                if (values.isEmpty()) {
                    throw at.error("'cites' needs at least one rule id");
                }
                for (String r : values) {
                    if (!RuleIds.known().contains(r)) {
                        throw at.error("unknown rule id '" + r + "' (not in the rule catalogue, docs/rules.md)");
                    }
                    b.cites.add(r);
                }
            }
            case "config" -> {
                if (values.size() != 1 || !PRESETS.contains(values.get(0))) {
                    throw at.error("'config' takes one preset: " + PRESETS);
                }
                b.config = values.get(0);
            }
            case "requires" -> {
                if (values.isEmpty()) {
                    throw at.error("'requires' needs at least one condition");
                }
                for (String c : values) {
                    validateRequirement(at, c);
                    b.requires.add(c);
                }
            }
            default -> throw new IllegalArgumentException("not a header keyword: " + keyword);
        }
    }

    private static void validateRequirement(SourceLine at, String c) {
        if (PLAIN_REQUIREMENTS.contains(c)) {
            return;
        }
        if (c.startsWith("privilege:") || c.startsWith("no-privilege:")) {
            try {
                ValueSyntax.privilege(c.substring(c.indexOf(':') + 1));
                return;
            } catch (IllegalArgumentException e) {
                throw at.error(e.getMessage() + " in requirement '" + c + "'");
            }
        }
        throw at.error("unknown requirement '" + c + "' (model, kernel, privilege:<Name>, no-privilege:<Name>, admin, not-admin, accounts, uac)");
    }
}
