package io.github.tokenbridge.cli;

import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.ProcessStart;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.StartedProcess;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.LogonOrigin;
import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.se.ProcessTokenRules;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static io.github.tokenbridge.cli.ExplainCommand.require;

/**
 * {@code tokenbridge explain process}: in the model, would this token start a process here (CreateProcessAsUserW
 * or CreateProcessWithTokenW), by which rules (R80-R84), and with what identity, groups, privileges, integrity
 * and session the child would run; the child (cmd.exe, suspended) is started to read its token and then ended.
 */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = {"Explain whether the model's caller could start a process under a token, and as whom.",
            "Exit code 0 when the explanation was given, whether the start is allowed or refused."})
public final class ExplainProcessCommand implements Callable<Integer> {

    private static final int START_RIGHTS = TokenAccess.QUERY.mask() | TokenAccess.DUPLICATE.mask()
            | TokenAccess.ASSIGN_PRIMARY.mask();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "PRESET", defaultValue = BackendOptions.DEFAULT_PRESET,
            description = "model preset of the caller (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--token", paramLabel = "self|restricted|other|admin", defaultValue = "other",
            description = "the token: the caller's own, a restricted copy of it (Everyone deny-only), or a logon of another "
                    + "ordinary user or of an administrator (default: ${DEFAULT-VALUE})")
    String tokenName;

    @Option(names = "--method", paramLabel = "as-user|with-token", defaultValue = "as-user",
            description = "CreateProcessAsUserW or CreateProcessWithTokenW (default: ${DEFAULT-VALUE})")
    String method;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        boolean withToken = switch (method) {
            case "as-user" -> false;
            case "with-token" -> true;
            default -> throw new CommandLine.ParameterException(cl, "--method: as-user or with-token, not " + method);
        };
        ModelBackend model = ModelBackend.create(BackendOptions.configuration(cl, config, "--config"));
        Handle own = require(model.openProcessToken(Handle.CURRENT_PROCESS, START_RIGHTS), "OpenProcessToken");
        Handle token = switch (tokenName) {
            case "self" -> own;
            case "restricted" -> require(model.createRestrictedToken(own, 0, List.of(Sid.EVERYONE), List.of(), List.of()),
                    "CreateRestrictedToken");
            case "other" -> require(model.world().logon(LogonPrincipal.OTHER, LogonType.INTERACTIVE, LogonOrigin.SYSTEM), "LogonUser");
            case "admin" -> require(model.world().logon(LogonPrincipal.ADMIN, LogonType.INTERACTIVE, LogonOrigin.SYSTEM), "LogonUser");
            default -> throw new CommandLine.ParameterException(cl, "--token: self, restricted, other or admin, not " + tokenName);
        };
        String function = withToken ? "CreateProcessWithTokenW" : "CreateProcessAsUserW";
        PrintWriter out = cl.getOut();
        out.println(BackendOptions.describe(true, config));
        out.println("token: " + tokenName + " (" + user(model, token) + "), started with " + function);
        out.println();
        Result<ProcessTokenRules.Decision> decision = ModelInternals.explainProcessStart(model, token, withToken);
        if (!decision.succeeded()) {
            out.println("  [R80] the token handle lacks the rights " + function + " needs: " + Win32Error.describe(decision.win32Error()));
        } else {
            for (ProcessTokenRules.Step step : decision.value().steps()) {
                out.println("  [" + step.ruleId() + "] " + (step.passed() ? "ok: " : "refused: ") + step.text());
            }
        }
        ProcessStart start = ProcessStart.of("C:\\Windows\\System32\\cmd.exe", ProcessStart.CREATE_SUSPENDED);
        Result<StartedProcess> started = withToken ? model.createProcessWithToken(token, 0, start)
                : model.createProcessAsUser(token, start);
        out.println();
        if (!started.succeeded()) {
            out.println("result: " + function + " fails with " + Win32Error.describe(started.win32Error()));
        } else {
            Result<Handle> opened = model.openProcessToken(started.value().process(), TokenAccess.QUERY.mask());
            Handle child = opened.succeeded() ? opened.value() : token;
            out.println("result: the child (pid " + started.value().processId() + ") runs as " + user(model, child));
            if (!opened.succeeded()) {
                out.println("  (the caller cannot open the child's token, " + Win32Error.describe(opened.win32Error())
                        + ": its default DACL is the token user's; shown: the token given, of which the child runs under a copy, R83)");
            }
            @SuppressWarnings("unchecked")
            List<TokenGroup> groups = (List<TokenGroup>) info(model, child, TokenInformationClass.TokenGroups);
            @SuppressWarnings("unchecked")
            List<TokenPrivilege> privileges = (List<TokenPrivilege>) info(model, child, TokenInformationClass.TokenPrivileges);
            out.println("  groups: " + groups.stream().map(g -> g.sid() + ((g.attributes() & 0x10) != 0 ? " (deny-only)" : ""))
                    .collect(Collectors.joining(", ")));
            out.println("  privileges: " + privileges.stream().map(TokenPrivilege::name).collect(Collectors.joining(", ")));
            out.println("  integrity: " + info(model, child, TokenInformationClass.TokenIntegrityLevel));
            out.println(String.format(Locale.ROOT, "  session: %s", info(model, child, TokenInformationClass.TokenSessionId)));
            if (opened.succeeded()) {
                model.closeHandle(child);
            }
            model.terminateProcess(started.value().process(), 1);
            model.closeHandle(started.value().thread());
            model.closeHandle(started.value().process());
        }
        out.flush();
        return 0;
    }

    private static Object info(ModelBackend model, Handle token, TokenInformationClass cls) {
        return require(model.getTokenInformation(token, cls, -1), "GetTokenInformation").value();
    }

    private static Sid user(ModelBackend model, Handle token) {
        return ((TokenGroup) info(model, token, TokenInformationClass.TokenUser)).sid();
    }
}
