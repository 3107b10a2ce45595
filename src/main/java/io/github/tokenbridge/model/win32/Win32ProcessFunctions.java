package io.github.tokenbridge.model.win32;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.ProcessStart;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.StartedProcess;
import io.github.tokenbridge.backend.StdioRedirect;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ImageLoader;
import io.github.tokenbridge.model.kernel.ps.ProcessParameters;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.ProcessTokenRules;
import io.github.tokenbridge.model.kernel.se.TokenContents;
import io.github.tokenbridge.model.kernel.se.TokenObject;
import io.github.tokenbridge.model.nt.NtLayer;
import io.github.tokenbridge.model.nt.NtProcessServices;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process functions of the model's kernel32/advapi32 over the Nt layer: CreateProcessW,
 * CreateProcessAsUserW, CreateProcessWithTokenW (R18, R80-R84), ResumeThread, TerminateProcess,
 * GetExitCodeProcess, WaitForSingleObject on a process, and the userenv functions CreateEnvironmentBlock,
 * LoadUserProfileW and UnloadUserProfile (R85).
 *
 * <p>The image comes from the world's {@link ImageLoader} (a model program); the current directory must
 * be one the world knows ({@link #addDirectory}); piped standard streams are in-memory pipes.
 */
public final class Win32ProcessFunctions {

    /** ERROR_DIRECTORY: the current directory is not a directory the world knows. */
    public static final int ERROR_DIRECTORY = 267;
    /** LOGON_WITH_PROFILE. */
    public static final int LOGON_WITH_PROFILE = 0x1;
    /** LOGON_NETCREDENTIALS_ONLY. */
    public static final int LOGON_NETCREDENTIALS_ONLY = 0x2;
    /** The model's %SystemRoot%. */
    public static final String SYSTEM_ROOT = "C:\\Windows";
    private static final int AS_USER_ACCESS = NtProcessServices.TOKEN_QUERY | NtProcessServices.TOKEN_ASSIGN_PRIMARY;
    private static final int WITH_TOKEN_ACCESS = AS_USER_ACCESS | NtProcessServices.TOKEN_DUPLICATE;
    private static final long PROFILE_HANDLE_BASE = 0x7F000000L;

    private final NtLayer nt;
    private final ImageLoader images;
    private final Set<String> directories = ConcurrentHashMap.newKeySet();
    private final Map<Long, Sid> loadedProfiles = new ConcurrentHashMap<>();
    private final AtomicLong nextProfile = new AtomicLong();

    public Win32ProcessFunctions(NtLayer nt, ImageLoader images) {
        this.nt = Objects.requireNonNull(nt, "nt");
        this.images = Objects.requireNonNull(images, "images");
        for (String d : List.of("C:\\", SYSTEM_ROOT, SYSTEM_ROOT + "\\System32", "C:\\Users", "C:\\Users\\Public", "C:\\Temp")) {
            addDirectory(d);
        }
    }

    /** Makes {@code path} a directory that exists in this world (a current directory a process may have). */
    public void addDirectory(String path) {
        directories.add(normalDirectory(Objects.requireNonNull(path, "path")));
    }

    /** {@code CreateProcessW}: the child gets a copy of the caller's process token (R18). */
    public Result<StartedProcess> createProcessW(ThreadObject caller, ProcessStart start) {
        return create(caller, 0, 0, null, start);
    }

    /** {@code CreateProcessAsUserW}; a NULL token is CreateProcessW (R18). */
    public Result<StartedProcess> createProcessAsUserW(ThreadObject caller, Handle token, ProcessStart start) {
        Objects.requireNonNull(token, "token");
        return create(caller, token.value(), AS_USER_ACCESS, ProcessTokenRules.Entry.AS_USER, start);
    }

    /**
     * {@code CreateProcessWithTokenW}: the handle needs TOKEN_QUERY|TOKEN_DUPLICATE|TOKEN_ASSIGN_PRIMARY (MSDOC,
     * R80), the caller SeImpersonatePrivilege (R84); a NULL token is ERROR_INVALID_HANDLE and unknown logon flags
     * ERROR_INVALID_PARAMETER.
     */
    public Result<StartedProcess> createProcessWithTokenW(ThreadObject caller, Handle token, int logonFlags, ProcessStart start) {
        Objects.requireNonNull(token, "token");
        if ((logonFlags & ~(LOGON_WITH_PROFILE | LOGON_NETCREDENTIALS_ONLY)) != 0) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        if (token.isNull()) {
            return Result.failure(NtStatus.STATUS_INVALID_HANDLE);
        }
        return create(caller, token.value(), WITH_TOKEN_ACCESS, ProcessTokenRules.Entry.WITH_TOKEN, start);
    }

    /** The decision the token rules reach for {@code token} (for {@code explain process}), after the handle's access. */
    public Result<ProcessTokenRules.Decision> explain(ThreadObject caller, Handle token, boolean withToken) {
        return nt.processes().checkToken(caller, token.value(), withToken ? WITH_TOKEN_ACCESS : AS_USER_ACCESS,
                withToken ? ProcessTokenRules.Entry.WITH_TOKEN : ProcessTokenRules.Entry.AS_USER);
    }

    private Result<StartedProcess> create(ThreadObject caller, long tokenHandle, int access, ProcessTokenRules.Entry entry,
                                          ProcessStart start) {
        Objects.requireNonNull(start, "start");
        String imagePath = imagePath(start);
        Optional<ImageLoader.Image> image = imagePath == null ? Optional.empty() : images.find(imagePath);
        if (image.isEmpty()) {
            return Result.failure(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
        }
        String directory = start.currentDirectory() == null ? DosPathNames.CURRENT_DIRECTORY : start.currentDirectory();
        if (!directories.contains(normalDirectory(directory))) {
            return Result.win32Failure(ERROR_DIRECTORY);
        }
        Map<String, String> environment = start.environment() != null ? start.environment() : callerEnvironment(caller);
        List<ProcessStdioPipe> pipes = new ArrayList<>();
        ProcessStdioPipe in = pipe(start.stdin(), pipes);
        ProcessStdioPipe out = pipe(start.stdout(), pipes);
        ProcessStdioPipe err = pipe(start.stderr(), pipes);
        ProcessParameters parameters = new ProcessParameters(imagePath, start.commandLine(), directory, environment,
                in != null ? in.reader() : InputStream.nullInputStream(),
                out != null ? out.writer() : OutputStream.nullOutputStream(),
                err != null ? err.writer() : OutputStream.nullOutputStream());
        boolean suspended = (start.creationFlags() & ProcessStart.CREATE_SUSPENDED) != 0;
        Result<NtProcessServices.Created> created = nt.processes().createUserProcess(caller, tokenHandle, access, entry,
                image.get(), parameters, suspended);
        if (!created.succeeded()) {
            pipes.forEach(ProcessStdioPipe::closeBoth);
            return created.withValue(null);
        }
        NtProcessServices.Created c = created.value();
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, new StartedProcess(new Handle(c.processHandle()),
                new Handle(c.threadHandle()), c.processId(), c.threadId(),
                in != null ? in.writer() : null, out != null ? out.reader() : null, err != null ? err.reader() : null));
    }

    private static ProcessStdioPipe pipe(StdioRedirect redirect, List<ProcessStdioPipe> pipes) {
        if (redirect != StdioRedirect.PIPE) {
            return null;
        }
        ProcessStdioPipe p = new ProcessStdioPipe();
        pipes.add(p);
        return p;
    }

    /** The image path: lpApplicationName, else the command line's first token (quoted or up to a blank), %SystemRoot% expanded. */
    static String imagePath(ProcessStart start) {
        String path = start.applicationName();
        if (path == null) {
            String line = start.commandLine().strip();
            if (line.startsWith("\"")) {
                int end = line.indexOf('"', 1);
                path = end < 0 ? line.substring(1) : line.substring(1, end);
            } else {
                int blank = line.indexOf(' ');
                path = blank < 0 ? line : line.substring(0, blank);
            }
        }
        path = path.replaceAll("(?i)%SystemRoot%", java.util.regex.Matcher.quoteReplacement(SYSTEM_ROOT))
                .replaceAll("(?i)%windir%", java.util.regex.Matcher.quoteReplacement(SYSTEM_ROOT));
        return path.isBlank() ? null : path;
    }

    private static String normalDirectory(String path) {
        String p = path.replace('/', '\\');
        while (p.length() > 3 && p.endsWith("\\")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.toUpperCase(Locale.ROOT);
    }

    /** {@code ResumeThread}. */
    public Result<Integer> resumeThread(ThreadObject caller, Handle thread) {
        return nt.processes().resumeThread(caller, thread.value());
    }

    /** {@code TerminateProcess}. */
    public Result<Void> terminateProcess(ThreadObject caller, Handle process, int exitCode) {
        return nt.processes().terminateProcess(caller, process.value(), exitCode);
    }

    /** {@code GetExitCodeProcess}. */
    public Result<Integer> getExitCodeProcess(ThreadObject caller, Handle process) {
        return nt.processes().exitStatus(caller, process.value());
    }

    /** {@code WaitForSingleObject} on a process; -1 is INFINITE. */
    public Result<Integer> waitForSingleObject(ThreadObject caller, Handle handle, int milliseconds) {
        return nt.processes().waitForProcess(caller, handle.value(), milliseconds == -1 ? -1 : Integer.toUnsignedLong(milliseconds));
    }

    // ---------------------------------------------------------------- userenv (R85)

    /**
     * {@code CreateEnvironmentBlock}: a primary token needs TOKEN_QUERY|TOKEN_DUPLICATE, an impersonation token
     * TOKEN_QUERY (MSDOC); NULL gives the system variables only. {@code inherit} starts from the calling
     * process's environment; the user's variables replace inherited ones.
     */
    public Result<Map<String, String>> createEnvironmentBlock(ThreadObject caller, Handle token, boolean inherit) {
        Map<String, String> block = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (inherit) {
            block.putAll(callerEnvironment(caller));
        }
        block.putAll(systemVariables());
        if (!token.isNull()) {
            Result<HandleEntry> ref = nt.kernel().objects().referenceByHandle(caller, token.value(), ObjectType.TOKEN,
                    NtProcessServices.TOKEN_QUERY);
            if (!ref.succeeded()) {
                return ref.withValue(null);
            }
            TokenObject object = (TokenObject) ref.value().object();
            if (object.contents().type() == TokenType.PRIMARY && (ref.value().grantedAccess() & NtProcessServices.TOKEN_DUPLICATE) == 0) {
                return Result.failure(NtStatus.STATUS_ACCESS_DENIED);
            }
            block.putAll(userVariables(object.contents()));
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(block)));
    }

    /**
     * {@code LoadUserProfileW}: the caller's process token must hold SeBackupPrivilege and SeRestorePrivilege
     * (MSDOC: an administrator or LocalSystem; impersonating one is not enough), else ERROR_PRIVILEGE_NOT_HELD;
     * the token handle needs TOKEN_QUERY|TOKEN_IMPERSONATE|TOKEN_DUPLICATE (MSDOC).
     */
    public Result<Handle> loadUserProfile(ThreadObject caller, Handle token, String userName) {
        Objects.requireNonNull(userName, "userName");
        if (userName.isEmpty()) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        Result<HandleEntry> ref = nt.kernel().objects().referenceByHandle(caller, token.value(), ObjectType.TOKEN,
                NtProcessServices.TOKEN_QUERY | NtProcessServices.TOKEN_DUPLICATE | TOKEN_IMPERSONATE);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        TokenContents processToken = caller.process().primaryToken().contents();
        if (!ProcessTokenRules.holds(processToken, Privilege.SeBackupPrivilege.luid())
                || !ProcessTokenRules.holds(processToken, Privilege.SeRestorePrivilege.luid())) {
            return Result.failure(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
        }
        long value = PROFILE_HANDLE_BASE + 4 * nextProfile.incrementAndGet();
        loadedProfiles.put(value, ((TokenObject) ref.value().object()).contents().user().sid());
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, new Handle(value));
    }

    /** {@code UnloadUserProfile}: ERROR_INVALID_HANDLE for a profile handle that is not loaded. */
    public Result<Void> unloadUserProfile(ThreadObject caller, Handle token, Handle profile) {
        Result<HandleEntry> ref = nt.kernel().objects().referenceByHandle(caller, token.value(), ObjectType.TOKEN, 0);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        return loadedProfiles.remove(profile.value()) != null ? Result.ofStatus(NtStatus.STATUS_SUCCESS, null)
                : Result.failure(NtStatus.STATUS_INVALID_HANDLE);
    }

    /** Profiles loaded and not yet unloaded. */
    public int loadedProfileCount() {
        return loadedProfiles.size();
    }

    private static final int TOKEN_IMPERSONATE = 0x0004;

    /** The calling process's environment: the system variables and its token user's. */
    private Map<String, String> callerEnvironment(ThreadObject caller) {
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        env.putAll(systemVariables());
        env.putAll(userVariables(caller.process().primaryToken().contents()));
        return env;
    }

    private static Map<String, String> systemVariables() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SystemRoot", SYSTEM_ROOT);
        env.put("windir", SYSTEM_ROOT);
        env.put("ComSpec", SYSTEM_ROOT + "\\System32\\cmd.exe");
        env.put("Path", SYSTEM_ROOT + "\\System32;" + SYSTEM_ROOT);
        return env;
    }

    /** The variables CreateEnvironmentBlock derives from the user (the model names a user by its SID's last RID). */
    private static Map<String, String> userVariables(TokenContents token) {
        Sid user = token.user().sid();
        String name = userName(user);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("USERNAME", name);
        env.put("USERPROFILE", "C:\\Users\\" + name);
        env.put("TEMP", "C:\\Users\\" + name + "\\AppData\\Local\\Temp");
        env.put("TMP", "C:\\Users\\" + name + "\\AppData\\Local\\Temp");
        return env;
    }

    private static String userName(Sid user) {
        String text = user.toString();
        return switch (text) {
            case "S-1-5-18" -> "SYSTEM";
            case "S-1-5-19" -> "LOCAL SERVICE";
            case "S-1-5-20" -> "NETWORK SERVICE";
            default -> "user-" + text.substring(text.lastIndexOf('-') + 1);
        };
    }
}
