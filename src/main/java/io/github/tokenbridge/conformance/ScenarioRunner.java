package io.github.tokenbridge.conformance;

import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs scenarios over the backend SPI: each scenario on a fresh backend from the factory, its
 * main thread and every {@code create_thread} thread a real platform thread, stopping at the
 * first failed step or check, writing the transcript, and at the end reverting every thread's
 * impersonation and closing every handle the scenario still holds.
 */
public final class ScenarioRunner {

    private static final int TOKEN_QUERY = 0x8;

    private final BackendFactory factory;
    private final TranscriptWriter transcript;
    private final String configOverride;
    // named pipes (issue 13): pipe names carry tokenbridge-<run>-<n>- so runs and scenarios never collide
    private final String runTag = PipeSteps.newRunTag();
    private int scenarioCount;

    /**
     * @param factory        makes a fresh backend per scenario
     * @param transcript     where to write the transcript, or null
     * @param configOverride a preset used instead of every scenario's own, or null
     */
    public ScenarioRunner(BackendFactory factory, TranscriptWriter transcript, String configOverride) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.transcript = transcript;
        this.configOverride = configOverride;
    }

    /** Runs every scenario, in order. */
    public List<ScenarioResult> runAll(List<Scenario> scenarios) {
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            results.add(run(s));
        }
        return results;
    }

    /** Runs one scenario on a fresh backend. */
    public ScenarioResult run(Scenario scenario) {
        ScenarioResult result = runUnrecorded(scenario);
        if (transcript != null) {
            transcript.result(result);
        }
        return result;
    }

    private ScenarioResult runUnrecorded(Scenario scenario) {
        if (scenario.needsModel() && factory.kind() != BackendKind.MODEL) {
            return new ScenarioResult(scenario, ScenarioResult.Status.SKIPPED,
                    "requires " + (scenario.requires().contains("kernel") ? "kernel" : "model"));
        }
        String imposed = configOverride != null ? configOverride : factory.fixedConfiguration();
        if (factory.kind() == BackendKind.MODEL && imposed != null && scenario.config() != null
                && !scenario.config().equals(imposed)) {
            return new ScenarioResult(scenario, ScenarioResult.Status.SKIPPED, "requires config " + scenario.config()
                    + " (the run imposes " + imposed + ")");
        }
        String preset = configOverride != null ? configOverride : scenario.preset();
        ScenarioThread main = new ScenarioThread("main");
        try (TokenBackend backend = factory.create(preset)) {
            ScenarioState state = new ScenarioState(backend, factory.modelVerbs(backend), main);
            state.pipeTag = "tokenbridge-" + runTag + "-" + (++scenarioCount) + "-"; // named pipes (issue 13)
            PipeSteps.neverBlock(backend);
            if (scenario.requires().contains("kernel") && state.modelVerbs == null) {
                return new ScenarioResult(scenario, ScenarioResult.Status.SKIPPED, "requires kernel");
            }
            String unmet = main.call(() -> unmetRequirement(scenario, backend));
            if (unmet != null) {
                return new ScenarioResult(scenario, ScenarioResult.Status.SKIPPED, "requires " + unmet);
            }
            String failure = null;
            try {
                failure = execute(scenario, state);
            } finally {
                String cleanup = cleanUp(state);
                if (failure == null) {
                    failure = cleanup;
                }
            }
            return failure == null ? new ScenarioResult(scenario, ScenarioResult.Status.PASSED, null)
                    : new ScenarioResult(scenario, ScenarioResult.Status.FAILED, failure);
        } catch (RuntimeException e) {
            return new ScenarioResult(scenario, ScenarioResult.Status.FAILED, "error: " + e);
        } finally {
            main.close();
        }
    }

    private String execute(Scenario scenario, ScenarioState state) {
        StepExecutor steps = new StepExecutor(state);
        CheckEvaluator checks = new CheckEvaluator(state);
        if (ObjectVerbs.usesObjects(scenario)) {
            state.scratch = state.thread("main").call(() -> ObjectScratch.create(state, scenario.id()));
        }
        for (ScenarioLine line : scenario.lines()) {
            String where = "step " + line.number() + " (line " + line.line() + "):";
            if (line instanceof ScenarioLine.Step step) {
                StepExecutor.Observed observed;
                try {
                    observed = steps.execute(step);
                } catch (RuntimeException e) {
                    record(scenario, step, null, e.toString());
                    return where + " " + step.verb().scenarioName() + ": error: " + e;
                }
                record(scenario, step, observed, null);
                if (!observed.outcome().equals(step.expected())) {
                    return where + " " + step.verb().scenarioName() + ": expected " + step.expected()
                            + ", observed " + observed.outcome();
                }
                for (Map.Entry<String, String> f : step.fields().entrySet()) {
                    if (f.getKey().equals("sid")) { // logons and names: compared as SIDs, on this host
                        Sid wantSid = state.sid(f.getValue());
                        String gotSid = observed.raw().get("sid");
                        if (gotSid == null || !wantSid.equals(Sid.parse(gotSid))) {
                            return where + " " + step.verb().scenarioName() + ": expected sid=" + f.getValue() + " ("
                                    + wantSid + "), observed sid=" + gotSid;
                        }
                        continue;
                    }
                    String want = f.getKey().equals("sd") ? ObjectVerbs.expectedDescriptorText(state, f.getValue())
                            : StepFields.normalise(f.getKey(), f.getValue());
                    String got = observed.fields().get(f.getKey());
                    if (!want.equals(got)) {
                        return where + " " + step.verb().scenarioName() + ": expected " + f.getKey() + "=" + want
                                + ", observed " + f.getKey() + "=" + got;
                    }
                }
                if (step.bind() != null && observed.bound() != null) {
                    state.vars.put(step.bind(), observed.bound());
                }
            } else if (line instanceof ScenarioLine.Check check) {
                CheckEvaluator.Evaluated e = checks.evaluate(check);
                if (transcript != null) {
                    transcript.check(scenario, check, e);
                }
                if (e.value() == null) {
                    return where + " check " + check.text() + ": could not be evaluated: " + e.error();
                }
                if (!e.value()) {
                    return where + " check " + check.text() + ": false (observed " + e.observed() + ")";
                }
            }
        }
        return null;
    }

    private void record(Scenario s, ScenarioLine.Step step, StepExecutor.Observed observed, String error) {
        if (transcript != null) {
            transcript.step(s, step, observed, error);
        }
    }

    /** The first requirement the fresh process token does not meet, or null. */
    private static String unmetRequirement(Scenario scenario, TokenBackend backend) {
        List<String> conditions = scenario.requires().stream()
                .filter(c -> !c.equals("model") && !c.equals("kernel")).toList();
        if (conditions.isEmpty()) {
            return null;
        }
        Result<Handle> open = backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY);
        if (!open.succeeded()) {
            return "a readable process token (OpenProcessToken failed: " + open.outcomeName(false) + ")";
        }
        TokenReader reader = new TokenReader(backend);
        try {
            for (String c : conditions) {
                if (!holds(c, reader, open.value())) {
                    return c;
                }
            }
            return null;
        } finally {
            backend.closeHandle(open.value());
        }
    }

    private static boolean holds(String condition, TokenReader reader, Handle token) {
        if (condition.equals("accounts")) { // scenarios.md: where lookup_account_name name="tb-user" succeeds
            return reader.backend().lookupAccountName(null, "tb-user").succeeded();
        }
        if (condition.equals("uac")) { // an administrator's interactive logon is split
            return AccountRequirements.uacOn(reader.backend());
        }
        if (condition.startsWith("privilege:") || condition.startsWith("no-privilege:")) {
            Privilege p = ValueSyntax.privilege(condition.substring(condition.indexOf(':') + 1));
            boolean held = reader.privileges(token).stream().map(TokenPrivilege::luid).anyMatch(p.luid()::equals);
            return condition.startsWith("privilege:") == held;
        }
        boolean admin = Boolean.TRUE.equals(reader.query(token, TokenInformationClass.TokenElevation))
                && reader.groups(token, TokenInformationClass.TokenGroups).stream()
                .anyMatch(g -> g.sid().equals(Sid.BUILTIN_ADMINISTRATORS) && g.enabled());
        return condition.equals("admin") == admin;
    }

    /** Reverts every thread, releases every kernel object, closes every handle; the first problem, or null. */
    static String cleanUp(ScenarioState state) {
        String problem = null;
        for (ScenarioThread t : state.threads.values()) {
            Result<Void> r = t.call(() -> state.backend.revertToSelf());
            if (!r.succeeded() && problem == null) {
                problem = "cleanup: RevertToSelf on thread " + t.name() + " failed: " + r.outcomeName(false);
            }
        }
        if (state.modelVerbs != null) {
            for (Object context : List.copyOf(state.clientContexts)) {
                state.modelVerbs.seDeleteClientSecurity(context);
            }
            for (Object reference : List.copyOf(state.kernelReferences)) {
                state.modelVerbs.psDereference(reference);
            }
        }
        for (Handle process : List.copyOf(state.startedProcesses)) {
            Result<Void> r = state.thread("main").call(() -> ChildProcesses.end(state.backend, process));
            if (!r.succeeded() && problem == null) {
                problem = "cleanup: TerminateProcess(" + process + ") failed: " + r.outcomeName(false);
            }
        }
        for (Handle h : List.copyOf(state.openHandles)) {
            Result<Void> r = state.thread("main").call(() -> state.backend.closeHandle(h));
            if (!r.succeeded() && problem == null) {
                problem = "cleanup: CloseHandle(" + h + ") failed: " + r.outcomeName(false);
            }
        }
        // ---- object security (objects): the scratch directory and key, after every handle is closed
        String scratchProblem = state.thread("main").call(() -> ObjectScratch.remove(state));
        if (problem == null) {
            problem = scratchProblem;
        }
        for (Map.Entry<String, ScenarioThread> e : state.threads.entrySet()) {
            if (!e.getKey().equals("main")) {
                e.getValue().close();
            }
        }
        return problem;
    }
}
