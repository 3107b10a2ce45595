package io.github.tokenbridge.model;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PrivilegeCheckResult;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.kernel.HandleEntry;
import io.github.tokenbridge.model.kernel.Kernel;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.ObjectType;
import io.github.tokenbridge.model.kernel.ProcessObject;
import io.github.tokenbridge.model.kernel.SecurityQualityOfService;
import io.github.tokenbridge.model.kernel.ThreadObject;
import io.github.tokenbridge.model.kernel.TokenObject;
import io.github.tokenbridge.model.nt.NtLayer;
import io.github.tokenbridge.model.nt.NtThreadImpersonation;
import io.github.tokenbridge.model.security.EngineObjectAccessEvaluator;
import io.github.tokenbridge.model.security.NtSecurityServices;
import io.github.tokenbridge.model.security.Win32SecurityFunctions;
import io.github.tokenbridge.model.win32.Win32ImpersonationFunctions;
import io.github.tokenbridge.model.win32.Win32TokenFunctions;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The model backend: the backend SPI implemented over a pure-Java model of the Windows security
 * reference monitor, in three layers like Windows (kernel: {@code model.kernel}; Nt services:
 * {@code model.nt}; advapi32/kernel32: {@code model.win32}).
 *
 * <p>Each backend is one isolated world. Java threads map to model threads of the JVM's model
 * process (created on first use, weakly keyed so that dead Java threads do not leak); code can also
 * run as another model thread with {@link #runAs}. The world API ({@link #logon}, {@link #createProcess},
 * {@link #createThread}, {@link #kernelRoutines()}) builds scenarios, and {@link #openHandleCount()}
 * / {@link #impersonatingThreadCount()} make leak checks possible.
 */
public final class ModelBackend implements TokenBackend {

    private static final int TOKEN_ALL_ACCESS = 0x000F01FF;
    private static final int TOKEN_ASSIGN_PRIMARY_AND_QUERY = 0x0001 | 0x0008;
    private static final int PROCESS_ALL_ACCESS = 0x001FFFFF;
    private static final int PROCESS_CREATE_THREAD = 0x0002;

    private final ModelConfiguration configuration;
    private final KernelServices services;
    private final NtLayer nt;
    private final Win32TokenFunctions win32Tokens;
    private final Win32ImpersonationFunctions win32Impersonation;
    private final LogonTokenFactory logons;
    private final ProcessObject jvmProcess;
    /**
     * Per Java thread: its own model thread (created on first use; the value dies with the Java
     * thread, so dead threads do not leak) and the thread bound by {@link #runAs}. One thread-local
     * lookup per SPI call and no lock shared between threads.
     */
    private final ThreadLocal<CallerSlot> callers = ThreadLocal.withInitial(this::newCallerSlot);
    private final KernelRoutines kernelRoutines;
    private final Win32SecurityFunctions win32Security;

    private ModelBackend(ModelConfiguration configuration) {
        this.configuration = configuration;
        Kernel kernel = new Kernel(configuration.newLuidSource(), LogonTokenFactory::anonymous);
        kernel.setEvaluator(new EngineObjectAccessEvaluator());
        this.services = KernelServices.of(kernel);
        this.win32Security = new Win32SecurityFunctions(new NtSecurityServices(services));
        this.nt = new NtLayer(services);
        this.win32Tokens = new Win32TokenFunctions(nt);
        this.win32Impersonation = new Win32ImpersonationFunctions(nt);
        this.logons = new LogonTokenFactory(kernel, configuration);
        this.jvmProcess = kernel.createProcess(logons.processToken()).value();
        this.kernelRoutines = new KernelRoutines(services, this::currentThread);
    }

    /** A new, isolated model world configured by {@code configuration}, seen through the SPI. */
    public static ModelBackend create(ModelConfiguration configuration) {
        return new ModelBackend(Objects.requireNonNull(configuration, "configuration"));
    }

    /** The configuration this world was built from. */
    public ModelConfiguration configuration() {
        return configuration;
    }

    /** The kernel services of this world (for the model's own layers and the security engine). */
    public KernelServices kernelServices() {
        return services;
    }

    // ---------------------------------------------------------------- world API

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
     * Logs a principal on, as LogonUser does: a new logon session and a primary token with a
     * TOKEN_ALL_ACCESS handle in the calling process. {@code origin} SELF makes the session's origin
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
     * Creates a process running under the primary token behind {@code token} (needs
     * TOKEN_ASSIGN_PRIMARY|TOKEN_QUERY; R13); returns a PROCESS_ALL_ACCESS handle. A token pseudo
     * handle gives STATUS_INVALID_HANDLE (R19), an impersonation token STATUS_BAD_TOKEN_TYPE, a token
     * already in use STATUS_TOKEN_ALREADY_IN_USE.
     */
    public Result<Handle> createProcess(Handle token) {
        ThreadObject caller = caller();
        Result<HandleEntry> ref = services.objects().referenceByHandle(caller, Objects.requireNonNull(token, "token").value(),
                ObjectType.TOKEN, TOKEN_ASSIGN_PRIMARY_AND_QUERY);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        Result<ProcessObject> process = services.kernel().createProcess((TokenObject) ref.value().object());
        if (!process.succeeded()) {
            return process.withValue(null);
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS,
                new Handle(services.objects().insertHandle(caller.process(), process.value(), PROCESS_ALL_ACCESS, 0)));
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

    /** The kernel routines (Ps*, Se*) of this world. */
    public KernelRoutines kernelRoutines() {
        return kernelRoutines;
    }

    /** Handles open in the JVM's model process. */
    public int openHandleCount() {
        return jvmProcess.handles().size();
    }

    /** Live threads of the JVM's model process that have an impersonation token. */
    public int impersonatingThreadCount() {
        return (int) services.kernel().threadsOf(jvmProcess).stream().filter(t -> t.impersonation().isPresent()).count();
    }

    private ThreadObject caller() {
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

    // ---------------------------------------------------------------- SPI: processes, threads, handles

    @Override
    public BackendKind kind() {
        return BackendKind.MODEL;
    }

    @Override
    public int getCurrentProcessId() {
        return caller().process().processId();
    }

    @Override
    public int getCurrentThreadId() {
        return caller().threadId();
    }

    @Override
    public Result<Handle> openProcess(int desiredAccess, int processId) {
        return handle(nt.objects().openProcess(caller(), desiredAccess, processId));
    }

    @Override
    public Result<Handle> openThread(int desiredAccess, int threadId) {
        return handle(nt.objects().openThread(caller(), desiredAccess, threadId));
    }

    @Override
    public Result<Handle> duplicateHandle(Handle source, int desiredAccess, int options) {
        return win32Tokens.duplicateHandle(caller(), Objects.requireNonNull(source, "source"), desiredAccess, options);
    }

    @Override
    public Result<Void> closeHandle(Handle handle) {
        return win32Tokens.closeHandle(caller(), Objects.requireNonNull(handle, "handle"));
    }

    @Override
    public Result<Void> ntClose(Handle handle) {
        return nt.objects().close(caller(), Objects.requireNonNull(handle, "handle").value());
    }

    @Override
    public Result<Integer> queryGrantedAccess(Handle handle) {
        return nt.objects().grantedAccess(caller(), Objects.requireNonNull(handle, "handle").value());
    }

    // ---------------------------------------------------------------- SPI: opening tokens

    @Override
    public Result<Handle> openProcessToken(Handle process, int desiredAccess) {
        return win32Tokens.openProcessToken(caller(), Objects.requireNonNull(process, "process"), desiredAccess);
    }

    @Override
    public Result<Handle> openThreadToken(Handle thread, int desiredAccess, boolean openAsSelf) {
        return win32Tokens.openThreadToken(caller(), Objects.requireNonNull(thread, "thread"), desiredAccess, openAsSelf);
    }

    @Override
    public Result<Handle> ntOpenProcessTokenEx(Handle process, int desiredAccess, int handleAttributes) {
        return handle(nt.opening().openProcessToken(caller(), Objects.requireNonNull(process, "process").value(),
                desiredAccess, handleAttributes));
    }

    @Override
    public Result<Handle> ntOpenThreadTokenEx(Handle thread, int desiredAccess, boolean openAsSelf, int handleAttributes) {
        return handle(nt.opening().openThreadToken(caller(), Objects.requireNonNull(thread, "thread").value(),
                desiredAccess, openAsSelf, handleAttributes));
    }

    // ---------------------------------------------------------------- SPI: duplication

    @Override
    public Result<Handle> duplicateToken(Handle token, ImpersonationLevel level) {
        return win32Tokens.duplicateToken(caller(), Objects.requireNonNull(token, "token"), Objects.requireNonNull(level, "level"));
    }

    @Override
    public Result<Handle> duplicateTokenEx(Handle token, int desiredAccess, SecurityDescriptor securityDescriptor,
                                           ImpersonationLevel level, TokenType type) {
        return win32Tokens.duplicateTokenEx(caller(), Objects.requireNonNull(token, "token"), desiredAccess, securityDescriptor,
                Objects.requireNonNull(level, "level"), Objects.requireNonNull(type, "type"));
    }

    @Override
    public Result<Handle> ntDuplicateToken(Handle token, int desiredAccess, ImpersonationLevel level, boolean effectiveOnly,
                                           TokenType type) {
        return handle(nt.duplication().duplicateToken(caller(), Objects.requireNonNull(token, "token").value(), desiredAccess,
                null, level, effectiveOnly, Objects.requireNonNull(type, "type"), 0));
    }

    // ---------------------------------------------------------------- SPI: impersonation

    @Override
    public Result<Void> impersonateSelf(ImpersonationLevel level) {
        return win32Impersonation.impersonateSelf(caller(), Objects.requireNonNull(level, "level"));
    }

    @Override
    public Result<Void> impersonateLoggedOnUser(Handle token) {
        return win32Impersonation.impersonateLoggedOnUser(caller(), Objects.requireNonNull(token, "token"));
    }

    @Override
    public Result<Void> setThreadToken(Handle thread, Handle token) {
        return win32Impersonation.setThreadToken(caller(), thread, Objects.requireNonNull(token, "token"));
    }

    @Override
    public Result<Void> impersonateAnonymousToken(Handle thread) {
        return win32Impersonation.impersonateAnonymousToken(caller(), Objects.requireNonNull(thread, "thread"));
    }

    @Override
    public Result<Void> revertToSelf() {
        return win32Impersonation.revertToSelf(caller());
    }

    @Override
    public Result<Void> ntSetInformationThreadImpersonationToken(Handle thread, Handle token) {
        return nt.impersonation().setImpersonationToken(caller(), Objects.requireNonNull(thread, "thread").value(),
                Objects.requireNonNull(token, "token").value(), NtThreadImpersonation.HANDLE_SIZE).withValue(null);
    }

    @Override
    public Result<Void> ntImpersonateAnonymousToken(Handle thread) {
        return nt.impersonation().impersonateAnonymousToken(caller(), Objects.requireNonNull(thread, "thread").value())
                .withValue(null);
    }

    @Override
    public Result<Void> ntImpersonateThread(Handle serverThread, Handle clientThread, ImpersonationLevel level,
                                            boolean contextTracking, boolean effectiveOnly) {
        SecurityQualityOfService qos = new SecurityQualityOfService(Objects.requireNonNull(level, "level"),
                contextTracking, effectiveOnly);
        return nt.impersonation().impersonateThread(caller(), Objects.requireNonNull(serverThread, "serverThread").value(),
                Objects.requireNonNull(clientThread, "clientThread").value(), qos).withValue(null);
    }

    // ---------------------------------------------------------------- SPI: token information

    @Override
    public Result<TokenInformation> getTokenInformation(Handle token, TokenInformationClass infoClass, int bufferLength) {
        return win32Tokens.getTokenInformation(caller(), Objects.requireNonNull(token, "token"),
                Objects.requireNonNull(infoClass, "infoClass"), bufferLength);
    }

    @Override
    public Result<TokenInformation> ntQueryInformationToken(Handle token, TokenInformationClass infoClass, int bufferLength) {
        return nt.query().query(caller(), Objects.requireNonNull(token, "token").value(),
                Objects.requireNonNull(infoClass, "infoClass"), bufferLength);
    }

    @Override
    public Result<Void> setTokenInformation(Handle token, TokenInformationClass infoClass, Object value) {
        return win32Tokens.setTokenInformation(caller(), Objects.requireNonNull(token, "token"),
                Objects.requireNonNull(infoClass, "infoClass"), value);
    }

    @Override
    public Result<AdjustResult<TokenPrivilege>> adjustTokenPrivileges(Handle token, boolean disableAll,
                                                                      List<TokenPrivilege> newState, int previousStateLength) {
        return win32Tokens.adjustTokenPrivileges(caller(), Objects.requireNonNull(token, "token"), disableAll, newState,
                previousStateLength);
    }

    // ---------------------------------------------------------------- SPI: checks and token transformations
    // Implemented by model.security (AccessCheck engine, privilege and membership checks, restricted
    // tokens, group adjustment) over this world's token objects.

    @Override
    public Result<AdjustResult<TokenGroup>> adjustTokenGroups(Handle token, boolean resetToDefault, List<TokenGroup> newState,
                                                              int previousStateLength) {
        return win32Security.adjustTokenGroups(caller(), token, resetToDefault, newState, previousStateLength);
    }

    @Override
    public Result<PrivilegeCheckResult> privilegeCheck(Handle token, List<Luid> privileges, boolean requireAll) {
        return win32Security.privilegeCheck(caller(), token, privileges, requireAll);
    }

    @Override
    public Result<Boolean> checkTokenMembership(Handle token, Sid sid) {
        return win32Security.checkTokenMembership(caller(), token, sid);
    }

    @Override
    public Result<AccessCheckResult> accessCheck(SecurityDescriptor securityDescriptor, Handle token, int desiredAccess,
                                                 GenericMapping mapping, int privilegeSetLength) {
        return win32Security.accessCheck(caller(), securityDescriptor, token, desiredAccess, mapping, privilegeSetLength);
    }

    /**
     * Why {@link #accessCheck} decides as it does: the engine's steps for the same arguments (which
     * precondition failed, which privilege or ACE granted or denied which bits, the integrity
     * decision, the restricted pass); render them with {@code AccessCheckTrace.render()}. Model only.
     */
    public Result<io.github.tokenbridge.model.security.AccessCheckTrace> explainAccessCheck(SecurityDescriptor securityDescriptor,
                                                                                            Handle token, int desiredAccess,
                                                                                            GenericMapping mapping) {
        return win32Security.explainAccessCheck(caller(), securityDescriptor, token, desiredAccess, mapping);
    }

    @Override
    public Result<Handle> createRestrictedToken(Handle token, int flags, List<Sid> sidsToDisable, List<Luid> privilegesToDelete,
                                                List<Sid> sidsToRestrict) {
        return win32Security.createRestrictedToken(caller(), token, flags, sidsToDisable, privilegesToDelete, sidsToRestrict);
    }

    /**
     * This world seen through a {@link io.github.tokenbridge.model.fault.FaultInjectingBackend} that
     * makes the SPI calls {@code plan} names fail (tests of failure paths); the world itself is shared.
     */
    public io.github.tokenbridge.model.fault.FaultInjectingBackend withFaults(io.github.tokenbridge.model.fault.FaultPlan plan) {
        return io.github.tokenbridge.model.fault.FaultInjectingBackend.over(this, plan);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Nothing to release: a model world is garbage once unreachable. */
    @Override
    public void close() {
        // no native resources
    }

    private static Result<Handle> handle(Result<Long> r) {
        return r.withValue(r.value() == null ? null : new Handle(r.value()));
    }
}
