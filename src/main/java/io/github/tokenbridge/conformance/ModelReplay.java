package io.github.tokenbridge.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a generated scenario on the model one draft line at a time and writes each line with the
 * outcome and output fields the model observed, so the finished scenario is one the model passes
 * and any other backend is compared with. A step the model cannot make at all (an argument that does
 * not resolve) is dropped; a check that cannot be evaluated is dropped; a check that is false is
 * written with its operator flipped. Before each step it records facts about the step's state
 * (the token argument's type, level, integrity and restrictions, whether the thread impersonates)
 * for register predicates.
 */
final class ModelReplay implements AutoCloseable {

    /** The header line every generated scenario starts with (so line numbers do not move). */
    static final String HEADER = "  cites ";

    /**
     * A line as kept: its draft, its scenario text, what the model observed and the facts before it.
     *
     * @param draft   the draft line (for a check, the candidate that was kept)
     * @param text    the scenario line
     * @param outcome the model's outcome, or the check's truth as written (always true)
     * @param facts   facts about the state before the line ran
     */
    record Kept(DraftLine draft, String text, String outcome, Map<String, String> facts) {
    }

    private final String id;
    private final ScenarioThread main = new ScenarioThread("main");
    private final ScenarioState state;
    private final StepExecutor steps;
    private final CheckEvaluator checks;
    private final List<Kept> kept = new ArrayList<>();
    /** Per bound variable: the line that made its object (a duplicated handle names its source's object). */
    private final Map<String, String> madeBy = new LinkedHashMap<>();
    /** Per bound variable: the line that bound it and, after " <- ", the lineage of the token or handle it came from. */
    private final Map<String, String> lineage = new LinkedHashMap<>();
    private boolean closed;

    ModelReplay(BackendFactory factory, String id) {
        this.id = Objects.requireNonNull(id, "id");
        var backend = factory.create(Scenario.DEFAULT_CONFIG);
        this.state = new ScenarioState(backend, factory.modelVerbs(backend), main);
        this.steps = new StepExecutor(state);
        this.checks = new CheckEvaluator(state);
    }

    /** Replays {@code lines} on a fresh model; the kept lines. */
    static List<Kept> replay(BackendFactory factory, String id, List<DraftLine> lines) {
        try (ModelReplay r = new ModelReplay(factory, id)) {
            lines.forEach(r::add);
            return r.kept();
        }
    }

    /** The lines kept so far. */
    List<Kept> kept() {
        return List.copyOf(kept);
    }

    /** Whether variable {@code name} (without {@code $}) is bound now. */
    boolean bound(String name) {
        return state.vars.containsKey(name);
    }

    /** Runs {@code d} on the model; the kept line, or null when it was dropped. */
    Kept add(DraftLine d) {
        return d.check() ? addCheck(d) : addStep(d);
    }

    private Kept addStep(DraftLine d) {
        String body = d.prefix() + d.stepText();
        String bind = d.bind() == null ? "" : " as $" + d.bind();
        ScenarioLine.Step step;
        try {
            step = (ScenarioLine.Step) lastLine(body + " -> ok" + bind);
        } catch (ScenarioSyntaxException e) {
            return null;
        }
        Map<String, String> facts = facts(step);
        if (step.verb().scenarioName().equals("access_check")) {
            String beyond = beyondMaximumAllowed(d, step);
            if (beyond != null) {
                facts = new LinkedHashMap<>(facts);
                facts.put("access.beyond_max", beyond);
            }
        }
        StepExecutor.Observed observed;
        try {
            observed = steps.execute(step);
        } catch (RuntimeException e) {
            return null;
        }
        StringBuilder text = new StringBuilder(body).append(" -> ").append(observed.outcome()).append(bind);
        for (String f : step.verb().fields()) {
            String v = observed.fields().get(f);
            if (v != null && !v.isEmpty()) {
                text.append(' ').append(f).append('=').append(v);
            }
        }
        if (step.bind() != null && observed.bound() != null) {
            state.vars.put(step.bind(), observed.bound());
            recordOrigin(step, text.toString());
        }
        lastLine(text.toString()); // the written line must parse
        Kept k = new Kept(d, text.toString(), observed.outcome(), facts);
        kept.add(k);
        return k;
    }

    private Kept addCheck(DraftLine d) {
        for (String candidate : d.candidates()) {
            ScenarioLine.Check c;
            try {
                c = (ScenarioLine.Check) lastLine(d.prefix() + "check " + candidate);
            } catch (ScenarioSyntaxException e) {
                continue;
            }
            CheckEvaluator.Evaluated e = checks.evaluate(c);
            if (e.value() == null) {
                continue;
            }
            String written = candidate;
            if (!e.value()) {
                if (c.operator().equals("has")) {
                    continue;
                }
                written = c.operator().equals("==") ? candidate.replace(" == ", " != ") : candidate.replace(" != ", " == ");
            }
            String text = d.prefix() + "check " + written;
            lastLine(text);
            Kept k = new Kept(DraftLine.check(d.thread(), List.of(written)), text, "true", checkFacts(c));
            kept.add(k);
            return k;
        }
        return null;
    }

    /**
     * For an AccessCheck of explicit rights: the asked rights the same check with MAXIMUM_ALLOWED
     * does not grant on the model (hex), so a register entry can tell which rights made the model
     * refuse; null when the MAXIMUM_ALLOWED check fails or the desired mask is not explicit.
     */
    private String beyondMaximumAllowed(DraftLine d, ScenarioLine.Step step) {
        String desired = step.args().get("desired");
        if (desired == null || desired.contains("MAXIMUM_ALLOWED")) {
            return null;
        }
        String body = (d.prefix() + d.stepText()).replaceFirst("desired=\\S+", "desired=MAXIMUM_ALLOWED");
        try {
            StepExecutor.Observed max = steps.execute((ScenarioLine.Step) lastLine(body + " -> ok"));
            String granted = max.fields().get("granted");
            if (!(max.outcome().equals("ok") || max.outcome().equals("ERROR_ACCESS_DENIED")) || granted == null) {
                return null;
            }
            int asked = ValueSyntax.accessMask(desired);
            return ValueSyntax.maskText(asked & ~ValueSyntax.accessMask(granted));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void recordOrigin(ScenarioLine.Step step, String text) {
        String source = step.args().getOrDefault("token", step.args().get("handle"));
        String from = source != null && source.startsWith("$") ? source.substring(1) : null;
        String bind = step.bind();
        boolean sameObject = step.verb().scenarioName().equals("duplicate_handle") && from != null && madeBy.containsKey(from);
        madeBy.put(bind, sameObject ? madeBy.get(from) : text);
        lineage.put(bind, from != null && lineage.containsKey(from) ? text + " <- " + lineage.get(from) : text);
    }

    /** Facts about the state a step runs in, read on the model without changing it. */
    private Map<String, String> facts(ScenarioLine.Step step) {
        return facts(step.thread(), step.args().get("token"));
    }

    /** The facts of a check: those of the token variable its left side reads ({@code $t.privileges} reads {@code $t}). */
    private Map<String, String> checkFacts(ScenarioLine.Check c) {
        String left = c.left();
        int dot = left.indexOf('.');
        return left.startsWith("$") && dot > 1 ? facts(c.thread(), left.substring(0, dot)) : Map.of();
    }

    private Map<String, String> facts(String thread, String token) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("thread.impersonating", observe(thread, "thread.impersonating", "==", "true"));
        if (token != null && token.startsWith("$") && state.vars.containsKey(token.substring(1))) {
            facts.put("token.type", observe(thread, token + ".type", "==", "Primary"));
            facts.put("token.level", observe(thread, token + ".level", "==", "Impersonation"));
            facts.put("token.integrity", observe(thread, token + ".integrity", "==", "Medium"));
            facts.put("token.restricted", observe(thread, token + ".has_restrictions", "==", "true"));
            facts.put("token.restricted_count", observe(thread, token + ".restricted_count", "==", "0"));
            facts.put("token.access", observe(thread, token + ".access", "==", "0"));
            facts.put("token.made_by", madeBy.getOrDefault(token.substring(1), "unknown"));
            facts.put("token.lineage", lineage.getOrDefault(token.substring(1), "unknown"));
        } else if ("null".equals(token)) {
            // a NULL token handle means the effective token (CheckTokenMembership, R60)
            facts.put("effective.restricted_count", observe(thread, "effective.restricted_count", "==", "0"));
        }
        return facts;
    }

    private String observe(String thread, String left, String op, String right) {
        ScenarioLine.Check c = new ScenarioLine.Check(0, 0, thread, left + " " + op + " " + right, left, op, List.of(right));
        CheckEvaluator.Evaluated e = checks.evaluate(c);
        return left.equals("thread.impersonating") && e.value() != null ? e.value().toString()
                : e.observed() == null ? "unreadable" : e.observed();
    }

    /** Parses the scenario so far plus {@code line}; that line, parsed. */
    private ScenarioLine lastLine(String line) {
        List<String> texts = new ArrayList<>();
        kept.forEach(k -> texts.add(k.text()));
        texts.add(line);
        Scenario s = ScenarioParser.parse("generated", text(id, List.of("R5"), texts)).get(0);
        return s.lines().get(s.lines().size() - 1);
    }

    /** The scenario text of {@code lines} under {@code id}, citing {@code cites}. */
    static String text(String id, List<String> cites, List<String> lines) {
        StringBuilder sb = new StringBuilder("scenario ").append(id).append('\n');
        sb.append(HEADER).append(String.join(" ", cites)).append('\n');
        lines.forEach(l -> sb.append("  ").append(l).append('\n'));
        return sb.append("end\n").toString();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            ScenarioRunner.cleanUp(state);
        } finally {
            try {
                state.backend.close();
            } finally {
                main.close();
            }
        }
    }
}
