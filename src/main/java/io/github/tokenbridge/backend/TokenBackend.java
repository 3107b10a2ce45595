package io.github.tokenbridge.backend;

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

import java.util.List;

/**
 * The backend SPI: handle-level token and impersonation functions, one method per Win32 or Nt
 * function, with Windows' own semantics. The jna backend calls the real DLLs; the model backend
 * implements the same functions over its model of the security reference monitor.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>Every method returns a {@link Result}; an OS-level failure is a failed result carrying the
 *       Win32 error (and the NTSTATUS for Nt functions, and for Win32 functions where the backend
 *       knows it). Backends never throw for an OS-level failure.</li>
 *   <li>Functions that act on "the calling thread" act on the thread that calls the method.</li>
 *   <li>Handles are values of this backend only; passing another backend's handle is just an
 *       invalid handle to this one ({@code ERROR_INVALID_HANDLE}).</li>
 *   <li>Java {@code null} is not NULL: a NULL handle is {@link Handle#NULL}. Where Windows takes an
 *       optional pointer the parameter documents what {@code null} means.</li>
 * </ul>
 * Policy (argument validation for the Java API, handle ownership, impersonation scopes,
 * exceptions) lives above this interface, in {@code io.github.tokenbridge}.
 */
public interface TokenBackend extends AutoCloseable {

    /** Which backend this is. */
    BackendKind kind();

    // ---------------------------------------------------------------- processes, threads, handles

    /** {@code DWORD GetCurrentProcessId(void)}. */
    int getCurrentProcessId();

    /** {@code DWORD GetCurrentThreadId(void)}. */
    int getCurrentThreadId();

    /** {@code HANDLE OpenProcess(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwProcessId)}. */
    Result<Handle> openProcess(int desiredAccess, int processId);

    /** {@code HANDLE OpenThread(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwThreadId)}. */
    Result<Handle> openThread(int desiredAccess, int threadId);

    /**
     * {@code BOOL DuplicateHandle(...)} within the calling process: source and target process are
     * both {@code GetCurrentProcess()}.
     *
     * @param options {@code DUPLICATE_CLOSE_SOURCE} (1) and/or {@code DUPLICATE_SAME_ACCESS} (2)
     */
    Result<Handle> duplicateHandle(Handle source, int desiredAccess, int options);

    /** {@code BOOL CloseHandle(HANDLE hObject)}. */
    Result<Void> closeHandle(Handle handle);

    /** {@code NTSTATUS NtClose(HANDLE Handle)}. */
    Result<Void> ntClose(Handle handle);

    /**
     * The access granted to a handle: {@code NtQueryObject(Handle, ObjectBasicInformation, ...)}
     * and its {@code GrantedAccess}.
     */
    Result<Integer> queryGrantedAccess(Handle handle);

    // ---------------------------------------------------------------- opening tokens

    /** {@code BOOL OpenProcessToken(HANDLE ProcessHandle, DWORD DesiredAccess, PHANDLE TokenHandle)}. */
    Result<Handle> openProcessToken(Handle process, int desiredAccess);

    /** {@code BOOL OpenThreadToken(HANDLE ThreadHandle, DWORD DesiredAccess, BOOL OpenAsSelf, PHANDLE TokenHandle)}. */
    Result<Handle> openThreadToken(Handle thread, int desiredAccess, boolean openAsSelf);

    /** {@code NTSTATUS NtOpenProcessTokenEx(HANDLE ProcessHandle, ACCESS_MASK DesiredAccess, ULONG HandleAttributes, PHANDLE TokenHandle)}. */
    Result<Handle> ntOpenProcessTokenEx(Handle process, int desiredAccess, int handleAttributes);

    /** {@code NTSTATUS NtOpenThreadTokenEx(HANDLE ThreadHandle, ACCESS_MASK DesiredAccess, BOOLEAN OpenAsSelf, ULONG HandleAttributes, PHANDLE TokenHandle)}. */
    Result<Handle> ntOpenThreadTokenEx(Handle thread, int desiredAccess, boolean openAsSelf, int handleAttributes);

    // ---------------------------------------------------------------- duplication

    /** {@code BOOL DuplicateToken(HANDLE ExistingTokenHandle, SECURITY_IMPERSONATION_LEVEL ImpersonationLevel, PHANDLE DuplicateTokenHandle)}. */
    Result<Handle> duplicateToken(Handle token, ImpersonationLevel level);

    /**
     * {@code BOOL DuplicateTokenEx(HANDLE hExistingToken, DWORD dwDesiredAccess, LPSECURITY_ATTRIBUTES lpTokenAttributes,
     * SECURITY_IMPERSONATION_LEVEL ImpersonationLevel, TOKEN_TYPE TokenType, PHANDLE phNewToken)}.
     *
     * @param securityDescriptor the descriptor in {@code lpTokenAttributes}, or null for no SECURITY_ATTRIBUTES
     */
    Result<Handle> duplicateTokenEx(Handle token, int desiredAccess, SecurityDescriptor securityDescriptor,
                                    ImpersonationLevel level, TokenType type);

    /**
     * {@code NTSTATUS NtDuplicateToken(HANDLE ExistingTokenHandle, ACCESS_MASK DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes,
     * BOOLEAN EffectiveOnly, TOKEN_TYPE TokenType, PHANDLE NewTokenHandle)}.
     *
     * @param level the level in the object attributes' SECURITY_QUALITY_OF_SERVICE, or null for none (R53)
     */
    Result<Handle> ntDuplicateToken(Handle token, int desiredAccess, ImpersonationLevel level,
                                    boolean effectiveOnly, TokenType type);

    // ---------------------------------------------------------------- impersonation

    /** {@code BOOL ImpersonateSelf(SECURITY_IMPERSONATION_LEVEL ImpersonationLevel)}. */
    Result<Void> impersonateSelf(ImpersonationLevel level);

    /** {@code BOOL ImpersonateLoggedOnUser(HANDLE hToken)}. */
    Result<Void> impersonateLoggedOnUser(Handle token);

    /**
     * {@code BOOL SetThreadToken(PHANDLE Thread, HANDLE Token)}.
     *
     * @param thread the handle {@code *Thread} points to, or null for a NULL pointer (the calling thread)
     * @param token  the token, or {@link Handle#NULL} to end impersonation
     */
    Result<Void> setThreadToken(Handle thread, Handle token);

    /** {@code BOOL ImpersonateAnonymousToken(HANDLE ThreadHandle)}. */
    Result<Void> impersonateAnonymousToken(Handle thread);

    /** {@code BOOL RevertToSelf(void)}. */
    Result<Void> revertToSelf();

    /**
     * {@code NtSetInformationThread(ThreadHandle, ThreadImpersonationToken, &TokenHandle, sizeof(HANDLE))}.
     *
     * @param token the token, or {@link Handle#NULL} to end impersonation
     */
    Result<Void> ntSetInformationThreadImpersonationToken(Handle thread, Handle token);

    /** {@code NTSTATUS NtImpersonateAnonymousToken(HANDLE ThreadHandle)}. */
    Result<Void> ntImpersonateAnonymousToken(Handle thread);

    /**
     * {@code NTSTATUS NtImpersonateThread(HANDLE ServerThreadHandle, HANDLE ClientThreadHandle,
     * PSECURITY_QUALITY_OF_SERVICE SecurityQos)}: the server thread impersonates the client thread's
     * effective token as captured under the quality of service (R43).
     *
     * @param serverThread    the thread that will impersonate (needs THREAD_IMPERSONATE)
     * @param clientThread    the thread whose effective token is captured (needs THREAD_DIRECT_IMPERSONATION)
     * @param level           {@code SecurityQos->ImpersonationLevel}
     * @param contextTracking {@code SecurityQos->ContextTrackingMode}: true for SECURITY_DYNAMIC_TRACKING
     * @param effectiveOnly   {@code SecurityQos->EffectiveOnly}
     */
    Result<Void> ntImpersonateThread(Handle serverThread, Handle clientThread, ImpersonationLevel level,
                                     boolean contextTracking, boolean effectiveOnly);

    // ---------------------------------------------------------------- token information

    /**
     * {@code BOOL GetTokenInformation(HANDLE TokenHandle, TOKEN_INFORMATION_CLASS TokenInformationClass,
     * LPVOID TokenInformation, DWORD TokenInformationLength, PDWORD ReturnLength)}.
     *
     * @param bufferLength the buffer size to call with, or -1 to let the backend size the buffer
     *                     (it then retries until the information fits)
     */
    Result<TokenInformation> getTokenInformation(Handle token, TokenInformationClass infoClass, int bufferLength);

    /** {@code NtQueryInformationToken}; {@code bufferLength} as for {@link #getTokenInformation}. */
    Result<TokenInformation> ntQueryInformationToken(Handle token, TokenInformationClass infoClass, int bufferLength);

    /**
     * {@code BOOL SetTokenInformation(HANDLE TokenHandle, TOKEN_INFORMATION_CLASS TokenInformationClass,
     * LPVOID TokenInformation, DWORD TokenInformationLength)}.
     *
     * @param value of the class's value type: a label {@link Sid} for TokenIntegrityLevel, an
     *              {@link Integer} for TokenSessionId, an {@code Acl} or null (NULL DACL) for
     *              TokenDefaultDacl, a {@link Sid} for TokenOwner and TokenPrimaryGroup
     */
    Result<Void> setTokenInformation(Handle token, TokenInformationClass infoClass, Object value);

    // ---------------------------------------------------------------- privileges and groups

    /**
     * {@code BOOL AdjustTokenPrivileges(HANDLE TokenHandle, BOOL DisableAllPrivileges, PTOKEN_PRIVILEGES NewState,
     * DWORD BufferLength, PTOKEN_PRIVILEGES PreviousState, PDWORD ReturnLength)}.
     *
     * @param newState the privileges to change, or null for a NULL NewState (ignored with DisableAllPrivileges;
     *                 without it the call fails with ERROR_INVALID_PARAMETER, R94)
     * @param previousStateLength the PreviousState buffer size, or -1 for a NULL PreviousState
     */
    Result<AdjustResult<TokenPrivilege>> adjustTokenPrivileges(Handle token, boolean disableAll,
                                                               List<TokenPrivilege> newState, int previousStateLength);

    /**
     * {@code BOOL AdjustTokenGroups(HANDLE TokenHandle, BOOL ResetToDefault, PTOKEN_GROUPS NewState,
     * DWORD BufferLength, PTOKEN_GROUPS PreviousState, PDWORD ReturnLength)}.
     *
     * @param newState the groups to change, or null for a NULL NewState (allowed with ResetToDefault;
     *                 without it the call fails with ERROR_INVALID_PARAMETER, R94)
     * @param previousStateLength the PreviousState buffer size, or -1 for a NULL PreviousState
     */
    Result<AdjustResult<TokenGroup>> adjustTokenGroups(Handle token, boolean resetToDefault,
                                                       List<TokenGroup> newState, int previousStateLength);

    /** {@code BOOL PrivilegeCheck(HANDLE ClientToken, PPRIVILEGE_SET RequiredPrivileges, LPBOOL pfResult)}. */
    Result<PrivilegeCheckResult> privilegeCheck(Handle token, List<Luid> privileges, boolean requireAll);

    /**
     * {@code BOOL CheckTokenMembership(HANDLE TokenHandle, PSID SidToCheck, PBOOL IsMember)}.
     *
     * @param token the token, or {@link Handle#NULL} for the calling thread's effective token
     */
    Result<Boolean> checkTokenMembership(Handle token, Sid sid);

    /**
     * {@code BOOL AccessCheck(PSECURITY_DESCRIPTOR pSecurityDescriptor, HANDLE ClientToken, DWORD DesiredAccess,
     * PGENERIC_MAPPING GenericMapping, PPRIVILEGE_SET PrivilegeSet, LPDWORD PrivilegeSetLength,
     * LPDWORD GrantedAccess, LPBOOL AccessStatus)}.
     *
     * <p>Access denied is not a call failure: the result succeeds with an {@link AccessCheckResult}
     * whose {@code accessStatus} is false (R63).
     *
     * @param privilegeSetLength the PrivilegeSet buffer size; -1 lets the backend size it
     */
    Result<AccessCheckResult> accessCheck(SecurityDescriptor securityDescriptor, Handle token, int desiredAccess,
                                          GenericMapping mapping, int privilegeSetLength);

    /**
     * {@code BOOL CreateRestrictedToken(HANDLE ExistingTokenHandle, DWORD Flags, DWORD DisableSidCount,
     * PSID_AND_ATTRIBUTES SidsToDisable, DWORD DeletePrivilegeCount, PLUID_AND_ATTRIBUTES PrivilegesToDelete,
     * DWORD RestrictedSidCount, PSID_AND_ATTRIBUTES SidsToRestrict, PHANDLE NewTokenHandle)}.
     */
    Result<Handle> createRestrictedToken(Handle token, int flags, List<Sid> sidsToDisable,
                                         List<Luid> privilegesToDelete, List<Sid> sidsToRestrict);

    // ---------------------------------------------------------------- files and devices (io-skeleton)

    /**
     * {@code HANDLE CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
     * LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes,
     * HANDLE hTemplateFile)} with no template. {@code flagsAndAttributes} carries the FILE_ATTRIBUTE_*
     * and FILE_FLAG_* bits and, for a pipe client, SECURITY_SQOS_PRESENT with the SECURITY_* level,
     * SECURITY_CONTEXT_TRACKING and SECURITY_EFFECTIVE_ONLY bits (P13).
     *
     * @param fileName           the name (never null; an empty name is ERROR_PATH_NOT_FOUND)
     * @param securityDescriptor the descriptor in {@code lpSecurityAttributes}, or null for no SECURITY_ATTRIBUTES
     * @return the handle; INVALID_HANDLE_VALUE is a failed result
     */
    Result<Handle> createFile(String fileName, int desiredAccess, int shareMode, SecurityDescriptor securityDescriptor,
                              int creationDisposition, int flagsAndAttributes);

    // ---------------------------------------------------------------- accounts and logons (issue 14; rules L, N)

    /**
     * {@code BOOL LookupAccountSidW(LPCWSTR lpSystemName, PSID Sid, LPWSTR Name, LPDWORD cchName,
     * LPWSTR ReferencedDomainName, LPDWORD cchReferencedDomainName, PSID_NAME_USE peUse)}, the backend
     * sizing the buffers (N1). An unmapped SID is ERROR_NONE_MAPPED (N2).
     *
     * @param systemName the system to ask, or null for the local one
     */
    Result<Account> lookupAccountSid(String systemName, Sid sid);

    /**
     * {@code BOOL LookupAccountNameW(LPCWSTR lpSystemName, LPCWSTR lpAccountName, PSID Sid, LPDWORD cbSid,
     * LPWSTR ReferencedDomainName, LPDWORD cchReferencedDomainName, PSID_NAME_USE peUse)} (N6-N8).
     *
     * @param systemName  the system to ask, or null for the local one
     * @param accountName the name ({@code name}, {@code DOMAIN
ame}, {@code user@dns.domain})
     */
    Result<Account> lookupAccountName(String systemName, String accountName);

    /**
     * {@code LsaOpenPolicy(NULL, POLICY_LOOKUP_NAMES)}, {@code LsaLookupSids}, {@code LsaClose}: the names
     * of many SIDs in one call (N9). The outcome is the NTSTATUS of LsaLookupSids (STATUS_SUCCESS,
     * STATUS_SOME_NOT_MAPPED, STATUS_NONE_MAPPED); the value has one entry per SID, in order, an
     * unmapped one with type {@code UNKNOWN}, and is present for all three.
     */
    Result<List<Account>> lsaLookupSids(List<Sid> sids);

    /**
     * {@code BOOL LogonUserW(LPCWSTR lpszUsername, LPCWSTR lpszDomain, LPCWSTR lpszPassword, DWORD dwLogonType,
     * DWORD dwLogonProvider, PHANDLE phToken)} (L1-L20). The backend copies the password into memory it
     * wipes after the call; it does not change {@code password}.
     *
     * @param domain   the domain, {@code "."} for the local database, or null (a UPN user name)
     * @param password the password, or null for NULL
     */
    Result<Handle> logonUser(String user, String domain, char[] password, int logonType, int logonProvider);

    /**
     * {@code LsaLogonUser} with an MSV1_0 S4U logon (a local account; the domain is the computer name)
     * or a Kerberos S4U logon (a domain account), through {@code LsaConnectUntrusted}, or
     * {@code LsaRegisterLogonProcess} when the caller has SeTcbPrivilege enabled (L19): an impersonation
     * token, at Identification level unless the caller has SeTcbPrivilege enabled.
     */
    Result<Handle> lsaLogonUserS4U(String user, String domain);
    // ---------------------------------------------------------------- named pipes and overlapped I/O (pipes)

    /**
     * {@code HANDLE CreateNamedPipeW(LPCWSTR lpName, DWORD dwOpenMode, DWORD dwPipeMode, DWORD nMaxInstances,
     * DWORD nOutBufferSize, DWORD nInBufferSize, DWORD nDefaultTimeOut, LPSECURITY_ATTRIBUTES lpSecurityAttributes)}.
     *
     * @param securityDescriptor the descriptor in {@code lpSecurityAttributes}, or null (the default pipe DACL, P6)
     */
    Result<Handle> createNamedPipe(String name, int openMode, int pipeMode, int maxInstances, int outBufferSize,
                                   int inBufferSize, int defaultTimeout, SecurityDescriptor securityDescriptor);

    /**
     * {@code BOOL ConnectNamedPipe(HANDLE hNamedPipe, LPOVERLAPPED lpOverlapped)}.
     *
     * @param overlapped the request for a handle opened with FILE_FLAG_OVERLAPPED, or null
     */
    Result<Void> connectNamedPipe(Handle pipe, Overlapped overlapped);

    /**
     * {@code BOOL WaitNamedPipeW(LPCWSTR lpNamedPipeName, DWORD nTimeOut)}: TRUE once an instance of the
     * pipe is listening (available for a connection), now or within the time-out; success reserves
     * nothing, so the CreateFileW that follows may still fail with ERROR_PIPE_BUSY (P11).
     * ERROR_FILE_NOT_FOUND at once when no pipe has the name, ERROR_SEM_TIMEOUT (121) when the
     * time-out passes. A waiting call is synchronous I/O: CancelSynchronousIo of the waiting thread
     * ends it with ERROR_OPERATION_ABORTED (P27), as does a Java interrupt in the model.
     *
     * @param timeoutMillis NMPWAIT_USE_DEFAULT_WAIT (0): the pipe's nDefaultTimeOut from CreateNamedPipeW
     *                      (50 ms when that was 0); NMPWAIT_WAIT_FOREVER (0xFFFFFFFF, -1): no time-out;
     *                      else milliseconds, unsigned
     */
    Result<Void> waitNamedPipe(String name, int timeoutMillis);

    /** {@code BOOL DisconnectNamedPipe(HANDLE hNamedPipe)}. */
    Result<Void> disconnectNamedPipe(Handle pipe);

    /**
     * {@code BOOL SetNamedPipeHandleState(HANDLE hNamedPipe, LPDWORD lpMode, NULL, NULL)}.
     *
     * @param mode PIPE_READMODE_BYTE (0) or PIPE_READMODE_MESSAGE (2), with PIPE_WAIT (0) or PIPE_NOWAIT (1)
     */
    Result<Void> setNamedPipeHandleState(Handle pipe, int mode);

    /** {@code BOOL ImpersonateNamedPipeClient(HANDLE hNamedPipe)}. */
    Result<Void> impersonateNamedPipeClient(Handle pipe);

    /** {@code BOOL GetNamedPipeClientProcessId(HANDLE Pipe, PULONG ClientProcessId)}. */
    Result<Integer> getNamedPipeClientProcessId(Handle pipe);

    /**
     * {@code BOOL ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead, LPDWORD lpNumberOfBytesRead,
     * LPOVERLAPPED lpOverlapped)} into a buffer of {@code length} bytes: the bytes read; ERROR_MORE_DATA is a
     * failed result whose value is the part read. With a pending {@code overlapped} the result is
     * ERROR_IO_PENDING and the bytes come with {@link #getOverlappedResult} ({@link Overlapped#completedData()}).
     */
    Result<byte[]> readFile(Handle file, int length, Overlapped overlapped);

    /** {@code BOOL WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite, LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped)}. */
    Result<Integer> writeFile(Handle file, byte[] data, Overlapped overlapped);

    /** {@code HANDLE CreateEventW(NULL, BOOL bManualReset, BOOL bInitialState, NULL)}. */
    Result<Handle> createEvent(boolean manualReset, boolean initialState);

    /** {@code DWORD WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds)}: WAIT_OBJECT_0 (0) or WAIT_TIMEOUT (258); -1 waits forever. */
    Result<Integer> waitForSingleObject(Handle handle, int milliseconds);

    /** {@code BOOL CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped)}. */
    Result<Void> cancelIoEx(Handle file, Overlapped overlapped);

    /**
     * {@code BOOL CancelSynchronousIo(HANDLE hThread)}: cancels the synchronous I/O call (ReadFile,
     * WriteFile, ConnectNamedPipe on a handle opened without FILE_FLAG_OVERLAPPED) that {@code thread}
     * is blocked in, which then fails with ERROR_OPERATION_ABORTED; ERROR_NOT_FOUND when it is in none
     * (P27). The handle needs THREAD_TERMINATE.
     */
    Result<Void> cancelSynchronousIo(Handle thread);

    /**
     * {@code BOOL GetOverlappedResult(HANDLE hFile, LPOVERLAPPED lpOverlapped, LPDWORD lpNumberOfBytesTransferred, BOOL bWait)}:
     * the bytes transferred; ERROR_IO_INCOMPLETE while pending and {@code wait} is false.
     */
    Result<Integer> getOverlappedResult(Handle file, Overlapped overlapped, boolean wait);
    // ---------------------------------------------------------------- processes under a token (processes, issue 20)

    /**
     * {@code BOOL CreateProcessW(lpApplicationName, lpCommandLine, NULL, NULL, bInheritHandles, dwCreationFlags,
     * lpEnvironment, lpCurrentDirectory, lpStartupInfo, lpProcessInformation)}: the child gets a primary copy of
     * the caller's <em>process</em> token even while the calling thread impersonates (R18). Piped streams are
     * made with CreatePipe (the child's ends inheritable, bInheritHandles TRUE); the child's ends are closed
     * after the call whatever its outcome.
     */
    Result<StartedProcess> createProcess(ProcessStart start);

    /**
     * {@code BOOL CreateProcessAsUserW(HANDLE hToken, ...)} with the same other arguments as
     * {@link #createProcess}; the token handle needs TOKEN_QUERY|TOKEN_ASSIGN_PRIMARY, and without
     * SeAssignPrimaryTokenPrivilege the token must be a child or a sibling of the caller's process token
     * (L18, PROC2, PROC3).
     *
     * @param token the token, or {@link Handle#NULL} for the caller's process token (R18)
     */
    Result<StartedProcess> createProcessAsUser(Handle token, ProcessStart start);

    /**
     * {@code BOOL CreateProcessWithTokenW(HANDLE hToken, DWORD dwLogonFlags, lpApplicationName, lpCommandLine,
     * dwCreationFlags, lpEnvironment, lpCurrentDirectory, lpStartupInfo, lpProcessInformation)}: the secondary
     * logon service starts the process; the caller needs SeImpersonatePrivilege (PROC4).
     *
     * @param logonFlags LOGON_WITH_PROFILE (1) and/or LOGON_NETCREDENTIALS_ONLY (2), or 0
     */
    Result<StartedProcess> createProcessWithToken(Handle token, int logonFlags, ProcessStart start);

    /** {@code DWORD ResumeThread(HANDLE hThread)}; the value is the previous suspend count. */
    Result<Integer> resumeThread(Handle thread);

    /** {@code BOOL TerminateProcess(HANDLE hProcess, UINT uExitCode)}. */
    Result<Void> terminateProcess(Handle process, int exitCode);

    /** {@code BOOL GetExitCodeProcess(HANDLE hProcess, LPDWORD lpExitCode)}: STILL_ACTIVE (259) while it runs. */
    Result<Integer> getExitCodeProcess(Handle process);


    /**
     * {@code CreateEnvironmentBlock(&block, hToken, bInherit)}, read into a map, then
     * {@code DestroyEnvironmentBlock(block)}: the environment of the token's user.
     *
     * @param inherit true to start from the calling process's environment
     */
    Result<java.util.Map<String, String>> createEnvironmentBlock(Handle token, boolean inherit);

    /**
     * {@code BOOL LoadUserProfileW(HANDLE hToken, LPPROFILEINFOW lpProfileInfo)} with
     * {@code PI_NOUI} and {@code lpUserName}; the value is {@code hProfile} (the HKEY of the user's hive),
     * which {@link #unloadUserProfile} releases. Needs SeBackup and SeRestore privileges (MSDOC).
     */
    Result<Handle> loadUserProfile(Handle token, String userName);

    /** {@code BOOL UnloadUserProfile(HANDLE hToken, HANDLE hProfile)}. */
    Result<Void> unloadUserProfile(Handle token, Handle profile);
    // ---------------------------------------------------------------- object security: files, keys, kernel objects (objects)

    /**
     * {@code BOOL CreateDirectoryW(LPCWSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes)}.
     *
     * @param securityDescriptor the descriptor in {@code lpSecurityAttributes}, or null for none
     */
    Result<Void> createDirectory(String path, SecurityDescriptor securityDescriptor);

    /** {@code BOOL RemoveDirectoryW(LPCWSTR lpPathName)}. */
    Result<Void> removeDirectory(String path);

    /** {@code BOOL DeleteFileW(LPCWSTR lpFileName)}. */
    Result<Void> deleteFile(String path);

    /** {@code DWORD GetTempPathW(DWORD nBufferLength, LPWSTR lpBuffer)}: the path, with its trailing backslash. */
    Result<String> getTempPath();

    /**
     * {@code LSTATUS RegCreateKeyExW(HKEY hKey, LPCWSTR lpSubKey, 0, NULL, DWORD dwOptions, REGSAM samDesired,
     * LPSECURITY_ATTRIBUTES lpSecurityAttributes, PHKEY phkResult, LPDWORD lpdwDisposition)}.
     *
     * @param key                an open key or a {@link PredefinedKey}
     * @param securityDescriptor the descriptor in {@code lpSecurityAttributes}, or null for none
     */
    Result<Handle> regCreateKeyEx(Handle key, String subKey, int options, int desiredAccess, SecurityDescriptor securityDescriptor);

    /** {@code LSTATUS RegOpenKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD ulOptions, REGSAM samDesired, PHKEY phkResult)}. */
    Result<Handle> regOpenKeyEx(Handle key, String subKey, int options, int desiredAccess);

    /** {@code LSTATUS RegCloseKey(HKEY hKey)}. */
    Result<Void> regCloseKey(Handle key);

    /** {@code LSTATUS RegDeleteTreeW(HKEY hKey, LPCWSTR lpSubKey)}; a null {@code subKey} deletes only the subkeys. */
    Result<Void> regDeleteTree(Handle key, String subKey);

    /**
     * {@code DWORD GetNamedSecurityInfoW(LPCWSTR pObjectName, SE_OBJECT_TYPE ObjectType, SECURITY_INFORMATION SecurityInfo,
     * PSID *ppsidOwner, PSID *ppsidGroup, PACL *ppDacl, PACL *ppSacl, PSECURITY_DESCRIPTOR *ppSecurityDescriptor)}:
     * the returned descriptor holds the parts asked for (docs/rules.md O9).
     */
    Result<SecurityDescriptor> getNamedSecurityInfo(String objectName, SeObjectType type, int securityInformation);

    /**
     * {@code DWORD SetNamedSecurityInfoW(LPWSTR pObjectName, SE_OBJECT_TYPE ObjectType, SECURITY_INFORMATION SecurityInfo,
     * PSID psidOwner, PSID psidGroup, PACL pDacl, PACL pSacl)} with the parts taken from {@code parts}: its owner,
     * group, DACL (a present NULL DACL is pDacl NULL) and SACL (audit and label ACEs).
     */
    Result<Void> setNamedSecurityInfo(String objectName, SeObjectType type, int securityInformation, SecurityDescriptor parts);

    /** {@code DWORD GetSecurityInfo(HANDLE handle, SE_OBJECT_TYPE ObjectType, SECURITY_INFORMATION SecurityInfo, ...)}. */
    Result<SecurityDescriptor> getSecurityInfo(Handle handle, SeObjectType type, int securityInformation);

    /** {@code DWORD SetSecurityInfo(HANDLE handle, SE_OBJECT_TYPE ObjectType, SECURITY_INFORMATION SecurityInfo, ...)}, parts as for {@link #setNamedSecurityInfo}. */
    Result<Void> setSecurityInfo(Handle handle, SeObjectType type, int securityInformation, SecurityDescriptor parts);

    /** Releases the backend's own resources (not the handles, which the caller owns). */
    @Override
    void close();
}
