package io.github.tokenbridge.conformance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares two or three transcripts scenario by scenario and step by step: kind, verb, outcome,
 * asserted fields and check truth are compared; raw values, SIDs, LUIDs, handle values and backend
 * names never are. Each divergence names the backends that deviate from the scenario (those whose
 * run failed there) and whether the register of known divergences explains it.
 */
public final class TranscriptComparison {

    /** One side of a divergence: the backend and what it recorded at that step. */
    public record Side(String backend, String recorded) {
    }

    /**
     * A step where the transcripts differ.
     *
     * @param scenario  the scenario id
     * @param step      the step number
     * @param line      the scenario line (from whichever side recorded it), or 0
     * @param what      the verb or check text
     * @param sides     each transcript's record at that step
     * @param deviating the backends whose run failed at or before this step
     * @param cites     the rules the scenario cites
     * @param known     the register entries that explain each deviating backend (empty when not all do)
     */
    public record Divergence(String scenario, int step, int line, String what, List<Side> sides,
                             List<String> deviating, List<String> cites, List<DivergenceRegister.Entry> known) {

        /** True when the register explains every deviating backend. */
        public boolean isKnown() {
            return !known.isEmpty();
        }
    }

    /** A scenario that was not compared: skipped or missing on some side. */
    public record Skip(String scenario, List<Side> sides) {
    }

    /** The outcome of a comparison. */
    public record Report(List<String> agreements, List<Divergence> divergences, List<Skip> skips) {

        /** True when every divergence is in the register. */
        public boolean ok() {
            return divergences.stream().allMatch(Divergence::isKnown);
        }
    }

    private TranscriptComparison() {
    }

    /**
     * Compares the transcripts.
     *
     * @param transcripts two or three transcripts
     * @param register    the known divergences
     * @param host        the host name register entries with {@code host=} must match, or null
     * @param citesOf     the rules a scenario cites (from the corpus); may return an empty list
     */
    public static Report compare(List<Transcript> transcripts, DivergenceRegister register, String host,
                                 Function<String, List<String>> citesOf) {
        if (transcripts.size() < 2 || transcripts.size() > 3) {
            throw new IllegalArgumentException("compare two or three transcripts, not " + transcripts.size());
        }
        Set<String> ids = new LinkedHashSet<>();
        transcripts.forEach(t -> ids.addAll(t.scenarios().keySet()));
        List<String> agreements = new ArrayList<>();
        List<Divergence> divergences = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        for (String id : ids) {
            List<Transcript.Trace> traces = transcripts.stream().map(t -> t.scenarios().get(id)).toList();
            if (traces.stream().anyMatch(t -> t == null || t.status().equals("skipped") || t.status().equals("missing"))) {
                List<Side> sides = new ArrayList<>();
                for (int i = 0; i < transcripts.size(); i++) {
                    Transcript.Trace t = traces.get(i);
                    sides.add(new Side(transcripts.get(i).backend(), t == null ? "absent"
                            : t.status() + (t.reason().isEmpty() ? "" : " (" + t.reason() + ")")));
                }
                skips.add(new Skip(id, sides));
                continue;
            }
            Divergence d = firstDivergence(id, transcripts, traces, register, host, citesOf);
            if (d == null) {
                agreements.add(id);
            } else {
                divergences.add(d);
            }
        }
        return new Report(agreements, divergences, skips);
    }

    private static Divergence firstDivergence(String id, List<Transcript> transcripts, List<Transcript.Trace> traces,
                                              DivergenceRegister register, String host,
                                              Function<String, List<String>> citesOf) {
        Set<Integer> steps = new TreeSet<>();
        traces.forEach(t -> steps.addAll(t.records().keySet()));
        boolean statusesDiffer = traces.stream().map(Transcript.Trace::status).distinct().count() > 1;
        for (int step : steps) {
            List<String> sigs = traces.stream().map(t -> signature(t.records().get(step))).toList();
            if (sigs.stream().distinct().count() > 1) {
                return divergence(id, step, transcripts, traces, register, host, citesOf);
            }
        }
        if (statusesDiffer) {
            return divergence(id, steps.isEmpty() ? 0 : ((TreeSet<Integer>) steps).last(), transcripts, traces, register,
                    host, citesOf);
        }
        return null;
    }

    private static Divergence divergence(String id, int step, List<Transcript> transcripts, List<Transcript.Trace> traces,
                                         DivergenceRegister register, String host,
                                         Function<String, List<String>> citesOf) {
        List<Side> sides = new ArrayList<>();
        List<String> deviating = new ArrayList<>();
        List<DivergenceRegister.Entry> known = new ArrayList<>();
        boolean allKnown = true;
        int line = 0;
        String what = "";
        List<String> cites = new ArrayList<>(citesOf.apply(id));
        for (int i = 0; i < traces.size(); i++) {
            Transcript.Trace t = traces.get(i);
            String backend = transcripts.get(i).backend();
            Map<String, Object> r = t.records().get(step);
            sides.add(new Side(backend, r == null ? "not run" : signature(r)));
            if (r != null) {
                line = r.get("line") instanceof Long l ? l.intValue() : line;
                what = Objects.toString(r.getOrDefault("verb", r.get("text")), "");
            }
            if (cites.isEmpty()) {
                cites.addAll(t.cites());
            }
            if (t.status().equals("failed")) {
                deviating.add(backend);
                String observed = r == null ? "not run" : outcomeOf(r);
                var entry = register.find(id, step, backend, observed, host);
                if (entry.isPresent()) {
                    known.add(entry.get());
                } else {
                    allKnown = false;
                }
            }
        }
        if (deviating.isEmpty()) {
            allKnown = false;
        }
        return new Divergence(id, step, line, what, sides, deviating, cites, allKnown ? known : List.of());
    }

    private static String outcomeOf(Map<String, Object> r) {
        return "check".equals(r.get("kind")) ? String.valueOf(r.get("value")) : String.valueOf(r.get("outcome"));
    }

    /** What is compared of a record: kind, verb, outcome and fields, or the check's truth. */
    static String signature(Map<String, Object> r) {
        if (r == null) {
            return "not run";
        }
        if ("check".equals(r.get("kind"))) {
            return "check " + r.get("text") + " -> " + r.get("value");
        }
        Object fields = r.get("fields");
        String f = "";
        if (fields instanceof Map<?, ?> m && !m.isEmpty()) {
            Map<String, Object> sorted = new java.util.TreeMap<>();
            m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            f = " " + sorted;
        }
        return r.get("verb") + " -> " + r.get("outcome") + f;
    }
}
