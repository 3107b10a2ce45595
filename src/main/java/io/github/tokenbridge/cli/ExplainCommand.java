package io.github.tokenbridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tokenbridge explain}: the model's reasons for its decisions ({@code access}, {@code impersonation}). */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a model decision step by step: an access check, or an impersonation.",
        subcommands = {ExplainAccessCommand.class, ExplainImpersonationCommand.class})
public final class ExplainCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "explain needs a subcommand: access or impersonation");
    }
}
