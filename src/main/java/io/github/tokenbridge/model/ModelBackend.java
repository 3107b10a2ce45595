package io.github.tokenbridge.model;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.Account;
import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
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
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.se.ProcessTokenRules;
import io.github.tokenbridge.model.kernel.se.SecurityQualityOfService;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.nt.NtLayer;
import io.github.tokenbridge.model.nt.NtThreadImpersonation;
import io.github.tokenbridge.model.nt.NtSecurityServices;
import io.github.tokenbridge.model.win32.Win32AccountFunctions;
import io.github.tokenbridge.model.win32.Win32SecurityFunctions;
import io.github.tokenbridge.model.win32.Win32FileFunctions;
import io.github.tokenbridge.model.win32.Win32PipeFunctions;
import io.github.tokenbridge.backend.Overlapped;
import io.github.tokenbridge.model.win32.Win32ProcessFunctions;
import io.github.tokenbridge.backend.ProcessStart;
import io.github.tokenbridge.backend.StartedProcess;
import io.github.tokenbridge.model.win32.Win32ObjectSecurityFunctions;
import io.github.tokenbridge.model.win32.Win32RegistryFunctions;
import io.github.tokenbridge.backend.SeObjectType;
import io.github.tokenbridge.model.win32.Win32ImpersonationFunctions;
import io.github.tokenbridge.model.win32.Win32TokenFunctions;

import java.util.List;
import java.util.Objects;

/**
 * The model backend: the backend SPI implemented over a pure-Java model of the Windows security
 * reference monitor, in three layers like Windows (kernel: {@code model.kernel}; Nt services:
 * {@code model.nt}; advapi32/kernel32: {@code model.win32}).
 *
 * <p>Each backend is one isolated {@link ModelWorld}; every SPI call runs as the model thread the
 * calling Java thread maps to there. Scenarios (logons, processes, threads, running as another
 * thread) and leak counters are on {@link #world()}.
 */
public final class ModelBackend implements TokenBackend {

    private final ModelWorld world;
    private final NtLayer nt;
    private final Win32TokenFunctions win32Tokens;
    private final Win32ImpersonationFunctions win32Impersonation;
    private final Win32SecurityFunctions win32Security;
    private final Win32FileFunctions win32Files;
    private final Win32AccountFunctions win32Accounts;
    private final Win32PipeFunctions win32Pipes;
    private final ModelPrograms programs; // processes (issue 20)
    private final Win32ProcessFunctions win32Processes; // processes (issue 20)
    // ---- object security (objects)
    private final Win32RegistryFunctions win32Registry;
    private final Win32ObjectSecurityFunctions win32ObjectSecurity;

    private ModelBackend(ModelConfiguration configuration) {
        this.world = new ModelWorld(configuration);
        KernelServices services = world.kernelServices();
        this.win32Security = new Win32SecurityFunctions(new NtSecurityServices(services));
        this.nt = new NtLayer(services);
        this.win32Tokens = new Win32TokenFunctions(nt);
        this.win32Impersonation = new Win32ImpersonationFunctions(nt);
        this.win32Files = new Win32FileFunctions(nt);
        this.win32Accounts = new Win32AccountFunctions(services, world.lsa());
        this.win32Pipes = new Win32PipeFunctions(nt.pipes());
        this.programs = new ModelPrograms(world, this, configuration.programs());
        this.win32Processes = new Win32ProcessFunctions(nt, programs);
        this.win32Registry = new Win32RegistryFunctions(nt);
        this.win32ObjectSecurity = new Win32ObjectSecurityFunctions(nt, win32Registry);
    }

    /** A new, isolated model world configured by {@code configuration}, seen through the SPI. */
    public static ModelBackend create(ModelConfiguration configuration) {
        return new ModelBackend(Objects.requireNonNull(configuration, "configuration"));
    }

    /** The world behind this backend: scenario building, the calling thread's model thread, leak counters. */
    public ModelWorld world() {
        return world;
    }

    private ThreadObject caller() {
        return world.caller();
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
    // Implemented by the win32 layer's security functions over the Nt security services, which call
    // the security reference monitor (model.kernel.se: SeAccessCheck, privilege and membership checks,
    // restricted tokens, group adjustment).

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

    @Override
    public Result<Handle> createRestrictedToken(Handle token, int flags, List<Sid> sidsToDisable, List<Luid> privilegesToDelete,
                                                List<Sid> sidsToRestrict) {
        return win32Security.createRestrictedToken(caller(), token, flags, sidsToDisable, privilegesToDelete, sidsToRestrict);
    }

    // ---------------------------------------------------------------- SPI: files and devices (io-skeleton)

    @Override
    public Result<Handle> createFile(String fileName, int desiredAccess, int shareMode, SecurityDescriptor securityDescriptor,
                                     int creationDisposition, int flagsAndAttributes) {
        return win32Files.createFileW(caller(), Objects.requireNonNull(fileName, "fileName"), desiredAccess, shareMode,
                securityDescriptor, creationDisposition, flagsAndAttributes);
    }

    // ---------------------------------------------------------------- SPI: accounts and logons (issue 14)
    // The win32 layer's account functions over the world's LSA (model.lsa), which answers from the
    // configuration's account database and makes tokens in the kernel.

    @Override
    public Result<Account> lookupAccountSid(String systemName, Sid sid) {
        return win32Accounts.lookupAccountSid(caller(), systemName, Objects.requireNonNull(sid, "sid"));
    }

    @Override
    public Result<Account> lookupAccountName(String systemName, String accountName) {
        return win32Accounts.lookupAccountName(caller(), systemName, accountName);
    }

    @Override
    public Result<List<Account>> lsaLookupSids(List<Sid> sids) {
        return win32Accounts.lsaLookupSids(caller(), Objects.requireNonNull(sids, "sids"));
    }

    @Override
    public Result<Handle> logonUser(String user, String domain, char[] password, int logonType, int logonProvider) {
        return win32Accounts.logonUser(caller(), user, domain, password, logonType, logonProvider);
    }

    @Override
    public Result<Handle> lsaLogonUserS4U(String user, String domain) {
        return win32Accounts.lsaLogonUserS4U(caller(), user, domain);
    }

    // ---------------------------------------------------------------- SPI: named pipes and overlapped I/O (pipes)

    @Override
    public Result<Handle> createNamedPipe(String name, int openMode, int pipeMode, int maxInstances, int outBufferSize,
                                          int inBufferSize, int defaultTimeout, SecurityDescriptor securityDescriptor) {
        return win32Pipes.createNamedPipeW(caller(), Objects.requireNonNull(name, "name"), openMode, pipeMode, maxInstances,
                outBufferSize, inBufferSize, defaultTimeout, securityDescriptor);
    }

    @Override
    public Result<Void> connectNamedPipe(Handle pipe, Overlapped overlapped) {
        return win32Pipes.connectNamedPipe(caller(), Objects.requireNonNull(pipe, "pipe"), overlapped);
    }

    @Override
    public Result<Void> waitNamedPipe(String name, int timeoutMillis) {
        return win32Pipes.waitNamedPipeW(caller(), Objects.requireNonNull(name, "name"), timeoutMillis);
    }

    @Override
    public Result<Void> disconnectNamedPipe(Handle pipe) {
        return win32Pipes.disconnectNamedPipe(caller(), Objects.requireNonNull(pipe, "pipe"));
    }

    @Override
    public Result<Void> setNamedPipeHandleState(Handle pipe, int mode) {
        return win32Pipes.setNamedPipeHandleState(caller(), Objects.requireNonNull(pipe, "pipe"), mode);
    }

    @Override
    public Result<Void> impersonateNamedPipeClient(Handle pipe) {
        return win32Pipes.impersonateNamedPipeClient(caller(), Objects.requireNonNull(pipe, "pipe"));
    }

    @Override
    public Result<Integer> getNamedPipeClientProcessId(Handle pipe) {
        return win32Pipes.getNamedPipeClientProcessId(caller(), Objects.requireNonNull(pipe, "pipe"));
    }

    @Override
    public Result<byte[]> readFile(Handle file, int length, Overlapped overlapped) {
        return win32Pipes.readFile(caller(), Objects.requireNonNull(file, "file"), length, overlapped);
    }

    @Override
    public Result<Integer> writeFile(Handle file, byte[] data, Overlapped overlapped) {
        return win32Pipes.writeFile(caller(), Objects.requireNonNull(file, "file"), Objects.requireNonNull(data, "data"),
                overlapped);
    }

    @Override
    public Result<Handle> createEvent(boolean manualReset, boolean initialState) {
        return win32Pipes.createEvent(caller(), manualReset, initialState);
    }

    @Override
    public Result<Integer> waitForSingleObject(Handle handle, int milliseconds) {
        // WaitForSingleObject waits on any waitable object; the model's are events and processes.
        Objects.requireNonNull(handle, "handle");
        ThreadObject caller = caller();
        Result<io.github.tokenbridge.model.kernel.ob.HandleEntry> any =
                world.kernelServices().objects().referenceByHandle(caller, handle.value(), null, 0);
        if (any.succeeded() && any.value().object().objectType() == io.github.tokenbridge.model.kernel.ob.ObjectType.PROCESS) {
            return win32Processes.waitForSingleObject(caller, handle, milliseconds);
        }
        return win32Pipes.waitForSingleObject(caller, handle, milliseconds);
    }

    @Override
    public Result<Void> cancelIoEx(Handle file, Overlapped overlapped) {
        return win32Pipes.cancelIoEx(caller(), Objects.requireNonNull(file, "file"), overlapped);
    }

    @Override
    public Result<Void> cancelSynchronousIo(Handle thread) {
        return win32Pipes.cancelSynchronousIo(caller(), Objects.requireNonNull(thread, "thread"));
    }

    @Override
    public Result<Integer> getOverlappedResult(Handle file, Overlapped overlapped, boolean wait) {
        return win32Pipes.getOverlappedResult(caller(), Objects.requireNonNull(file, "file"),
                Objects.requireNonNull(overlapped, "overlapped"), wait);
    }

    // ---------------------------------------------------------------- object security: files, keys, kernel objects (objects)

    @Override
    public Result<Void> createDirectory(String path, SecurityDescriptor securityDescriptor) {
        return win32Files.createDirectoryW(caller(), Objects.requireNonNull(path, "path"), securityDescriptor);
    }

    @Override
    public Result<Void> removeDirectory(String path) {
        return win32Files.removeDirectoryW(caller(), Objects.requireNonNull(path, "path"));
    }

    @Override
    public Result<Void> deleteFile(String path) {
        return win32Files.deleteFileW(caller(), Objects.requireNonNull(path, "path"));
    }

    @Override
    public Result<String> getTempPath() {
        return Result.ok(WindowsObjectDefaults.tempDirectory(world.configuration()));
    }

    @Override
    public Result<Handle> regCreateKeyEx(Handle key, String subKey, int options, int desiredAccess,
                                         SecurityDescriptor securityDescriptor) {
        return win32Registry.regCreateKeyExW(caller(), Objects.requireNonNull(key, "key"), Objects.requireNonNull(subKey, "subKey"),
                options, desiredAccess, securityDescriptor);
    }

    @Override
    public Result<Handle> regOpenKeyEx(Handle key, String subKey, int options, int desiredAccess) {
        return win32Registry.regOpenKeyExW(caller(), Objects.requireNonNull(key, "key"), Objects.requireNonNull(subKey, "subKey"),
                options, desiredAccess);
    }

    @Override
    public Result<Void> regCloseKey(Handle key) {
        return win32Registry.regCloseKey(caller(), Objects.requireNonNull(key, "key"));
    }

    @Override
    public Result<Void> regDeleteTree(Handle key, String subKey) {
        return win32Registry.regDeleteTreeW(caller(), Objects.requireNonNull(key, "key"), subKey);
    }

    @Override
    public Result<SecurityDescriptor> getNamedSecurityInfo(String objectName, SeObjectType type, int securityInformation) {
        return win32ObjectSecurity.getNamedSecurityInfoW(caller(), Objects.requireNonNull(objectName, "objectName"),
                Objects.requireNonNull(type, "type"), securityInformation);
    }

    @Override
    public Result<Void> setNamedSecurityInfo(String objectName, SeObjectType type, int securityInformation, SecurityDescriptor parts) {
        return win32ObjectSecurity.setNamedSecurityInfoW(caller(), Objects.requireNonNull(objectName, "objectName"),
                Objects.requireNonNull(type, "type"), securityInformation, Objects.requireNonNull(parts, "parts"));
    }

    @Override
    public Result<SecurityDescriptor> getSecurityInfo(Handle handle, SeObjectType type, int securityInformation) {
        return win32ObjectSecurity.getSecurityInfo(caller(), Objects.requireNonNull(handle, "handle"),
                Objects.requireNonNull(type, "type"), securityInformation);
    }

    @Override
    public Result<Void> setSecurityInfo(Handle handle, SeObjectType type, int securityInformation, SecurityDescriptor parts) {
        return win32ObjectSecurity.setSecurityInfo(caller(), Objects.requireNonNull(handle, "handle"),
                Objects.requireNonNull(type, "type"), securityInformation, Objects.requireNonNull(parts, "parts"));
    }

    // ---------------------------------------------------------------- lifecycle

    // ---------------------------------------------------------------- SPI: processes under a token (processes, issue 20)

    @Override
    public Result<StartedProcess> createProcess(ProcessStart start) {
        return win32Processes.createProcessW(caller(), Objects.requireNonNull(start, "start"));
    }

    @Override
    public Result<StartedProcess> createProcessAsUser(Handle token, ProcessStart start) {
        return win32Processes.createProcessAsUserW(caller(), Objects.requireNonNull(token, "token"),
                Objects.requireNonNull(start, "start"));
    }

    @Override
    public Result<StartedProcess> createProcessWithToken(Handle token, int logonFlags, ProcessStart start) {
        return win32Processes.createProcessWithTokenW(caller(), Objects.requireNonNull(token, "token"), logonFlags,
                Objects.requireNonNull(start, "start"));
    }

    @Override
    public Result<Integer> resumeThread(Handle thread) {
        return win32Processes.resumeThread(caller(), Objects.requireNonNull(thread, "thread"));
    }

    @Override
    public Result<Void> terminateProcess(Handle process, int exitCode) {
        return win32Processes.terminateProcess(caller(), Objects.requireNonNull(process, "process"), exitCode);
    }

    @Override
    public Result<Integer> getExitCodeProcess(Handle process) {
        return win32Processes.getExitCodeProcess(caller(), Objects.requireNonNull(process, "process"));
    }

    @Override
    public Result<java.util.Map<String, String>> createEnvironmentBlock(Handle token, boolean inherit) {
        return win32Processes.createEnvironmentBlock(caller(), Objects.requireNonNull(token, "token"), inherit);
    }

    @Override
    public Result<Handle> loadUserProfile(Handle token, String userName) {
        return win32Processes.loadUserProfile(caller(), Objects.requireNonNull(token, "token"), userName);
    }

    @Override
    public Result<Void> unloadUserProfile(Handle token, Handle profile) {
        return win32Processes.unloadUserProfile(caller(), Objects.requireNonNull(token, "token"),
                Objects.requireNonNull(profile, "profile"));
    }

    /** Registers the program that processes started from image {@code imageName} run (any directory, ".exe" optional). */
    public void registerProgram(String imageName, ModelProgram program) {
        programs.register(imageName, program);
    }

    /** Makes {@code path} a directory of this world, so that a process may start in it. */
    public void addDirectory(String path) {
        win32Processes.addDirectory(path);
    }

    /** User profiles loaded with {@code loadUserProfile} and not yet unloaded (leak checks). */
    public int loadedProfileCount() {
        return win32Processes.loadedProfileCount();
    }

    /** The rules CreateProcessAsUserW ({@code withToken} false) or CreateProcessWithTokenW would apply ({@link ModelInternals#explainProcessStart}). */
    Result<ProcessTokenRules.Decision> explainProcessStart(Handle token, boolean withToken) {
        return win32Processes.explain(caller(), Objects.requireNonNull(token, "token"), withToken);
    }

    /** Nothing to release: a model world is garbage once unreachable. */
    @Override
    public void close() {
        // no native resources
    }

    private static Result<Handle> handle(Result<Long> r) {
        return r.withValue(r.value() == null ? null : new Handle(r.value()));
    }
}
