package io.github.tokenbridge.conformance;

import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.model.internal.ModelInternals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The named-pipe verbs of the scenario language (scenarios.md "Verbs for the server path / Named
 * pipes"): names tagged per run and scenario, 4096-byte buffers and a 5 s default time-out,
 * message-mode reads on both ends of a message pipe, and {@code TIMEOUT} for a call that would
 * block (the model reports it at once as ERROR_SEM_TIMEOUT, the C driver after 5 s).
 */
final class PipeSteps {

    /** The outcome of a call that would block (scenarios.md). */
    static final String TIMEOUT = "TIMEOUT";
    static final int BUFFER_SIZE = 4096;
    static final int DEFAULT_TIMEOUT_MS = 5000;

    private static final Set<Verb> VERBS = Set.of(Verb.CREATE_NAMED_PIPE, Verb.OPEN_PIPE, Verb.CONNECT_NAMED_PIPE,
            Verb.WRITE_FILE, Verb.READ_FILE, Verb.IMPERSONATE_NAMED_PIPE_CLIENT, Verb.DISCONNECT_NAMED_PIPE,
            Verb.GET_NAMED_PIPE_CLIENT_PROCESS_ID);
    private static final String PREFIX = "\\\\.\\pipe\\";
    private static final int PIPE_ACCESS_INBOUND = 0x1;
    private static final int PIPE_ACCESS_OUTBOUND = 0x2;
    private static final int PIPE_ACCESS_DUPLEX = 0x3;
    private static final int FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000;
    private static final int PIPE_TYPE_MESSAGE = 0x4;
    private static final int PIPE_READMODE_MESSAGE = 0x2;
    private static final int PIPE_REJECT_REMOTE_CLIENTS = 0x8;
    private static final int PIPE_UNLIMITED_INSTANCES = 255;
    private static final int GENERIC_READ_WRITE = 0xC0000000;
    private static final int OPEN_EXISTING = 3;
    private static final int SECURITY_SQOS_PRESENT = 0x00100000;
    private static final int SECURITY_CONTEXT_TRACKING = 0x00040000;
    private static final int SECURITY_EFFECTIVE_ONLY = 0x00080000;

    private final ScenarioState state;
    private final StepExecutor steps;

    PipeSteps(ScenarioState state, StepExecutor steps) {
        this.state = state;
        this.steps = steps;
    }

    /** True for the verbs of this block. */
    static boolean isPipeVerb(Verb verb) {
        return VERBS.contains(verb);
    }

    /** A tag unique to this run (the {@code <run>} of {@code tokenbridge-<run>-<n>-}). */
    static String newRunTag() {
        return ProcessHandle.current().pid() + "x" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
    }

    /** On the model, a pipe call that would block fails at once (reported TIMEOUT): scenarios never block. */
    static void neverBlock(TokenBackend backend) {
        if (backend instanceof io.github.tokenbridge.model.ModelBackend model) {
            ((io.github.tokenbridge.model.kernel.io.npfs.NamedPipeFileSystem) ModelInternals.kernelServices(model.world()).io()
                    .driver(io.github.tokenbridge.model.kernel.io.IoDevices.NAMED_PIPE_DEVICE)).setBlockingCallsTimeOut(true);
        }
    }

    /** The normalised {@code pid} field: {@code self} or {@code other}. */
    static String pidWord(String value) {
        if (!value.equals("self") && !value.equals("other")) {
            throw new IllegalArgumentException("pid is self or other, not '" + value + "'");
        }
        return value;
    }

    /** The cross-argument rules of the pipe verbs, checked when a scenario is parsed. */
    static void validate(SourceLine at, Verb verb, Map<String, String> args) {
        if (verb != Verb.CREATE_NAMED_PIPE && verb != Verb.OPEN_PIPE) {
            return;
        }
        if (args.containsKey("name") == args.containsKey("raw_name")) {
            throw at.error(verb.scenarioName() + " needs exactly one of 'name' and 'raw_name'");
        }
        if (args.containsKey("name") && args.get("name").contains("\\")) {
            throw at.error("a pipe 'name' is the part after \\\\.\\pipe\\ and has no backslash; use raw_name");
        }
        if (verb == Verb.CREATE_NAMED_PIPE) {
            String instances = args.get("instances");
            if (instances != null && !instances.equals("unlimited")
                    && !(instances.matches("[0-9]+") && Integer.parseInt(instances) >= 1 && Integer.parseInt(instances) <= 254)) {
                throw at.error("instances is a number 1-254 or unlimited, not '" + instances + "'");
            }
            String sd = args.get("sd");
            if (sd != null && !sd.equals("null")) {
                try {
                    Sddl.parse(sd);
                } catch (IllegalArgumentException e) {
                    throw at.error(e.getMessage() + " in argument 'sd' of create_named_pipe");
                }
            }
        } else if ("none".equals(args.getOrDefault("sqos", "none"))
                && (args.containsKey("tracking") || args.containsKey("effective_only"))) {
            throw at.error("open_pipe: tracking and effective_only need an sqos level (leave them out with sqos=none)");
        }
    }

    /** Runs a pipe step on its thread. */
    StepExecutor.Observed call(ScenarioLine.Step step) {
        Map<String, String> a = step.args();
        TokenBackend b = state.backend;
        return switch (step.verb()) {
            case CREATE_NAMED_PIPE -> createNamedPipe(step);
            case OPEN_PIPE -> openPipe(step);
            case CONNECT_NAMED_PIPE -> plain(step, b.connectNamedPipe(handle(a, "pipe"), null));
            case WRITE_FILE -> write(step);
            case READ_FILE -> read(step);
            case IMPERSONATE_NAMED_PIPE_CLIENT -> plain(step, b.impersonateNamedPipeClient(handle(a, "pipe")));
            case DISCONNECT_NAMED_PIPE -> plain(step, b.disconnectNamedPipe(handle(a, "pipe")));
            case GET_NAMED_PIPE_CLIENT_PROCESS_ID -> clientProcessId(step);
            default -> throw new IllegalStateException("not a pipe verb: " + step.verb());
        };
    }

    /** The full name a step's {@code name} or {@code raw_name} stands for. */
    String fullName(Map<String, String> a) {
        if (a.containsKey("name")) {
            return PREFIX + state.pipeTag + a.get("name");
        }
        return a.get("raw_name").replace("{tag}", state.pipeTag);
    }

    private StepExecutor.Observed createNamedPipe(ScenarioLine.Step step) {
        Map<String, String> a = step.args();
        int openMode = switch (a.getOrDefault("access", "duplex")) {
            case "inbound" -> PIPE_ACCESS_INBOUND;
            case "outbound" -> PIPE_ACCESS_OUTBOUND;
            default -> PIPE_ACCESS_DUPLEX;
        };
        if (ValueSyntax.bool(a.getOrDefault("first_instance", "false"))) {
            openMode |= FILE_FLAG_FIRST_PIPE_INSTANCE;
        }
        boolean message = a.getOrDefault("mode", "message").equals("message");
        int pipeMode = message ? PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE : 0;
        if (ValueSyntax.bool(a.getOrDefault("reject_remote", "false"))) {
            pipeMode |= PIPE_REJECT_REMOTE_CLIENTS;
        }
        String instances = a.getOrDefault("instances", "unlimited");
        int max = instances.equals("unlimited") ? PIPE_UNLIMITED_INSTANCES : Integer.parseInt(instances);
        String sd = a.getOrDefault("sd", "null");
        String name = fullName(a);
        Result<Handle> r = state.backend.createNamedPipe(name, openMode, pipeMode, max, BUFFER_SIZE, BUFFER_SIZE,
                DEFAULT_TIMEOUT_MS, sd.equals("null") ? null : Sddl.parse(sd));
        if (r.succeeded()) {
            state.messageModePipes.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), message);
        }
        return plain(step, r);
    }

    private StepExecutor.Observed openPipe(ScenarioLine.Step step) {
        Map<String, String> a = step.args();
        int flags = 0;
        String sqos = a.getOrDefault("sqos", "none");
        if (!sqos.equals("none")) {
            flags = SECURITY_SQOS_PRESENT | (ValueSyntax.level(sqos).code() << 16);
            if ("dynamic".equals(a.get("tracking"))) {
                flags |= SECURITY_CONTEXT_TRACKING;
            }
            if (ValueSyntax.bool(a.getOrDefault("effective_only", "false"))) {
                flags |= SECURITY_EFFECTIVE_ONLY;
            }
        }
        int access = a.containsKey("access") ? ValueSyntax.accessMask(a.get("access")) : GENERIC_READ_WRITE;
        String name = fullName(a);
        Result<Handle> r = state.backend.createFile(name, access, 0, null, OPEN_EXISTING, flags);
        if (r.succeeded() && Boolean.TRUE.equals(state.messageModePipes.get(name.toLowerCase(java.util.Locale.ROOT)))) {
            // both ends read in message mode; a client without FILE_WRITE_ATTRIBUTES keeps byte reads on every host
            state.backend.setNamedPipeHandleState(r.value(), PIPE_READMODE_MESSAGE);
        }
        return plain(step, r);
    }

    private StepExecutor.Observed write(ScenarioLine.Step step) {
        Map<String, String> a = step.args();
        Result<Integer> r = state.backend.writeFile(handle(a, "handle"), a.get("data").getBytes(StandardCharsets.UTF_8), null);
        Map<String, String> fields = new LinkedHashMap<>();
        if (r.succeeded()) {
            fields.put("written", Integer.toUnsignedString(r.value()));
        }
        return new StepExecutor.Observed(outcome(r), fields, Map.of(), null);
    }

    private StepExecutor.Observed read(ScenarioLine.Step step) {
        Map<String, String> a = step.args();
        int length = a.containsKey("length") ? ValueSyntax.number(a.get("length")) : BUFFER_SIZE;
        Result<byte[]> r = state.backend.readFile(handle(a, "handle"), length, null);
        Map<String, String> fields = new LinkedHashMap<>();
        if (r.value() != null && (r.succeeded() || r.win32Error() == Win32Error.ERROR_MORE_DATA.code())) {
            fields.put("data", new String(r.value(), StandardCharsets.UTF_8));
        }
        return new StepExecutor.Observed(outcome(r), fields, Map.of(), null);
    }

    private StepExecutor.Observed clientProcessId(ScenarioLine.Step step) {
        Result<Integer> r = state.backend.getNamedPipeClientProcessId(handle(step.args(), "pipe"));
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> raw = new LinkedHashMap<>();
        if (r.succeeded()) {
            fields.put("pid", r.value() == state.backend.getCurrentProcessId() ? "self" : "other");
            raw.put("pid", Integer.toUnsignedString(r.value()));
        }
        return new StepExecutor.Observed(outcome(r), fields, raw, null);
    }

    private StepExecutor.Observed plain(ScenarioLine.Step step, Result<?> r) {
        StepExecutor.Observed o = steps.observe(step, r);
        return isTimeout(r) ? new StepExecutor.Observed(TIMEOUT, o.fields(), o.raw(), o.bound()) : o;
    }

    private static String outcome(Result<?> r) {
        return isTimeout(r) ? TIMEOUT : r.outcomeName(false);
    }

    private static boolean isTimeout(Result<?> r) {
        return !r.succeeded() && r.win32Error() == Win32Error.ERROR_SEM_TIMEOUT.code();
    }

    private Handle handle(Map<String, String> a, String name) {
        return state.handle(a.get(name));
    }
}
