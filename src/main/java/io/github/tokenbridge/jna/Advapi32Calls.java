package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The advapi32.dll token and impersonation functions the jna backend calls, bound by JNA
 * interface mapping (mockable). {@code BOOL} is Java {@code boolean} (JNA passes it as a 32-bit
 * int); structures are passed as {@link Pointer}s to memory the backend encodes. The last error
 * of each call is read through {@link NativeCalls#lastError()} right after it.
 */
interface Advapi32Calls extends StdCallLibrary {

    /** {@code BOOL OpenProcessToken(HANDLE ProcessHandle, DWORD DesiredAccess, PHANDLE TokenHandle);} */
    boolean OpenProcessToken(HANDLE ProcessHandle, int DesiredAccess, HANDLEByReference TokenHandle);

    /** {@code BOOL OpenThreadToken(HANDLE ThreadHandle, DWORD DesiredAccess, BOOL OpenAsSelf, PHANDLE TokenHandle);} */
    boolean OpenThreadToken(HANDLE ThreadHandle, int DesiredAccess, boolean OpenAsSelf, HANDLEByReference TokenHandle);

    /**
     * {@code BOOL DuplicateToken(HANDLE ExistingTokenHandle, SECURITY_IMPERSONATION_LEVEL ImpersonationLevel,
     * PHANDLE DuplicateTokenHandle);}
     */
    boolean DuplicateToken(HANDLE ExistingTokenHandle, int ImpersonationLevel, HANDLEByReference DuplicateTokenHandle);

    /**
     * {@code BOOL DuplicateTokenEx(HANDLE hExistingToken, DWORD dwDesiredAccess, LPSECURITY_ATTRIBUTES lpTokenAttributes,
     * SECURITY_IMPERSONATION_LEVEL ImpersonationLevel, TOKEN_TYPE TokenType, PHANDLE phNewToken);}
     */
    boolean DuplicateTokenEx(HANDLE hExistingToken, int dwDesiredAccess, Pointer lpTokenAttributes,
                             int ImpersonationLevel, int TokenType, HANDLEByReference phNewToken);

    /** {@code BOOL ImpersonateSelf(SECURITY_IMPERSONATION_LEVEL ImpersonationLevel);} */
    boolean ImpersonateSelf(int ImpersonationLevel);

    /** {@code BOOL ImpersonateLoggedOnUser(HANDLE hToken);} */
    boolean ImpersonateLoggedOnUser(HANDLE hToken);

    /** {@code BOOL SetThreadToken(PHANDLE Thread, HANDLE Token);} ({@code Thread} may be null: the calling thread) */
    boolean SetThreadToken(HANDLEByReference Thread, HANDLE Token);

    /** {@code BOOL ImpersonateAnonymousToken(HANDLE ThreadHandle);} */
    boolean ImpersonateAnonymousToken(HANDLE ThreadHandle);

    /** {@code BOOL RevertToSelf(void);} */
    boolean RevertToSelf();

    /**
     * {@code BOOL GetTokenInformation(HANDLE TokenHandle, TOKEN_INFORMATION_CLASS TokenInformationClass,
     * LPVOID TokenInformation, DWORD TokenInformationLength, PDWORD ReturnLength);}
     */
    boolean GetTokenInformation(HANDLE TokenHandle, int TokenInformationClass, Pointer TokenInformation,
                                int TokenInformationLength, IntByReference ReturnLength);

    /**
     * {@code BOOL SetTokenInformation(HANDLE TokenHandle, TOKEN_INFORMATION_CLASS TokenInformationClass,
     * LPVOID TokenInformation, DWORD TokenInformationLength);}
     */
    boolean SetTokenInformation(HANDLE TokenHandle, int TokenInformationClass, Pointer TokenInformation,
                                int TokenInformationLength);

    /**
     * {@code BOOL AdjustTokenPrivileges(HANDLE TokenHandle, BOOL DisableAllPrivileges, PTOKEN_PRIVILEGES NewState,
     * DWORD BufferLength, PTOKEN_PRIVILEGES PreviousState, PDWORD ReturnLength);}
     */
    boolean AdjustTokenPrivileges(HANDLE TokenHandle, boolean DisableAllPrivileges, Pointer NewState,
                                  int BufferLength, Pointer PreviousState, IntByReference ReturnLength);

    /**
     * {@code BOOL AdjustTokenGroups(HANDLE TokenHandle, BOOL ResetToDefault, PTOKEN_GROUPS NewState,
     * DWORD BufferLength, PTOKEN_GROUPS PreviousState, PDWORD ReturnLength);}
     */
    boolean AdjustTokenGroups(HANDLE TokenHandle, boolean ResetToDefault, Pointer NewState,
                              int BufferLength, Pointer PreviousState, IntByReference ReturnLength);

    /** {@code BOOL PrivilegeCheck(HANDLE ClientToken, PPRIVILEGE_SET RequiredPrivileges, LPBOOL pfResult);} */
    boolean PrivilegeCheck(HANDLE ClientToken, Pointer RequiredPrivileges, IntByReference pfResult);

    /** {@code BOOL CheckTokenMembership(HANDLE TokenHandle, PSID SidToCheck, PBOOL IsMember);} */
    boolean CheckTokenMembership(HANDLE TokenHandle, Pointer SidToCheck, IntByReference IsMember);

    /**
     * {@code BOOL AccessCheck(PSECURITY_DESCRIPTOR pSecurityDescriptor, HANDLE ClientToken, DWORD DesiredAccess,
     * PGENERIC_MAPPING GenericMapping, PPRIVILEGE_SET PrivilegeSet, LPDWORD PrivilegeSetLength,
     * LPDWORD GrantedAccess, LPBOOL AccessStatus);}
     */
    boolean AccessCheck(Pointer pSecurityDescriptor, HANDLE ClientToken, int DesiredAccess, Pointer GenericMapping,
                        Pointer PrivilegeSet, IntByReference PrivilegeSetLength, IntByReference GrantedAccess,
                        IntByReference AccessStatus);

    /**
     * {@code BOOL CreateRestrictedToken(HANDLE ExistingTokenHandle, DWORD Flags, DWORD DisableSidCount,
     * PSID_AND_ATTRIBUTES SidsToDisable, DWORD DeletePrivilegeCount, PLUID_AND_ATTRIBUTES PrivilegesToDelete,
     * DWORD RestrictedSidCount, PSID_AND_ATTRIBUTES SidsToRestrict, PHANDLE NewTokenHandle);}
     */
    boolean CreateRestrictedToken(HANDLE ExistingTokenHandle, int Flags, int DisableSidCount, Pointer SidsToDisable,
                                  int DeletePrivilegeCount, Pointer PrivilegesToDelete, int RestrictedSidCount,
                                  Pointer SidsToRestrict, HANDLEByReference NewTokenHandle);

    // ---------------------------------------------------------------- accounts and logons (issue 14)

    /**
     * {@code BOOL LookupAccountSidW(LPCWSTR lpSystemName, PSID Sid, LPWSTR Name, LPDWORD cchName,
     * LPWSTR ReferencedDomainName, LPDWORD cchReferencedDomainName, PSID_NAME_USE peUse);}
     */
    boolean LookupAccountSidW(com.sun.jna.WString lpSystemName, Pointer Sid, Pointer Name, IntByReference cchName,
                              Pointer ReferencedDomainName, IntByReference cchReferencedDomainName, IntByReference peUse);

    /**
     * {@code BOOL LookupAccountNameW(LPCWSTR lpSystemName, LPCWSTR lpAccountName, PSID Sid, LPDWORD cbSid,
     * LPWSTR ReferencedDomainName, LPDWORD cchReferencedDomainName, PSID_NAME_USE peUse);}
     */
    boolean LookupAccountNameW(com.sun.jna.WString lpSystemName, com.sun.jna.WString lpAccountName, Pointer Sid,
                               IntByReference cbSid, Pointer ReferencedDomainName, IntByReference cchReferencedDomainName,
                               IntByReference peUse);

    /**
     * {@code BOOL LogonUserW(LPCWSTR lpszUsername, LPCWSTR lpszDomain, LPCWSTR lpszPassword, DWORD dwLogonType,
     * DWORD dwLogonProvider, PHANDLE phToken);} (the password in memory the backend wipes)
     */
    boolean LogonUserW(com.sun.jna.WString lpszUsername, com.sun.jna.WString lpszDomain, Pointer lpszPassword,
                       int dwLogonType, int dwLogonProvider, HANDLEByReference phToken);

    /**
     * {@code NTSTATUS LsaOpenPolicy(PLSA_UNICODE_STRING SystemName, PLSA_OBJECT_ATTRIBUTES ObjectAttributes,
     * ACCESS_MASK DesiredAccess, PLSA_HANDLE PolicyHandle);}
     */
    int LsaOpenPolicy(Pointer SystemName, Pointer ObjectAttributes, int DesiredAccess,
                      com.sun.jna.ptr.PointerByReference PolicyHandle);

    /**
     * {@code NTSTATUS LsaLookupSids(LSA_HANDLE PolicyHandle, ULONG Count, PSID *Sids,
     * PLSA_REFERENCED_DOMAIN_LIST *ReferencedDomains, PLSA_TRANSLATED_NAME *Names);}
     */
    int LsaLookupSids(Pointer PolicyHandle, int Count, Pointer Sids, com.sun.jna.ptr.PointerByReference ReferencedDomains,
                      com.sun.jna.ptr.PointerByReference Names);

    /** {@code NTSTATUS LsaFreeMemory(PVOID Buffer);} */
    int LsaFreeMemory(Pointer Buffer);

    /** {@code NTSTATUS LsaClose(LSA_HANDLE ObjectHandle);} */
    int LsaClose(Pointer ObjectHandle);
    // ---- named pipes (pipes)

    /** {@code BOOL ImpersonateNamedPipeClient(HANDLE hNamedPipe);} */
    boolean ImpersonateNamedPipeClient(HANDLE hNamedPipe);
    // ---- object security and registry (objects); LSTATUS and DWORD results are the Win32 code

    /** {@code DWORD GetNamedSecurityInfoW(LPCWSTR, SE_OBJECT_TYPE, SECURITY_INFORMATION, PSID*, PSID*, PACL*, PACL*, PSECURITY_DESCRIPTOR*);} */
    int GetNamedSecurityInfoW(com.sun.jna.WString pObjectName, int objectType, int securityInfo,
                              com.sun.jna.ptr.PointerByReference ppsidOwner, com.sun.jna.ptr.PointerByReference ppsidGroup,
                              com.sun.jna.ptr.PointerByReference ppDacl, com.sun.jna.ptr.PointerByReference ppSacl,
                              com.sun.jna.ptr.PointerByReference ppSecurityDescriptor);

    /** {@code DWORD SetNamedSecurityInfoW(LPWSTR, SE_OBJECT_TYPE, SECURITY_INFORMATION, PSID, PSID, PACL, PACL);} */
    int SetNamedSecurityInfoW(com.sun.jna.WString pObjectName, int objectType, int securityInfo, Pointer psidOwner,
                              Pointer psidGroup, Pointer pDacl, Pointer pSacl);

    /** {@code DWORD GetSecurityInfo(HANDLE, SE_OBJECT_TYPE, SECURITY_INFORMATION, PSID*, PSID*, PACL*, PACL*, PSECURITY_DESCRIPTOR*);} */
    int GetSecurityInfo(HANDLE handle, int objectType, int securityInfo, com.sun.jna.ptr.PointerByReference ppsidOwner,
                        com.sun.jna.ptr.PointerByReference ppsidGroup, com.sun.jna.ptr.PointerByReference ppDacl,
                        com.sun.jna.ptr.PointerByReference ppSacl, com.sun.jna.ptr.PointerByReference ppSecurityDescriptor);

    /** {@code DWORD SetSecurityInfo(HANDLE, SE_OBJECT_TYPE, SECURITY_INFORMATION, PSID, PSID, PACL, PACL);} */
    int SetSecurityInfo(HANDLE handle, int objectType, int securityInfo, Pointer psidOwner, Pointer psidGroup, Pointer pDacl,
                        Pointer pSacl);

    /** {@code LSTATUS RegCreateKeyExW(HKEY, LPCWSTR, DWORD, LPWSTR, DWORD, REGSAM, LPSECURITY_ATTRIBUTES, PHKEY, LPDWORD);} */
    int RegCreateKeyExW(HANDLE hKey, com.sun.jna.WString lpSubKey, int reserved, Pointer lpClass, int dwOptions, int samDesired,
                        Pointer lpSecurityAttributes, HANDLEByReference phkResult, IntByReference lpdwDisposition);

    /** {@code LSTATUS RegOpenKeyExW(HKEY, LPCWSTR, DWORD, REGSAM, PHKEY);} */
    int RegOpenKeyExW(HANDLE hKey, com.sun.jna.WString lpSubKey, int ulOptions, int samDesired, HANDLEByReference phkResult);

    /** {@code LSTATUS RegCloseKey(HKEY);} */
    int RegCloseKey(HANDLE hKey);

    /** {@code LSTATUS RegDeleteTreeW(HKEY, LPCWSTR);} */
    int RegDeleteTreeW(HANDLE hKey, com.sun.jna.WString lpSubKey);
}
