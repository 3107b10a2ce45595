package io.github.tokenbridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tokenbridge} command line: a thin root command whose subcommands do the work
 * ({@code conformance}, and later {@code whoami}, {@code show}, {@code compare}, {@code explain}).
 */
@Command(name = "tokenbridge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Windows access tokens and thread impersonation: the model, the live host, and conformance between them.",
        subcommands = {ConformanceCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
