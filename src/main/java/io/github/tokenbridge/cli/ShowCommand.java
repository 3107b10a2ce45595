package io.github.tokenbridge.cli;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.backend.TokenBackend;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.EnumSet;
import java.util.concurrent.Callable;

/**
 * {@code tokenbridge show}: every field of one token: a process's primary token, a thread's
 * impersonation token, or the calling thread's effective token.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show every field of a process's, a thread's or the effective token.")
public final class ShowCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--json", description = "one JSON object instead of text")
    boolean json;

    @Option(names = "--no-names", description = "SIDs only: resolve no account names (no LookupAccountSid / LsaLookupSids call)")
    boolean noNames;

    /** Which token to show: exactly one of the three. */
    static final class Which {
        @Option(names = "--process", paramLabel = "PID", description = "the primary token of process PID")
        Long process;

        @Option(names = "--thread", paramLabel = "TID", description = "the impersonation token of thread TID")
        Long thread;

        @Option(names = "--effective", description = "the calling thread's effective token")
        boolean effective;
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        Integer pid = which.process == null ? null : ProcessTokens.requireId(cl, "--process", which.process, "process");
        Integer tid = which.thread == null ? null : ProcessTokens.requireId(cl, "--thread", which.thread, "thread");
        TokenBackend spi = backend.openBackend(cl);
        TokenReport report;
        String source;
        try (TokenSystem system = Tokens.over(spi)) {
            if (pid != null) {
                source = "process " + Integer.toUnsignedString(pid);
                try (AccessToken token = ProcessTokens.open(system, pid)) {
                    report = TokenReport.of(token, noNames ? null : system);
                }
            } else if (tid != null) {
                source = "thread " + Integer.toUnsignedString(tid);
                var token = ThreadTokens.open(system, spi, tid);
                if (token.isEmpty()) {
                    throw new CommandFailure("thread " + Integer.toUnsignedString(tid) + " is not impersonating (ERROR_NO_TOKEN);"
                            + " its effective token is its process's primary token");
                }
                try (AccessToken t = token.get()) {
                    report = TokenReport.of(t, noNames ? null : system);
                }
            } else {
                source = "effective (pid " + system.currentProcessId() + ")";
                try (AccessToken token = system.openEffectiveToken(EnumSet.of(TokenAccess.QUERY))) {
                    report = TokenReport.of(token, noNames ? null : system);
                }
            }
        }
        WhoamiCommand.print(cl.getOut(), "show", backend.describe(cl), backend.model(cl), backend.preset(), source, report, true, json);
        return 0;
    }
}
