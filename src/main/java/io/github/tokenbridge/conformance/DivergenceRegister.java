package io.github.tokenbridge.conformance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The register of known divergences: per scenario (and step, or the whole scenario), which
 * backend is known to differ from what the scenario expects, what it observes instead, and the
 * source that documents it (a Wine test's todo_wine, a Microsoft page). One entry per line:
 * <pre>
 * divergence &lt;scenario&gt; step=&lt;n|*&gt; backend=&lt;model|jna|native&gt; [host=&lt;name&gt;]
 *            expected=&lt;outcome&gt; observed=&lt;outcome&gt; source="..."
 * </pre>
 */
public final class DivergenceRegister {

    /** The register shipped in the jar. */
    public static final String RESOURCE = "/io/github/tokenbridge/conformance/divergences.reg";

    /**
     * One known divergence.
     *
     * @param scenario the scenario id
     * @param step     the step number, or null for any step of the scenario
     * @param backend  the backend that differs
     * @param host     the host it applies to ({@code wine}), or null for every host
     * @param expected what the scenario expects (Windows)
     * @param observed what the backend does instead
     * @param source   where this is documented
     * @param line     the register line
     */
    public record Entry(String scenario, Integer step, String backend, String host, String expected,
                        String observed, String source, int line) {
    }

    private static final Set<String> KEYS = Set.of("step", "backend", "host", "expected", "observed", "source");
    private final List<Entry> entries;

    private DivergenceRegister(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** An empty register. */
    public static DivergenceRegister empty() {
        return new DivergenceRegister(List.of());
    }

    /** The register shipped with tokenbridge. */
    public static DivergenceRegister shipped() {
        return parse(RESOURCE, RegisterText.shipped(DivergenceRegister.class, RESOURCE, "divergence"));
    }

    /** Reads a register file. */
    public static DivergenceRegister read(Path path) {
        return parse(path.toString(), RegisterText.read(path));
    }

    /** Parses register text; malformed lines are a {@link ScenarioSyntaxException}. */
    public static DivergenceRegister parse(String file, String text) {
        List<Entry> entries = new ArrayList<>();
        RegisterText.forEachEntry(file, text, (lineNo, tokens) -> {
            if (!tokens.get(0).equals("divergence") || tokens.size() < 2) {
                throw new ScenarioSyntaxException(file, lineNo, "expected 'divergence <scenario> step=... backend=... source=...'");
            }
            Map<String, String> kv = new LinkedHashMap<>();
            for (String t : tokens.subList(2, tokens.size())) {
                int eq = t.indexOf('=');
                if (eq <= 0 || !KEYS.contains(t.substring(0, eq))) {
                    throw new ScenarioSyntaxException(file, lineNo, "unknown register field '" + t + "' (" + KEYS + ")");
                }
                kv.put(t.substring(0, eq), t.substring(eq + 1));
            }
            RegisterText.requireKeys(file, lineNo, kv, List.of("step", "backend", "expected", "observed", "source"));
            String backend = kv.get("backend");
            if (!Set.of("model", "jna", "native").contains(backend)) {
                throw new ScenarioSyntaxException(file, lineNo, "backend must be model, jna or native, not '" + backend + "'");
            }
            Integer step;
            try {
                step = kv.get("step").equals("*") ? null : Integer.valueOf(kv.get("step"));
            } catch (NumberFormatException e) {
                throw new ScenarioSyntaxException(file, lineNo, "step must be a number or *");
            }
            entries.add(new Entry(tokens.get(1), step, backend, kv.get("host"), kv.get("expected"),
                    kv.get("observed"), kv.get("source"), lineNo));
        });
        return new DivergenceRegister(entries);
    }

    /** Every entry. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The entry that explains {@code backend} observing {@code observed} at {@code step} of
     * {@code scenario} on {@code host} (null host: only entries without a host match).
     */
    public Optional<Entry> find(String scenario, int step, String backend, String observed, String host) {
        return entries.stream()
                .filter(e -> e.scenario.equals(scenario))
                .filter(e -> e.step == null || e.step == step)
                .filter(e -> e.backend.equals(backend))
                .filter(e -> e.host == null || e.host.equals(host))
                .filter(e -> e.observed.equals("*") || e.observed.equals(observed))
                .findFirst();
    }
}
