package io.github.tokenbridge.conformance;

import io.github.tokenbridge.Sid;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenBackend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The running state of one scenario: its fresh backend, its variables, its threads, and the
 * handles and kernel references it still holds (released at the end of the scenario).
 */
final class ScenarioState {

    final TokenBackend backend;
    final ModelVerbs modelVerbs;
    final TokenReader reader;
    final Map<String, Binding> vars = new LinkedHashMap<>();
    final Map<String, ScenarioThread> threads = new LinkedHashMap<>();
    final Set<Handle> openHandles = new LinkedHashSet<>();
    final List<Object> kernelReferences = new ArrayList<>();
    final List<Object> clientContexts = new ArrayList<>();
    /** Processes the scenario started (suspended); the runner ends them after the scenario (processes, issue 20). */
    final List<Handle> startedProcesses = new ArrayList<>();
    /** The scenario's scratch directory and key, made on first use (objects). */
    ObjectScratch scratch;
    /** The host SIDs the last object step's descriptors print as placeholders (objects). */
    java.util.Map<Sid, String> placeholders = java.util.Map.of();
    /** The same placeholders by name ({@code effective.user} -> SID), for resolving them in expected values (objects). */
    java.util.Map<String, Sid> placeholderSids = java.util.Map.of();
    /** The SE_OBJECT_TYPE of file and key handles bound by object verbs; other handles are kernel objects (objects). */
    final java.util.Map<Handle, io.github.tokenbridge.backend.SeObjectType> objectTypes = new java.util.HashMap<>();
    // named pipes (issue 13): the run-and-scenario tag prefixed to pipe names, and each created pipe's mode
    String pipeTag = "tokenbridge-0-0-";
    final Map<String, Boolean> messageModePipes = new java.util.concurrent.ConcurrentHashMap<>();

    ScenarioState(TokenBackend backend, ModelVerbs modelVerbs, ScenarioThread main) {
        this.backend = backend;
        this.modelVerbs = modelVerbs;
        this.reader = new TokenReader(backend);
        threads.put("main", main);
    }

    ScenarioThread thread(String name) {
        ScenarioThread t = threads.get(name);
        if (t == null) {
            throw new IllegalStateException("no scenario thread '" + name + "'");
        }
        return t;
    }

    Binding var(String dollarName) {
        Binding b = vars.get(dollarName.startsWith("$") ? dollarName.substring(1) : dollarName);
        if (b == null) {
            throw new IllegalStateException("variable " + dollarName + " is not bound (its step failed or was not run)");
        }
        return b;
    }

    /** A handle argument: {@code $var} or a named handle. */
    Handle handle(String text) {
        if (text.startsWith("0x")) {
            return new Handle(Long.parseLong(text.substring(2), 16));
        }
        return ValueSyntax.namedHandle(text).orElseGet(() -> {
            Binding b = var(text);
            if (b.handle() == null) {
                throw new IllegalStateException(text + " is not a handle");
            }
            return b.handle();
        });
    }

    /** A handle to read a token variable through: the handle itself, or one opened for a kernel reference. */
    Handle tokenHandleForReading(String var, List<Handle> toClose) {
        Binding b = var(var);
        if (b.handle() != null) {
            return b.handle();
        }
        if (modelVerbs == null) {
            throw new IllegalStateException(var + " is not a handle");
        }
        var r = modelVerbs.openKernelToken(b.object(), 0x8);
        if (!r.succeeded()) {
            throw new TokenReader.ReadException("cannot open the token behind " + var);
        }
        toClose.add(r.value());
        return r.value();
    }

    /** A thread argument of a kernel verb: the model thread of current-thread, of a thread variable, or null. */
    Object modelThread(String text) {
        if (text.equals("null")) {
            return null;
        }
        if (text.equals("current-thread")) {
            return modelVerbs.currentThread();
        }
        Binding b = var(text);
        if (b.kind() != Binding.Kind.THREAD || b.object() == null) {
            throw new IllegalStateException(text + " is not a thread of the model");
        }
        return b.object();
    }

    /** A SID argument: a literal, or {@code $var.user} / {@code .logon_sid} / {@code .owner} / {@code .primary_group} read now. */
    Sid sid(String text) {
        if (text.startsWith("account:")) {
            io.github.tokenbridge.backend.Result<io.github.tokenbridge.Account> r =
                    backend.lookupAccountName(null, text.substring("account:".length()));
            if (!r.succeeded()) {
                throw new TokenReader.ReadException(text + ": LookupAccountNameW failed with " + r.outcomeName(false));
            }
            return r.value().sid();
        }
        if (!text.startsWith("$")) {
            return ValueSyntax.sid(text);
        }
        String var = text.substring(0, text.indexOf('.'));
        List<Handle> toClose = new ArrayList<>();
        try {
            Handle h = tokenHandleForReading(var, toClose);
            if (text.endsWith(".user")) {
                return reader.user(h);
            }
            if (text.endsWith(".owner")) {
                return (Sid) reader.query(h, io.github.tokenbridge.backend.TokenInformationClass.TokenOwner);
            }
            if (text.endsWith(".primary_group")) {
                return (Sid) reader.query(h, io.github.tokenbridge.backend.TokenInformationClass.TokenPrimaryGroup);
            }
            return reader.logonSid(h).orElseThrow(() -> new TokenReader.ReadException(var + " has no logon SID"));
        } finally {
            toClose.forEach(backend::closeHandle);
        }
    }
}
