package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.ProcessStart;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.StartedProcess;
import io.github.tokenbridge.backend.StdioRedirect;
import io.github.tokenbridge.backend.TokenBackend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Starts a process under an {@link AccessToken}, in the spirit of {@link java.lang.ProcessBuilder}: command,
 * directory, environment and the three standard streams ({@link ProcessBuilder.Redirect#INHERIT} or
 * {@link ProcessBuilder.Redirect#PIPE}); {@link #start()} gives a {@link TokenProcess}, a real {@link Process}.
 *
 * <p>Which identity the child gets ({@link #childUser()}): the token's user with {@link TokenSystem#processBuilder};
 * with {@link TokenSystem#childProcessBuilder} (CreateProcessW) the <em>process</em> token's user even while the
 * calling thread impersonates (R18). The rules the start meets: R80 (the handle needs TOKEN_QUERY and
 * TOKEN_ASSIGN_PRIMARY, for CreateProcessWithTokenW also TOKEN_DUPLICATE; the builder starts the process under a
 * private duplicate with those rights, so the token given needs TOKEN_DUPLICATE and TOKEN_QUERY), R81 (primary or impersonation at SecurityImpersonation or above;
 * {@link #convertToPrimary} duplicates an impersonation token into a primary one first), R82 (CreateProcessAsUserW
 * needs SeAssignPrimaryTokenPrivilege unless the token is a child or sibling of the caller's process token),
 * R84 (CreateProcessWithTokenW needs SeImpersonatePrivilege), R85 (environment, profile, window station).
 *
 * <p>A start that fails leaves nothing behind: no process, no handle, no loaded profile.
 */
public final class TokenProcessBuilder {

    // ASSIGN_PRIMARY | DUPLICATE | IMPERSONATE | QUERY: both start functions (R80) and LoadUserProfileW (MSDOC)
    private static final int TOKEN_START_RIGHTS = 0x0001 | 0x0002 | 0x0004 | 0x0008;
    private static final int ERROR_PRIVILEGE_NOT_HELD = 1314;

    private final TokenSystem system;
    private final AccessToken token; // null: CreateProcessW
    private List<String> command = List.of();
    private String directory;
    private Map<String, String> environment;
    private boolean userEnvironment;
    private String profileUser;
    private boolean convertToPrimary;
    private ProcessStartMethod method = ProcessStartMethod.AUTO;
    private final ProcessBuilder.Redirect[] redirects = {ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.PIPE,
            ProcessBuilder.Redirect.PIPE};
    private int creationFlags = ProcessStart.CREATE_NO_WINDOW;
    private String desktop;

    TokenProcessBuilder(TokenSystem system, AccessToken token) {
        this.system = Objects.requireNonNull(system, "system");
        this.token = token;
    }

    /** The command: the program and its arguments (quoted as CommandLineToArgvW reads them back). */
    public TokenProcessBuilder command(String... command) {
        return command(List.of(Objects.requireNonNull(command, "command")));
    }

    /** The command as a list. */
    public TokenProcessBuilder command(List<String> command) {
        Objects.requireNonNull(command, "command");
        if (command.isEmpty() || command.get(0) == null || command.get(0).isBlank()) {
            throw new IllegalArgumentException("the command is empty: give the program to run");
        }
        for (String part : command) {
            Objects.requireNonNull(part, "a command argument is null");
        }
        this.command = List.copyOf(command);
        return this;
    }

    /** The child's current directory (lpCurrentDirectory); a directory that does not exist fails the start (ERROR_DIRECTORY). */
    public TokenProcessBuilder directory(String directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /**
     * The child's whole environment. Without one, CreateProcessAsUserW gives the child the <em>caller's</em>
     * environment, not the token user's (R85); see {@link #userEnvironment()}.
     */
    public TokenProcessBuilder environment(Map<String, String> environment) {
        this.environment = new LinkedHashMap<>(Objects.requireNonNull(environment, "environment"));
        this.userEnvironment = false;
        return this;
    }

    /** The token user's own environment (CreateEnvironmentBlock without inheritance), as the logon shell would give it. */
    public TokenProcessBuilder userEnvironment() {
        this.userEnvironment = true;
        this.environment = null;
        return this;
    }

    /**
     * Loads the user's profile (LoadUserProfileW) before the start and unloads it after the process has ended
     * (or at once when the start fails). Needs an administrator or LocalSystem caller (R85).
     */
    public TokenProcessBuilder loadProfile(String userName) {
        this.profileUser = Objects.requireNonNull(userName, "userName");
        return this;
    }

    /** Duplicates an impersonation token into a primary one before the start (R81; Windows 7+ also accept it as is). */
    public TokenProcessBuilder convertToPrimary(boolean convert) {
        this.convertToPrimary = convert;
        return this;
    }

    /** Which function starts the process (default {@link ProcessStartMethod#AUTO}); ignored by a child-process builder. */
    public TokenProcessBuilder method(ProcessStartMethod method) {
        this.method = Objects.requireNonNull(method, "method");
        return this;
    }

    /** Standard input: INHERIT or PIPE (default PIPE, as ProcessBuilder). */
    public TokenProcessBuilder redirectInput(ProcessBuilder.Redirect redirect) {
        redirects[0] = checked(redirect);
        return this;
    }

    /** Standard output: INHERIT or PIPE (default PIPE). */
    public TokenProcessBuilder redirectOutput(ProcessBuilder.Redirect redirect) {
        redirects[1] = checked(redirect);
        return this;
    }

    /** Standard error: INHERIT or PIPE (default PIPE). */
    public TokenProcessBuilder redirectError(ProcessBuilder.Redirect redirect) {
        redirects[2] = checked(redirect);
        return this;
    }

    /** Every stream INHERIT. */
    public TokenProcessBuilder inheritIO() {
        java.util.Arrays.fill(redirects, ProcessBuilder.Redirect.INHERIT);
        return this;
    }

    /** {@code STARTUPINFOW.lpDesktop} ("winsta0\\default"); null (default) for the caller's. */
    public TokenProcessBuilder desktop(String desktop) {
        this.desktop = desktop;
        return this;
    }

    /** Extra CREATE_* flags (default CREATE_NO_WINDOW). */
    public TokenProcessBuilder creationFlags(int flags) {
        this.creationFlags = flags;
        return this;
    }

    private static ProcessBuilder.Redirect checked(ProcessBuilder.Redirect redirect) {
        Objects.requireNonNull(redirect, "redirect");
        if (redirect != ProcessBuilder.Redirect.INHERIT && redirect != ProcessBuilder.Redirect.PIPE) {
            throw new UnsupportedOperationException("only Redirect.INHERIT and Redirect.PIPE are supported: " + redirect);
        }
        return redirect;
    }

    /**
     * The user the child will run as: the token's user, or for a child-process builder the process token's user
     * (never the impersonated client's, R18).
     */
    public Sid childUser() {
        if (token != null) {
            return token.user();
        }
        return query(io.github.tokenbridge.backend.Handle.CURRENT_PROCESS_TOKEN,
                io.github.tokenbridge.backend.TokenInformationClass.TokenUser, TokenGroup.class).sid();
    }

    /**
     * Reads the caller's own tokens through the pseudo handles (R19), which need no open and so work while the
     * calling thread impersonates a client that could not open the process token.
     */
    private <T> T query(io.github.tokenbridge.backend.Handle pseudo, io.github.tokenbridge.backend.TokenInformationClass cls,
                        Class<T> type) {
        Result<io.github.tokenbridge.backend.TokenInformation> r = system.backendSpi().getTokenInformation(pseudo, cls, -1);
        if (!r.succeeded()) {
            throw system.failures().exception(r, "GetTokenInformation", cls.name() + " of the caller's token");
        }
        return r.value().as(type);
    }

    /** The command line CreateProcess gets. */
    String commandLine() {
        StringBuilder sb = new StringBuilder();
        for (String part : command) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(part));
        }
        return sb.toString();
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
            return arg;
        }
        StringBuilder sb = new StringBuilder("\"");
        int backslashes = 0;
        for (char c : arg.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            sb.append("\\".repeat(c == '"' ? backslashes * 2 + 1 : backslashes));
            backslashes = 0;
            sb.append(c);
        }
        sb.append("\\".repeat(backslashes * 2)).append('"');
        return sb.toString();
    }

    /** Starts the process. */
    public TokenProcess start() {
        if (command.isEmpty()) {
            throw new IllegalStateException("no command: call command(...) before start()");
        }
        TokenBackend backend = system.backendSpi();
        if (token == null) {
            ProcessStart start = processStart(environment);
            Result<StartedProcess> r = backend.createProcess(start);
            if (!r.succeeded()) {
                throw system.failures().exception(r, "CreateProcessW", commandLine());
            }
            return adopt(r.value(), "CreateProcessW", () -> { });
        }
        // A private duplicate with the rights both functions need (R80), primary when asked (R81).
        TokenType type = convertToPrimary ? TokenType.PRIMARY : token.type();
        AccessToken startToken = token.duplicate(TokenAccess.fromMask(TOKEN_START_RIGHTS),
                token.impersonationLevel().orElse(ImpersonationLevel.IMPERSONATION), type);
        Handle profile = null;
        try {
            Map<String, String> env = environment;
            if (userEnvironment) {
                env = startToken.withHandle(h -> system.failures().require(backend.createEnvironmentBlock(h, false),
                        "CreateEnvironmentBlock"));
            }
            if (profileUser != null) {
                profile = startToken.withHandle(h -> system.failures().require(backend.loadUserProfile(h, profileUser),
                        "LoadUserProfileW"));
            }
            ProcessStart start = processStart(env);
            StartedProcess started = startUnder(backend, startToken, start);
            Handle loaded = profile;
            profile = null; // the process owns it now
            return adopt(started, started == null ? "" : lastMethod, () -> {
                try {
                    if (loaded != null) {
                        startToken.withHandle(h -> backend.unloadUserProfile(h, loaded));
                    }
                } finally {
                    startToken.close();
                }
            });
        } catch (RuntimeException | Error e) {
            if (profile != null) {
                Handle p = profile;
                startToken.withHandle(h -> backend.unloadUserProfile(h, p));
            }
            startToken.close();
            throw e;
        }
    }

    private String lastMethod;

    private StartedProcess startUnder(TokenBackend backend, AccessToken startToken, ProcessStart start) {
        ProcessStartMethod chosen = method;
        boolean impersonateHeld = callerHolds(Privilege.SeImpersonatePrivilege);
        if (chosen == ProcessStartMethod.AUTO) {
            boolean sameSession = startToken.statistics().authenticationId().equals(processTokenSession());
            if (sameSession || callerHolds(Privilege.SeAssignPrimaryTokenPrivilege)) {
                chosen = ProcessStartMethod.AS_USER;
            } else if (impersonateHeld) {
                chosen = ProcessStartMethod.WITH_TOKEN;
            } else {
                throw new WinTokenException("CreateProcessAsUserW/CreateProcessWithTokenW", ERROR_PRIVILEGE_NOT_HELD, null,
                        system.backend(), "the token " + startToken.user() + " is not in the caller's logon session, and the "
                        + "caller holds neither SeAssignPrimaryTokenPrivilege (CreateProcessAsUserW, R82) nor "
                        + "SeImpersonatePrivilege (CreateProcessWithTokenW, R84); run as a service account that holds one");
            }
        }
        if (chosen == ProcessStartMethod.AS_USER) {
            Result<StartedProcess> r = startToken.withHandle(h -> backend.createProcessAsUser(h, start));
            if (r.succeeded()) {
                lastMethod = "CreateProcessAsUserW";
                return r.value();
            }
            if (method != ProcessStartMethod.AUTO || r.win32Error() != ERROR_PRIVILEGE_NOT_HELD || !impersonateHeld) {
                throw system.failures().exception(r, "CreateProcessAsUserW", explain(r, "CreateProcessAsUserW"));
            }
        }
        Result<StartedProcess> r = startToken.withHandle(h -> backend.createProcessWithToken(h, 0, start));
        if (!r.succeeded()) {
            throw system.failures().exception(r, "CreateProcessWithTokenW", explain(r, "CreateProcessWithTokenW"));
        }
        lastMethod = "CreateProcessWithTokenW";
        return r.value();
    }

    private String explain(Result<?> r, String function) {
        return switch (r.win32Error()) {
            case ERROR_PRIVILEGE_NOT_HELD -> function.equals("CreateProcessAsUserW")
                    ? "the token is neither a child nor a sibling of the caller's process token and the caller lacks "
                    + "SeAssignPrimaryTokenPrivilege (R82, L18); use a restricted copy of the caller's token, or "
                    + "CreateProcessWithTokenW with SeImpersonatePrivilege"
                    : "the caller lacks SeImpersonatePrivilege (R84)";
            case 1346 -> "an impersonation token below SecurityImpersonation cannot become primary (R81, R41)";
            case 5 -> "the token handle lacks TOKEN_QUERY/TOKEN_ASSIGN_PRIMARY (R80), or the image is not readable by the token";
            case 267 -> "the directory does not exist: " + directory;
            case 2, 3 -> "the program was not found: " + command.get(0);
            default -> commandLine();
        };
    }

    private Luid processTokenSession() {
        return query(io.github.tokenbridge.backend.Handle.CURRENT_PROCESS_TOKEN,
                io.github.tokenbridge.backend.TokenInformationClass.TokenStatistics, TokenStatistics.class).authenticationId();
    }

    private boolean callerHolds(Privilege privilege) {
        @SuppressWarnings("unchecked")
        List<TokenPrivilege> privileges = query(io.github.tokenbridge.backend.Handle.CURRENT_THREAD_EFFECTIVE_TOKEN,
                io.github.tokenbridge.backend.TokenInformationClass.TokenPrivileges, List.class);
        return privileges.stream().anyMatch(p -> p.luid().equals(privilege.luid())
                && (p.attributes() & PrivilegeAttribute.REMOVED.mask()) == 0);
    }

    private ProcessStart processStart(Map<String, String> env) {
        return new ProcessStart(null, commandLine(), directory, env, creationFlags, mode(redirects[0]), mode(redirects[1]),
                mode(redirects[2]), desktop);
    }

    private static StdioRedirect mode(ProcessBuilder.Redirect r) {
        return r == ProcessBuilder.Redirect.PIPE ? StdioRedirect.PIPE : StdioRedirect.INHERIT;
    }

    private TokenProcess adopt(StartedProcess started, String function, Runnable afterEnd) {
        system.backendSpi().closeHandle(started.thread());
        return new TokenProcess(system.backendSpi(), system.failures(), started.process(), started.processId(),
                started.stdin(), started.stdout(), started.stderr(), function, afterEnd);
    }

    /** The builder's arguments as a list, for messages. */
    List<String> commandList() {
        return new ArrayList<>(command);
    }
}
