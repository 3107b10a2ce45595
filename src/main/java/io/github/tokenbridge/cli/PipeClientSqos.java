package io.github.tokenbridge.cli;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NamedPipeClient;
import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The security quality of service a pipe client opens with, as the command line chooses it: a
 * level with static or dynamic tracking and effective-only (CreateFileW's SECURITY_* flags, P13),
 * or none (no SECURITY_SQOS_PRESENT: Windows' default of P14). With its wording for the text output,
 * its JSON object, and the rules that say what the server gets.
 *
 * @param sqos the quality of service, or null for none
 */
record PipeClientSqos(NamedPipeClient.Sqos sqos) {

    /** What the pipe gives the server when the client passes no SQOS (P14): Impersonation, dynamic, effective-only. */
    static final NamedPipeClient.Sqos WINDOWS_DEFAULT = new NamedPipeClient.Sqos(ImpersonationLevel.IMPERSONATION, true, true);

    /**
     * The choice of {@code --level} (null: none), {@code --tracking} (null: static) and
     * {@code --effective-only}; a {@link CommandLine.ParameterException} for an unknown level or
     * tracking, or for tracking or effective-only without a level.
     */
    static PipeClientSqos of(CommandLine cl, String level, String tracking, boolean effectiveOnly) {
        if (level == null) {
            if (tracking != null || effectiveOnly) {
                throw new CommandLine.ParameterException(cl, (tracking != null ? "--tracking" : "--effective-only")
                        + " needs --level: without one the client passes no SQOS and Windows' default applies (P14)");
            }
            return new PipeClientSqos(null);
        }
        boolean dynamic = switch (tracking == null ? "static" : tracking) {
            case "static" -> false;
            case "dynamic" -> true;
            default -> throw new CommandLine.ParameterException(cl, "--tracking: unknown tracking '" + tracking
                    + "' (static or dynamic)");
        };
        return new PipeClientSqos(new NamedPipeClient.Sqos(level(cl, "--level", level), dynamic, effectiveOnly));
    }

    /** The level named {@code text} (any case), or a usage error naming {@code option}. */
    static ImpersonationLevel level(CommandLine cl, String option, String text) {
        try {
            return ImpersonationLevel.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, option + ": unknown level '" + text
                    + "' (anonymous, identification, impersonation or delegation)");
        }
    }

    /** True when the client passes an SQOS (SECURITY_SQOS_PRESENT). */
    boolean present() {
        return sqos != null;
    }

    /** The quality of service the pipe applies: the client's, or Windows' default (P14). */
    NamedPipeClient.Sqos effective() {
        return sqos != null ? sqos : WINDOWS_DEFAULT;
    }

    /** True when the client's context is captured once, at open (static tracking, P16); else with each write (P17, P18). */
    boolean capturedAtOpen() {
        return !effective().dynamicTracking();
    }

    /** The CreateFileW flags that carry this choice (P13): 0 without an SQOS. */
    int flags() {
        return sqos == null ? 0 : sqos.flags();
    }

    /** One line for the text output: the flags and what they mean. */
    String describe() {
        if (sqos == null) {
            return "none (no SECURITY_SQOS_PRESENT): Windows' default, Impersonation, dynamic tracking, effective-only (P14)";
        }
        StringBuilder flags = new StringBuilder("SECURITY_SQOS_PRESENT");
        flags.append(switch (sqos.level()) {
            case ANONYMOUS -> " with level bits 0 (SECURITY_ANONYMOUS)";
            case IDENTIFICATION -> "|SECURITY_IDENTIFICATION";
            case IMPERSONATION -> "|SECURITY_IMPERSONATION";
            case DELEGATION -> "|SECURITY_DELEGATION";
        });
        if (sqos.dynamicTracking()) {
            flags.append("|SECURITY_CONTEXT_TRACKING");
        }
        if (sqos.effectiveOnly()) {
            flags.append("|SECURITY_EFFECTIVE_ONLY");
        }
        String level = sqos.level() == ImpersonationLevel.ANONYMOUS
                ? "Anonymous (P15: SQOS_PRESENT alone is SECURITY_ANONYMOUS, whatever CreateFileW's page says)"
                : sqos.level().name().charAt(0) + sqos.level().name().substring(1).toLowerCase(Locale.ROOT) + " (P13)";
        return String.format(Locale.ROOT, "%s (0x%08X): %s, %s tracking%s", flags, flags(), level,
                sqos.dynamicTracking() ? "dynamic" : "static", sqos.effectiveOnly() ? ", effective-only" : "");
    }

    /**
     * The JSON object: {@code present}, {@code flags} (access-mask shape), and the quality of service
     * that applies ({@code level}, {@code tracking}, {@code effectiveOnly}; Windows' default without an SQOS).
     */
    Map<String, Object> toJson() {
        NamedPipeClient.Sqos applied = effective();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("present", present());
        m.put("flags", CliJson.mask(flags()));
        m.put("level", applied.level().name());
        m.put("tracking", applied.dynamicTracking() ? "DYNAMIC" : "STATIC");
        m.put("effectiveOnly", applied.effectiveOnly());
        return m;
    }
}
