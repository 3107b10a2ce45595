package io.github.tokenbridge.cli;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.ModelThread;
import io.github.tokenbridge.model.LogonOrigin;
import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
import picocli.CommandLine;

import java.util.Locale;
import java.util.concurrent.Callable;

import static io.github.tokenbridge.cli.ExplainCommand.require;

/**
 * A pipe client of another principal in the command's model world: a second model process, under
 * a logon ({@code logon:self}, {@code logon:other}, {@code logon:admin}: the preset's user,
 * {@code tb-user}, {@code tb-admin}) or under the process token of another preset, and one thread
 * in it that the client's calls run as ({@link io.github.tokenbridge.model.ModelWorld#runAs}), the
 * way the scenario runner puts a client in another model process. Closing it closes the token and
 * process handles it holds.
 */
final class ModelClientProcess implements AutoCloseable {

    /** The accepted values, for help texts and errors (the presets are those of {@link ModelConfiguration#PRESET_NAMES}). */
    static final String CHOICES = "logon:self, logon:other, logon:admin, or a preset (standard-user, elevated-admin,"
            + " filtered-admin, local-system, service-impersonate, network-service, anonymous)";

    private final ModelBackend model;
    private final String who;
    private final Handle token;
    private final Handle process;
    private final ModelThread thread;

    private ModelClientProcess(ModelBackend model, String who, Handle token, Handle process, ModelThread thread) {
        this.model = model;
        this.who = who;
        this.token = token;
        this.process = process;
        this.thread = thread;
    }

    /** Checks {@code who} before any world is made; a {@link CommandLine.ParameterException} naming {@code option}. */
    static void validate(CommandLine cl, String option, String who) {
        if (principal(who) == null && !ModelConfiguration.PRESET_NAMES.contains(who)) {
            throw new CommandLine.ParameterException(cl, option + ": unknown client '" + who + "' (" + CHOICES + ")");
        }
    }

    /** True when {@code who} is a logon ({@code logon:*}), whose session's origin {@code --origin} sets. */
    static boolean isLogon(String who) {
        return principal(who) != null;
    }

    private static LogonPrincipal principal(String who) {
        return switch (who) {
            case "logon:self", "logon:other", "logon:admin" -> LogonPrincipal.valueOf(who.substring(6).toUpperCase(Locale.ROOT));
            default -> null;
        };
    }

    /**
     * Starts the client's process in {@code model}'s world (called on the server's thread, whose
     * process gets the handles): the token of {@code who} (a logon made with {@code origin}), a
     * process under it, and a thread in that process.
     */
    static ModelClientProcess start(ModelBackend model, String who, LogonOrigin origin) {
        LogonPrincipal principal = principal(who);
        Result<Handle> made = principal != null ? model.world().logon(principal, LogonType.INTERACTIVE, origin)
                : model.world().processTokenOf(ModelConfiguration.preset(who));
        Handle token = require(made, principal != null ? "LogonUser" : "the preset's process token");
        Handle process;
        try {
            process = require(model.world().createProcess(token), "CreateProcessAsUser");
        } catch (RuntimeException e) {
            model.closeHandle(token);
            throw e;
        }
        Result<ModelThread> thread = model.world().createThread(process);
        if (!thread.succeeded()) {
            model.closeHandle(process);
            model.closeHandle(token);
            require(thread, "CreateThread");
        }
        return new ModelClientProcess(model, who, token, process, thread.value());
    }

    /** The client's model thread. */
    ModelThread thread() {
        return thread;
    }

    /** The client's process id. */
    int processId() {
        return thread.processId();
    }

    /** As given: {@code logon:other}, {@code elevated-admin}, ... */
    String who() {
        return who;
    }

    /** Runs {@code work} on the calling Java thread as the client's model thread. */
    <T> T run(Callable<T> work) throws Exception {
        return model.world().runAs(thread, work);
    }

    @Override
    public void close() {
        require(model.closeHandle(process), "CloseHandle");
        require(model.closeHandle(token), "CloseHandle");
    }
}
