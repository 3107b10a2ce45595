package io.github.tokenbridge.cli;

import io.github.tokenbridge.WinTokenException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code tokenbridge} command line: a thin root command whose subcommands do the work
 * ({@code whoami}, {@code show}, {@code compare}, {@code explain}, {@code conformance}).
 *
 * <p>Exit codes: 0 success; 1 a failure (a Windows or model error, a failed scenario, an unknown
 * divergence, two tokens that differ); 2 a usage error (picocli's usage plus one line saying what
 * was wrong).
 */
@Command(name = "tokenbridge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Windows access tokens and thread impersonation: the model, the live host, and conformance between them.",
        footer = {"", "Exit codes: 0 ok, 1 failure or divergence, 2 usage error.",
            "Off Windows every token command reads the model (preset standard-user unless --config); on Windows, the host (jna)."},
        subcommands = {WhoamiCommand.class, ShowCommand.class, CompareCommand.class, ExplainCommand.class,
            ConformanceCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code of a failure: an error from Windows or the model, a failed scenario, a divergence. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a usage error. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on standard output and error and returns its exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line writing to {@code out} and {@code err} (for tests) and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /**
     * The configured command line: usage errors exit 2, and a {@link WinTokenException} or a refusal
     * ({@link UnsupportedOperationException}, {@link IllegalStateException}) is one line on standard
     * error and exit 1, without a stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof WinTokenException || e instanceof UnsupportedOperationException
                    || e instanceof IllegalStateException) {
                cmd.getErr().println("tokenbridge " + cmd.getCommandName() + ": " + e.getMessage());
                cmd.getErr().flush();
                return EXIT_FAILURE;
            }
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("tokenbridge " + cmd.getCommandName() + ": " + e.getMessage());
                cmd.usage(cmd.getErr());
                cmd.getErr().flush();
                return EXIT_USAGE;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
