package io.github.tokenbridge.cli;

import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.jna.JnaBackend;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --backend} and {@code --config} options of every command that reads tokens, and the
 * token system they select: the live host through JNA on Windows, the model everywhere else (or
 * when asked for). There is never a silent fallback: {@code --backend jna} off Windows is an error.
 */
public final class BackendOptions {

    /** The preset used when {@code --config} is not given. */
    public static final String DEFAULT_PRESET = "standard-user";

    @Option(names = "--backend", paramLabel = "model|jna",
            description = "which tokens to read: jna (this Windows host) or model (default: jna on Windows, model elsewhere)")
    String backend;

    @Option(names = "--config", paramLabel = "PRESET",
            description = "model preset: standard-user (default), elevated-admin, filtered-admin, local-system,"
                    + " service-impersonate, network-service, anonymous")
    String config;

    static boolean onWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }

    /** True when the model backend is in use (asked for, or not on Windows). */
    boolean model(CommandLine cl) {
        String chosen = backend != null ? backend : (onWindows() && config == null ? "jna" : "model");
        return switch (chosen) {
            case "model" -> true;
            case "jna" -> false;
            default -> throw new CommandLine.ParameterException(cl, "--backend: unknown backend '" + backend + "' (model or jna)");
        };
    }

    /** The model preset in use. */
    String preset() {
        return config != null ? config : DEFAULT_PRESET;
    }

    /** Opens the selected backend, validating the options (a {@link CommandLine.ParameterException} when they are wrong). */
    TokenBackend openBackend(CommandLine cl) {
        return openBackend(cl, config);
    }

    /** Opens the selected backend with {@code preset} instead of {@code --config} (null: the default). */
    TokenBackend openBackend(CommandLine cl, String preset) {
        if (model(cl)) {
            return ModelBackend.create(configuration(cl, preset != null ? preset : DEFAULT_PRESET, "--config"));
        }
        if (preset != null) {
            throw new CommandLine.ParameterException(cl, "--config selects a model preset; the jna backend reads this host's"
                    + " own tokens (add --backend model)");
        }
        if (!onWindows()) {
            throw new CommandLine.ParameterException(cl, "--backend jna needs a Windows host, this is "
                    + System.getProperty("os.name") + " (use --backend model)");
        }
        return JnaBackend.create();
    }

    /** Opens the selected token system. */
    TokenSystem open(CommandLine cl) {
        return Tokens.over(openBackend(cl));
    }

    /** The model configuration named {@code preset}, or a usage error naming {@code option}. */
    static ModelConfiguration configuration(CommandLine cl, String preset, String option) {
        try {
            return ModelConfiguration.preset(preset);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, option + ": " + e.getMessage());
        }
    }

    /** The first line of a command's output: which tokens these are. */
    String describe(CommandLine cl) {
        return describe(model(cl), preset());
    }

    static String describe(boolean model, String preset) {
        if (!model) {
            return "backend: jna (this Windows host's own tokens)";
        }
        return "backend: model, preset " + preset
                + (onWindows() ? "" : " (not a Windows host: these are the model's tokens, not your account's)");
    }
}
