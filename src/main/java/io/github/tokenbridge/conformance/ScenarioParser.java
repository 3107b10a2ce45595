package io.github.tokenbridge.conformance;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parser of {@code .scn} scenario files (scenarios.md). It validates everything that can be
 * known before running: verbs, argument names and values, outcome names, bound variables, check
 * forms and requirements. Every problem is a {@link ScenarioSyntaxException} naming file and line.
 */
public final class ScenarioParser {

    private static final Pattern RULE = Pattern.compile("R[1-9][0-9]*");
    private static final Pattern VAR = Pattern.compile("\\$[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> PRESETS = Set.of("standard-user", "elevated-admin", "filtered-admin",
            "local-system", "service-impersonate", "network-service");
    private static final Set<Verb> BINDING_VERBS = Set.of(Verb.OPEN_PROCESS_TOKEN, Verb.OPEN_THREAD_TOKEN,
            Verb.DUPLICATE_TOKEN, Verb.DUPLICATE_TOKEN_EX, Verb.DUPLICATE_HANDLE, Verb.CREATE_RESTRICTED_TOKEN,
            Verb.CREATE_THREAD, Verb.NT_OPEN_PROCESS_TOKEN_EX, Verb.NT_OPEN_THREAD_TOKEN_EX, Verb.NT_DUPLICATE_TOKEN,
            Verb.LOGON, Verb.CREATE_PROCESS, Verb.PS_REFERENCE_IMPERSONATION_TOKEN, Verb.PS_REFERENCE_PRIMARY_TOKEN,
            Verb.SE_CREATE_CLIENT_SECURITY);

    private final String file;
    private int lineNo;

    private ScenarioParser(String file) {
        this.file = file;
    }

    /** Parses every scenario in {@code text}; {@code file} names it in error messages. */
    public static List<Scenario> parse(String file, String text) {
        return new ScenarioParser(file).parseAll(text);
    }

    /** Parses a file. */
    public static List<Scenario> parse(Path path) {
        try {
            return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private ScenarioSyntaxException error(String problem) {
        return new ScenarioSyntaxException(file, lineNo, problem);
    }

    private List<Scenario> parseAll(String text) {
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = text.split("\r?\n", -1);
        Builder current = null;
        for (int i = 0; i < lines.length; i++) {
            lineNo = i + 1;
            List<String> tokens = tokenize(lines[i]);
            if (tokens.isEmpty()) {
                continue;
            }
            String first = tokens.get(0);
            if (current == null) {
                if (!first.equals("scenario")) {
                    throw error("expected 'scenario <id>', found '" + first + "'");
                }
                if (tokens.size() != 2) {
                    throw error("'scenario' takes exactly one id");
                }
                if (!ids.add(tokens.get(1))) {
                    throw error("duplicate scenario id '" + tokens.get(1) + "'");
                }
                current = new Builder(tokens.get(1), lineNo);
            } else if (first.equals("end")) {
                if (tokens.size() != 1) {
                    throw error("'end' takes no arguments");
                }
                scenarios.add(current.build());
                current = null;
            } else if (first.equals("scenario")) {
                throw error("'scenario' inside scenario '" + current.id + "' (missing 'end')");
            } else {
                parseLine(current, tokens);
            }
        }
        if (current != null) {
            lineNo = current.line;
            throw error("scenario '" + current.id + "' has no 'end'");
        }
        return scenarios;
    }

    /** Splits one line of {@code file} into tokens as scenario files do (quotes, comments). */
    static List<String> tokenizeLine(String file, int line, String text) {
        ScenarioParser p = new ScenarioParser(file);
        p.lineNo = line;
        return p.tokenize(text);
    }

    /** Splits a line into tokens: spaces separate, double quotes group, {@code #} starts a comment. */
    List<String> tokenize(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inQuotes = false;
        boolean hasToken = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    inQuotes = false;
                } else {
                    token.append(c);
                }
            } else if (c == '"') {
                inQuotes = true;
                hasToken = true;
            } else if (c == '#') {
                break;
            } else if (Character.isWhitespace(c)) {
                if (hasToken) {
                    tokens.add(token.toString());
                    token.setLength(0);
                    hasToken = false;
                }
            } else {
                token.append(c);
                hasToken = true;
            }
        }
        if (inQuotes) {
            throw error("unclosed double quote");
        }
        if (hasToken) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    private void parseLine(Builder b, List<String> tokens) {
        String first = tokens.get(0);
        switch (first) {
            case "cites" -> {
                header(b, first);
                if (tokens.size() < 2) {
                    throw error("'cites' needs at least one rule id");
                }
                for (String r : tokens.subList(1, tokens.size())) {
                    if (!RULE.matcher(r).matches() || Integer.parseInt(r.substring(1)) > 64) {
                        throw error("unknown rule id '" + r + "' (R1..R64)");
                    }
                    b.cites.add(r);
                }
                return;
            }
            case "config" -> {
                header(b, first);
                if (tokens.size() != 2 || !PRESETS.contains(tokens.get(1))) {
                    throw error("'config' takes one preset: " + PRESETS);
                }
                b.config = tokens.get(1);
                return;
            }
            case "requires" -> {
                header(b, first);
                if (tokens.size() < 2) {
                    throw error("'requires' needs at least one condition");
                }
                for (String c : tokens.subList(1, tokens.size())) {
                    validateRequirement(c);
                    b.requires.add(c);
                }
                return;
            }
            default -> {
            }
        }
        String thread = "main";
        List<String> rest = tokens;
        if (first.equals("on")) {
            if (tokens.size() < 3) {
                throw error("'on $thread' must be followed by a step or check");
            }
            String var = tokens.get(1);
            if (!VAR.matcher(var).matches()) {
                throw error("'on' takes a thread variable, found '" + var + "'");
            }
            String name = var.substring(1);
            if (!b.threads.contains(name)) {
                throw error("unknown thread " + var + " (bind it with 'create_thread -> ok as " + var + "')");
            }
            thread = name;
            rest = tokens.subList(2, tokens.size());
        }
        b.bodyStarted = true;
        int number = b.lines.size() + 1;
        if (rest.get(0).equals("check")) {
            b.lines.add(parseCheck(b, number, thread, rest.subList(1, rest.size())));
        } else {
            b.lines.add(parseStep(b, number, thread, rest));
        }
    }

    private void header(Builder b, String what) {
        if (b.bodyStarted) {
            throw error("'" + what + "' must come before the first step");
        }
    }

    private void validateRequirement(String c) {
        if (Set.of("model", "kernel", "admin", "not-admin").contains(c)) {
            return;
        }
        if (c.startsWith("privilege:") || c.startsWith("no-privilege:")) {
            try {
                ValueSyntax.privilege(c.substring(c.indexOf(':') + 1));
                return;
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage() + " in requirement '" + c + "'");
            }
        }
        throw error("unknown requirement '" + c + "' (model, kernel, privilege:<Name>, no-privilege:<Name>, admin, not-admin)");
    }

    private ScenarioLine.Step parseStep(Builder b, int number, String thread, List<String> tokens) {
        Verb verb = Verb.fromScenarioName(tokens.get(0)).orElseThrow(() -> error("unknown verb '" + tokens.get(0) + "'"));
        int arrow = tokens.indexOf("->");
        if (arrow < 0) {
            throw error("missing '-> <outcome>' in step '" + verb.scenarioName() + "'");
        }
        Map<String, String> args = keyValues(tokens.subList(1, arrow), "argument");
        for (Map.Entry<String, String> e : args.entrySet()) {
            Verb.Param p = verb.params().get(e.getKey());
            if (p == null) {
                throw error("unknown argument '" + e.getKey() + "' for " + verb.scenarioName()
                        + " (takes " + String.join(", ", verb.params().keySet()) + ")");
            }
            validateArg(b, verb, p, e.getValue(), args);
        }
        for (Verb.Param p : verb.params().values()) {
            if (p.required() && !args.containsKey(p.name())) {
                throw error(verb.scenarioName() + " needs argument '" + p.name() + "'");
            }
        }
        boolean modelOnly = verb.layer() == Verb.Layer.MODEL || (verb == Verb.CREATE_THREAD && args.containsKey("process"));
        if (modelOnly && !b.requires.contains("model") && !b.requires.contains("kernel")) {
            throw error(verb.scenarioName() + " is a model-only verb: add 'requires model'");
        }
        if (verb.layer() == Verb.Layer.KERNEL && !b.requires.contains("kernel")) {
            throw error(verb.scenarioName() + " is a kernel verb: add 'requires kernel'");
        }
        if (verb == Verb.DUPLICATE_TOKEN_EX && !args.containsKey("level") && !"Primary".equals(args.get("type"))) {
            throw error("duplicate_token_ex needs argument 'level' (it may be left out only for type=Primary)");
        }
        if (verb == Verb.ADJUST_TOKEN_PRIVILEGES && args.keySet().stream().noneMatch(
                k -> Set.of("enable", "disable", "remove", "disable_all").contains(k))) {
            throw error("adjust_token_privileges needs enable=, disable=, remove= or disable_all=true");
        }
        if (verb == Verb.ADJUST_TOKEN_GROUPS && !args.containsKey("enable") && !args.containsKey("disable")
                && !"true".equals(args.get("reset"))) {
            throw error("adjust_token_groups needs enable=, disable= or reset=true");
        }
        if (arrow + 1 >= tokens.size()) {
            throw error("missing outcome after '->'");
        }
        String expected = tokens.get(arrow + 1);
        validateOutcome(verb, expected);
        int i = arrow + 2;
        String bind = null;
        if (i < tokens.size() && tokens.get(i).equals("as")) {
            if (i + 1 >= tokens.size() || !VAR.matcher(tokens.get(i + 1)).matches()) {
                throw error("'as' must be followed by a $variable");
            }
            if (!BINDING_VERBS.contains(verb)) {
                throw error(verb.scenarioName() + " binds nothing; remove 'as'");
            }
            bind = tokens.get(i + 1).substring(1);
            i += 2;
        }
        Map<String, String> fields = keyValues(tokens.subList(i, tokens.size()), "field");
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!verb.fields().contains(e.getKey())) {
                throw error("unknown field '" + e.getKey() + "' for " + verb.scenarioName()
                        + (verb.fields().isEmpty() ? " (it has no output fields)" : " (fields: " + String.join(", ", verb.fields()) + ")"));
            }
            try {
                StepFields.normalise(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw error(ex.getMessage() + " in field '" + e.getKey() + "'");
            }
        }
        if (bind != null) {
            b.vars.add(bind);
            if (verb == Verb.CREATE_THREAD && !args.containsKey("process")) {
                b.threads.add(bind);
            }
        }
        return new ScenarioLine.Step(number, lineNo, thread, verb, args, expected, bind, fields);
    }

    private Map<String, String> keyValues(List<String> tokens, String what) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String t : tokens) {
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw error("expected <name>=<value> " + what + ", found '" + t + "'");
            }
            String key = t.substring(0, eq);
            if (map.put(key, t.substring(eq + 1)) != null) {
                throw error(what + " '" + key + "' given twice");
            }
        }
        return map;
    }

    private void validateOutcome(Verb verb, String outcome) {
        if (outcome.equals("ok")) {
            return;
        }
        if (verb.ntOutcomes()) {
            if (outcome.matches("0x[0-9A-F]{8}")) {
                return;
            }
            try {
                NtStatus.valueOf(outcome);
            } catch (IllegalArgumentException e) {
                throw error("unknown status '" + outcome + "' (" + verb.scenarioName() + " outcomes are ok or STATUS_* names)");
            }
        } else if (Win32Error.fromName(outcome).isEmpty() && !outcome.matches("ERROR_[0-9]+")) {
            throw error("unknown error '" + outcome + "' (" + verb.scenarioName() + " outcomes are ok or ERROR_* names)");
        }
    }

    private void validateArg(Builder b, Verb verb, Verb.Param p, String value, Map<String, String> args) {
        try {
            switch (p.kind()) {
                case HANDLE -> {
                    if (value.startsWith("$")) {
                        requireVar(b, value);
                    } else if (ValueSyntax.namedHandle(value).isEmpty() && !value.matches("0x[0-9a-fA-F]+")) {
                        throw new IllegalArgumentException("unknown handle '" + value
                                + "' ($var, current-process, current-thread, null, current-process-token, "
                                + "current-thread-token, current-thread-effective-token, or a raw value 0x...)");
                    }
                }
                case ACCESS -> ValueSyntax.accessMask(value);
                case LEVEL -> ValueSyntax.level(value);
                case TYPE -> ValueSyntax.type(value);
                case BOOL -> ValueSyntax.bool(value);
                case ATTRIBUTES -> ValueSyntax.attributes(value);
                case NUMBER -> ValueSyntax.number(value);
                case SID -> validateSid(b, value);
                case SID_LIST -> ValueSyntax.list(value).forEach(s -> validateSid(b, s));
                case PRIVILEGE_LIST -> ValueSyntax.list(value).forEach(ValueSyntax::privilege);
                case SDDL -> io.github.tokenbridge.Sddl.parse(value);
                case MAPPING -> ValueSyntax.mapping(value);
                case INFO_CLASS -> infoClass(value);
                case INFO_VALUE -> validateInfoValue(b, args.get("class"), value);
                case WORD -> {
                    if (!p.words().contains(value)) {
                        throw new IllegalArgumentException("'" + value + "' is not one of " + p.words());
                    }
                }
                default -> throw new IllegalStateException("unhandled argument kind " + p.kind());
            }
        } catch (ScenarioSyntaxException e) {
            throw e;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw error(e.getMessage() + " in argument '" + p.name() + "' of " + verb.scenarioName());
        }
    }

    private void requireVar(Builder b, String value) {
        if (!VAR.matcher(value).matches()) {
            throw new IllegalArgumentException("bad variable '" + value + "'");
        }
        if (!b.vars.contains(value.substring(1))) {
            throw new IllegalArgumentException("unknown variable " + value + " (not bound by an earlier 'as')");
        }
    }

    private void validateSid(Builder b, String value) {
        if (value.startsWith("$")) {
            if (!ValueSyntax.isSidReference(value)) {
                throw new IllegalArgumentException("a SID reference is $var.user or $var.logon_sid, found '" + value + "'");
            }
            requireVar(b, value.substring(0, value.indexOf('.')));
        } else {
            ValueSyntax.sid(value);
        }
    }

    static TokenInformationClass infoClass(String value) {
        if (!value.isEmpty() && Character.isDigit(value.charAt(0))) {
            int code = ValueSyntax.number(value);
            return TokenInformationClass.fromCode(code)
                    .orElseThrow(() -> new IllegalArgumentException("unknown information class " + code));
        }
        try {
            return TokenInformationClass.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown information class '" + value + "'");
        }
    }

    private void validateInfoValue(Builder b, String cls, String value) {
        if (cls == null) {
            throw new IllegalArgumentException("'value' needs 'class'");
        }
        switch (infoClass(cls)) {
            case TokenIntegrityLevel -> ValueSyntax.integrityRid(value);
            case TokenDefaultDacl -> {
                if (!value.equals("null")) {
                    ValueSyntax.acl(value);
                }
            }
            case TokenOwner, TokenPrimaryGroup -> validateSid(b, value);
            default -> ValueSyntax.number(value);
        }
    }

    private ScenarioLine.Check parseCheck(Builder b, int number, String thread, List<String> tokens) {
        String text = String.join(" ", tokens);
        if (tokens.size() < 3) {
            throw error("a check is '<left> == <right>', '<left> != <right>' or '<left> has <item> [state]'");
        }
        String left = tokens.get(0);
        String op = tokens.get(1);
        CheckField field = validateOperand(b, left);
        List<String> right = tokens.subList(2, tokens.size());
        switch (op) {
            case "==", "!=" -> {
                if (right.size() != 1) {
                    throw error("'" + op + "' takes exactly one right-hand value");
                }
                if (field.kind() == CheckField.Kind.LIST) {
                    throw error(field.scenarioName() + " is a list: use 'has'");
                }
                String r = right.get(0);
                if (r.startsWith("$") || r.startsWith("effective.") || r.startsWith("thread.")) {
                    CheckField rf = validateOperand(b, r);
                    if (rf.kind() != field.kind()) {
                        throw error("cannot compare " + field.scenarioName() + " with " + rf.scenarioName());
                    }
                } else {
                    try {
                        CheckValues.parseLiteral(field, r);
                    } catch (IllegalArgumentException e) {
                        throw error(e.getMessage() + " on the right of '" + left + "'");
                    }
                }
            }
            case "has" -> {
                if (field.kind() != CheckField.Kind.LIST) {
                    throw error("'has' applies to groups, privileges and restricted_sids, not " + field.scenarioName());
                }
                if (right.size() > 2) {
                    throw error("'has' takes an item and an optional state");
                }
                try {
                    if (field == CheckField.PRIVILEGES) {
                        ValueSyntax.privilege(right.get(0));
                    } else {
                        validateSid(b, right.get(0));
                    }
                } catch (IllegalArgumentException e) {
                    throw error(e.getMessage());
                }
                if (right.size() == 2 && !field.states().contains(right.get(1))) {
                    throw error("unknown state '" + right.get(1) + "' for " + field.scenarioName() + " (" + field.states() + ")");
                }
            }
            default -> throw error("unknown check operator '" + op + "' (==, !=, has)");
        }
        return new ScenarioLine.Check(number, lineNo, thread, text, left, op, right);
    }

    private CheckField validateOperand(Builder b, String operand) {
        int dot = operand.indexOf('.');
        if (dot < 0) {
            throw error("expected $var.<field>, effective.<field> or thread.<field>, found '" + operand + "'");
        }
        String owner = operand.substring(0, dot);
        String name = operand.substring(dot + 1);
        CheckField field = CheckField.fromScenarioName(name).orElseThrow(() -> error("unknown field '" + name + "'"));
        if (owner.startsWith("$")) {
            if (!VAR.matcher(owner).matches() || !b.vars.contains(owner.substring(1))) {
                throw error("unknown variable " + owner + " (not bound by an earlier 'as')");
            }
            if (field == CheckField.IMPERSONATING) {
                throw error("'impersonating' is a field of thread, not of a token");
            }
        } else if (owner.equals("effective")) {
            if (field == CheckField.IMPERSONATING || field == CheckField.ACCESS) {
                throw error("'" + name + "' is not a field of effective");
            }
        } else if (owner.equals("thread")) {
            if (field == CheckField.ACCESS) {
                throw error("'access' is a field of a handle variable");
            }
        } else {
            throw error("unknown name '" + owner + "' (a $variable, effective or thread)");
        }
        return field;
    }

    private final class Builder {
        final String id;
        final int line;
        final List<String> cites = new ArrayList<>();
        final List<String> requires = new ArrayList<>();
        final List<ScenarioLine> lines = new ArrayList<>();
        final Set<String> vars = new HashSet<>();
        final Set<String> threads = new HashSet<>();
        String config;
        boolean bodyStarted;

        Builder(String id, int line) {
            this.id = id;
            this.line = line;
        }

        Scenario build() {
            return new Scenario(id, file, line, cites, config, requires, lines);
        }
    }
}
