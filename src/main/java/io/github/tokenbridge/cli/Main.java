package io.github.tokenbridge.cli;

import io.github.tokenbridge.WinTokenException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code tokenbridge} command line: a thin root command whose subcommands do the work
 * ({@code whoami}, {@code show}, {@code compare}, {@code explain}, {@code conformance}, {@code pipe-server},
 * {@code pipe-client}, ...).
 *
 * <p>One exit-code rule for every command: 0 the command did what was asked (for {@code compare}:
 * the tokens are identical; for {@code explain}: the explanation was given, whatever it decided);
 * 1 a failure (a Windows or model error, no such process, thread or token, a failed scenario, an
 * unknown divergence, two tokens that differ); 2 a usage error. Every usage error is one line
 * {@code tokenbridge <command>: <what was wrong>} on standard error followed by the command's usage;
 * every failure is one line {@code tokenbridge <command>: <what failed>} without a stack trace.
 */
@Command(name = "tokenbridge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Windows access tokens and thread impersonation: the model, the live host, and conformance between them.",
        footer = {"", Main.EXIT_CODE_RULE,
            "Off Windows every token command reads the model (preset standard-user unless --config); on Windows, the host (jna)."},
        subcommands = {WhoamiCommand.class, ShowCommand.class, CompareCommand.class, ExplainCommand.class,
            PsCommand.class, ConformanceCommand.class, LookupCommand.class, LogonCommand.class,
            PipeServerCommand.class, PipeClientCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** The exit-code rule as every command's --help states it. */
    public static final String EXIT_CODE_RULE = "Exit codes (every command): 0 ok; 1 failure (an error from Windows or the"
            + " model, no such process, thread or token, compare found differences, a scenario failed or diverged);"
            + " 2 usage error.";

    /** Exit code of success. */
    public static final int EXIT_OK = 0;
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
     * The configured command line: a usage error (picocli's, or an {@link IllegalArgumentException}
     * from a command) is one line naming the command plus its usage, exit 2; a
     * {@link WinTokenException}, a {@link CommandFailure} or a refusal
     * ({@link UnsupportedOperationException}, {@link IllegalStateException}) is one line on standard
     * error, exit 1, without a stack trace. Every subcommand's help ends with the exit-code rule.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        addExitCodeFooter(cl);
        cl.setParameterExceptionHandler((e, args) -> usageError(e.getCommandLine(), e.getMessage()));
        cl.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof WinTokenException || e instanceof CommandFailure || e instanceof UnsupportedOperationException
                    || e instanceof IllegalStateException) {
                cmd.getErr().println(prefix(cmd) + e.getMessage());
                cmd.getErr().flush();
                return EXIT_FAILURE;
            }
            if (e instanceof IllegalArgumentException) {
                return usageError(cmd, e.getMessage());
            }
            throw e;
        });
        return cl;
    }

    private static void addExitCodeFooter(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            String[] footer = sub.getCommandSpec().usageMessage().footer();
            if (footer.length == 0) {
                sub.getCommandSpec().usageMessage().footer("", EXIT_CODE_RULE);
            }
            addExitCodeFooter(sub);
        }
    }

    /** Prints a usage error in the one style (a line naming the command, then its usage) and returns 2. */
    static int usageError(CommandLine cmd, String message) {
        String text = message == null ? "invalid usage" : message.startsWith("Error: ") ? message.substring(7) : message;
        cmd.getErr().println(prefix(cmd) + text);
        cmd.usage(cmd.getErr());
        cmd.getErr().flush();
        return EXIT_USAGE;
    }

    /** {@code "tokenbridge explain access: "}: how every error line of a command starts. */
    static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
