package io.github.tokenbridge.cli;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.conformance.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tokenbridge whoami}: the calling thread's effective token (its impersonation token, or its
 * process token; R16), like Windows' {@code whoami /all}. Its first line says whose tokens these
 * are: the model's (off Windows, or with {@code --backend model}) or this host's.
 */
@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Show the effective token (user, integrity, type, elevation; --all: groups, privileges, ids too).")
public final class WhoamiCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Option(names = "--all", description = "every field, like whoami /all")
    boolean all;

    @Option(names = "--json", description = "one JSON object instead of text (always every field)")
    boolean json;

    @Option(names = "--no-names", description = "SIDs only: resolve no account names (no LookupAccountSid / LsaLookupSids call)")
    boolean noNames;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        TokenReport report;
        try (TokenSystem system = backend.open(cl);
             AccessToken token = system.openEffectiveToken(EnumSet.of(TokenAccess.QUERY))) {
            report = TokenReport.of(token, noNames ? null : system);
        }
        print(cl.getOut(), "whoami", backend.describe(cl), backend.model(cl), backend.preset(), "effective", report, all, json);
        return 0;
    }

    /** Prints a report with its first line (text) or its backend fields (JSON). */
    static void print(PrintWriter out, String command, String describe, boolean model, String preset, String source,
                      TokenReport report, boolean all, boolean json) {
        if (json) {
            Map<String, Object> m = CliJson.object(command);
            m.put("backend", model ? "model" : "jna");
            m.put("preset", model ? preset : null);
            m.put("token", source);
            m.putAll(report.toJson());
            out.println(Json.write(m));
        } else {
            out.println(describe);
            out.println("token: " + source);
            out.println();
            if (all) {
                report.printAll(out);
            } else {
                report.printSummary(out);
            }
        }
        out.flush();
    }
}
