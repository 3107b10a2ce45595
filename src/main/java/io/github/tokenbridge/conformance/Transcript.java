package io.github.tokenbridge.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A transcript read back from JSON Lines: per scenario, its step and check records by step
 * number and its result record.
 *
 * @param name      where it came from (for reports)
 * @param backend   the backend named in its records
 * @param scenarios the scenarios, in file order
 */
public record Transcript(String name, String backend, Map<String, Trace> scenarios) {

    /**
     * One scenario in a transcript.
     *
     * @param records its step and check records by step number
     * @param result  its result record, or null when the transcript has none
     */
    public record Trace(TreeMap<Integer, Map<String, Object>> records, Map<String, Object> result) {

        /** The result status ({@code passed}, {@code failed}, {@code skipped}), or {@code missing}. */
        public String status() {
            return result == null ? "missing" : String.valueOf(result.get("status"));
        }

        /** The result reason, or an empty string. */
        public String reason() {
            return result == null || result.get("reason") == null ? "" : String.valueOf(result.get("reason"));
        }

        /** The rules its result record cites, if any. */
        @SuppressWarnings("unchecked")
        public List<String> cites() {
            Object c = result == null ? null : result.get("cites");
            return c instanceof List<?> l ? (List<String>) l : List.of();
        }
    }

    /** Reads a transcript file. */
    public static Transcript read(Path path) {
        try {
            return parse(path.toString(), Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Parses transcript lines. */
    public static Transcript parse(String name, List<String> lines) {
        Map<String, TreeMap<Integer, Map<String, Object>>> records = new LinkedHashMap<>();
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        String backend = null;
        List<String> order = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            Map<String, Object> r;
            try {
                r = Json.parseObject(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
            String scenario = String.valueOf(r.get("scenario"));
            if (!records.containsKey(scenario)) {
                order.add(scenario);
                records.put(scenario, new TreeMap<>());
            }
            if (backend == null && r.get("backend") != null) {
                backend = String.valueOf(r.get("backend"));
            }
            if ("result".equals(r.get("kind"))) {
                results.put(scenario, r);
            } else if (r.get("step") instanceof Long step) {
                records.get(scenario).put(step.intValue(), r);
            } else {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": a step or check record needs a numeric \"step\"");
            }
        }
        Map<String, Trace> traces = new LinkedHashMap<>();
        for (String s : order) {
            traces.put(s, new Trace(records.get(s), results.get(s)));
        }
        return new Transcript(name, backend == null ? "unknown" : backend, traces);
    }
}
