package io.github.tokenbridge.cli;

import io.github.tokenbridge.IntegrityLevel;
import io.github.tokenbridge.Account;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.conformance.Json;
import io.github.tokenbridge.internal.WellKnownSids;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.Kernel;
import io.github.tokenbridge.model.kernel.ps.ProcessObject;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.TokenContents;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tokenbridge ps}: the processes and threads of a model world, with each process's user
 * and integrity and whether each thread impersonates: the ids {@code show --process} and
 * {@code show --thread} accept. A model world as the command line builds it has the JVM's model
 * process and the calling thread.
 */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = {"List the model's processes and threads (the ids show --process / --thread take).",
            "Model only: on a Windows host use tasklist for the host's processes."})
public final class PsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "PRESET", defaultValue = BackendOptions.DEFAULT_PRESET,
            description = "model preset (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--json", description = "one JSON object (docs/cli-json.md) instead of text")
    boolean json;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        ModelBackend model = ModelBackend.create(BackendOptions.configuration(cl, config, "--config"));
        Kernel kernel = ModelInternals.kernelServices(model.world()).kernel();
        int currentTid = model.getCurrentThreadId();
        ProcessObject current = kernel.findProcess(model.getCurrentProcessId())
                .orElseThrow(() -> new IllegalStateException("the model has no process " + model.getCurrentProcessId()));
        List<ProcessObject> processes = List.of(current);
        PrintWriter out = cl.getOut();
        if (json) {
            Map<String, Object> m = CliJson.object("ps");
            m.put("backend", "model");
            m.put("preset", config);
            List<Object> ps = new ArrayList<>();
            for (ProcessObject p : processes) {
                TokenContents token = p.primaryToken().contents();
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("pid", Integer.toUnsignedLong(p.processId()));
                Map<String, Object> user = TokenReport.sidJson(token.user().sid());
                user.put("account", WhoamiWording.accountJson(account(model, token.user().sid())));
                pm.put("user", user);
                pm.put("integrity", integrity(token).name());
                List<Object> ts = new ArrayList<>();
                for (ThreadObject t : threads(kernel, p)) {
                    Map<String, Object> tm = new LinkedHashMap<>();
                    tm.put("tid", Integer.toUnsignedLong(t.threadId()));
                    tm.put("current", t.threadId() == currentTid);
                    tm.put("impersonating", t.impersonation().isPresent());
                    ts.add(tm);
                }
                pm.put("threads", ts);
                ps.add(pm);
            }
            m.put("processes", ps);
            out.println(Json.write(m));
        } else {
            out.println(BackendOptions.describe(true, config));
            out.println();
            out.printf(Locale.ROOT, "%-8s %-8s %-12s %-13s %s%n", "PID", "TID", "INTEGRITY", "IMPERSONATING", "USER");
            for (ProcessObject p : processes) {
                TokenContents token = p.primaryToken().contents();
                Sid sid = token.user().sid();
                Account account = account(model, sid);
                String user = account != null ? account.qualifiedName() + " (" + sid + ")"
                        : WellKnownSids.nameOf(sid).map(n -> n + " (" + sid + ")").orElse(sid.toString());
                out.printf(Locale.ROOT, "%-8s %-8s %-12s %-13s %s%n", Integer.toUnsignedString(p.processId()), "-",
                        integrity(token).name(), "-", user);
                for (ThreadObject t : threads(kernel, p)) {
                    out.printf(Locale.ROOT, "%-8s %-8s %-12s %-13s %s%n", "", Integer.toUnsignedString(t.threadId()), "",
                            t.impersonation().isPresent() ? "yes" : "no", t.threadId() == currentTid ? "(this thread)" : "");
                }
            }
        }
        out.flush();
        return 0;
    }

    /** The account the model's LSA names {@code sid} as ({@code LookupAccountSidW}), or null when it has no name. */
    private static Account account(ModelBackend model, Sid sid) {
        Result<Account> named = model.lookupAccountSid(null, sid);
        return named.succeeded() ? named.value() : null;
    }

    private static List<ThreadObject> threads(Kernel kernel, ProcessObject process) {
        List<ThreadObject> threads = new ArrayList<>(kernel.threadsOf(process));
        threads.sort(Comparator.comparingInt(ThreadObject::threadId));
        return threads;
    }

    private static IntegrityLevel integrity(TokenContents token) {
        return IntegrityLevel.fromSid(token.integrity());
    }
}
