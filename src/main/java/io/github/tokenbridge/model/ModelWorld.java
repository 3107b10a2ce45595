package io.github.tokenbridge.model;

import io.github.tokenbridge.model.internal.KernelRoutines;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.lsa.LogonTokenFactory;
import io.github.tokenbridge.model.lsa.LocalSecurityAuthority;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.Kernel;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.ob.ObjectSecurity;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ProcessObject;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.TokenObject;
import io.github.tokenbridge.model.kernel.se.AccessCheckTrace;
import io.github.tokenbridge.model.nt.NtSecurityServices;
import io.github.tokenbridge.model.win32.Win32SecurityFunctions;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * One isolated model world behind a {@link ModelBackend}: the kernel, the JVM's model process and
 * the mapping of Java threads to its model threads, plus the scenario-building operations Windows
 * offers outside the token SPI — LogonUser (R38), CreateProcess[AsUser] (R13, R18, R19) and CreateThread
 * (R17) — and the leak counters tests check.
 *
 * <p>Java threads map to model threads of the JVM's model process (created on first use, weakly
 * keyed through a thread-local so that dead Java threads do not leak); code can also run as another
 * model thread with {@link #runAs}. Reach it through {@link ModelBackend#world()}.
 */
public final class ModelWorld {

    private static final int TOKEN_ALL_ACCESS = 0x000F01FF;
    private static final int TOKEN_ASSIGN_PRIMARY_AND_QUERY = 0x0001 | 0x0008;
    private static final int PROCESS_ALL_ACCESS = 0x001FFFFF;
    private static final int PROCESS_CREATE_THREAD = 0x0002;

    private final ModelConfiguration configuration;
    private final KernelServices services;
    private final LogonTokenFactory logons;
    private final LocalSecurityAuthority lsa;
    private final ProcessObject jvmProcess;
    private final KernelRoutines kernelRoutines;
    private final Win32SecurityFunctions explainer;
    /**
     * Per Java thread: its own model thread (created on first use; the value dies with the Java
     * thread, so dead threads do not leak) and the thread bound by {@link #runAs}. One thread-local
     * lookup per SPI call and no lock shared between threads.
     */
    private final ThreadLocal<CallerSlot> callers = ThreadLocal.withInitial(this::newCallerSlot);

    static {
        ModelInternals.install(new ModelWorldBridge());
    }

    ModelWorld(ModelConfiguration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        Kernel kernel = new Kernel(configuration.newLuidSource(), LogonTokenFactory::anonymous);
        this.services = KernelServices.of(kernel);
        ObjectNamespaceSetup.populate(services, configuration);
        this.logons = new LogonTokenFactory(kernel, configuration);
        this.lsa = new LocalSecurityAuthority(logons, configuration.accounts());
        this.jvmProcess = kernel.createProcess(logons.processToken()).value();
        this.kernelRoutines = new KernelRoutines(services, this::caller, ModelThread::object);
        this.explainer = new Win32SecurityFunctions(new NtSecurityServices(services));
    }

    /** The configuration this world was built from. */
    public ModelConfiguration configuration() {
        return configuration;
    }

    /** The kernel services of this world (for the model's own layers; others: {@link ModelInternals#kernelServices}). */
    KernelServices kernelServices() {
        return services;
    }

    /** The LSA of this world, beside the kernel: the account database, name lookups and logons (rules L, N). */
    LocalSecurityAuthority lsa() {
        return lsa;
    }

    /** The kernel routines (Ps*, Se*) of this world ({@link ModelInternals#kernelRoutines}). */
    KernelRoutines kernelRoutines() {
        return kernelRoutines;
    }

    /** The model thread of the calling Java thread (or the one bound with {@link #runAs}). */
    public ModelThread currentThread() {
        return new ModelThread(caller());
    }

    /** Runs {@code work} on the calling Java thread as the model thread {@code thread}; nests. */
    public <T> T runAs(ModelThread thread, Callable<T> work) throws Exception {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(work, "work");
        CallerSlot slot = callers.get();
        ThreadObject previous = slot.current;
        slot.current = thread.object();
        try {
            return work.call();
        } finally {
            slot.current = previous;
        }
    }

    /**
     * Logs a principal on (the model-only {@code logon} verb): a new logon session and a primary token with a
     * TOKEN_ALL_ACCESS handle in the calling process. The principals are named accounts of the
     * account database: {@code OTHER} is {@code tb-user}, {@code ADMIN} {@code tb-admin} (its elevated
     * half, with the filtered half linked), {@code SELF} the configuration's user. The SPI's
     * {@code logonUserW} is the real LogonUser. {@code origin} SELF makes the session's origin
     * the caller's authentication id (R38 d), SYSTEM makes it 0x3E7.
     */
    public Result<Handle> logon(LogonPrincipal principal, LogonType type, LogonOrigin origin) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
        ThreadObject caller = caller();
        Luid originId = origin == LogonOrigin.SYSTEM ? Luid.SYSTEM_LOGON
                : caller.process().primaryToken().contents().authenticationId();
        TokenObject token = logons.logon(principal, type, originId);
        return Result.ofStatus(NtStatus.STATUS_SUCCESS,
                new Handle(services.objects().insertHandle(caller.process(), token, TOKEN_ALL_ACCESS, 0)));
    }

    /**
     * A primary token made as the process token of a world configured with {@code preset} is made
     * (its user, groups, privileges, integrity, logon session, origin and elevation, with its linked
     * half when split), so that a process of another principal can run in this world: for example a
     * pipe client of another preset. A new token object; a TOKEN_ALL_ACCESS handle in the calling
     * process. The preset's account database and objects are not used.
     */
    public Result<Handle> processTokenOf(ModelConfiguration preset) {
        Objects.requireNonNull(preset, "preset");
        TokenObject token = new LogonTokenFactory(services.kernel(), preset).processToken();
        return Result.ofStatus(NtStatus.STATUS_SUCCESS,
                new Handle(services.objects().insertHandle(caller().process(), token, TOKEN_ALL_ACCESS, 0)));
    }

    /**
     * Creates a process, as CreateProcessAsUser does, and returns a PROCESS_ALL_ACCESS handle.
     * {@code token} NULL (CreateProcess, or CreateProcessAsUser with a NULL token) gives the child a
     * new primary token duplicated from the caller's <em>process</em> token, never from the calling
     * thread's impersonation token (R18). Otherwise the child runs under
     * the primary token object behind {@code token} itself (needs TOKEN_ASSIGN_PRIMARY|TOKEN_QUERY;
     * R13): a token pseudo handle gives STATUS_INVALID_HANDLE (R19), an impersonation token
     * STATUS_BAD_TOKEN_TYPE, a token already in use STATUS_TOKEN_ALREADY_IN_USE.
     */
    public Result<Handle> createProcess(Handle token) {
        ThreadObject caller = caller();
        TokenObject primary;
        if (Objects.requireNonNull(token, "token").isNull()) {
            primary = subProcessToken(caller);
        } else {
            Result<HandleEntry> ref = services.objects().referenceByHandle(caller, token.value(),
                    ObjectType.TOKEN, TOKEN_ASSIGN_PRIMARY_AND_QUERY);
            if (!ref.succeeded()) {
                return ref.withValue(null);
            }
            primary = (TokenObject) ref.value().object();
        }
        Result<ProcessObject> process = services.kernel().createProcess(primary);
        if (!process.succeeded()) {
            return process.withValue(null);
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS,
                new Handle(services.objects().insertHandle(caller.process(), process.value(), PROCESS_ALL_ACCESS, 0)));
    }

    /**
     * The child's token when no token is given (R18): a primary duplicate of the caller's process
     * token (new TokenId, ModifiedId copied, nothing dropped). No access check on the parent token
     * applies. The new token object gets a default descriptor like any new object: from the creator's
     * effective token (R15, MSDOC "Default DACL" / "Owner of a New Object"), never the parent token's
     * own descriptor (R14b, R14e; W-SEC test_child_token_sd).
     */
    private TokenObject subProcessToken(ThreadObject caller) {
        TokenObject parent = caller.process().primaryToken();
        return services.duplicator().duplicate(parent, TokenType.PRIMARY, parent.contents().level(), false,
                ObjectSecurity.defaultFor(caller.effectiveToken().contents(), ObjectType.TOKEN));
    }

    /** Creates a thread in the process behind {@code process} (needs PROCESS_CREATE_THREAD); it does not impersonate (R17). */
    public Result<ModelThread> createThread(Handle process) {
        Result<HandleEntry> ref = services.objects().referenceByHandle(caller(), Objects.requireNonNull(process, "process").value(),
                ObjectType.PROCESS, PROCESS_CREATE_THREAD);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS,
                new ModelThread(services.kernel().createThread((ProcessObject) ref.value().object())));
    }

    /** The AccessCheck trace of the calling thread ({@link ModelInternals#explainAccessCheck}). */
    Result<AccessCheckTrace> explainAccessCheck(SecurityDescriptor securityDescriptor, Handle token, int desiredAccess,
                                                       GenericMapping mapping) {
        return explainer.explainAccessCheck(caller(), securityDescriptor, token, desiredAccess, mapping);
    }

    /** Handles open in the JVM's model process. */
    public int openHandleCount() {
        return jvmProcess.handles().size();
    }

    /** Live threads of the JVM's model process that have an impersonation token. */
    public int impersonatingThreadCount() {
        return (int) services.kernel().threadsOf(jvmProcess).stream().filter(t -> t.impersonation().isPresent()).count();
    }

    /** The kernel thread the calling Java thread runs as (the SPI's caller). */
    ThreadObject caller() {
        return callers.get().current;
    }

    private CallerSlot newCallerSlot() {
        return new CallerSlot(services.kernel().createThread(jvmProcess));
    }

    /** The model thread a Java thread runs as: its own, or the one {@link #runAs} bound (runAs nests). */
    private static final class CallerSlot {
        ThreadObject current;

        CallerSlot(ThreadObject own) {
            this.current = own;
        }
    }
}
