package io.github.tokenbridge.conformance;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped corpus parses, cites every rule user mode can observe, and the register matches it. */
class CorpusTest {

    /**
     * Rules no verb of the scenario language can observe, with the reason. A rule listed here must
     * not be cited (then it belongs in the corpus, not here).
     */
    static final Map<String, String> NOT_OBSERVABLE = Map.of();

    @Test
    @DisplayName("the whole shipped corpus parses and every scenario cites rules")
    void corpus_parses_everyScenarioCitesRules() {
        var scenarios = Corpus.shipped();
        assertTrue(scenarios.size() >= 90, "corpus has " + scenarios.size() + " scenarios");
        for (Scenario s : scenarios) {
            assertFalse(s.cites().isEmpty(), s.id() + " cites no rule");
            assertFalse(s.lines().isEmpty(), s.id() + " has no steps");
        }
    }

    @Test
    @DisplayName("every rule R1..R64 is cited at least once, except the documented non-observable ones")
    void corpus_citesEveryObservableRule() {
        Set<String> cited = Corpus.shipped().stream().flatMap(s -> s.cites().stream()).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (int i = 1; i <= 64; i++) {
            String rule = "R" + i;
            if (!cited.contains(rule) && !NOT_OBSERVABLE.containsKey(rule)) {
                missing.add(rule);
            }
        }
        assertEquals(Set.of(), missing, "rules cited by no scenario");
        Set<String> citedButAllowlisted = new TreeSet<>(NOT_OBSERVABLE.keySet());
        citedButAllowlisted.retainAll(cited);
        assertEquals(Set.of(), citedButAllowlisted, "allowlisted rules that are cited after all");
    }

    @Test
    @DisplayName("every register entry names a corpus scenario and an existing step")
    void register_entries_nameCorpusScenariosAndSteps() {
        Map<String, Scenario> byId = new HashMap<>();
        Corpus.shipped().forEach(s -> byId.put(s.id(), s));
        DivergenceRegister register = DivergenceRegister.shipped();
        assertTrue(register.entries().size() >= 15);
        for (DivergenceRegister.Entry e : register.entries()) {
            Scenario s = byId.get(e.scenario());
            assertTrue(s != null, "register line " + e.line() + ": unknown scenario " + e.scenario());
            if (e.step() != null) {
                assertTrue(e.step() >= 1 && e.step() <= s.lines().size(),
                        "register line " + e.line() + ": " + e.scenario() + " has no step " + e.step());
            }
            assertFalse(e.source().isBlank());
        }
    }
}
