package io.github.tokenbridge.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a transcript in the shared JSON Lines format (docs/transcript-format.md): one step
 * record per step, one check record per check, one result record per scenario.
 */
public final class TranscriptWriter implements AutoCloseable {

    private final Writer out;
    private final String backend;

    /** A writer for {@code backend} ("model", "jna" or "native") writing to {@code out}. */
    public TranscriptWriter(Writer out, String backend) {
        this.out = out;
        this.backend = backend;
    }

    void step(Scenario s, ScenarioLine.Step step, StepExecutor.Observed observed, String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", s.id());
        m.put("step", step.number());
        m.put("line", step.line());
        m.put("kind", "step");
        m.put("verb", step.verb().scenarioName());
        m.put("backend", backend);
        m.put("thread", step.thread());
        m.put("outcome", observed == null ? "error" : observed.outcome());
        m.put("expected", step.expected());
        Map<String, Object> fields = new LinkedHashMap<>();
        if (observed != null) {
            for (String f : step.fields().keySet()) {
                fields.put(f, observed.fields().get(f));
            }
        }
        m.put("fields", fields);
        m.put("raw", observed == null ? Map.of() : new LinkedHashMap<>(observed.raw()));
        if (error != null) {
            m.put("error", error);
        }
        write(m);
    }

    void check(Scenario s, ScenarioLine.Check check, CheckEvaluator.Evaluated e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", s.id());
        m.put("step", check.number());
        m.put("line", check.line());
        m.put("kind", "check");
        m.put("text", check.text());
        m.put("backend", backend);
        m.put("thread", check.thread());
        m.put("value", e.value());
        if (e.observed() != null) {
            m.put("observed", e.observed());
        }
        if (e.error() != null) {
            m.put("error", e.error());
        }
        if (!e.raw().isEmpty()) {
            m.put("raw", new LinkedHashMap<>(e.raw()));
        }
        write(m);
    }

    void result(ScenarioResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", r.scenario().id());
        m.put("kind", "result");
        m.put("backend", backend);
        m.put("status", r.status().id());
        if (r.reason() != null) {
            m.put("reason", r.reason());
        }
        m.put("cites", r.cites());
        write(m);
    }

    private void write(Map<String, Object> record) {
        try {
            out.write(Json.write(record));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the transcript", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the transcript", e);
        }
    }
}
