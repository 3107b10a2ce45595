package io.github.tokenbridge.jna;

import com.sun.jna.Platform;
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

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The jna backend: the backend SPI implemented by calling advapi32, ntdll and kernel32 through JNA
 * on a 64-bit Windows host, one native call per SPI call wherever Windows allows it. OS failures
 * come back as {@link Result}s carrying the last error (read right after the call) or the NTSTATUS;
 * native memory the backend allocates is freed on every path, and the only handles it produces
 * are the ones the SPI returns to the caller.
 */
public final class JnaBackend implements TokenBackend {

    private final HandleOperations handles;
    private final TokenCreation creation;
    private final ImpersonationOperations impersonation;
    private final TokenInformationOperations information;
    private final TokenCheckOperations checks;
    private final FileOperations files;
    private final AccountOperations accounts;
    private final PipeOperations pipes;
    private final ProcessOperations processes; // processes (issue 20)
    private final ObjectSecurityOperations objectSecurity;

    JnaBackend(NativeCalls calls) {
        this(calls, ProcessOperations.Bindings::load);
    }

    JnaBackend(NativeCalls calls, java.util.function.Supplier<ProcessOperations.Bindings> processBindings) {
        Objects.requireNonNull(calls, "calls");
        this.handles = new HandleOperations(calls);
        this.creation = new TokenCreation(calls);
        this.impersonation = new ImpersonationOperations(calls);
        this.information = new TokenInformationOperations(calls);
        this.checks = new TokenCheckOperations(calls);
        this.files = new FileOperations(calls);
        this.accounts = new AccountOperations(calls);
        this.pipes = new PipeOperations(calls);
        this.processes = new ProcessOperations(calls, processBindings);
        this.objectSecurity = new ObjectSecurityOperations(calls);
    }

    /**
     * Why the backend cannot run here, or empty when it can: it needs Windows on a 64-bit JVM, the
     * three DLLs loadable through JNA, and every function the backend binds exported by them (each is
     * resolved once here, so a missing export is reported now rather than by the first call that needs it).
     */
    public static Optional<String> availability() {
        return availability(System.getProperty("os.name"), Platform.isWindows(), Platform.is64Bit());
    }

    static Optional<String> availability(String osName, boolean windows, boolean is64Bit) {
        if (!windows) {
            return Optional.of("the jna backend calls advapi32/ntdll/kernel32 and needs Windows; this JVM runs on "
                    + osName + " (use the model backend here)");
        }
        if (!is64Bit) {
            return Optional.of("the jna backend supports 64-bit Windows JVMs only (structure layouts are x64); this JVM is 32-bit");
        }
        try {
            NativeCalls.load();
            return Optional.ofNullable(BoundExports.describe(BoundExports.missingOnThisHost()));
        } catch (LinkageError e) {
            return Optional.of("the jna backend could not bind advapi32/ntdll/kernel32 through JNA: " + e.getMessage());
        }
    }

    /**
     * The live Windows backend.
     *
     * @throws UnsupportedOperationException with the cause from {@link #availability()} where it cannot run
     */
    public static JnaBackend create() {
        Optional<String> unavailable = availability();
        if (unavailable.isPresent()) {
            throw new UnsupportedOperationException(unavailable.get());
        }
        return new JnaBackend(NativeCalls.load());
    }

    @Override
    public BackendKind kind() {
        return BackendKind.JNA;
    }

    @Override
    public int getCurrentProcessId() {
        return handles.getCurrentProcessId();
    }

    @Override
    public int getCurrentThreadId() {
        return handles.getCurrentThreadId();
    }

    @Override
    public Result<Handle> openProcess(int desiredAccess, int processId) {
        return handles.openProcess(desiredAccess, processId);
    }

    @Override
    public Result<Handle> openThread(int desiredAccess, int threadId) {
        return handles.openThread(desiredAccess, threadId);
    }

    @Override
    public Result<Handle> duplicateHandle(Handle source, int desiredAccess, int options) {
        return handles.duplicateHandle(source, desiredAccess, options);
    }

    @Override
    public Result<Void> closeHandle(Handle handle) {
        return handles.closeHandle(handle);
    }

    @Override
    public Result<Void> ntClose(Handle handle) {
        return handles.ntClose(handle);
    }

    @Override
    public Result<Integer> queryGrantedAccess(Handle handle) {
        return handles.queryGrantedAccess(handle);
    }

    @Override
    public Result<Handle> openProcessToken(Handle process, int desiredAccess) {
        return creation.openProcessToken(process, desiredAccess);
    }

    @Override
    public Result<Handle> openThreadToken(Handle thread, int desiredAccess, boolean openAsSelf) {
        return creation.openThreadToken(thread, desiredAccess, openAsSelf);
    }

    @Override
    public Result<Handle> ntOpenProcessTokenEx(Handle process, int desiredAccess, int handleAttributes) {
        return creation.ntOpenProcessTokenEx(process, desiredAccess, handleAttributes);
    }

    @Override
    public Result<Handle> ntOpenThreadTokenEx(Handle thread, int desiredAccess, boolean openAsSelf, int handleAttributes) {
        return creation.ntOpenThreadTokenEx(thread, desiredAccess, openAsSelf, handleAttributes);
    }

    @Override
    public Result<Handle> duplicateToken(Handle token, ImpersonationLevel level) {
        return creation.duplicateToken(token, level);
    }

    @Override
    public Result<Handle> duplicateTokenEx(Handle token, int desiredAccess, SecurityDescriptor securityDescriptor,
                                           ImpersonationLevel level, TokenType type) {
        return creation.duplicateTokenEx(token, desiredAccess, securityDescriptor, level, type);
    }

    @Override
    public Result<Handle> ntDuplicateToken(Handle token, int desiredAccess, ImpersonationLevel level, boolean effectiveOnly,
                                           TokenType type) {
        return creation.ntDuplicateToken(token, desiredAccess, level, effectiveOnly, type);
    }

    @Override
    public Result<Void> impersonateSelf(ImpersonationLevel level) {
        return impersonation.impersonateSelf(level);
    }

    @Override
    public Result<Void> impersonateLoggedOnUser(Handle token) {
        return impersonation.impersonateLoggedOnUser(token);
    }

    @Override
    public Result<Void> setThreadToken(Handle thread, Handle token) {
        return impersonation.setThreadToken(thread, token);
    }

    @Override
    public Result<Void> impersonateAnonymousToken(Handle thread) {
        return impersonation.impersonateAnonymousToken(thread);
    }

    @Override
    public Result<Void> revertToSelf() {
        return impersonation.revertToSelf();
    }

    @Override
    public Result<Void> ntSetInformationThreadImpersonationToken(Handle thread, Handle token) {
        return impersonation.ntSetInformationThreadImpersonationToken(thread, token);
    }

    @Override
    public Result<Void> ntImpersonateAnonymousToken(Handle thread) {
        return impersonation.ntImpersonateAnonymousToken(thread);
    }

    @Override
    public Result<Void> ntImpersonateThread(Handle serverThread, Handle clientThread, ImpersonationLevel level,
                                            boolean contextTracking, boolean effectiveOnly) {
        return impersonation.ntImpersonateThread(Objects.requireNonNull(serverThread, "serverThread"),
                Objects.requireNonNull(clientThread, "clientThread"), Objects.requireNonNull(level, "level"),
                contextTracking, effectiveOnly);
    }

    @Override
    public Result<TokenInformation> getTokenInformation(Handle token, TokenInformationClass infoClass, int bufferLength) {
        return information.getTokenInformation(token, infoClass, bufferLength);
    }

    @Override
    public Result<TokenInformation> ntQueryInformationToken(Handle token, TokenInformationClass infoClass, int bufferLength) {
        return information.ntQueryInformationToken(token, infoClass, bufferLength);
    }

    @Override
    public Result<Void> setTokenInformation(Handle token, TokenInformationClass infoClass, Object value) {
        return information.setTokenInformation(token, infoClass, value);
    }

    @Override
    public Result<AdjustResult<TokenPrivilege>> adjustTokenPrivileges(Handle token, boolean disableAll,
                                                                      List<TokenPrivilege> newState, int previousStateLength) {
        return checks.adjustTokenPrivileges(token, disableAll, newState, previousStateLength);
    }

    @Override
    public Result<AdjustResult<TokenGroup>> adjustTokenGroups(Handle token, boolean resetToDefault, List<TokenGroup> newState,
                                                              int previousStateLength) {
        return checks.adjustTokenGroups(token, resetToDefault, newState, previousStateLength);
    }

    @Override
    public Result<PrivilegeCheckResult> privilegeCheck(Handle token, List<Luid> privileges, boolean requireAll) {
        return checks.privilegeCheck(token, privileges, requireAll);
    }

    @Override
    public Result<Boolean> checkTokenMembership(Handle token, Sid sid) {
        return checks.checkTokenMembership(token, sid);
    }

    @Override
    public Result<AccessCheckResult> accessCheck(SecurityDescriptor securityDescriptor, Handle token, int desiredAccess,
                                                 GenericMapping mapping, int privilegeSetLength) {
        return checks.accessCheck(securityDescriptor, token, desiredAccess, mapping, privilegeSetLength);
    }

    @Override
    public Result<Handle> createRestrictedToken(Handle token, int flags, List<Sid> sidsToDisable, List<Luid> privilegesToDelete,
                                                List<Sid> sidsToRestrict) {
        return creation.createRestrictedToken(token, flags, sidsToDisable, privilegesToDelete, sidsToRestrict);
    }

    /** Nothing to release: the bindings hold no resources and the handles belong to the caller. */
    // ---------------------------------------------------------------- files and devices (io-skeleton)

    @Override
    public Result<Handle> createFile(String fileName, int desiredAccess, int shareMode, SecurityDescriptor securityDescriptor,
                                     int creationDisposition, int flagsAndAttributes) {
        return files.createFile(fileName, desiredAccess, shareMode, securityDescriptor, creationDisposition, flagsAndAttributes);
    }

    // ---------------------------------------------------------------- accounts and logons (issue 14)

    @Override
    public Result<Account> lookupAccountSid(String systemName, Sid sid) {
        return accounts.lookupAccountSid(systemName, Objects.requireNonNull(sid, "sid"));
    }

    @Override
    public Result<Account> lookupAccountName(String systemName, String accountName) {
        return accounts.lookupAccountName(systemName, accountName);
    }

    @Override
    public Result<List<Account>> lsaLookupSids(List<Sid> sids) {
        return accounts.lsaLookupSids(List.copyOf(sids));
    }

    @Override
    public Result<Handle> logonUser(String user, String domain, char[] password, int logonType, int logonProvider) {
        return accounts.logonUser(user, domain, password, logonType, logonProvider);
    }

    /**
     * Not bound yet: LsaLogonUser lives in secur32.dll, which the jna backend does not load.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Result<Handle> lsaLogonUserS4U(String user, String domain) {
        throw new UnsupportedOperationException("S4U logons (LsaLogonUser, secur32.dll) are not bound in the jna backend"
                + " yet; the model backend has them");
    }

    // ---------------------------------------------------------------- named pipes and overlapped I/O (pipes)

    @Override
    public Result<Handle> createNamedPipe(String name, int openMode, int pipeMode, int maxInstances, int outBufferSize,
                                          int inBufferSize, int defaultTimeout, SecurityDescriptor securityDescriptor) {
        return pipes.createNamedPipe(name, openMode, pipeMode, maxInstances, outBufferSize, inBufferSize, defaultTimeout,
                securityDescriptor);
    }

    @Override
    public Result<Void> connectNamedPipe(Handle pipe, io.github.tokenbridge.backend.Overlapped overlapped) {
        return pipes.connectNamedPipe(pipe, overlapped);
    }

    @Override
    public Result<Void> waitNamedPipe(String name, int timeoutMillis) {
        return pipes.waitNamedPipe(name, timeoutMillis);
    }

    @Override
    public Result<Void> disconnectNamedPipe(Handle pipe) {
        return pipes.disconnectNamedPipe(pipe);
    }

    @Override
    public Result<Void> setNamedPipeHandleState(Handle pipe, int mode) {
        return pipes.setNamedPipeHandleState(pipe, mode);
    }

    @Override
    public Result<Void> impersonateNamedPipeClient(Handle pipe) {
        return pipes.impersonateNamedPipeClient(pipe);
    }

    @Override
    public Result<Integer> getNamedPipeClientProcessId(Handle pipe) {
        return pipes.getNamedPipeClientProcessId(pipe);
    }

    @Override
    public Result<byte[]> readFile(Handle file, int length, io.github.tokenbridge.backend.Overlapped overlapped) {
        return pipes.readFile(file, length, overlapped);
    }

    @Override
    public Result<Integer> writeFile(Handle file, byte[] data, io.github.tokenbridge.backend.Overlapped overlapped) {
        return pipes.writeFile(file, data, overlapped);
    }

    @Override
    public Result<Handle> createEvent(boolean manualReset, boolean initialState) {
        return pipes.createEvent(manualReset, initialState);
    }

    // ---------------------------------------------------------------- processes under a token (processes, issue 20)

    @Override
    public Result<io.github.tokenbridge.backend.StartedProcess> createProcess(io.github.tokenbridge.backend.ProcessStart start) {
        return processes.start(ProcessOperations.Entry.CREATE_PROCESS, Handle.NULL, 0, start);
    }

    @Override
    public Result<io.github.tokenbridge.backend.StartedProcess> createProcessAsUser(Handle token,
                                                                                   io.github.tokenbridge.backend.ProcessStart start) {
        return processes.start(ProcessOperations.Entry.AS_USER, Objects.requireNonNull(token, "token"), 0, start);
    }

    @Override
    public Result<io.github.tokenbridge.backend.StartedProcess> createProcessWithToken(Handle token, int logonFlags,
                                                                                      io.github.tokenbridge.backend.ProcessStart start) {
        return processes.start(ProcessOperations.Entry.WITH_TOKEN, Objects.requireNonNull(token, "token"), logonFlags, start);
    }

    @Override
    public Result<Integer> resumeThread(Handle thread) {
        return processes.resumeThread(thread);
    }

    @Override
    public Result<Void> terminateProcess(Handle process, int exitCode) {
        return processes.terminateProcess(process, exitCode);
    }

    @Override
    public Result<Integer> getExitCodeProcess(Handle process) {
        return processes.getExitCodeProcess(process);
    }

    @Override
    public Result<Integer> waitForSingleObject(Handle handle, int milliseconds) {
        return pipes.waitForSingleObject(handle, milliseconds);
    }

    @Override
    public Result<Void> cancelIoEx(Handle file, io.github.tokenbridge.backend.Overlapped overlapped) {
        return pipes.cancelIoEx(file, overlapped);
    }

    @Override
    public Result<Void> cancelSynchronousIo(Handle thread) {
        return pipes.cancelSynchronousIo(thread);
    }

    @Override
    public Result<Integer> getOverlappedResult(Handle file, io.github.tokenbridge.backend.Overlapped overlapped, boolean wait) {
        return pipes.getOverlappedResult(file, overlapped, wait);
    }

    @Override
    public Result<java.util.Map<String, String>> createEnvironmentBlock(Handle token, boolean inherit) {
        return processes.createEnvironmentBlock(token, inherit);
    }

    @Override
    public Result<Handle> loadUserProfile(Handle token, String userName) {
        return processes.loadUserProfile(token, userName);
    }

    @Override
    public Result<Void> unloadUserProfile(Handle token, Handle profile) {
        return processes.unloadUserProfile(token, profile);
    }

    // ---------------------------------------------------------------- object security: files, keys, kernel objects (objects)

    @Override
    public Result<Void> createDirectory(String path, SecurityDescriptor securityDescriptor) {
        return objectSecurity.createDirectory(path, securityDescriptor);
    }

    @Override
    public Result<Void> removeDirectory(String path) {
        return objectSecurity.removeDirectory(path);
    }

    @Override
    public Result<Void> deleteFile(String path) {
        return objectSecurity.deleteFile(path);
    }

    @Override
    public Result<String> getTempPath() {
        return objectSecurity.getTempPath();
    }

    @Override
    public Result<Handle> regCreateKeyEx(Handle key, String subKey, int options, int desiredAccess,
                                         SecurityDescriptor securityDescriptor) {
        return objectSecurity.regCreateKeyEx(key, subKey, options, desiredAccess, securityDescriptor);
    }

    @Override
    public Result<Handle> regOpenKeyEx(Handle key, String subKey, int options, int desiredAccess) {
        return objectSecurity.regOpenKeyEx(key, subKey, options, desiredAccess);
    }

    @Override
    public Result<Void> regCloseKey(Handle key) {
        return objectSecurity.regCloseKey(key);
    }

    @Override
    public Result<Void> regDeleteTree(Handle key, String subKey) {
        return objectSecurity.regDeleteTree(key, subKey);
    }

    @Override
    public Result<SecurityDescriptor> getNamedSecurityInfo(String objectName, io.github.tokenbridge.backend.SeObjectType type,
                                                           int securityInformation) {
        return objectSecurity.getNamedSecurityInfo(objectName, type, securityInformation);
    }

    @Override
    public Result<Void> setNamedSecurityInfo(String objectName, io.github.tokenbridge.backend.SeObjectType type,
                                             int securityInformation, SecurityDescriptor parts) {
        return objectSecurity.setNamedSecurityInfo(objectName, type, securityInformation, parts);
    }

    @Override
    public Result<SecurityDescriptor> getSecurityInfo(Handle handle, io.github.tokenbridge.backend.SeObjectType type,
                                                      int securityInformation) {
        return objectSecurity.getSecurityInfo(handle, type, securityInformation);
    }

    @Override
    public Result<Void> setSecurityInfo(Handle handle, io.github.tokenbridge.backend.SeObjectType type, int securityInformation,
                                        SecurityDescriptor parts) {
        return objectSecurity.setSecurityInfo(handle, type, securityInformation, parts);
    }

    @Override
    public void close() {
    }
}
