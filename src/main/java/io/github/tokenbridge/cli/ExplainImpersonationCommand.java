package io.github.tokenbridge.cli;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.model.LogonOrigin;
import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.se.ImpersonationCheck;
import io.github.tokenbridge.model.kernel.se.ImpersonationDecision;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.github.tokenbridge.conformance.Json;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.github.tokenbridge.cli.ExplainCommand.require;

/**
 * {@code tokenbridge explain impersonation}: asks the model's one impersonation decision
 * ({@code SeTokenCanImpersonate}, R37, R38 a-g, R40) whether the calling thread of the preset's
 * process may impersonate a token at a level, through {@code PsImpersonateClient}, and prints each
 * check in order up to the one that decided. With {@code --pipe-client} the token is a named-pipe
 * client's, captured under its SQOS (or Windows' default) as the model's pipe file system captures
 * it, and impersonated as ImpersonateNamedPipeClient does ({@link PipeClientExplanation}).
 */
@Command(name = "impersonation", mixinStandardHelpOptions = true,
        description = {"Explain whether the model lets this process's thread impersonate a token at a level (R38),"
                + " or a named-pipe client (--pipe-client) with its SQOS (P13-P24).",
            "TOKEN: logon:self, logon:other, logon:admin (a LogonUser token), anonymous, self (ImpersonateSelf).",
            "CLIENT: " + ModelClientProcess.CHOICES + "; without --level it passes no SQOS (Windows' default, P14).",
            "Exit code 0 when the explanation was given, whether allowed or downgraded."})
public final class ExplainImpersonationCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--token", paramLabel = "TOKEN", description = "logon:self|logon:other|logon:admin|anonymous|self")
    String tokenName;

    @Option(names = "--pipe-client", paramLabel = "CLIENT",
            description = "explain a named-pipe client running as CLIENT (in a second model process) instead of a token")
    String pipeClient;

    @Option(names = "--level", paramLabel = "LEVEL",
            description = "anonymous, identification, impersonation or delegation (with --token: required; with"
                    + " --pipe-client: the client's SQOS level, default none)")
    String levelName;

    @Option(names = "--tracking", paramLabel = "static|dynamic", description = "--pipe-client: the client's context tracking (default: static)")
    String tracking;

    @Option(names = "--effective-only", description = "--pipe-client: the client passes SECURITY_EFFECTIVE_ONLY (P19)")
    boolean effectiveOnly;

    @Option(names = "--config", paramLabel = "PRESET", defaultValue = BackendOptions.DEFAULT_PRESET,
            description = "model preset of the impersonating process (the pipe server) (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--origin", paramLabel = "self|system",
            description = "who made a logon:* token's session: self (this process called LogonUser) or system (R9, R38 d);"
                    + " default self for --token, system for --pipe-client (a user logged on by Windows)")
    String originName;

    @Option(names = "--json", description = "one JSON object (docs/cli-json.md) instead of text")
    boolean json;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if ((tokenName == null) == (pipeClient == null)) {
            throw new CommandLine.ParameterException(cl, "give --token TOKEN or --pipe-client CLIENT (one of them)");
        }
        if (pipeClient != null) {
            return explainPipeClient(cl);
        }
        if (tracking != null || effectiveOnly) {
            throw new CommandLine.ParameterException(cl, "--tracking and --effective-only describe a pipe client's SQOS:"
                    + " use them with --pipe-client");
        }
        if (levelName == null) {
            throw new CommandLine.ParameterException(cl, "--token needs --level LEVEL");
        }
        ImpersonationLevel level = PipeClientSqos.level(cl, "--level", levelName);
        LogonOrigin origin = origin(cl, "self");
        ModelBackend model = ModelBackend.create(BackendOptions.configuration(cl, config, "--config"));
        Handle token = token(cl, model, origin, level);
        ImpersonationDecision decision = require(ModelInternals.kernelRoutines(model.world()).psImpersonateClient(model.world().currentThread(), token,
                false, false, level), "PsImpersonateClient");
        require(ModelInternals.kernelRoutines(model.world()).psRevertToSelf(), "PsRevertToSelf");
        require(model.closeHandle(token), "CloseHandle");

        PrintWriter out = cl.getOut();
        if (json) {
            out.println(Json.write(json(level, decision)));
            out.flush();
            return 0;
        }
        out.println(BackendOptions.describe(true, config));
        out.println("token: " + tokenName + (tokenName.startsWith("logon:") ? " (origin " + origin.name().toLowerCase(Locale.ROOT) + ")" : "")
                + ", asked at level " + level);
        out.println();
        printChecks(out, decision, "the thread");
        out.flush();
        return 0;
    }

    private Integer explainPipeClient(CommandLine cl) {
        ModelClientProcess.validate(cl, "--pipe-client", pipeClient);
        PipeClientSqos sqos = PipeClientSqos.of(cl, levelName, tracking, effectiveOnly);
        LogonOrigin origin = origin(cl, "system");
        ModelBackend model = ModelBackend.create(BackendOptions.configuration(cl, config, "--config"));
        PipeClientExplanation explanation = PipeClientExplanation.explain(model, pipeClient, origin, sqos);
        PrintWriter out = cl.getOut();
        if (json) {
            Map<String, Object> m = json(explanation.offeredLevel(), explanation.decision());
            m.put("token", null);
            m.put("origin", explanation.origin() == null ? null : explanation.origin().name().toLowerCase(Locale.ROOT));
            m.put("pipeClient", explanation.toJson());
            out.println(Json.write(m));
            out.flush();
            return 0;
        }
        out.println(BackendOptions.describe(true, config));
        explanation.printClient(out);
        printChecks(out, explanation.decision(), "the server thread");
        out.println(explanation.serverLevelText());
        out.flush();
        return 0;
    }

    private LogonOrigin origin(CommandLine cl, String byDefault) {
        String name = originName != null ? originName : byDefault;
        return switch (name) {
            case "self" -> LogonOrigin.SELF;
            case "system" -> LogonOrigin.SYSTEM;
            default -> throw new CommandLine.ParameterException(cl, "--origin: unknown origin '" + originName + "' (self or system)");
        };
    }

    private static void printChecks(PrintWriter out, ImpersonationDecision decision, String who) {
        for (ImpersonationCheck check : ImpersonationCheck.values()) {
            if (check == decision.decidedBy()) {
                out.println("  " + describe(check) + ": decides, " + (check.allows() ? "allow" : "deny"));
                break;
            }
            out.println("  " + describe(check) + ": does not apply");
        }
        out.println();
        if (decision.allowed()) {
            out.println("decision: allowed (" + decision.decidedBy() + "); " + who + " impersonates at " + decision.effectiveLevel());
        } else {
            out.println("decision: downgraded (" + decision.decidedBy() + "); " + who + " gets an Identification-level copy"
                    + " and the call still succeeds (R38)");
        }
    }

    private Map<String, Object> json(ImpersonationLevel level, ImpersonationDecision decision) {
        Map<String, Object> m = CliJson.object("explain impersonation");
        m.put("backend", "model");
        m.put("preset", config);
        m.put("token", tokenName);
        m.put("origin", tokenName != null && tokenName.startsWith("logon:") ? (originName != null ? originName : "self") : null);
        m.put("pipeClient", null);
        m.put("requestedLevel", level.name());
        List<Object> checks = new ArrayList<>();
        for (ImpersonationCheck check : ImpersonationCheck.values()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("check", check.name());
            c.put("description", describe(check));
            boolean decided = check == decision.decidedBy();
            c.put("outcome", decided ? (check.allows() ? "allow" : "deny") : "does-not-apply");
            checks.add(c);
            if (decided) {
                break;
            }
        }
        m.put("checks", checks);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("allowed", decision.allowed());
        d.put("decidedBy", decision.decidedBy().name());
        d.put("effectiveLevel", decision.effectiveLevel().name());
        m.put("decision", d);
        return m;
    }

    private Handle token(CommandLine cl, ModelBackend model, LogonOrigin origin, ImpersonationLevel level) {
        switch (tokenName) {
            case "logon:self", "logon:other", "logon:admin" -> {
                LogonPrincipal who = LogonPrincipal.valueOf(tokenName.substring(6).toUpperCase(Locale.ROOT));
                return require(model.world().logon(who, LogonType.INTERACTIVE, origin), "LogonUser");
            }
            case "self" -> {
                Handle process = require(model.openProcessToken(Handle.CURRENT_PROCESS,
                        TokenAccess.DUPLICATE.mask() | TokenAccess.QUERY.mask()), "OpenProcessToken");
                try {
                    return require(model.duplicateTokenEx(process, TokenAccess.QUERY.mask() | TokenAccess.IMPERSONATE.mask(),
                            null, level, TokenType.IMPERSONATION), "DuplicateTokenEx");
                } finally {
                    require(model.closeHandle(process), "CloseHandle");
                }
            }
            case "anonymous" -> {
                require(model.impersonateAnonymousToken(Handle.CURRENT_THREAD), "ImpersonateAnonymousToken");
                Handle anonymous = require(model.openThreadToken(Handle.CURRENT_THREAD, TokenAccess.QUERY.mask(), true),
                        "OpenThreadToken");
                require(model.revertToSelf(), "RevertToSelf");
                return anonymous;
            }
            default -> throw new CommandLine.ParameterException(cl, "--token: unknown token '" + tokenName
                    + "' (logon:self, logon:other, logon:admin, anonymous or self)");
        }
    }

    private static String describe(ImpersonationCheck check) {
        return switch (check) {
            case LOW_LEVEL_OR_ANONYMOUS -> "(a) level Anonymous/Identification, or the anonymous logon session (R37)";
            case IMPERSONATE_PRIVILEGE -> "(b) SeImpersonatePrivilege enabled in the process token";
            case INTEGRITY_TOO_LOW -> "(c) process integrity below the token's";
            case SAME_ORIGIN_SESSION -> "(d) the token's origin is the process's logon session";
            case DIFFERENT_USER -> "(e) the token's user differs from the process's";
            case ELEVATION -> "(f) the token is elevated and the process is not";
            case SANDBOX -> "(g) the process is restricted (or write-restricted) and the token is not";
            case DEFAULT_ALLOW -> "no check denied";
        };
    }
}
