package io.github.tokenbridge.conformance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The register of known divergences for generated scenarios: entries are keyed not by scenario id
 * but by a rule and a predicate over the diverging line (its verb, arguments, the state facts the
 * model replay recorded, each side's outcome and fields). One entry per line:
 * <pre>
 * generated &lt;name&gt; rule=&lt;id&gt; backend=&lt;native|jna&gt; [host=&lt;name&gt;] verb=&lt;verb|check&gt; &lt;term&gt;... source="..."
 * </pre>
 * Terms: {@code arg.NAME=V} / {@code arg.NAME~REGEX}, {@code fact.KEY=V}, {@code model=OUTCOME},
 * {@code observed=OUTCOME} (the deviating backend's outcome or check value), {@code field.NAME=V}
 * (the deviating backend's field), {@code extra.NAME} / {@code lost.NAME} (the bits of a hex mask
 * field the deviating backend has and the model lacks, or the reverse, as {@code 0x...}),
 * {@code shorter.NAME} (how much a decimal field of the deviating backend is below the model's),
 * {@code text~REGEX} (the scenario line); {@code =} compares
 * exactly, {@code ~} finds a regular expression. An entry needs a verb and at least one other
 * term: an entry that matches every divergence of a verb is refused. Each entry counts the cases
 * it explained.
 */
public final class DifferentialRegister {

    /** The register shipped in the jar. */
    public static final String RESOURCE = "/io/github/tokenbridge/conformance/differential.reg";

    /** One predicate term: a key, whether it is a regular expression, and the value. */
    record Term(String key, boolean regex, String value, Pattern pattern) {
        boolean test(String actual) {
            if (actual == null) {
                return false;
            }
            return regex ? pattern.matcher(actual).find() : value.equals(actual);
        }
    }

    /**
     * One entry.
     *
     * @param name    a short name
     * @param rule    the rule the deviation is from
     * @param backend the backend that deviates
     * @param host    the host it applies to, or null
     * @param verb    the verb (or {@code check})
     * @param terms   the other terms, all of which must hold
     * @param source  where the deviation is documented
     * @param line    the register line
     * @param matched how many cases it explained in this run
     */
    public record Entry(String name, String rule, String backend, String host, String verb, List<Term> terms,
                        String source, int line, AtomicInteger matched) {
    }

    /**
     * What a diverging line looks like to the predicates.
     *
     * @param verb     the verb or {@code check}
     * @param args     the step's arguments (empty for a check)
     * @param facts    state facts recorded before the line ran on the model
     * @param text     the scenario line
     * @param model    the model's outcome (or check value)
     * @param observed the deviating backend's outcome (or check value)
     * @param fields   the deviating backend's recorded fields
     * @param modelFields the model's recorded fields (for {@code extra.} and {@code lost.} terms)
     */
    public record Case(String verb, Map<String, String> args, Map<String, String> facts, String text, String model,
                       String observed, Map<String, String> fields, Map<String, String> modelFields) {
        /** A case without the model's fields. */
        public Case(String verb, Map<String, String> args, Map<String, String> facts, String text, String model,
                    String observed, Map<String, String> fields) {
            this(verb, args, facts, text, model, observed, fields, Map.of());
        }
    }

    private static final Set<String> FIXED = Set.of("rule", "backend", "host", "verb", "source");
    private final List<Entry> entries;

    private DifferentialRegister(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The register shipped with tokenbridge. */
    public static DifferentialRegister shipped() {
        return parse(RESOURCE, RegisterText.shipped(DifferentialRegister.class, RESOURCE, "differential"));
    }

    /** Reads a register file. */
    public static DifferentialRegister read(Path path) {
        return parse(path.toString(), RegisterText.read(path));
    }

    /** Parses register text; malformed lines are a {@link ScenarioSyntaxException}. */
    public static DifferentialRegister parse(String file, String text) {
        List<Entry> entries = new ArrayList<>();
        RegisterText.forEachEntry(file, text, (lineNo, tokens) -> {
            if (!tokens.get(0).equals("generated") || tokens.size() < 2 || tokens.get(1).contains("=")) {
                throw new ScenarioSyntaxException(file, lineNo, "expected 'generated <name> rule=... backend=... verb=... <term>... source=...'");
            }
            Map<String, String> fixed = new LinkedHashMap<>();
            List<Term> terms = new ArrayList<>();
            for (String t : tokens.subList(2, tokens.size())) {
                int eq = t.indexOf('=');
                int tilde = t.indexOf('~');
                int at = eq < 0 ? tilde : tilde < 0 ? eq : Math.min(eq, tilde);
                if (at <= 0) {
                    throw new ScenarioSyntaxException(file, lineNo, "expected <key>=<value> or <key>~<regex>, found '" + t + "'");
                }
                String key = t.substring(0, at);
                String value = t.substring(at + 1);
                boolean regex = t.charAt(at) == '~';
                if (FIXED.contains(key) && !regex) {
                    fixed.put(key, value);
                } else if (key.startsWith("arg.") || key.startsWith("fact.") || key.startsWith("field.")
                        || key.startsWith("extra.") || key.startsWith("lost.") || key.startsWith("shorter.")
                        || key.equals("model") || key.equals("observed") || key.equals("text")) {
                    try {
                        terms.add(new Term(key, regex, value, regex ? Pattern.compile(value) : null));
                    } catch (java.util.regex.PatternSyntaxException e) {
                        throw new ScenarioSyntaxException(file, lineNo, "bad regular expression in '" + t + "': " + e.getDescription());
                    }
                } else {
                    throw new ScenarioSyntaxException(file, lineNo, "unknown term '" + key + "' (rule backend host verb source "
                            + "arg.NAME fact.KEY field.NAME extra.NAME lost.NAME shorter.NAME model observed text)");
                }
            }
            RegisterText.requireKeys(file, lineNo, fixed, List.of("rule", "backend", "verb", "source"));
            if (terms.isEmpty()) {
                throw new ScenarioSyntaxException(file, lineNo, "entry '" + tokens.get(1) + "' would match every divergence of "
                        + fixed.get("verb") + ": add a predicate (arg., fact., field., extra., lost., shorter., model, observed or text)");
            }
            if (!RuleIds.known().contains(fixed.get("rule"))) {
                throw new ScenarioSyntaxException(file, lineNo, "unknown rule '" + fixed.get("rule") + "' (no section in docs/rules.md)");
            }
            if (!Set.of("native", "jna").contains(fixed.get("backend"))) {
                throw new ScenarioSyntaxException(file, lineNo, "backend must be native or jna");
            }
            entries.add(new Entry(tokens.get(1), fixed.get("rule"), fixed.get("backend"), fixed.get("host"),
                    fixed.get("verb"), terms, fixed.get("source"), lineNo, new AtomicInteger()));
        });
        return new DifferentialRegister(entries);
    }

    /** Every entry. */
    public List<Entry> entries() {
        return entries;
    }

    /** The first entry explaining {@code c} on {@code backend} and {@code host}; its count goes up. */
    public Optional<Entry> explain(Case c, String backend, String host) {
        Optional<Entry> e = find(c, backend, host);
        e.ifPresent(x -> x.matched.incrementAndGet());
        return e;
    }

    /** The first entry explaining {@code c} on {@code backend} and {@code host}, counting nothing. */
    public Optional<Entry> find(Case c, String backend, String host) {
        for (Entry e : entries) {
            if (e.backend.equals(backend) && (e.host == null || e.host.equals(host)) && e.verb.equals(c.verb())
                    && e.terms.stream().allMatch(t -> t.test(valueOf(t.key(), c)))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The bits of hex mask {@code a} that hex mask {@code b} lacks, as {@code 0x...}; null unless both are masks. */
    static String maskDifference(String a, String b) {
        Long x = mask(a);
        Long y = mask(b);
        return x == null || y == null ? null : "0x" + Long.toHexString(x & ~y);
    }

    /** How much decimal field {@code model} exceeds {@code observed}, in decimal; null unless both are numbers. */
    static String shortfall(String model, String observed) {
        try {
            return model == null || observed == null ? null : Long.toString(Long.parseLong(model) - Long.parseLong(observed));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long mask(String text) {
        if (text == null || !text.startsWith("0x")) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(text.substring(2), 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String valueOf(String key, Case c) {
        if (key.startsWith("arg.")) {
            return c.args().get(key.substring(4));
        } else if (key.startsWith("fact.")) {
            return c.facts().get(key.substring(5));
        } else if (key.startsWith("field.")) {
            return c.fields().get(key.substring(6));
        } else if (key.startsWith("extra.")) {
            return maskDifference(c.fields().get(key.substring(6)), c.modelFields().get(key.substring(6)));
        } else if (key.startsWith("lost.")) {
            return maskDifference(c.modelFields().get(key.substring(5)), c.fields().get(key.substring(5)));
        } else if (key.startsWith("shorter.")) {
            return shortfall(c.modelFields().get(key.substring(8)), c.fields().get(key.substring(8)));
        }
        return switch (key) {
            case "model" -> c.model();
            case "observed" -> c.observed();
            default -> c.text();
        };
    }
}
