package io.github.tokenbridge.model.fault;

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
import io.github.tokenbridge.backend.SeObjectType;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A backend decorator that makes chosen SPI calls fail as a {@link FaultPlan} says, passing every
 * other call to the backend beneath (normally a model backend). It lets tests drive the failure
 * paths of the public API that a healthy model never takes: a restore that fails, a close that
 * fails, a read-back that fails.
 *
 * <p>Calls are counted per {@link SpiOperation} across all threads, from the moment the current
 * plan was {@linkplain #install installed}. An injected failure is a {@link Result} like any other:
 * {@code Result.ofStatus(status)} for an NTSTATUS (Win32 functions then report its Win32
 * translation, as the model's Win32 layer does), or {@code Result.win32Failure(error)}.
 */
public final class FaultInjectingBackend implements TokenBackend {

    private final TokenBackend delegate;
    private volatile FaultPlan plan;
    private final Map<SpiOperation, AtomicLong> calls = new EnumMap<>(SpiOperation.class);
    private final List<InjectedFault> injected = new ArrayList<>();

    private FaultInjectingBackend(TokenBackend delegate, FaultPlan plan) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        for (SpiOperation op : SpiOperation.values()) {
            calls.put(op, new AtomicLong());
        }
        install(plan);
    }

    /** Wraps {@code delegate}, injecting the faults of {@code plan}. */
    public static FaultInjectingBackend over(TokenBackend delegate, FaultPlan plan) {
        return new FaultInjectingBackend(delegate, plan);
    }

    /** Wraps {@code delegate} with no faults planned yet (see {@link #install}). */
    public static FaultInjectingBackend over(TokenBackend delegate) {
        return new FaultInjectingBackend(delegate, FaultPlan.none());
    }

    /** The backend beneath. */
    public TokenBackend delegate() {
        return delegate;
    }

    /** Replaces the plan and restarts every call count at zero. */
    public synchronized void install(FaultPlan newPlan) {
        this.plan = Objects.requireNonNull(newPlan, "newPlan");
        for (AtomicLong count : calls.values()) {
            count.set(0);
        }
    }

    /** The plan in force. */
    public FaultPlan plan() {
        return plan;
    }

    /** Calls of {@code operation} since the plan was installed (injected failures included). */
    public long callCount(SpiOperation operation) {
        return calls.get(operation).get();
    }

    /** The faults injected so far, oldest first (all plans). */
    public synchronized List<InjectedFault> injectedFaults() {
        return List.copyOf(injected);
    }

    /** One fault that was injected: the operation, its call number and the rule that fired. */
    public record InjectedFault(SpiOperation operation, long callNumber, FaultPlan.FaultRule rule, String thread) {
    }

    private <T> Result<T> call(SpiOperation operation, Supplier<Result<T>> real) {
        long number = calls.get(operation).incrementAndGet();
        Optional<FaultPlan.FaultRule> fault = plan.match(operation, number);
        if (fault.isEmpty()) {
            return real.get();
        }
        FaultPlan.FaultRule rule = fault.get();
        synchronized (this) {
            injected.add(new InjectedFault(operation, number, rule, Thread.currentThread().getName()));
        }
        if (rule.mode() == FaultPlan.Mode.PERFORM_THEN_FAIL) {
            real.get();
        }
        return rule.ntStatus() != null ? Result.ofStatus(rule.ntStatus(), null) : Result.win32Failure(rule.win32Error());
    }

    // ---------------------------------------------------------------- SPI, each call through call()

    @Override
    public BackendKind kind() {
        return delegate.kind();
    }

    @Override
    public int getCurrentProcessId() {
        return delegate.getCurrentProcessId();
    }

    @Override
    public int getCurrentThreadId() {
        return delegate.getCurrentThreadId();
    }

    @Override
    public Result<Handle> openProcess(int desiredAccess, int processId) {
        return call(SpiOperation.OPEN_PROCESS, () -> delegate.openProcess(desiredAccess, processId));
    }

    @Override
    public Result<Handle> openThread(int desiredAccess, int threadId) {
        return call(SpiOperation.OPEN_THREAD, () -> delegate.openThread(desiredAccess, threadId));
    }

    @Override
    public Result<Handle> duplicateHandle(Handle source, int desiredAccess, int options) {
        return call(SpiOperation.DUPLICATE_HANDLE, () -> delegate.duplicateHandle(source, desiredAccess, options));
    }

    @Override
    public Result<Void> closeHandle(Handle handle) {
        return call(SpiOperation.CLOSE_HANDLE, () -> delegate.closeHandle(handle));
    }

    @Override
    public Result<Void> ntClose(Handle handle) {
        return call(SpiOperation.NT_CLOSE, () -> delegate.ntClose(handle));
    }

    @Override
    public Result<Integer> queryGrantedAccess(Handle handle) {
        return call(SpiOperation.QUERY_GRANTED_ACCESS, () -> delegate.queryGrantedAccess(handle));
    }

    @Override
    public Result<Handle> openProcessToken(Handle process, int desiredAccess) {
        return call(SpiOperation.OPEN_PROCESS_TOKEN, () -> delegate.openProcessToken(process, desiredAccess));
    }

    @Override
    public Result<Handle> openThreadToken(Handle thread, int desiredAccess, boolean openAsSelf) {
        return call(SpiOperation.OPEN_THREAD_TOKEN, () -> delegate.openThreadToken(thread, desiredAccess, openAsSelf));
    }

    @Override
    public Result<Handle> ntOpenProcessTokenEx(Handle process, int desiredAccess, int handleAttributes) {
        return call(SpiOperation.NT_OPEN_PROCESS_TOKEN_EX,
                () -> delegate.ntOpenProcessTokenEx(process, desiredAccess, handleAttributes));
    }

    @Override
    public Result<Handle> ntOpenThreadTokenEx(Handle thread, int desiredAccess, boolean openAsSelf, int handleAttributes) {
        return call(SpiOperation.NT_OPEN_THREAD_TOKEN_EX,
                () -> delegate.ntOpenThreadTokenEx(thread, desiredAccess, openAsSelf, handleAttributes));
    }

    @Override
    public Result<Handle> duplicateToken(Handle token, ImpersonationLevel level) {
        return call(SpiOperation.DUPLICATE_TOKEN, () -> delegate.duplicateToken(token, level));
    }

    @Override
    public Result<Handle> duplicateTokenEx(Handle token, int desiredAccess, SecurityDescriptor securityDescriptor,
                                           ImpersonationLevel level, TokenType type) {
        return call(SpiOperation.DUPLICATE_TOKEN_EX,
                () -> delegate.duplicateTokenEx(token, desiredAccess, securityDescriptor, level, type));
    }

    @Override
    public Result<Handle> ntDuplicateToken(Handle token, int desiredAccess, ImpersonationLevel level, boolean effectiveOnly,
                                           TokenType type) {
        return call(SpiOperation.NT_DUPLICATE_TOKEN,
                () -> delegate.ntDuplicateToken(token, desiredAccess, level, effectiveOnly, type));
    }

    @Override
    public Result<Void> impersonateSelf(ImpersonationLevel level) {
        return call(SpiOperation.IMPERSONATE_SELF, () -> delegate.impersonateSelf(level));
    }

    @Override
    public Result<Void> impersonateLoggedOnUser(Handle token) {
        return call(SpiOperation.IMPERSONATE_LOGGED_ON_USER, () -> delegate.impersonateLoggedOnUser(token));
    }

    @Override
    public Result<Void> setThreadToken(Handle thread, Handle token) {
        return call(SpiOperation.SET_THREAD_TOKEN, () -> delegate.setThreadToken(thread, token));
    }

    @Override
    public Result<Void> impersonateAnonymousToken(Handle thread) {
        return call(SpiOperation.IMPERSONATE_ANONYMOUS_TOKEN, () -> delegate.impersonateAnonymousToken(thread));
    }

    @Override
    public Result<Void> revertToSelf() {
        return call(SpiOperation.REVERT_TO_SELF, delegate::revertToSelf);
    }

    @Override
    public Result<Void> ntSetInformationThreadImpersonationToken(Handle thread, Handle token) {
        return call(SpiOperation.NT_SET_INFORMATION_THREAD,
                () -> delegate.ntSetInformationThreadImpersonationToken(thread, token));
    }

    @Override
    public Result<Void> ntImpersonateAnonymousToken(Handle thread) {
        return call(SpiOperation.NT_IMPERSONATE_ANONYMOUS_TOKEN, () -> delegate.ntImpersonateAnonymousToken(thread));
    }

    @Override
    public Result<Void> ntImpersonateThread(Handle serverThread, Handle clientThread, ImpersonationLevel level,
                                            boolean contextTracking, boolean effectiveOnly) {
        return call(SpiOperation.NT_IMPERSONATE_THREAD,
                () -> delegate.ntImpersonateThread(serverThread, clientThread, level, contextTracking, effectiveOnly));
    }

    @Override
    public Result<TokenInformation> getTokenInformation(Handle token, TokenInformationClass infoClass, int bufferLength) {
        return call(SpiOperation.GET_TOKEN_INFORMATION, () -> delegate.getTokenInformation(token, infoClass, bufferLength));
    }

    @Override
    public Result<TokenInformation> ntQueryInformationToken(Handle token, TokenInformationClass infoClass, int bufferLength) {
        return call(SpiOperation.NT_QUERY_INFORMATION_TOKEN,
                () -> delegate.ntQueryInformationToken(token, infoClass, bufferLength));
    }

    @Override
    public Result<Void> setTokenInformation(Handle token, TokenInformationClass infoClass, Object value) {
        return call(SpiOperation.SET_TOKEN_INFORMATION, () -> delegate.setTokenInformation(token, infoClass, value));
    }

    @Override
    public Result<AdjustResult<TokenPrivilege>> adjustTokenPrivileges(Handle token, boolean disableAll,
                                                                      List<TokenPrivilege> newState, int previousStateLength) {
        return call(SpiOperation.ADJUST_TOKEN_PRIVILEGES,
                () -> delegate.adjustTokenPrivileges(token, disableAll, newState, previousStateLength));
    }

    @Override
    public Result<AdjustResult<TokenGroup>> adjustTokenGroups(Handle token, boolean resetToDefault, List<TokenGroup> newState,
                                                              int previousStateLength) {
        return call(SpiOperation.ADJUST_TOKEN_GROUPS,
                () -> delegate.adjustTokenGroups(token, resetToDefault, newState, previousStateLength));
    }

    @Override
    public Result<PrivilegeCheckResult> privilegeCheck(Handle token, List<Luid> privileges, boolean requireAll) {
        return call(SpiOperation.PRIVILEGE_CHECK, () -> delegate.privilegeCheck(token, privileges, requireAll));
    }

    @Override
    public Result<Boolean> checkTokenMembership(Handle token, Sid sid) {
        return call(SpiOperation.CHECK_TOKEN_MEMBERSHIP, () -> delegate.checkTokenMembership(token, sid));
    }

    @Override
    public Result<AccessCheckResult> accessCheck(SecurityDescriptor securityDescriptor, Handle token, int desiredAccess,
                                                 GenericMapping mapping, int privilegeSetLength) {
        return call(SpiOperation.ACCESS_CHECK,
                () -> delegate.accessCheck(securityDescriptor, token, desiredAccess, mapping, privilegeSetLength));
    }

    @Override
    public Result<Handle> createRestrictedToken(Handle token, int flags, List<Sid> sidsToDisable, List<Luid> privilegesToDelete,
                                                List<Sid> sidsToRestrict) {
        return call(SpiOperation.CREATE_RESTRICTED_TOKEN,
                () -> delegate.createRestrictedToken(token, flags, sidsToDisable, privilegesToDelete, sidsToRestrict));
    }

    // ---------------------------------------------------------------- files and devices (io-skeleton)

    @Override
    public Result<Handle> createFile(String fileName, int desiredAccess, int shareMode, SecurityDescriptor securityDescriptor,
                                     int creationDisposition, int flagsAndAttributes) {
        return call(SpiOperation.CREATE_FILE, () -> delegate.createFile(fileName, desiredAccess, shareMode, securityDescriptor,
                creationDisposition, flagsAndAttributes));
    }

    // ---------------------------------------------------------------- named pipes and overlapped I/O (pipes)

    @Override
    public Result<Handle> createNamedPipe(String name, int openMode, int pipeMode, int maxInstances, int outBufferSize,
                                          int inBufferSize, int defaultTimeout, SecurityDescriptor securityDescriptor) {
        return call(SpiOperation.CREATE_NAMED_PIPE, () -> delegate.createNamedPipe(name, openMode, pipeMode, maxInstances,
                outBufferSize, inBufferSize, defaultTimeout, securityDescriptor));
    }

    @Override
    public Result<Void> connectNamedPipe(Handle pipe, io.github.tokenbridge.backend.Overlapped overlapped) {
        return call(SpiOperation.CONNECT_NAMED_PIPE, () -> delegate.connectNamedPipe(pipe, overlapped));
    }

    @Override
    public Result<Void> waitNamedPipe(String name, int timeoutMillis) {
        return call(SpiOperation.WAIT_NAMED_PIPE, () -> delegate.waitNamedPipe(name, timeoutMillis));
    }

    @Override
    public Result<Void> disconnectNamedPipe(Handle pipe) {
        return call(SpiOperation.DISCONNECT_NAMED_PIPE, () -> delegate.disconnectNamedPipe(pipe));
    }

    @Override
    public Result<Void> setNamedPipeHandleState(Handle pipe, int mode) {
        return call(SpiOperation.SET_NAMED_PIPE_HANDLE_STATE, () -> delegate.setNamedPipeHandleState(pipe, mode));
    }

    @Override
    public Result<Void> impersonateNamedPipeClient(Handle pipe) {
        return call(SpiOperation.IMPERSONATE_NAMED_PIPE_CLIENT, () -> delegate.impersonateNamedPipeClient(pipe));
    }

    @Override
    public Result<Integer> getNamedPipeClientProcessId(Handle pipe) {
        return call(SpiOperation.GET_NAMED_PIPE_CLIENT_PROCESS_ID, () -> delegate.getNamedPipeClientProcessId(pipe));
    }

    @Override
    public Result<byte[]> readFile(Handle file, int length, io.github.tokenbridge.backend.Overlapped overlapped) {
        return call(SpiOperation.READ_FILE, () -> delegate.readFile(file, length, overlapped));
    }

    @Override
    public Result<Integer> writeFile(Handle file, byte[] data, io.github.tokenbridge.backend.Overlapped overlapped) {
        return call(SpiOperation.WRITE_FILE, () -> delegate.writeFile(file, data, overlapped));
    }

    @Override
    public Result<Handle> createEvent(boolean manualReset, boolean initialState) {
        return call(SpiOperation.CREATE_EVENT, () -> delegate.createEvent(manualReset, initialState));
    }

    // ---------------------------------------------------------------- processes under a token (processes, issue 20)

    @Override
    public Result<io.github.tokenbridge.backend.StartedProcess> createProcess(io.github.tokenbridge.backend.ProcessStart start) {
        return call(SpiOperation.CREATE_PROCESS, () -> delegate.createProcess(start));
    }

    @Override
    public Result<io.github.tokenbridge.backend.StartedProcess> createProcessAsUser(Handle token,
                                                                                   io.github.tokenbridge.backend.ProcessStart start) {
        return call(SpiOperation.CREATE_PROCESS_AS_USER, () -> delegate.createProcessAsUser(token, start));
    }

    @Override
    public Result<io.github.tokenbridge.backend.StartedProcess> createProcessWithToken(Handle token, int logonFlags,
                                                                                      io.github.tokenbridge.backend.ProcessStart start) {
        return call(SpiOperation.CREATE_PROCESS_WITH_TOKEN, () -> delegate.createProcessWithToken(token, logonFlags, start));
    }

    @Override
    public Result<Integer> resumeThread(Handle thread) {
        return call(SpiOperation.RESUME_THREAD, () -> delegate.resumeThread(thread));
    }

    @Override
    public Result<Void> terminateProcess(Handle process, int exitCode) {
        return call(SpiOperation.TERMINATE_PROCESS, () -> delegate.terminateProcess(process, exitCode));
    }

    @Override
    public Result<Integer> getExitCodeProcess(Handle process) {
        return call(SpiOperation.GET_EXIT_CODE_PROCESS, () -> delegate.getExitCodeProcess(process));
    }

    @Override
    public Result<Integer> waitForSingleObject(Handle handle, int milliseconds) {
        return call(SpiOperation.WAIT_FOR_SINGLE_OBJECT, () -> delegate.waitForSingleObject(handle, milliseconds));
    }

    @Override
    public Result<Void> cancelIoEx(Handle file, io.github.tokenbridge.backend.Overlapped overlapped) {
        return call(SpiOperation.CANCEL_IO_EX, () -> delegate.cancelIoEx(file, overlapped));
    }

    @Override
    public Result<Void> cancelSynchronousIo(Handle thread) {
        return call(SpiOperation.CANCEL_SYNCHRONOUS_IO, () -> delegate.cancelSynchronousIo(thread));
    }

    @Override
    public Result<Integer> getOverlappedResult(Handle file, io.github.tokenbridge.backend.Overlapped overlapped, boolean wait) {
        return call(SpiOperation.GET_OVERLAPPED_RESULT, () -> delegate.getOverlappedResult(file, overlapped, wait));
    }

    @Override
    public Result<java.util.Map<String, String>> createEnvironmentBlock(Handle token, boolean inherit) {
        return call(SpiOperation.CREATE_ENVIRONMENT_BLOCK, () -> delegate.createEnvironmentBlock(token, inherit));
    }

    @Override
    public Result<Handle> loadUserProfile(Handle token, String userName) {
        return call(SpiOperation.LOAD_USER_PROFILE, () -> delegate.loadUserProfile(token, userName));
    }

    @Override
    public Result<Void> unloadUserProfile(Handle token, Handle profile) {
        return call(SpiOperation.UNLOAD_USER_PROFILE, () -> delegate.unloadUserProfile(token, profile));
    }

    // ---------------------------------------------------------------- object security: files, keys, kernel objects (objects)

    @Override
    public Result<Void> createDirectory(String path, SecurityDescriptor securityDescriptor) {
        return call(SpiOperation.CREATE_DIRECTORY, () -> delegate.createDirectory(path, securityDescriptor));
    }

    @Override
    public Result<Void> removeDirectory(String path) {
        return call(SpiOperation.REMOVE_DIRECTORY, () -> delegate.removeDirectory(path));
    }

    @Override
    public Result<Void> deleteFile(String path) {
        return call(SpiOperation.DELETE_FILE, () -> delegate.deleteFile(path));
    }

    @Override
    public Result<String> getTempPath() {
        return call(SpiOperation.GET_TEMP_PATH, delegate::getTempPath);
    }

    @Override
    public Result<Handle> regCreateKeyEx(Handle key, String subKey, int options, int desiredAccess,
                                         SecurityDescriptor securityDescriptor) {
        return call(SpiOperation.REG_CREATE_KEY_EX,
                () -> delegate.regCreateKeyEx(key, subKey, options, desiredAccess, securityDescriptor));
    }

    @Override
    public Result<Handle> regOpenKeyEx(Handle key, String subKey, int options, int desiredAccess) {
        return call(SpiOperation.REG_OPEN_KEY_EX, () -> delegate.regOpenKeyEx(key, subKey, options, desiredAccess));
    }

    @Override
    public Result<Void> regCloseKey(Handle key) {
        return call(SpiOperation.REG_CLOSE_KEY, () -> delegate.regCloseKey(key));
    }

    @Override
    public Result<Void> regDeleteTree(Handle key, String subKey) {
        return call(SpiOperation.REG_DELETE_TREE, () -> delegate.regDeleteTree(key, subKey));
    }

    @Override
    public Result<SecurityDescriptor> getNamedSecurityInfo(String objectName, SeObjectType type, int securityInformation) {
        return call(SpiOperation.GET_NAMED_SECURITY_INFO, () -> delegate.getNamedSecurityInfo(objectName, type, securityInformation));
    }

    @Override
    public Result<Void> setNamedSecurityInfo(String objectName, SeObjectType type, int securityInformation, SecurityDescriptor parts) {
        return call(SpiOperation.SET_NAMED_SECURITY_INFO,
                () -> delegate.setNamedSecurityInfo(objectName, type, securityInformation, parts));
    }

    @Override
    public Result<SecurityDescriptor> getSecurityInfo(Handle handle, SeObjectType type, int securityInformation) {
        return call(SpiOperation.GET_SECURITY_INFO, () -> delegate.getSecurityInfo(handle, type, securityInformation));
    }

    @Override
    public Result<Void> setSecurityInfo(Handle handle, SeObjectType type, int securityInformation, SecurityDescriptor parts) {
        return call(SpiOperation.SET_SECURITY_INFO, () -> delegate.setSecurityInfo(handle, type, securityInformation, parts));
    }

    /** Closes the backend beneath. */
    // ---------------------------------------------------------------- accounts and logons (issue 14)

    @Override
    public Result<Account> lookupAccountSid(String systemName, Sid sid) {
        return call(SpiOperation.LOOKUP_ACCOUNT_SID, () -> delegate.lookupAccountSid(systemName, sid));
    }

    @Override
    public Result<Account> lookupAccountName(String systemName, String accountName) {
        return call(SpiOperation.LOOKUP_ACCOUNT_NAME, () -> delegate.lookupAccountName(systemName, accountName));
    }

    @Override
    public Result<List<Account>> lsaLookupSids(List<Sid> sids) {
        return call(SpiOperation.LSA_LOOKUP_SIDS, () -> delegate.lsaLookupSids(sids));
    }

    @Override
    public Result<Handle> logonUser(String user, String domain, char[] password, int logonType, int logonProvider) {
        return call(SpiOperation.LOGON_USER, () -> delegate.logonUser(user, domain, password, logonType, logonProvider));
    }

    @Override
    public Result<Handle> lsaLogonUserS4U(String user, String domain) {
        return call(SpiOperation.LSA_LOGON_USER_S4U, () -> delegate.lsaLogonUserS4U(user, domain));
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "FaultInjectingBackend[" + delegate.kind() + ", " + plan + "]";
    }
}
