package io.github.tokenbridge.conformance;

import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.SeObjectType;
import io.github.tokenbridge.backend.TokenBackend;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object-security verbs of the scenario language (scenarios.md "Object security"):
 * create_directory, create_file, create_key, open_key, get/set_named_security_info and
 * get/set_security_info over the scenario's {@link ObjectScratch}, with descriptors bound by
 * {@code as $var}, the {@code sd} output field in {@link DescriptorText} form, and SDDL placeholders
 * ({@code <effective.user>}, {@code <effective.owner>}, {@code <process.user>}, {@code <$var.user>},
 * {@code <$var.logon_sid>})
 * in descriptor arguments and expected values. {@code <account:name>} needs an account lookup the
 * runner does not have and is refused.
 */
final class ObjectVerbs {

    private static final Pattern PLACEHOLDER = Pattern.compile("<([^<>]+)>");
    private static final int GENERIC_READ_WRITE = 0xC0000000;
    private static final int KEY_ALL_ACCESS = 0x000F003F;
    private static final int SHARE_ALL = 0x7;
    private static final int CREATE_NEW = 1;
    private static final int OPEN_EXISTING = 3;
    private static final int FILE_FLAG_BACKUP_SEMANTICS = 0x02000000;
    private static final Map<String, Integer> INFO_WORDS = Map.of("owner", 0x1, "group", 0x2, "dacl", 0x4, "sacl", 0x8,
            "label", 0x10, "protected_dacl", 0x80000000, "unprotected_dacl", 0x20000000);
    private static final List<Verb> VERBS = List.of(Verb.CREATE_DIRECTORY, Verb.CREATE_FILE, Verb.CREATE_KEY, Verb.OPEN_KEY,
            Verb.GET_NAMED_SECURITY_INFO, Verb.SET_NAMED_SECURITY_INFO, Verb.GET_SECURITY_INFO, Verb.SET_SECURITY_INFO);

    private final ScenarioState state;
    private final StepExecutor steps;

    ObjectVerbs(ScenarioState state, StepExecutor steps) {
        this.state = state;
        this.steps = steps;
    }

    static boolean handles(Verb verb) {
        return VERBS.contains(verb);
    }

    /** True when a scenario names scratch objects, so the runner makes them before its first step. */
    static boolean usesObjects(Scenario scenario) {
        for (ScenarioLine line : scenario.lines()) {
            if (line instanceof ScenarioLine.Step step && handles(step.verb())) {
                return true;
            }
        }
        return false;
    }

    StepExecutor.Observed call(ScenarioLine.Step step) {
        Map<String, String> a = step.args();
        TokenBackend b = state.backend;
        ObjectScratch scratch = state.scratch;
        if (scratch == null) {
            throw new IllegalStateException("no scratch objects for this scenario");
        }
        state.placeholders = placeholders();
        return switch (step.verb()) {
            case CREATE_DIRECTORY -> {
                String path = scratch.file(relative(a.get("path"), "file"));
                Result<Void> r = b.createDirectory(path, creatorDescriptor(a.get("sd")));
                if (r.succeeded()) {
                    scratch.created.add(path);
                }
                yield steps.observe(step, r);
            }
            case CREATE_FILE -> {
                String path = scratch.file(relative(a.get("path"), "file"));
                boolean create = !"open".equals(a.get("disposition"));
                int access = a.containsKey("access") ? ValueSyntax.accessMask(a.get("access")) : GENERIC_READ_WRITE;
                Result<Handle> r = b.createFile(path, access, SHARE_ALL, creatorDescriptor(a.get("sd")),
                        create ? CREATE_NEW : OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS);
                if (r.succeeded()) {
                    if (create) {
                        scratch.created.add(path);
                    }
                    state.objectTypes.put(r.value(), SeObjectType.SE_FILE_OBJECT);
                }
                yield steps.observe(step, r);
            }
            case CREATE_KEY -> {
                int access = a.containsKey("access") ? ValueSyntax.accessMask(a.get("access")) : KEY_ALL_ACCESS;
                Result<Handle> r = b.regCreateKeyEx(scratch.key, relative(a.get("path"), "key"), 0, access,
                        creatorDescriptor(a.get("sd")));
                yield keyOpened(step, r);
            }
            case OPEN_KEY -> keyOpened(step, b.regOpenKeyEx(scratch.key, relative(a.get("path"), "key"), 0,
                    ValueSyntax.accessMask(a.get("access"))));
            case GET_NAMED_SECURITY_INFO -> read(step, b.getNamedSecurityInfo(objectName(a.get("object")),
                    objectType(a.get("object")), securityInformation(a.get("info"))));
            case SET_NAMED_SECURITY_INFO -> steps.observe(step, b.setNamedSecurityInfo(objectName(a.get("object")),
                    objectType(a.get("object")), securityInformation(a.get("info")), descriptor(state, a.get("sd"))));
            case GET_SECURITY_INFO -> {
                Handle h = state.handle(a.get("handle"));
                yield read(step, b.getSecurityInfo(h, handleType(h), securityInformation(a.get("info"))));
            }
            case SET_SECURITY_INFO -> {
                Handle h = state.handle(a.get("handle"));
                yield steps.observe(step, b.setSecurityInfo(h, handleType(h), securityInformation(a.get("info")),
                        descriptor(state, a.get("sd"))));
            }
            default -> throw new IllegalStateException("not an object verb: " + step.verb());
        };
    }

    private StepExecutor.Observed keyOpened(ScenarioLine.Step step, Result<Handle> r) {
        if (r.succeeded()) {
            state.objectTypes.put(r.value(), SeObjectType.SE_REGISTRY_KEY);
        }
        return steps.observe(step, r);
    }

    private StepExecutor.Observed read(ScenarioLine.Step step, Result<SecurityDescriptor> r) {
        StepExecutor.Observed plain = steps.observe(step, r);
        if (!r.succeeded()) {
            return plain;
        }
        Map<String, String> fields = new LinkedHashMap<>(plain.fields());
        fields.put("sd", DescriptorText.of(r.value(), state.placeholders));
        Map<String, String> raw = new LinkedHashMap<>(plain.raw());
        raw.put("sd", io.github.tokenbridge.Sddl.format(r.value()));
        return new StepExecutor.Observed(plain.outcome(), fields, raw, Binding.descriptor(r.value()));
    }

    private SeObjectType handleType(Handle h) {
        return state.objectTypes.getOrDefault(h, SeObjectType.SE_KERNEL_OBJECT);
    }

    private String objectName(String object) {
        return object.startsWith("file:") ? state.scratch.file(object.substring(5)) : state.scratch.keyName(object.substring(4));
    }

    private static SeObjectType objectType(String object) {
        return object.startsWith("file:") ? SeObjectType.SE_FILE_OBJECT : SeObjectType.SE_REGISTRY_KEY;
    }

    private static String relative(String object, String prefix) {
        if (!object.startsWith(prefix + ":")) {
            throw new IllegalArgumentException("expected " + prefix + ":<path>, found " + object);
        }
        return object.substring(prefix.length() + 1);
    }

    /**
     * The SIDs of this host that descriptors print as placeholders, read on the calling (step)
     * thread: the effective token's user and TokenOwner and the process user; when two are the same
     * SID, the first of effective.user, effective.owner, process.user names it.
     */
    private Map<Sid, String> placeholders() {
        Map<String, Sid> names = new LinkedHashMap<>();
        Result<Handle> thread = state.backend.openThreadToken(Handle.CURRENT_THREAD, 0x8, true);
        Handle token = thread.succeeded() ? thread.value() : null;
        Result<Handle> process = token == null ? state.backend.openProcessToken(Handle.CURRENT_PROCESS, 0x8) : null;
        Handle effective = token != null ? token : process.succeeded() ? process.value() : null;
        try {
            if (effective != null) {
                names.put("effective.user", state.reader.user(effective));
                Result<io.github.tokenbridge.backend.TokenInformation> owner = state.backend.getTokenInformation(effective,
                        io.github.tokenbridge.backend.TokenInformationClass.TokenOwner, -1);
                if (owner.succeeded()) {
                    names.put("effective.owner", (Sid) owner.value().value());
                }
            }
        } finally {
            if (effective != null) {
                state.backend.closeHandle(effective);
            }
        }
        names.put("process.user", state.scratch.processUser);
        state.placeholderSids = names;
        Map<Sid, String> map = new HashMap<>();
        names.forEach((name, sid) -> map.putIfAbsent(sid, "<" + name + ">"));
        return map;
    }

    // ---------------------------------------------------------------- arguments and expected values

    /** The descriptor of a create verb's {@code sd=}: null for none or {@code null}. */
    private SecurityDescriptor creatorDescriptor(String text) {
        return text == null || text.equals("null") ? null : descriptor(state, text);
    }

    /** A descriptor argument: a bound {@code $var}, {@code null} (a NULL DACL and nothing else), or SDDL with placeholders. */
    static SecurityDescriptor descriptor(ScenarioState state, String text) {
        if (text.startsWith("$")) {
            Binding b = state.var(text);
            if (!(b.object() instanceof SecurityDescriptor sd)) {
                throw new IllegalStateException(text + " is not a security descriptor");
            }
            return sd;
        }
        if (text.equals("null")) {
            return SecurityDescriptor.withNullDacl(null, null);
        }
        return io.github.tokenbridge.Sddl.parse(resolve(state, text));
    }

    /** The canonical text of an expected {@code sd=} value, placeholders resolved as of the step. */
    static String expectedDescriptorText(ScenarioState state, String text) {
        return DescriptorText.of(io.github.tokenbridge.Sddl.parse(resolve(state, text)), state.placeholders);
    }

    private static String resolve(ScenarioState state, String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Sid sid;
            if (state.placeholderSids.containsKey(name)) {
                sid = state.placeholderSids.get(name);
            } else if (name.startsWith("$")) {
                sid = state.sid(name);
            } else {
                throw new IllegalArgumentException("the placeholder <" + name + "> is not supported by this runner");
            }
            m.appendReplacement(out, sid.toString());
        }
        m.appendTail(out);
        return out.toString();
    }

    static void validateObject(String value) {
        if (!(value.startsWith("file:") || value.startsWith("key:")) || value.indexOf(':') == value.length() - 1) {
            throw new IllegalArgumentException("an object is file:<path> or key:<path>, found '" + value + "'");
        }
        if (value.contains("/")) {
            throw new IllegalArgumentException("paths below file: and key: use backslashes: '" + value + "'");
        }
    }

    static int securityInformation(String value) {
        int info = 0;
        for (String word : value.split("\\|")) {
            Integer bit = INFO_WORDS.get(word.toLowerCase(Locale.ROOT));
            if (bit == null) {
                throw new IllegalArgumentException("unknown security information '" + word + "' (" + INFO_WORDS.keySet() + ")");
            }
            info |= bit;
        }
        return info;
    }

    static void validateDescriptor(ScenarioBuilder b, String value) {
        if (value.startsWith("$")) {
            b.requireVariable(value);
        } else if (!value.equals("null")) {
            validateExpectedDescriptor(value);
        }
    }

    /** Checks SDDL with placeholders: each placeholder stands for a SID while parsing. */
    static void validateExpectedDescriptor(String value) {
        io.github.tokenbridge.Sddl.parse(PLACEHOLDER.matcher(value).replaceAll("S-1-5-21-1-2-3-1000"));
    }
}
