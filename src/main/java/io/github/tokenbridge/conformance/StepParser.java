package io.github.tokenbridge.conformance;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Win32Error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parser of step lines, {@code <verb> <arg>=<value>... -> <outcome> [as $var] [<field>=<value>...]}:
 * it checks the verb, its arguments, the layer requirements, the outcome name, the binding and
 * the expected output fields, and records the variables and threads the step binds.
 */
final class StepParser {

    private static final Set<Verb> BINDING_VERBS = Set.of(Verb.OPEN_PROCESS_TOKEN, Verb.OPEN_THREAD_TOKEN,
            Verb.DUPLICATE_TOKEN, Verb.DUPLICATE_TOKEN_EX, Verb.DUPLICATE_HANDLE, Verb.CREATE_RESTRICTED_TOKEN,
            Verb.CREATE_THREAD, Verb.NT_OPEN_PROCESS_TOKEN_EX, Verb.NT_OPEN_THREAD_TOKEN_EX, Verb.NT_DUPLICATE_TOKEN,
            Verb.LOGON, Verb.CREATE_PROCESS, Verb.PS_REFERENCE_IMPERSONATION_TOKEN, Verb.PS_REFERENCE_PRIMARY_TOKEN,
            Verb.SE_CREATE_CLIENT_SECURITY, Verb.LOGON_USER,
            Verb.CREATE_PROCESS_AS_USER, Verb.CREATE_PROCESS_WITH_TOKEN, Verb.CREATE_CHILD_PROCESS,
            Verb.CREATE_FILE, Verb.CREATE_KEY, Verb.OPEN_KEY, Verb.GET_NAMED_SECURITY_INFO, Verb.GET_SECURITY_INFO,
            Verb.GET_TOKEN_INFORMATION,
            Verb.CREATE_NAMED_PIPE, Verb.OPEN_PIPE); // named pipes (issue 13)
    private static final Set<String> PRIVILEGE_CHANGES = Set.of("enable", "disable", "remove", "disable_all");

    private StepParser() {
    }

    /** Parses the step {@code tokens}, run by {@code thread}, as line {@code number} of {@code b}. */
    static ScenarioLine.Step parse(ScenarioBuilder b, SourceLine at, int number, String thread, List<String> tokens) {
        Verb verb = Verb.fromScenarioName(tokens.get(0)).orElseThrow(() -> at.error("unknown verb '" + tokens.get(0) + "'"));
        int arrow = tokens.indexOf("->");
        if (arrow < 0) {
            throw at.error("missing '-> <outcome>' in step '" + verb.scenarioName() + "'");
        }
        Map<String, String> args = keyValues(at, tokens.subList(1, arrow), "argument");
        validateArguments(b, at, verb, args);
        if (arrow + 1 >= tokens.size()) {
            throw at.error("missing outcome after '->'");
        }
        String expected = tokens.get(arrow + 1);
        validateOutcome(at, verb, expected);
        int i = arrow + 2;
        String bind = null;
        if (i < tokens.size() && tokens.get(i).equals("as")) {
            if (i + 1 >= tokens.size() || !ScenarioBuilder.VAR.matcher(tokens.get(i + 1)).matches()) {
                throw at.error("'as' must be followed by a $variable");
            }
            if (!BINDING_VERBS.contains(verb)) {
                throw at.error(verb.scenarioName() + " binds nothing; remove 'as'");
            }
            if (verb == Verb.GET_TOKEN_INFORMATION && !"TokenLinkedToken".equals(args.get("class"))) {
                throw at.error("get_token_information binds only the token of class=TokenLinkedToken");
            }
            bind = tokens.get(i + 1).substring(1);
            i += 2;
        }
        Map<String, String> fields = keyValues(at, tokens.subList(i, tokens.size()), "field");
        validateFields(at, verb, fields);
        if (bind != null) {
            b.vars.add(bind);
            if (verb == Verb.CREATE_THREAD) { // a thread of another model process runs steps too (named pipes, issue 13)
                b.threads.add(bind);
            }
        }
        return new ScenarioLine.Step(number, at.line(), thread, verb, args, expected, bind, fields);
    }

    private static void validateArguments(ScenarioBuilder b, SourceLine at, Verb verb, Map<String, String> args) {
        for (Map.Entry<String, String> e : args.entrySet()) {
            Verb.Param p = verb.params().get(e.getKey());
            if (p == null) {
                throw at.error("unknown argument '" + e.getKey() + "' for " + verb.scenarioName()
                        + " (takes " + String.join(", ", verb.params().keySet()) + ")");
            }
            StepArgumentValidator.validate(b, at, verb, p, e.getValue(), args);
        }
        for (Verb.Param p : verb.params().values()) {
            if (p.required() && !args.containsKey(p.name())) {
                throw at.error(verb.scenarioName() + " needs argument '" + p.name() + "'");
            }
        }
        boolean modelOnly = verb.layer() == Verb.Layer.MODEL || (verb == Verb.CREATE_THREAD && args.containsKey("process"));
        if (modelOnly && !b.requires.contains("model") && !b.requires.contains("kernel")) {
            throw at.error(verb.scenarioName() + " is a model-only verb: add 'requires model'");
        }
        if (verb.layer() == Verb.Layer.KERNEL && !b.requires.contains("kernel")) {
            throw at.error(verb.scenarioName() + " is a kernel verb: add 'requires kernel'");
        }
        if (verb == Verb.DUPLICATE_TOKEN_EX && !args.containsKey("level") && !"Primary".equals(args.get("type"))) {
            throw at.error("duplicate_token_ex needs argument 'level' (it may be left out only for type=Primary)");
        }
        if (verb == Verb.ADJUST_TOKEN_PRIVILEGES && args.keySet().stream().noneMatch(PRIVILEGE_CHANGES::contains)) {
            throw at.error("adjust_token_privileges needs enable=, disable=, remove= or disable_all=true");
        }
        if (verb == Verb.ADJUST_TOKEN_GROUPS && !args.containsKey("enable") && !args.containsKey("disable")
                && !args.containsKey("reset")) {
            throw at.error("adjust_token_groups needs enable=, disable= or reset= (reset=false alone passes a NULL NewState)");
        }
        PipeSteps.validate(at, verb, args); // named pipes (issue 13)
    }

    private static void validateFields(SourceLine at, Verb verb, Map<String, String> fields) {
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!verb.fields().contains(e.getKey())) {
                throw at.error("unknown field '" + e.getKey() + "' for " + verb.scenarioName()
                        + (verb.fields().isEmpty() ? " (it has no output fields)" : " (fields: " + String.join(", ", verb.fields()) + ")"));
            }
            if (e.getKey().equals("sd")) {
                ObjectVerbs.validateExpectedDescriptor(e.getValue());
                continue;
            }
            try {
                StepFields.normalise(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw at.error(ex.getMessage() + " in field '" + e.getKey() + "'");
            }
        }
    }

    private static Map<String, String> keyValues(SourceLine at, List<String> tokens, String what) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String t : tokens) {
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw at.error("expected <name>=<value> " + what + ", found '" + t + "'");
            }
            String key = t.substring(0, eq);
            if (map.put(key, t.substring(eq + 1)) != null) {
                throw at.error(what + " '" + key + "' given twice");
            }
        }
        return map;
    }

    private static void validateOutcome(SourceLine at, Verb verb, String outcome) {
        if (outcome.equals("ok")) {
            return;
        }
        if (outcome.equals(PipeSteps.TIMEOUT) && PipeSteps.isPipeVerb(verb)) { // named pipes (issue 13)
            return;
        }
        if (verb.ntOutcomes()) {
            if (outcome.matches("0x[0-9A-F]{8}")) {
                return;
            }
            try {
                NtStatus.valueOf(outcome);
            } catch (IllegalArgumentException e) {
                throw at.error("unknown status '" + outcome + "' (" + verb.scenarioName() + " outcomes are ok or STATUS_* names)");
            }
        } else if (Win32Error.fromName(outcome).isEmpty() && !outcome.matches("ERROR_[0-9]+")) {
            throw at.error("unknown error '" + outcome + "' (" + verb.scenarioName() + " outcomes are ok or ERROR_* names)");
        }
    }
}
