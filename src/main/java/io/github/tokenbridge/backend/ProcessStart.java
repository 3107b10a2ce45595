package io.github.tokenbridge.backend;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The arguments of a CreateProcess* call that the SPI passes through: {@code lpApplicationName},
 * {@code lpCommandLine}, {@code lpCurrentDirectory}, {@code lpEnvironment} (a Unicode block,
 * CREATE_UNICODE_ENVIRONMENT), {@code dwCreationFlags}, the three standard streams
 * ({@code STARTUPINFOW.hStd*} with STARTF_USESTDHANDLES when one is piped) and
 * {@code STARTUPINFOW.lpDesktop}.
 *
 * @param applicationName  the image path, or null to take it from the command line
 * @param commandLine      the command line (never null, never blank)
 * @param currentDirectory the child's current directory, or null for the caller's
 * @param environment      the child's environment, or null for the caller's (for CreateProcessAsUserW
 *                         the caller's, not the token user's: MSDOC; use CreateEnvironmentBlock)
 * @param creationFlags    CREATE_* flags; CREATE_UNICODE_ENVIRONMENT is added by the backend
 * @param stdin            where the child's standard input comes from
 * @param stdout           where its standard output goes
 * @param stderr           where its standard error goes
 * @param desktop          {@code lpDesktop} ("winsta0\\default"), or null for the caller's
 */
public record ProcessStart(String applicationName, String commandLine, String currentDirectory,
                           Map<String, String> environment, int creationFlags,
                           StdioRedirect stdin, StdioRedirect stdout, StdioRedirect stderr, String desktop) {

    /** {@code CREATE_SUSPENDED}. */
    public static final int CREATE_SUSPENDED = 0x00000004;
    /** {@code CREATE_NEW_CONSOLE}. */
    public static final int CREATE_NEW_CONSOLE = 0x00000010;
    /** {@code CREATE_UNICODE_ENVIRONMENT}. */
    public static final int CREATE_UNICODE_ENVIRONMENT = 0x00000400;
    /** {@code CREATE_NO_WINDOW}. */
    public static final int CREATE_NO_WINDOW = 0x08000000;

    public ProcessStart {
        Objects.requireNonNull(commandLine, "commandLine");
        if (commandLine.isBlank()) {
            throw new IllegalArgumentException("the command line is empty");
        }
        environment = environment == null ? null : Map.copyOf(new LinkedHashMap<>(environment));
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** A start of {@code commandLine} with every stream inherited and no other option. */
    public static ProcessStart of(String commandLine, int creationFlags) {
        return new ProcessStart(null, commandLine, null, null, creationFlags,
                StdioRedirect.INHERIT, StdioRedirect.INHERIT, StdioRedirect.INHERIT, null);
    }

    /** True when any stream is piped (the call then passes STARTF_USESTDHANDLES and inherits handles). */
    public boolean anyPiped() {
        return stdin == StdioRedirect.PIPE || stdout == StdioRedirect.PIPE || stderr == StdioRedirect.PIPE;
    }
}
