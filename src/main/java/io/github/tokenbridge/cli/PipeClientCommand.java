package io.github.tokenbridge.cli;

import io.github.tokenbridge.NamedPipeClient;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.conformance.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tokenbridge pipe-client}: opens a named pipe with a chosen security quality of service
 * (CreateFileW's SECURITY_* flags, P13-P19), writes one request and prints the server's reply, for
 * trying {@code tokenbridge pipe-server} (or any pipe server) by hand from a second process. On the
 * model the command's world has no server, so the open fails as Windows' would (ERROR_FILE_NOT_FOUND);
 * {@code pipe-server --backend model} runs a server and its client in one world.
 */
@Command(name = "pipe-client", mixinStandardHelpOptions = true,
        description = {"Open a named pipe with an SQOS, send one request, print the reply (the client of tokenbridge pipe-server).",
            "Without --level the client passes no SQOS and the server gets Windows' default (P14)."})
public final class PipeClientCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", defaultValue = PipeServerCommand.DEFAULT_NAME,
            description = "the pipe: NAME or \\\\.\\pipe\\NAME (default: ${DEFAULT-VALUE})")
    String nameText;

    @Option(names = "--level", paramLabel = "LEVEL",
            description = "SQOS level: anonymous, identification, impersonation or delegation (default: no SQOS)")
    String level;

    @Option(names = "--tracking", paramLabel = "static|dynamic", description = "context tracking (default: static)")
    String tracking;

    @Option(names = "--effective-only", description = "SECURITY_EFFECTIVE_ONLY: the server gets only what is enabled (P19)")
    boolean effectiveOnly;

    @Option(names = "--request", paramLabel = "TEXT", defaultValue = "whoami", description = "the request (default: ${DEFAULT-VALUE})")
    String request;

    @Option(names = "--json", description = "one JSON object (docs/cli-json.md) instead of text")
    boolean json;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        String name = PipeNameArgument.parse(cl, nameText);
        PipeClientSqos sqos = PipeClientSqos.of(cl, level, tracking, effectiveOnly);
        String reply;
        try (TokenSystem system = backend.open(cl);
             NamedPipeClient client = open(system, name, sqos, backend.model(cl))) {
            client.write(request.getBytes(StandardCharsets.UTF_8));
            byte[] answer = client.read();
            if (answer == null) {
                throw new CommandFailure("the server closed " + PipeNameArgument.PREFIX + name + " without replying");
            }
            reply = new String(answer, StandardCharsets.UTF_8);
        }
        PrintWriter out = cl.getOut();
        if (json) {
            Map<String, Object> m = CliJson.object("pipe-client");
            m.put("backend", backend.model(cl) ? "model" : "jna");
            m.put("preset", backend.model(cl) ? backend.preset() : null);
            m.put("pipe", PipeNameArgument.PREFIX + name);
            m.put("sqos", sqos.toJson());
            m.put("request", request);
            m.put("reply", reply);
            out.println(Json.write(m));
        } else {
            out.println(backend.describe(cl));
            out.println("pipe: " + PipeNameArgument.PREFIX + name);
            out.println("SQOS: " + sqos.describe());
            out.println("request: \"" + request + "\"");
            out.println("reply: \"" + reply + "\"");
        }
        out.flush();
        return 0;
    }

    private static NamedPipeClient open(TokenSystem system, String name, PipeClientSqos sqos, boolean model) {
        try {
            return NamedPipeClient.open(system, name, sqos.sqos());
        } catch (WinTokenException e) {
            if ("ERROR_FILE_NOT_FOUND".equals(e.win32ErrorName())) {
                throw new CommandFailure(e.getMessage() + ": no server listens on " + PipeNameArgument.PREFIX + name
                        + (model ? " (the model's world is this process: pipe-server --backend model --client-as ... runs"
                                + " a server and its client in one world)" : " (start tokenbridge pipe-server " + name + " first)"), e);
            }
            if ("ERROR_PIPE_BUSY".equals(e.win32ErrorName())) {
                throw new CommandFailure(e.getMessage() + ": every instance of " + PipeNameArgument.PREFIX + name
                        + " is serving another client (P11)", e);
            }
            throw e;
        }
    }
}
