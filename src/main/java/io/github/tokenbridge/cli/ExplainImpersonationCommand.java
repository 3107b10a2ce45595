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
 * check in order up to the one that decided.
 */
@Command(name = "impersonation", mixinStandardHelpOptions = true,
        description = {"Explain whether the model lets this process's thread impersonate a token at a level (R38).",
            "TOKEN: logon:self, logon:other, logon:admin (a LogonUser token), anonymous, self (ImpersonateSelf).",
            "Exit code 0 when the explanation was given, whether allowed or downgraded."})
public final class ExplainImpersonationCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "logon:self|logon:other|logon:admin|anonymous|self")
    String tokenName;

    @Option(names = "--level", required = true, paramLabel = "LEVEL",
            description = "anonymous, identification, impersonation or delegation")
    String levelName;

    @Option(names = "--config", paramLabel = "PRESET", defaultValue = BackendOptions.DEFAULT_PRESET,
            description = "model preset of the impersonating process (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--origin", paramLabel = "self|system", defaultValue = "self",
            description = "who made a logon:* token's session: self (this process called LogonUser, the default) or system (R9, R38 d)")
    String originName;

    @Option(names = "--json", description = "one JSON object (docs/cli-json.md) instead of text")
    boolean json;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        ImpersonationLevel level = level(cl);
        LogonOrigin origin = switch (originName) {
            case "self" -> LogonOrigin.SELF;
            case "system" -> LogonOrigin.SYSTEM;
            default -> throw new CommandLine.ParameterException(cl, "--origin: unknown origin '" + originName + "' (self or system)");
        };
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
        out.println("token: " + tokenName + (tokenName.startsWith("logon:") ? " (origin " + originName + ")" : "")
                + ", asked at level " + level);
        out.println();
        for (ImpersonationCheck check : ImpersonationCheck.values()) {
            if (check == decision.decidedBy()) {
                out.println("  " + describe(check) + ": decides, " + (check.allows() ? "allow" : "deny"));
                break;
            }
            out.println("  " + describe(check) + ": does not apply");
        }
        out.println();
        if (decision.allowed()) {
            out.println("decision: allowed (" + decision.decidedBy() + "); the thread impersonates at " + decision.effectiveLevel());
        } else {
            out.println("decision: downgraded (" + decision.decidedBy() + "); the thread gets an Identification-level copy"
                    + " and the call still succeeds (R38)");
        }
        out.flush();
        return 0;
    }

    private Map<String, Object> json(ImpersonationLevel level, ImpersonationDecision decision) {
        Map<String, Object> m = CliJson.object("explain impersonation");
        m.put("backend", "model");
        m.put("preset", config);
        m.put("token", tokenName);
        m.put("origin", tokenName.startsWith("logon:") ? originName : null);
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

    private ImpersonationLevel level(CommandLine cl) {
        try {
            return ImpersonationLevel.valueOf(levelName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--level: unknown level '" + levelName
                    + "' (anonymous, identification, impersonation or delegation)");
        }
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
