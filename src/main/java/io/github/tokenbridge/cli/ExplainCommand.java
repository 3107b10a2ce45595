package io.github.tokenbridge.cli;

import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.backend.Result;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tokenbridge explain}: the model's reasons for its decisions ({@code access}, {@code impersonation}). */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a model decision step by step: an access check, or an impersonation.",
        subcommands = {ExplainAccessCommand.class, ExplainImpersonationCommand.class, ExplainProcessCommand.class})
public final class ExplainCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "explain needs a subcommand: access or impersonation");
    }

    /**
     * The value of a model call an explanation depends on, or a {@link WinTokenException} naming
     * {@code function} with the call's status (shared by the explain subcommands).
     */
    static <T> T require(Result<T> result, String function) {
        if (!result.succeeded()) {
            throw new WinTokenException(function, result.win32Error(), result.ntStatusOrNull(), BackendKind.MODEL);
        }
        return result.value();
    }
}
