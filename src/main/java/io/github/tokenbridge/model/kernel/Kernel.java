package io.github.tokenbridge.model.kernel;

import io.github.tokenbridge.model.kernel.ob.ObjectSecurity;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ProcessObject;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.TokenContents;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.LuidSource;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The model's kernel state: the LUID allocator ({@code ExAllocateLocallyUniqueId}), the process and
 * thread tables, the system's ANONYMOUS LOGON token (R44), and
 * the creation of tokens, processes and threads.
 */
public final class Kernel {

    private final LuidSource luids;
    // Written under this kernel's lock (creation allocates ids and claims primary tokens), read without
    // it: looking a process or thread up by id (OpenProcess, OpenThread) shares no lock (issue 17).
    private final Map<Integer, ProcessObject> processes = new ConcurrentHashMap<>();
    private final Map<Integer, WeakReference<ThreadObject>> threads = new ConcurrentHashMap<>();
    private final Set<TokenObject> tokensInUseAsPrimary = new HashSet<>();
    private final Supplier<TokenObject> anonymousTokenFactory;
    private volatile TokenObject anonymousToken;
    private int nextProcessId = 0x1000;
    private int nextThreadId = 0x2000;

    /**
     * @param luids                 the LUID source of this world
     * @param anonymousTokenFactory builds the ANONYMOUS LOGON token on first use (given this kernel)
     */
    public Kernel(LuidSource luids, java.util.function.Function<Kernel, TokenObject> anonymousTokenFactory) {
        this.luids = Objects.requireNonNull(luids, "luids");
        Objects.requireNonNull(anonymousTokenFactory, "anonymousTokenFactory");
        this.anonymousTokenFactory = () -> anonymousTokenFactory.apply(this);
    }

    /** A new LUID ({@code ExAllocateLocallyUniqueId}). */
    public Luid newLuid() {
        return luids.next();
    }

    /** Creates a token object with a new TokenId. */
    public TokenObject createToken(TokenContents contents, SecurityDescriptor securityDescriptor) {
        return new TokenObject(newLuid(), contents, securityDescriptor);
    }

    /** The system's shared ANONYMOUS LOGON impersonation token (R44). */
    public TokenObject anonymousToken() {
        TokenObject token = anonymousToken;
        if (token != null) {
            return token; // every ImpersonateAnonymousToken after the first: no lock
        }
        synchronized (this) {
            if (anonymousToken == null) {
                anonymousToken = anonymousTokenFactory.get();
            }
            return anonymousToken;
        }
    }

    /**
     * Creates a process running under {@code primaryToken} (the object itself is assigned, as
     * CreateProcessAsUser does); a token already assigned to a process gives STATUS_TOKEN_ALREADY_IN_USE,
     * an impersonation token STATUS_BAD_TOKEN_TYPE.
     */
    public synchronized Result<ProcessObject> createProcess(TokenObject primaryToken) {
        if (primaryToken.type() != io.github.tokenbridge.TokenType.PRIMARY) {
            return Result.failure(NtStatus.STATUS_BAD_TOKEN_TYPE);
        }
        if (!tokensInUseAsPrimary.add(primaryToken)) {
            return Result.failure(NtStatus.STATUS_TOKEN_ALREADY_IN_USE);
        }
        int pid = nextProcessId;
        nextProcessId += 4;
        ProcessObject process = new ProcessObject(pid, primaryToken,
                ObjectSecurity.defaultFor(primaryToken.contents(), ObjectType.PROCESS));
        processes.put(pid, process);
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, process);
    }

    /** Creates a thread in {@code process}; it does not impersonate (R17). */
    public synchronized ThreadObject createThread(ProcessObject process) {
        int tid = nextThreadId;
        nextThreadId += 4;
        ThreadObject thread = new ThreadObject(tid, process,
                ObjectSecurity.defaultFor(process.primaryToken().contents(), ObjectType.THREAD));
        threads.put(tid, new WeakReference<>(thread));
        return thread;
    }

    /** How many processes exist (leak checks: a refused start creates none; processes, issue 20). */
    public synchronized int processCount() {
        return processes.size();
    }

    /** The process with this id. */
    public Optional<ProcessObject> findProcess(int processId) {
        return Optional.ofNullable(processes.get(processId));
    }

    /** The live thread with this id. */
    public Optional<ThreadObject> findThread(int threadId) {
        WeakReference<ThreadObject> ref = threads.get(threadId);
        ThreadObject thread = ref == null ? null : ref.get();
        if (ref != null && thread == null) {
            threads.remove(threadId, ref);
        }
        return Optional.ofNullable(thread);
    }

    /** A snapshot of every process (read-only use by {@link ModelInvariants}). */
    synchronized List<ProcessObject> processesSnapshot() {
        return new ArrayList<>(processes.values());
    }

    /** A snapshot of every live thread (read-only use by {@link ModelInvariants}). */
    synchronized List<ThreadObject> liveThreadsSnapshot() {
        List<ThreadObject> result = new ArrayList<>();
        for (WeakReference<ThreadObject> ref : threads.values()) {
            ThreadObject t = ref.get();
            if (t != null) {
                result.add(t);
            }
        }
        return result;
    }

    /** True when {@code token} is assigned to a process as its primary token (read-only use by {@link ModelInvariants}). */
    synchronized boolean isInUseAsPrimary(TokenObject token) {
        return tokensInUseAsPrimary.contains(token);
    }

    /** The live threads of {@code process}. */
    public synchronized List<ThreadObject> threadsOf(ProcessObject process) {
        List<ThreadObject> result = new ArrayList<>();
        threads.values().removeIf(ref -> ref.get() == null);
        for (WeakReference<ThreadObject> ref : threads.values()) {
            ThreadObject t = ref.get();
            if (t != null && t.process() == process) {
                result.add(t);
            }
        }
        return result;
    }
}
