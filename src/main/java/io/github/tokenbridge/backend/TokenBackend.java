package io.github.tokenbridge.backend;

import io.github.tokenbridge.AccessCheckResult;
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
     * @param previousStateLength the PreviousState buffer size, or -1 for a NULL PreviousState
     */
    Result<AdjustResult<TokenPrivilege>> adjustTokenPrivileges(Handle token, boolean disableAll,
                                                               List<TokenPrivilege> newState, int previousStateLength);

    /**
     * {@code BOOL AdjustTokenGroups(HANDLE TokenHandle, BOOL ResetToDefault, PTOKEN_GROUPS NewState,
     * DWORD BufferLength, PTOKEN_GROUPS PreviousState, PDWORD ReturnLength)}.
     *
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
