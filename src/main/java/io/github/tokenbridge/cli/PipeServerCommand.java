package io.github.tokenbridge.cli;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.IntegrityLevel;
import io.github.tokenbridge.NamedPipeClient;
import io.github.tokenbridge.NamedPipeServer;
import io.github.tokenbridge.PipeServerOptions;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.conformance.Json;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.LogonOrigin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * {@code tokenbridge pipe-server}: serves one client of a named pipe and prints who the server
 * became while impersonating it. On the jna backend the client is another process (run
 * {@code tokenbridge pipe-client} in a second console); on the model, which is one process, the
 * command also runs the client, as a thread of a second model process under another principal
 * ({@code --client-as}) with the SQOS options, in the same model world.
 */
@Command(name = "pipe-server", mixinStandardHelpOptions = true,
        description = {"Serve one named-pipe client: accept, read its request, impersonate it, print who the server became"
                + " (user, level, integrity), revert, reply.",
            "jna: the client is another process (tokenbridge pipe-client). model: this command also runs the client, in a"
                + " second model process (--client-as, --level, --tracking, --effective-only, --request).",
            "Exit code 0 when a request was served, whatever level the server got."})
public final class PipeServerCommand implements Callable<Integer> {

    /** The pipe both commands use when no NAME is given. */
    static final String DEFAULT_NAME = "tokenbridge-demo";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", defaultValue = DEFAULT_NAME,
            description = "the pipe: NAME or \\\\.\\pipe\\NAME (default: ${DEFAULT-VALUE})")
    String nameText;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long to wait for a client, 0 or more (default: ${DEFAULT-VALUE}; on the model the client"
                    + " has connected before the server accepts)")
    String timeoutText;

    @Option(names = "--sddl", paramLabel = "SDDL",
            description = "the pipe's security descriptor (default: Windows' default pipe DACL, which gives other users read only, P6, P7)")
    String sddl;

    @Option(names = "--client-as", paramLabel = "CLIENT",
            description = "model: who the client runs as: " + ModelClientProcess.CHOICES + "; logon:* clients are logged on"
                    + " by the system, origin 0x3E7 (default: the server's preset)")
    String clientAs;

    @Option(names = "--level", paramLabel = "LEVEL",
            description = "model: the client's SQOS level: anonymous, identification, impersonation or delegation"
                    + " (default: no SQOS, Windows' default P14)")
    String level;

    @Option(names = "--tracking", paramLabel = "static|dynamic", description = "model: the client's context tracking (default: static)")
    String tracking;

    @Option(names = "--effective-only", description = "model: the client passes SECURITY_EFFECTIVE_ONLY (P19)")
    boolean effectiveOnly;

    @Option(names = "--request", paramLabel = "TEXT", description = "model: the client's request (default: whoami)")
    String request;

    @Option(names = "--json", description = "one JSON object (docs/cli-json.md) instead of text")
    boolean json;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        String name = PipeNameArgument.parse(cl, nameText);
        Duration timeout = timeout(cl, timeoutText);
        PipeServerOptions options = options(cl);
        boolean model = backend.model(cl);
        PipeClientSqos sqos = null;
        String who = null;
        if (model) {
            sqos = PipeClientSqos.of(cl, level, tracking, effectiveOnly);
            who = clientAs != null ? clientAs : backend.preset();
            ModelClientProcess.validate(cl, "--client-as", who);
        } else if (clientAs != null || level != null || tracking != null || effectiveOnly || request != null) {
            throw new CommandLine.ParameterException(cl, "--client-as, --level, --tracking, --effective-only and --request"
                    + " choose the model's client; on jna the client is another process: run tokenbridge pipe-client");
        }
        PrintWriter out = cl.getOut();
        TokenBackend opened = backend.openBackend(cl);
        try (TokenSystem system = Tokens.over(opened)) {
            if (!json && !model) { // jna: the header before the wait; the model prints everything at the end
                printHeader(out, cl, name);
            }
            Served served = model ? serveModelClient(system, (ModelBackend) opened, name, options, timeout, who, sqos)
                    : serveAnotherProcess(system, opened, out, name, options, timeout);
            print(out, cl, name, served, who, sqos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted while serving " + PipeNameArgument.PREFIX + name);
        }
        return 0;
    }

    /** One served request and, on the model, the reply the model client read. */
    private record Served(PipeRequestServer.ServedRequest request, String clientRead) {
    }

    private Served serveAnotherProcess(TokenSystem system, TokenBackend spi, PrintWriter out, String name, PipeServerOptions options,
                                       Duration timeout) throws InterruptedException {
        try (NamedPipeServer server = NamedPipeServer.create(system, name, options)) {
            if (!json) {
                out.println("waiting up to " + PipeRequestServer.seconds(timeout) + " s for a client"
                        + " (tokenbridge pipe-client " + name + " --level impersonation)");
                out.flush();
            }
            return new Served(PipeRequestServer.serveOne(system, spi, server, timeout), null);
        }
    }

    /**
     * The model: the server instance first, then the client's thread opens the pipe (which never
     * blocks on the model), writes its request and reads the reply, while this thread serves it.
     */
    private Served serveModelClient(TokenSystem system, ModelBackend model, String name, PipeServerOptions options,
                                    Duration timeout, String who, PipeClientSqos sqos) throws InterruptedException {
        byte[] message = (request != null ? request : "whoami").getBytes(StandardCharsets.UTF_8);
        try (ModelClientProcess client = ModelClientProcess.start(model, who, LogonOrigin.SYSTEM)) {
            CompletableFuture<Void> connected = new CompletableFuture<>();
            FutureTask<byte[]> clientRun = new FutureTask<>(() -> client.run(() -> {
                NamedPipeClient end;
                try {
                    end = NamedPipeClient.open(system, name, sqos.sqos());
                } catch (RuntimeException e) {
                    connected.completeExceptionally(e);
                    throw e;
                }
                try (end) {
                    connected.complete(null);
                    end.write(message);
                    return end.read();
                }
            }));
            Thread thread = new Thread(clientRun, "tokenbridge-model-pipe-client");
            thread.setDaemon(true);
            PipeRequestServer.ServedRequest served;
            try (NamedPipeServer server = NamedPipeServer.create(system, name, options)) {
                thread.start();
                awaitConnected(connected, who, options);
                served = PipeRequestServer.serveOne(system, model, server, timeout);
            } finally {
                thread.join(); // the server end is closed: a client still reading sees ERROR_BROKEN_PIPE
            }
            byte[] reply = clientResult(clientRun);
            return new Served(served, reply == null ? null : new String(reply, StandardCharsets.UTF_8));
        }
    }

    private static void awaitConnected(CompletableFuture<Void> connected, String who, PipeServerOptions options) {
        try {
            connected.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WinTokenException w) {
                String hint = "ERROR_ACCESS_DENIED".equals(w.win32ErrorName()) && options.sddl() == null
                        ? " (the default pipe DACL gives other users read only, P7: try --sddl \"D:(A;;GA;;;WD)\")" : "";
                throw new CommandFailure("the model client (" + who + ") could not open the pipe: " + w.getMessage() + hint, w);
            }
            throw e;
        }
    }

    private static byte[] clientResult(FutureTask<byte[]> clientRun) throws InterruptedException {
        try {
            return clientRun.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the model client failed", e.getCause());
        }
    }

    private void print(PrintWriter out, CommandLine cl, String name, Served served, String who, PipeClientSqos sqos) {
        PipeRequestServer.ServedRequest s = served.request();
        ImpersonationLevel offered = sqos == null ? null : sqos.effective().level();
        if (json) {
            Map<String, Object> m = CliJson.object("pipe-server");
            m.put("backend", backend.model(cl) ? "model" : "jna");
            m.put("preset", backend.model(cl) ? backend.preset() : null);
            m.put("pipe", PipeNameArgument.PREFIX + name);
            Map<String, Object> client = new java.util.LinkedHashMap<>();
            client.put("processId", s.clientProcessId());
            client.put("as", who);
            client.put("sqos", sqos == null ? null : sqos.toJson());
            m.put("client", client);
            m.put("request", s.request());
            Map<String, Object> impersonation = s.impersonationJson();
            impersonation.put("offeredLevel", offered == null ? null : offered.name());
            impersonation.put("downgraded", offered == null ? null : s.level().isBelow(offered));
            m.put("impersonation", impersonation);
            m.put("reverted", s.reverted());
            m.put("reply", s.reply());
            m.put("clientRead", served.clientRead());
            out.println(Json.write(m));
            out.flush();
            return;
        }
        if (who != null) {
            printHeader(out, cl, name);
            out.println("client: " + who + " in model process " + s.clientProcessId() + ", SQOS " + sqos.describe());
        } else {
            out.println("client: process " + s.clientProcessId());
        }
        out.println("request: \"" + s.request() + "\"");
        if (s.unreadable() != null) {
            out.println("impersonated: a client at ANONYMOUS level; its token cannot be opened (OpenThreadToken: "
                    + s.unreadable().win32ErrorName() + ", R28, P23), so the server cannot learn who it is");
        } else {
            out.println("impersonated: " + s.userText());
            out.println("  level      " + s.level());
            out.println("  integrity  " + IntegrityLevel.fromSid(s.integrityLabel()) + " (" + s.integrityLabel() + ")");
            if (s.pseudoHandle()) {
                out.println("  (read through GetCurrentThreadToken's pseudo handle, R19: the client's token does not let"
                        + " the server's own identity open it, R24)");
            }
        }
        if (offered != null && s.level().isBelow(offered)) {
            out.println("  the client offered " + offered + ": downgraded silently (R38, P24); why: tokenbridge explain"
                    + " impersonation --pipe-client " + who + " --config " + backend.preset() + sqosArguments());
        }
        out.println("reverted: " + (s.reverted() ? "yes, the thread runs as the server again" : "NO"));
        out.println("reply: \"" + s.reply() + "\"");
        if (served.clientRead() != null) {
            out.println("the client read: \"" + served.clientRead() + "\"");
        }
        out.flush();
    }

    private void printHeader(PrintWriter out, CommandLine cl, String name) {
        out.println(backend.describe(cl));
        out.println("pipe: " + PipeNameArgument.PREFIX + name);
    }

    private String sqosArguments() {
        return (level != null ? " --level " + level : "") + (tracking != null ? " --tracking " + tracking : "")
                + (effectiveOnly ? " --effective-only" : "");
    }

    private PipeServerOptions options(CommandLine cl) {
        if (sddl != null) {
            try {
                Sddl.parse(sddl);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--sddl: " + e.getMessage());
            }
        }
        return PipeServerOptions.defaults().withSddl(sddl);
    }

    /** {@code --timeout} in seconds (decimals allowed); negative or not a number is a usage error. */
    static Duration timeout(CommandLine cl, String text) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(cl, "--timeout: not a number of seconds '" + text + "'");
        }
        if (seconds.signum() < 0) {
            throw new CommandLine.ParameterException(cl, "--timeout: negative time-out '" + text + "' (seconds, 0 or more)");
        }
        BigDecimal nanos = seconds.movePointRight(9);
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new CommandLine.ParameterException(cl, "--timeout: too long '" + text + "'");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
