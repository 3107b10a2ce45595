package io.github.tokenbridge.conformance;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Executes the model-only and kernel verbs of a scenario through {@link ModelVerbs}; a backend
 * without them (a real host) never gets here because such scenarios are skipped there.
 */
final class ModelStepExecutor {

    private final ScenarioState state;

    ModelStepExecutor(ScenarioState state) {
        this.state = state;
    }

    StepExecutor.Observed call(ScenarioLine.Step step) {
        ModelVerbs m = state.modelVerbs;
        if (m == null) {
            throw new UnsupportedOperationException(step.verb().scenarioName() + " needs the model backend's model verbs");
        }
        Map<String, String> a = step.args();
        StepExecutor plain = new StepExecutor(state);
        return switch (step.verb()) {
            case LOGON -> plain.observe(step, m.logon(a.get("user"), a.getOrDefault("type", "interactive"),
                    a.getOrDefault("origin", "self")));
            case CREATE_PROCESS -> plain.observe(step, m.createProcess(state.handle(a.get("token"))));
            case CREATE_THREAD -> createThread(step, m.createThread(state.handle(a.get("process"))));
            case PS_IMPERSONATE_CLIENT -> plain.observe(step, m.psImpersonateClient(state.modelThread(a.get("thread")),
                    kernelToken(a.get("token")), ValueSyntax.bool(a.get("copy_on_open")),
                    ValueSyntax.bool(a.get("effective_only")), ValueSyntax.level(a.get("level"))));
            case PS_REFERENCE_IMPERSONATION_TOKEN -> referenceImpersonation(step);
            case PS_REVERT_TO_SELF -> plain.observe(step, m.psRevertToSelf());
            case PS_REFERENCE_PRIMARY_TOKEN -> object(step, m.psReferencePrimaryToken(state.handle(a.get("process"))), true);
            case PS_DEREFERENCE -> dereference(step);
            case SE_CREATE_CLIENT_SECURITY -> object(step, m.seCreateClientSecurity(state.modelThread(a.get("thread")),
                    ValueSyntax.level(a.get("level")), ValueSyntax.bool(a.get("effective_only")),
                    a.get("tracking").equals("dynamic")), false);
            case SE_IMPERSONATE_CLIENT_EX -> plain.observe(step, m.seImpersonateClientEx(state.var(a.get("context")).object(),
                    state.modelThread(a.get("thread"))));
            case SE_DELETE_CLIENT_SECURITY -> {
                Object context = state.var(a.get("context")).object();
                Result<Void> r = m.seDeleteClientSecurity(context);
                if (r.succeeded()) {
                    state.clientContexts.remove(context);
                }
                yield plain.observe(step, r);
            }
            default -> throw new IllegalStateException("not a model verb: " + step.verb());
        };
    }

    private Object kernelToken(String text) {
        if (text.equals("null")) {
            return null;
        }
        if (!text.startsWith("$")) { // a fixed handle or a raw value (R90: kernel references check the type)
            return state.handle(text);
        }
        Binding b = state.var(text);
        return b.handle() != null ? b.handle() : b.object();
    }

    private StepExecutor.Observed createThread(ScenarioLine.Step step, Result<ModelVerbs.CreatedThread> r) {
        if (!r.succeeded()) {
            return new StepExecutor.Observed(r.outcomeName(false), Map.of(), Map.of(), null);
        }
        Handle h = r.value().handle();
        if (h != null) {
            state.openHandles.add(h);
        }
        if (step.bind() != null) { // named pipes (issue 13): 'on $t' runs steps as this thread of the other process
            state.threads.put(step.bind(), ScenarioThread.asModelThread(step.bind(), state.modelVerbs, r.value().thread()));
        }
        return new StepExecutor.Observed("ok", Map.of(), h == null ? Map.of() : Map.of("handle", h.toString()),
                new Binding(Binding.Kind.THREAD, h, null, r.value().thread()));
    }

    private StepExecutor.Observed referenceImpersonation(ScenarioLine.Step step) {
        Result<ModelVerbs.ImpersonationInfo> r = state.modelVerbs.psReferenceImpersonationToken(
                state.modelThread(step.args().get("thread")));
        String outcome = r.outcomeName(true);
        Map<String, String> fields = new LinkedHashMap<>();
        Binding bound = null;
        if (r.succeeded()) {
            ModelVerbs.ImpersonationInfo info = r.value();
            fields.put("none", Boolean.toString(info == null));
            if (info != null) {
                fields.put("copy_on_open", Boolean.toString(info.copyOnOpen()));
                fields.put("effective_only", Boolean.toString(info.effectiveOnly()));
                fields.put("level", info.level().scenarioName());
                state.kernelReferences.add(info.token());
                bound = Binding.object(info.token());
            }
        }
        return new StepExecutor.Observed(outcome, fields, Map.of(), bound);
    }

    private StepExecutor.Observed object(ScenarioLine.Step step, Result<Object> r, boolean kernelReference) {
        Binding bound = null;
        if (r.succeeded() && r.value() != null) {
            (kernelReference ? state.kernelReferences : state.clientContexts).add(r.value());
            bound = Binding.object(r.value());
        }
        return new StepExecutor.Observed(r.outcomeName(true), Map.of(), Map.of(), bound);
    }

    private StepExecutor.Observed dereference(ScenarioLine.Step step) {
        Object token = state.var(step.args().get("token")).object();
        Result<Void> r = state.modelVerbs.psDereference(token);
        if (r.succeeded()) {
            state.kernelReferences.remove(token);
        }
        return new StepExecutor.Observed(r.outcomeName(true), Map.of(), Map.of(), null);
    }
}
