/*
 * tokenbridge struct-layout probe: prints, for Windows x64 as the real headers declare it, the
 * sizeof and offsetof of every structure the jna backend reads or writes, and the value of every
 * constant it uses. Compiled with x86_64-w64-mingw32-gcc and run under Wine (or on Windows);
 * portable-tests compare the output with the layouts JNA computes (StructLayout / NativeLayout).
 *
 * Output lines:  size <STRUCT> <n>  |  offset <STRUCT>.<Field> <n>  |  const <NAME> 0x<hex32>
 */
#define WIN32_NO_STATUS
#include <windows.h>
#undef WIN32_NO_STATUS
#include <ntstatus.h>
#include <winternl.h>
#include <ntsecapi.h>
#include <stddef.h>
#include <stdio.h>

#define S(t) printf("size %s %u\n", #t, (unsigned) sizeof(t))
#define O(t, f) printf("offset %s.%s %u\n", #t, #f, (unsigned) offsetof(t, f))
#define C(n) printf("const %s 0x%08lX\n", #n, (unsigned long) (DWORD) (n))

/* The TOKEN_LINKED_TOKEN / TOKEN_MANDATORY_POLICY / TOKEN_ORIGIN names are all in winnt.h. */

int main(void)
{
    S(LUID); O(LUID, LowPart); O(LUID, HighPart);
    S(LUID_AND_ATTRIBUTES); O(LUID_AND_ATTRIBUTES, Luid); O(LUID_AND_ATTRIBUTES, Attributes);
    S(SID_AND_ATTRIBUTES); O(SID_AND_ATTRIBUTES, Sid); O(SID_AND_ATTRIBUTES, Attributes);
    S(TOKEN_USER); O(TOKEN_USER, User);
    S(TOKEN_GROUPS); O(TOKEN_GROUPS, GroupCount); O(TOKEN_GROUPS, Groups);
    S(TOKEN_PRIVILEGES); O(TOKEN_PRIVILEGES, PrivilegeCount); O(TOKEN_PRIVILEGES, Privileges);
    S(TOKEN_OWNER); O(TOKEN_OWNER, Owner);
    S(TOKEN_PRIMARY_GROUP); O(TOKEN_PRIMARY_GROUP, PrimaryGroup);
    S(TOKEN_ELEVATION); O(TOKEN_ELEVATION, TokenIsElevated);
    S(PRIVILEGE_SET); O(PRIVILEGE_SET, PrivilegeCount); O(PRIVILEGE_SET, Control); O(PRIVILEGE_SET, Privilege);
    S(GENERIC_MAPPING); O(GENERIC_MAPPING, GenericRead); O(GENERIC_MAPPING, GenericWrite);
    O(GENERIC_MAPPING, GenericExecute); O(GENERIC_MAPPING, GenericAll);
    S(ACL); O(ACL, AclRevision); O(ACL, Sbz1); O(ACL, AclSize); O(ACL, AceCount); O(ACL, Sbz2);
    S(ACE_HEADER); O(ACE_HEADER, AceType); O(ACE_HEADER, AceFlags); O(ACE_HEADER, AceSize);
    S(ACCESS_ALLOWED_ACE); O(ACCESS_ALLOWED_ACE, Header); O(ACCESS_ALLOWED_ACE, Mask); O(ACCESS_ALLOWED_ACE, SidStart);
    S(SYSTEM_MANDATORY_LABEL_ACE); O(SYSTEM_MANDATORY_LABEL_ACE, Mask); O(SYSTEM_MANDATORY_LABEL_ACE, SidStart);
    S(SECURITY_DESCRIPTOR_RELATIVE); O(SECURITY_DESCRIPTOR_RELATIVE, Revision); O(SECURITY_DESCRIPTOR_RELATIVE, Sbz1);
    O(SECURITY_DESCRIPTOR_RELATIVE, Control); O(SECURITY_DESCRIPTOR_RELATIVE, Owner); O(SECURITY_DESCRIPTOR_RELATIVE, Group);
    O(SECURITY_DESCRIPTOR_RELATIVE, Sacl); O(SECURITY_DESCRIPTOR_RELATIVE, Dacl);
    S(SECURITY_ATTRIBUTES); O(SECURITY_ATTRIBUTES, nLength); O(SECURITY_ATTRIBUTES, lpSecurityDescriptor);
    O(SECURITY_ATTRIBUTES, bInheritHandle);
    S(SECURITY_QUALITY_OF_SERVICE); O(SECURITY_QUALITY_OF_SERVICE, Length); O(SECURITY_QUALITY_OF_SERVICE, ImpersonationLevel);
    O(SECURITY_QUALITY_OF_SERVICE, ContextTrackingMode); O(SECURITY_QUALITY_OF_SERVICE, EffectiveOnly);
    S(TOKEN_STATISTICS); O(TOKEN_STATISTICS, TokenId); O(TOKEN_STATISTICS, AuthenticationId);
    O(TOKEN_STATISTICS, ExpirationTime); O(TOKEN_STATISTICS, TokenType); O(TOKEN_STATISTICS, ImpersonationLevel);
    O(TOKEN_STATISTICS, DynamicCharged); O(TOKEN_STATISTICS, DynamicAvailable); O(TOKEN_STATISTICS, GroupCount);
    O(TOKEN_STATISTICS, PrivilegeCount); O(TOKEN_STATISTICS, ModifiedId);
    S(TOKEN_MANDATORY_LABEL); O(TOKEN_MANDATORY_LABEL, Label);
    S(TOKEN_LINKED_TOKEN); O(TOKEN_LINKED_TOKEN, LinkedToken);
    S(TOKEN_SOURCE); O(TOKEN_SOURCE, SourceName); O(TOKEN_SOURCE, SourceIdentifier);
    S(TOKEN_DEFAULT_DACL); O(TOKEN_DEFAULT_DACL, DefaultDacl);
    S(TOKEN_ORIGIN); O(TOKEN_ORIGIN, OriginatingLogonSession);
    S(TOKEN_MANDATORY_POLICY); O(TOKEN_MANDATORY_POLICY, Policy);
    /* named pipes and overlapped I/O (pipes): the OVERLAPPED an overlapped ConnectNamedPipe / ReadFile / WriteFile takes */
    S(OVERLAPPED); O(OVERLAPPED, Internal); O(OVERLAPPED, InternalHigh); O(OVERLAPPED, Offset); O(OVERLAPPED, OffsetHigh);
    O(OVERLAPPED, hEvent);
    /* accounts and logons (issue 14) */
    S(LSA_UNICODE_STRING); O(LSA_UNICODE_STRING, Length); O(LSA_UNICODE_STRING, MaximumLength); O(LSA_UNICODE_STRING, Buffer);
    S(LSA_OBJECT_ATTRIBUTES); O(LSA_OBJECT_ATTRIBUTES, Length); O(LSA_OBJECT_ATTRIBUTES, RootDirectory);
    O(LSA_OBJECT_ATTRIBUTES, ObjectName); O(LSA_OBJECT_ATTRIBUTES, Attributes); O(LSA_OBJECT_ATTRIBUTES, SecurityDescriptor);
    O(LSA_OBJECT_ATTRIBUTES, SecurityQualityOfService);
    S(LSA_TRANSLATED_NAME); O(LSA_TRANSLATED_NAME, Use); O(LSA_TRANSLATED_NAME, Name); O(LSA_TRANSLATED_NAME, DomainIndex);
    S(LSA_TRUST_INFORMATION); O(LSA_TRUST_INFORMATION, Name); O(LSA_TRUST_INFORMATION, Sid);
    S(LSA_REFERENCED_DOMAIN_LIST); O(LSA_REFERENCED_DOMAIN_LIST, Entries); O(LSA_REFERENCED_DOMAIN_LIST, Domains);
    S(OBJECT_ATTRIBUTES); O(OBJECT_ATTRIBUTES, Length); O(OBJECT_ATTRIBUTES, RootDirectory);
    O(OBJECT_ATTRIBUTES, ObjectName); O(OBJECT_ATTRIBUTES, Attributes); O(OBJECT_ATTRIBUTES, SecurityDescriptor);
    O(OBJECT_ATTRIBUTES, SecurityQualityOfService);
    S(PUBLIC_OBJECT_BASIC_INFORMATION); O(PUBLIC_OBJECT_BASIC_INFORMATION, Attributes);
    O(PUBLIC_OBJECT_BASIC_INFORMATION, GrantedAccess); O(PUBLIC_OBJECT_BASIC_INFORMATION, HandleCount);
    O(PUBLIC_OBJECT_BASIC_INFORMATION, PointerCount); O(PUBLIC_OBJECT_BASIC_INFORMATION, Reserved);
    /* token information classes 13 and 30-34 (docs/token-information-classes.md) */
    S(TOKEN_GROUPS_AND_PRIVILEGES); O(TOKEN_GROUPS_AND_PRIVILEGES, SidCount); O(TOKEN_GROUPS_AND_PRIVILEGES, SidLength);
    O(TOKEN_GROUPS_AND_PRIVILEGES, Sids); O(TOKEN_GROUPS_AND_PRIVILEGES, RestrictedSidCount);
    O(TOKEN_GROUPS_AND_PRIVILEGES, RestrictedSidLength); O(TOKEN_GROUPS_AND_PRIVILEGES, RestrictedSids);
    O(TOKEN_GROUPS_AND_PRIVILEGES, PrivilegeCount); O(TOKEN_GROUPS_AND_PRIVILEGES, PrivilegeLength);
    O(TOKEN_GROUPS_AND_PRIVILEGES, Privileges); O(TOKEN_GROUPS_AND_PRIVILEGES, AuthenticationId);
    S(TOKEN_APPCONTAINER_INFORMATION); O(TOKEN_APPCONTAINER_INFORMATION, TokenAppContainer);
    S(CLAIM_SECURITY_ATTRIBUTES_INFORMATION); O(CLAIM_SECURITY_ATTRIBUTES_INFORMATION, Version);
    O(CLAIM_SECURITY_ATTRIBUTES_INFORMATION, Reserved); O(CLAIM_SECURITY_ATTRIBUTES_INFORMATION, AttributeCount);
    O(CLAIM_SECURITY_ATTRIBUTES_INFORMATION, Attribute);
    S(HANDLE); S(BOOL); S(BOOLEAN); S(DWORD); S(ULONG); S(NTSTATUS);

    C(TokenUser);
    C(TokenGroups);
    C(TokenPrivileges);
    C(TokenOwner);
    C(TokenPrimaryGroup);
    C(TokenDefaultDacl);
    C(TokenSource);
    C(TokenType);
    C(TokenImpersonationLevel);
    C(TokenStatistics);
    C(TokenRestrictedSids);
    C(TokenSessionId);
    C(TokenGroupsAndPrivileges);
    C(TokenSessionReference);
    C(TokenSandBoxInert);
    C(TokenAuditPolicy);
    C(TokenOrigin);
    C(TokenElevationType);
    C(TokenLinkedToken);
    C(TokenElevation);
    C(TokenHasRestrictions);
    C(TokenAccessInformation);
    C(TokenVirtualizationAllowed);
    C(TokenVirtualizationEnabled);
    C(TokenIntegrityLevel);
    C(TokenUIAccess);
    C(TokenMandatoryPolicy);
    C(TokenLogonSid);
    C(TokenIsAppContainer);
    /* mingw-w64's TOKEN_INFORMATION_CLASS ends at TokenIsRestricted (40) */
    C(TokenCapabilities);
    C(TokenAppContainerSid);
    C(TokenAppContainerNumber);
    C(TokenUserClaimAttributes);
    C(TokenDeviceClaimAttributes);
    C(TokenRestrictedUserClaimAttributes);
    C(TokenRestrictedDeviceClaimAttributes);
    C(TokenDeviceGroups);
    C(TokenRestrictedDeviceGroups);
    C(TokenSecurityAttributes);
    C(TokenIsRestricted);
    C(TokenPrimary);
    C(TokenImpersonation);
    C(SecurityAnonymous);
    C(SecurityIdentification);
    C(SecurityImpersonation);
    C(SecurityDelegation);
    C(TokenElevationTypeDefault);
    C(TokenElevationTypeFull);
    C(TokenElevationTypeLimited);
    C(ACCESS_ALLOWED_ACE_TYPE);
    C(ACCESS_DENIED_ACE_TYPE);
    C(SYSTEM_AUDIT_ACE_TYPE);
    C(SYSTEM_MANDATORY_LABEL_ACE_TYPE);
    C(ThreadImpersonationToken);
    C(ObjectBasicInformation);
    C(SE_GROUP_INTEGRITY);
    C(PRIVILEGE_SET_ALL_NECESSARY);
    C(SECURITY_DESCRIPTOR_REVISION);
    C(ACL_REVISION);
    C(SE_SELF_RELATIVE);
    C(SE_DACL_PRESENT);
    C(SE_SACL_PRESENT);
    C(SECURITY_STATIC_TRACKING);
    C(SECURITY_DYNAMIC_TRACKING);
    C(DUPLICATE_CLOSE_SOURCE);
    C(DUPLICATE_SAME_ACCESS);
#ifdef STATUS_SUCCESS
    C(STATUS_SUCCESS);
#else
    printf("absent STATUS_SUCCESS\n");
#endif
#ifdef STATUS_NO_TOKEN
    C(STATUS_NO_TOKEN);
#else
    printf("absent STATUS_NO_TOKEN\n");
#endif
#ifdef STATUS_CANT_OPEN_ANONYMOUS
    C(STATUS_CANT_OPEN_ANONYMOUS);
#else
    printf("absent STATUS_CANT_OPEN_ANONYMOUS\n");
#endif
#ifdef STATUS_BAD_IMPERSONATION_LEVEL
    C(STATUS_BAD_IMPERSONATION_LEVEL);
#else
    printf("absent STATUS_BAD_IMPERSONATION_LEVEL\n");
#endif
#ifdef STATUS_BAD_TOKEN_TYPE
    C(STATUS_BAD_TOKEN_TYPE);
#else
    printf("absent STATUS_BAD_TOKEN_TYPE\n");
#endif
#ifdef STATUS_ACCESS_DENIED
    C(STATUS_ACCESS_DENIED);
#else
    printf("absent STATUS_ACCESS_DENIED\n");
#endif
#ifdef STATUS_INVALID_HANDLE
    C(STATUS_INVALID_HANDLE);
#else
    printf("absent STATUS_INVALID_HANDLE\n");
#endif
#ifdef STATUS_OBJECT_TYPE_MISMATCH
    C(STATUS_OBJECT_TYPE_MISMATCH);
#else
    printf("absent STATUS_OBJECT_TYPE_MISMATCH\n");
#endif
#ifdef STATUS_INVALID_PARAMETER
    C(STATUS_INVALID_PARAMETER);
#else
    printf("absent STATUS_INVALID_PARAMETER\n");
#endif
#ifdef STATUS_PRIVILEGE_NOT_HELD
    C(STATUS_PRIVILEGE_NOT_HELD);
#else
    printf("absent STATUS_PRIVILEGE_NOT_HELD\n");
#endif
#ifdef STATUS_NOT_ALL_ASSIGNED
    C(STATUS_NOT_ALL_ASSIGNED);
#else
    printf("absent STATUS_NOT_ALL_ASSIGNED\n");
#endif
#ifdef STATUS_BUFFER_TOO_SMALL
    C(STATUS_BUFFER_TOO_SMALL);
#else
    printf("absent STATUS_BUFFER_TOO_SMALL\n");
#endif
#ifdef STATUS_INFO_LENGTH_MISMATCH
    C(STATUS_INFO_LENGTH_MISMATCH);
#else
    printf("absent STATUS_INFO_LENGTH_MISMATCH\n");
#endif
#ifdef STATUS_INVALID_INFO_CLASS
    C(STATUS_INVALID_INFO_CLASS);
#else
    printf("absent STATUS_INVALID_INFO_CLASS\n");
#endif
#ifdef STATUS_NO_IMPERSONATION_TOKEN
    C(STATUS_NO_IMPERSONATION_TOKEN);
#else
    printf("absent STATUS_NO_IMPERSONATION_TOKEN\n");
#endif
#ifdef STATUS_GENERIC_NOT_MAPPED
    C(STATUS_GENERIC_NOT_MAPPED);
#else
    printf("absent STATUS_GENERIC_NOT_MAPPED\n");
#endif
#ifdef STATUS_INVALID_SECURITY_DESCR
    C(STATUS_INVALID_SECURITY_DESCR);
#else
    printf("absent STATUS_INVALID_SECURITY_DESCR\n");
#endif
#ifdef STATUS_INSUFFICIENT_RESOURCES
    C(STATUS_INSUFFICIENT_RESOURCES);
#else
    printf("absent STATUS_INSUFFICIENT_RESOURCES\n");
#endif
#ifdef STATUS_NO_MEMORY
    C(STATUS_NO_MEMORY);
#else
    printf("absent STATUS_NO_MEMORY\n");
#endif
#ifdef STATUS_CANT_DISABLE_MANDATORY
    C(STATUS_CANT_DISABLE_MANDATORY);
#else
    printf("absent STATUS_CANT_DISABLE_MANDATORY\n");
#endif
#ifdef STATUS_CANT_ENABLE_DENY_ONLY
    C(STATUS_CANT_ENABLE_DENY_ONLY);
#else
    printf("absent STATUS_CANT_ENABLE_DENY_ONLY\n");
#endif
#ifdef STATUS_INVALID_OWNER
    C(STATUS_INVALID_OWNER);
#else
    printf("absent STATUS_INVALID_OWNER\n");
#endif
#ifdef STATUS_INVALID_PRIMARY_GROUP
    C(STATUS_INVALID_PRIMARY_GROUP);
#else
    printf("absent STATUS_INVALID_PRIMARY_GROUP\n");
#endif
#ifdef STATUS_ACCESS_VIOLATION
    C(STATUS_ACCESS_VIOLATION);
#else
    printf("absent STATUS_ACCESS_VIOLATION\n");
#endif
#ifdef STATUS_CANNOT_IMPERSONATE
    C(STATUS_CANNOT_IMPERSONATE);
#else
    printf("absent STATUS_CANNOT_IMPERSONATE\n");
#endif
#ifdef STATUS_BUFFER_OVERFLOW
    C(STATUS_BUFFER_OVERFLOW);
#else
    printf("absent STATUS_BUFFER_OVERFLOW\n");
#endif
#ifdef STATUS_TOKEN_ALREADY_IN_USE
    C(STATUS_TOKEN_ALREADY_IN_USE);
#else
    printf("absent STATUS_TOKEN_ALREADY_IN_USE\n");
#endif
#ifdef STATUS_QUOTA_EXCEEDED
    C(STATUS_QUOTA_EXCEEDED);
#else
    printf("absent STATUS_QUOTA_EXCEEDED\n");
#endif
#ifdef STATUS_UNSUCCESSFUL
    C(STATUS_UNSUCCESSFUL);
#else
    printf("absent STATUS_UNSUCCESSFUL\n");
#endif
#ifdef STATUS_NOT_SUPPORTED
    C(STATUS_NOT_SUPPORTED);
#else
    printf("absent STATUS_NOT_SUPPORTED\n");
#endif
#ifdef STATUS_INVALID_SID
    C(STATUS_INVALID_SID);
#else
    printf("absent STATUS_INVALID_SID\n");
#endif
#ifdef STATUS_INVALID_ACL
    C(STATUS_INVALID_ACL);
#else
    printf("absent STATUS_INVALID_ACL\n");
#endif
#ifdef STATUS_NO_SUCH_PRIVILEGE
    C(STATUS_NO_SUCH_PRIVILEGE);
#else
    printf("absent STATUS_NO_SUCH_PRIVILEGE\n");
#endif
#ifdef STATUS_BAD_INHERITANCE_ACL
    C(STATUS_BAD_INHERITANCE_ACL);
#else
    printf("absent STATUS_BAD_INHERITANCE_ACL\n");
#endif
#ifdef STATUS_INVALID_LEVEL
    C(STATUS_INVALID_LEVEL);
#else
    printf("absent STATUS_INVALID_LEVEL\n");
#endif
#ifdef STATUS_BAD_LOGON_SESSION_STATE
    C(STATUS_BAD_LOGON_SESSION_STATE);
#else
    printf("absent STATUS_BAD_LOGON_SESSION_STATE\n");
#endif
#ifdef STATUS_NO_SUCH_LOGON_SESSION
    C(STATUS_NO_SUCH_LOGON_SESSION);
#else
    printf("absent STATUS_NO_SUCH_LOGON_SESSION\n");
#endif
    /* ---- I/O and named pipes (io-skeleton, pipes) */
    /* ---- files, registry, object security (objects); also the io-skeleton names missing at this branch point */
#ifdef STATUS_PENDING
    C(STATUS_PENDING);
#else
    printf("absent STATUS_PENDING\n");
#endif
#ifdef STATUS_INVALID_DEVICE_REQUEST
    C(STATUS_INVALID_DEVICE_REQUEST);
#else
    printf("absent STATUS_INVALID_DEVICE_REQUEST\n");
#endif
#ifdef STATUS_END_OF_FILE
    C(STATUS_END_OF_FILE);
#else
    printf("absent STATUS_END_OF_FILE\n");
#endif
#ifdef STATUS_OBJECT_NAME_INVALID
    C(STATUS_OBJECT_NAME_INVALID);
#else
    printf("absent STATUS_OBJECT_NAME_INVALID\n");
#endif
#ifdef STATUS_OBJECT_NAME_NOT_FOUND
    C(STATUS_OBJECT_NAME_NOT_FOUND);
#else
    printf("absent STATUS_OBJECT_NAME_NOT_FOUND\n");
#endif
#ifdef STATUS_OBJECT_NAME_COLLISION
    C(STATUS_OBJECT_NAME_COLLISION);
#else
    printf("absent STATUS_OBJECT_NAME_COLLISION\n");
#endif
#ifdef STATUS_OBJECT_PATH_NOT_FOUND
    C(STATUS_OBJECT_PATH_NOT_FOUND);
#else
    printf("absent STATUS_OBJECT_PATH_NOT_FOUND\n");
#endif
#ifdef STATUS_OBJECT_PATH_SYNTAX_BAD
    C(STATUS_OBJECT_PATH_SYNTAX_BAD);
#else
    printf("absent STATUS_OBJECT_PATH_SYNTAX_BAD\n");
#endif
#ifdef STATUS_SHARING_VIOLATION
    C(STATUS_SHARING_VIOLATION);
#else
    printf("absent STATUS_SHARING_VIOLATION\n");
#endif
#ifdef STATUS_INSTANCE_NOT_AVAILABLE
    C(STATUS_INSTANCE_NOT_AVAILABLE);
#else
    printf("absent STATUS_INSTANCE_NOT_AVAILABLE\n");
#endif
#ifdef STATUS_PIPE_NOT_AVAILABLE
    C(STATUS_PIPE_NOT_AVAILABLE);
#else
    printf("absent STATUS_PIPE_NOT_AVAILABLE\n");
#endif
#ifdef STATUS_INVALID_PIPE_STATE
    C(STATUS_INVALID_PIPE_STATE);
#else
    printf("absent STATUS_INVALID_PIPE_STATE\n");
#endif
#ifdef STATUS_PIPE_BUSY
    C(STATUS_PIPE_BUSY);
#else
    printf("absent STATUS_PIPE_BUSY\n");
#endif
#ifdef STATUS_ILLEGAL_FUNCTION
    C(STATUS_ILLEGAL_FUNCTION);
#else
    printf("absent STATUS_ILLEGAL_FUNCTION\n");
#endif
#ifdef STATUS_PIPE_DISCONNECTED
    C(STATUS_PIPE_DISCONNECTED);
#else
    printf("absent STATUS_PIPE_DISCONNECTED\n");
#endif
#ifdef STATUS_PIPE_CLOSING
    C(STATUS_PIPE_CLOSING);
#else
    printf("absent STATUS_PIPE_CLOSING\n");
#endif
#ifdef STATUS_PIPE_CONNECTED
    C(STATUS_PIPE_CONNECTED);
#else
    printf("absent STATUS_PIPE_CONNECTED\n");
#endif
#ifdef STATUS_PIPE_LISTENING
    C(STATUS_PIPE_LISTENING);
#else
    printf("absent STATUS_PIPE_LISTENING\n");
#endif
#ifdef STATUS_INVALID_READ_MODE
    C(STATUS_INVALID_READ_MODE);
#else
    printf("absent STATUS_INVALID_READ_MODE\n");
#endif
#ifdef STATUS_IO_TIMEOUT
    C(STATUS_IO_TIMEOUT);
#else
    printf("absent STATUS_IO_TIMEOUT\n");
#endif
#ifdef STATUS_PIPE_EMPTY
    C(STATUS_PIPE_EMPTY);
#else
    printf("absent STATUS_PIPE_EMPTY\n");
#endif
#ifdef STATUS_CANCELLED
    C(STATUS_CANCELLED);
#else
    printf("absent STATUS_CANCELLED\n");
#endif
#ifdef STATUS_PIPE_BROKEN
    C(STATUS_PIPE_BROKEN);
#else
    printf("absent STATUS_PIPE_BROKEN\n");
#endif
#ifdef STATUS_NOT_FOUND
    C(STATUS_NOT_FOUND);
#else
    printf("absent STATUS_NOT_FOUND\n");
#endif
#ifdef STATUS_NOT_A_DIRECTORY
    C(STATUS_NOT_A_DIRECTORY);
#else
    printf("absent STATUS_NOT_A_DIRECTORY\n");
#endif
#ifdef STATUS_FILE_IS_A_DIRECTORY
    C(STATUS_FILE_IS_A_DIRECTORY);
#else
    printf("absent STATUS_FILE_IS_A_DIRECTORY\n");
#endif
#ifdef STATUS_DIRECTORY_NOT_EMPTY
    C(STATUS_DIRECTORY_NOT_EMPTY);
#else
    printf("absent STATUS_DIRECTORY_NOT_EMPTY\n");
#endif
#ifdef STATUS_CANNOT_DELETE
    C(STATUS_CANNOT_DELETE);
#else
    printf("absent STATUS_CANNOT_DELETE\n");
#endif
#ifdef STATUS_UNKNOWN_REVISION
    C(STATUS_UNKNOWN_REVISION);
#else
    printf("absent STATUS_UNKNOWN_REVISION\n");
#endif
#ifdef STATUS_KEY_DELETED
    C(STATUS_KEY_DELETED);
#else
    printf("absent STATUS_KEY_DELETED\n");
#endif
#ifdef STATUS_NO_MORE_ENTRIES
    C(STATUS_NO_MORE_ENTRIES);
#else
    printf("absent STATUS_NO_MORE_ENTRIES\n");
#endif
#ifdef ERROR_FILE_NOT_FOUND
    C(ERROR_FILE_NOT_FOUND);
#else
    printf("absent ERROR_FILE_NOT_FOUND\n");
#endif
#ifdef ERROR_PATH_NOT_FOUND
    C(ERROR_PATH_NOT_FOUND);
#else
    printf("absent ERROR_PATH_NOT_FOUND\n");
#endif
#ifdef ERROR_SHARING_VIOLATION
    C(ERROR_SHARING_VIOLATION);
#else
    printf("absent ERROR_SHARING_VIOLATION\n");
#endif
#ifdef ERROR_HANDLE_EOF
    C(ERROR_HANDLE_EOF);
#else
    printf("absent ERROR_HANDLE_EOF\n");
#endif
#ifdef ERROR_FILE_EXISTS
    C(ERROR_FILE_EXISTS);
#else
    printf("absent ERROR_FILE_EXISTS\n");
#endif
#ifdef ERROR_BROKEN_PIPE
    C(ERROR_BROKEN_PIPE);
#else
    printf("absent ERROR_BROKEN_PIPE\n");
#endif
#ifdef ERROR_SEM_TIMEOUT
    C(ERROR_SEM_TIMEOUT);
#else
    printf("absent ERROR_SEM_TIMEOUT\n");
#endif
#ifdef ERROR_INVALID_NAME
    C(ERROR_INVALID_NAME);
#else
    printf("absent ERROR_INVALID_NAME\n");
#endif
#ifdef ERROR_BAD_PATHNAME
    C(ERROR_BAD_PATHNAME);
#else
    printf("absent ERROR_BAD_PATHNAME\n");
#endif
#ifdef ERROR_ALREADY_EXISTS
    C(ERROR_ALREADY_EXISTS);
#else
    printf("absent ERROR_ALREADY_EXISTS\n");
#endif
#ifdef ERROR_BAD_PIPE
    C(ERROR_BAD_PIPE);
#else
    printf("absent ERROR_BAD_PIPE\n");
#endif
#ifdef ERROR_PIPE_BUSY
    C(ERROR_PIPE_BUSY);
#else
    printf("absent ERROR_PIPE_BUSY\n");
#endif
#ifdef ERROR_NO_DATA
    C(ERROR_NO_DATA);
#else
    printf("absent ERROR_NO_DATA\n");
#endif
#ifdef ERROR_PIPE_NOT_CONNECTED
    C(ERROR_PIPE_NOT_CONNECTED);
#else
    printf("absent ERROR_PIPE_NOT_CONNECTED\n");
#endif
#ifdef ERROR_PIPE_CONNECTED
    C(ERROR_PIPE_CONNECTED);
#else
    printf("absent ERROR_PIPE_CONNECTED\n");
#endif
#ifdef ERROR_PIPE_LISTENING
    C(ERROR_PIPE_LISTENING);
#else
    printf("absent ERROR_PIPE_LISTENING\n");
#endif
#ifdef ERROR_OPERATION_ABORTED
    C(ERROR_OPERATION_ABORTED);
#else
    printf("absent ERROR_OPERATION_ABORTED\n");
#endif
#ifdef ERROR_IO_INCOMPLETE
    C(ERROR_IO_INCOMPLETE);
#else
    printf("absent ERROR_IO_INCOMPLETE\n");
#endif
#ifdef ERROR_IO_PENDING
    C(ERROR_IO_PENDING);
#else
    printf("absent ERROR_IO_PENDING\n");
#endif
#ifdef ERROR_DIR_NOT_EMPTY
    C(ERROR_DIR_NOT_EMPTY);
#else
    printf("absent ERROR_DIR_NOT_EMPTY\n");
#endif
#ifdef ERROR_NO_MORE_ITEMS
    C(ERROR_NO_MORE_ITEMS);
#else
    printf("absent ERROR_NO_MORE_ITEMS\n");
#endif
#ifdef ERROR_DIRECTORY
    C(ERROR_DIRECTORY);
#else
    printf("absent ERROR_DIRECTORY\n");
#endif
#ifdef ERROR_KEY_DELETED
    C(ERROR_KEY_DELETED);
#else
    printf("absent ERROR_KEY_DELETED\n");
#endif
#ifdef ERROR_UNKNOWN_REVISION
    C(ERROR_UNKNOWN_REVISION);
#else
    printf("absent ERROR_UNKNOWN_REVISION\n");
#endif
#ifdef ERROR_SUCCESS
    C(ERROR_SUCCESS);
#else
    printf("absent ERROR_SUCCESS\n");
#endif
#ifdef ERROR_INVALID_FUNCTION
    C(ERROR_INVALID_FUNCTION);
#else
    printf("absent ERROR_INVALID_FUNCTION\n");
#endif
#ifdef ERROR_ACCESS_DENIED
    C(ERROR_ACCESS_DENIED);
#else
    printf("absent ERROR_ACCESS_DENIED\n");
#endif
#ifdef ERROR_INVALID_HANDLE
    C(ERROR_INVALID_HANDLE);
#else
    printf("absent ERROR_INVALID_HANDLE\n");
#endif
#ifdef ERROR_NOT_ENOUGH_MEMORY
    C(ERROR_NOT_ENOUGH_MEMORY);
#else
    printf("absent ERROR_NOT_ENOUGH_MEMORY\n");
#endif
#ifdef ERROR_BAD_LENGTH
    C(ERROR_BAD_LENGTH);
#else
    printf("absent ERROR_BAD_LENGTH\n");
#endif
#ifdef ERROR_GEN_FAILURE
    C(ERROR_GEN_FAILURE);
#else
    printf("absent ERROR_GEN_FAILURE\n");
#endif
#ifdef ERROR_NOT_SUPPORTED
    C(ERROR_NOT_SUPPORTED);
#else
    printf("absent ERROR_NOT_SUPPORTED\n");
#endif
#ifdef ERROR_INVALID_PARAMETER
    C(ERROR_INVALID_PARAMETER);
#else
    printf("absent ERROR_INVALID_PARAMETER\n");
#endif
#ifdef ERROR_CALL_NOT_IMPLEMENTED
    C(ERROR_CALL_NOT_IMPLEMENTED);
#else
    printf("absent ERROR_CALL_NOT_IMPLEMENTED\n");
#endif
#ifdef ERROR_INSUFFICIENT_BUFFER
    C(ERROR_INSUFFICIENT_BUFFER);
#else
    printf("absent ERROR_INSUFFICIENT_BUFFER\n");
#endif
#ifdef ERROR_INVALID_LEVEL
    C(ERROR_INVALID_LEVEL);
#else
    printf("absent ERROR_INVALID_LEVEL\n");
#endif
#ifdef ERROR_MORE_DATA
    C(ERROR_MORE_DATA);
#else
    printf("absent ERROR_MORE_DATA\n");
#endif
#ifdef ERROR_CANT_ENABLE_DENY_ONLY
    C(ERROR_CANT_ENABLE_DENY_ONLY);
#else
    printf("absent ERROR_CANT_ENABLE_DENY_ONLY\n");
#endif
#ifdef ERROR_NOACCESS
    C(ERROR_NOACCESS);
#else
    printf("absent ERROR_NOACCESS\n");
#endif
#ifdef ERROR_NO_TOKEN
    C(ERROR_NO_TOKEN);
#else
    printf("absent ERROR_NO_TOKEN\n");
#endif
#ifdef ERROR_NOT_FOUND
    C(ERROR_NOT_FOUND);
#else
    printf("absent ERROR_NOT_FOUND\n");
#endif
#ifdef ERROR_NOT_ALL_ASSIGNED
    C(ERROR_NOT_ALL_ASSIGNED);
#else
    printf("absent ERROR_NOT_ALL_ASSIGNED\n");
#endif
#ifdef ERROR_INVALID_OWNER
    C(ERROR_INVALID_OWNER);
#else
    printf("absent ERROR_INVALID_OWNER\n");
#endif
#ifdef ERROR_INVALID_PRIMARY_GROUP
    C(ERROR_INVALID_PRIMARY_GROUP);
#else
    printf("absent ERROR_INVALID_PRIMARY_GROUP\n");
#endif
#ifdef ERROR_NO_IMPERSONATION_TOKEN
    C(ERROR_NO_IMPERSONATION_TOKEN);
#else
    printf("absent ERROR_NO_IMPERSONATION_TOKEN\n");
#endif
#ifdef ERROR_CANT_DISABLE_MANDATORY
    C(ERROR_CANT_DISABLE_MANDATORY);
#else
    printf("absent ERROR_CANT_DISABLE_MANDATORY\n");
#endif
#ifdef ERROR_NO_SUCH_LOGON_SESSION
    C(ERROR_NO_SUCH_LOGON_SESSION);
#else
    printf("absent ERROR_NO_SUCH_LOGON_SESSION\n");
#endif
#ifdef ERROR_NO_SUCH_PRIVILEGE
    C(ERROR_NO_SUCH_PRIVILEGE);
#else
    printf("absent ERROR_NO_SUCH_PRIVILEGE\n");
#endif
#ifdef ERROR_PRIVILEGE_NOT_HELD
    C(ERROR_PRIVILEGE_NOT_HELD);
#else
    printf("absent ERROR_PRIVILEGE_NOT_HELD\n");
#endif
#ifdef ERROR_INVALID_ACL
    C(ERROR_INVALID_ACL);
#else
    printf("absent ERROR_INVALID_ACL\n");
#endif
#ifdef ERROR_INVALID_SID
    C(ERROR_INVALID_SID);
#else
    printf("absent ERROR_INVALID_SID\n");
#endif
#ifdef ERROR_INVALID_SECURITY_DESCR
    C(ERROR_INVALID_SECURITY_DESCR);
#else
    printf("absent ERROR_INVALID_SECURITY_DESCR\n");
#endif
#ifdef ERROR_BAD_INHERITANCE_ACL
    C(ERROR_BAD_INHERITANCE_ACL);
#else
    printf("absent ERROR_BAD_INHERITANCE_ACL\n");
#endif
#ifdef ERROR_BAD_IMPERSONATION_LEVEL
    C(ERROR_BAD_IMPERSONATION_LEVEL);
#else
    printf("absent ERROR_BAD_IMPERSONATION_LEVEL\n");
#endif
#ifdef ERROR_CANT_OPEN_ANONYMOUS
    C(ERROR_CANT_OPEN_ANONYMOUS);
#else
    printf("absent ERROR_CANT_OPEN_ANONYMOUS\n");
#endif
#ifdef ERROR_BAD_TOKEN_TYPE
    C(ERROR_BAD_TOKEN_TYPE);
#else
    printf("absent ERROR_BAD_TOKEN_TYPE\n");
#endif
#ifdef ERROR_GENERIC_NOT_MAPPED
    C(ERROR_GENERIC_NOT_MAPPED);
#else
    printf("absent ERROR_GENERIC_NOT_MAPPED\n");
#endif
#ifdef ERROR_BAD_LOGON_SESSION_STATE
    C(ERROR_BAD_LOGON_SESSION_STATE);
#else
    printf("absent ERROR_BAD_LOGON_SESSION_STATE\n");
#endif
#ifdef ERROR_CANNOT_IMPERSONATE
    C(ERROR_CANNOT_IMPERSONATE);
#else
    printf("absent ERROR_CANNOT_IMPERSONATE\n");
#endif
#ifdef ERROR_TOKEN_ALREADY_IN_USE
    C(ERROR_TOKEN_ALREADY_IN_USE);
#else
    printf("absent ERROR_TOKEN_ALREADY_IN_USE\n");
#endif
#ifdef ERROR_NO_SYSTEM_RESOURCES
    C(ERROR_NO_SYSTEM_RESOURCES);
#else
    printf("absent ERROR_NO_SYSTEM_RESOURCES\n");
#endif
#ifdef ERROR_NOT_ENOUGH_QUOTA
    C(ERROR_NOT_ENOUGH_QUOTA);
#else
    printf("absent ERROR_NOT_ENOUGH_QUOTA\n");
#endif
    /* ---- accounts and logons (rules L, N) */
#ifdef STATUS_NONE_MAPPED
    C(STATUS_NONE_MAPPED);
#else
    printf("absent STATUS_NONE_MAPPED\n");
#endif
#ifdef STATUS_SOME_NOT_MAPPED
    C(STATUS_SOME_NOT_MAPPED);
#else
    printf("absent STATUS_SOME_NOT_MAPPED\n");
#endif
#ifdef STATUS_LOGON_FAILURE
    C(STATUS_LOGON_FAILURE);
#else
    printf("absent STATUS_LOGON_FAILURE\n");
#endif
#ifdef STATUS_ACCOUNT_RESTRICTION
    C(STATUS_ACCOUNT_RESTRICTION);
#else
    printf("absent STATUS_ACCOUNT_RESTRICTION\n");
#endif
#ifdef STATUS_PASSWORD_EXPIRED
    C(STATUS_PASSWORD_EXPIRED);
#else
    printf("absent STATUS_PASSWORD_EXPIRED\n");
#endif
#ifdef STATUS_ACCOUNT_DISABLED
    C(STATUS_ACCOUNT_DISABLED);
#else
    printf("absent STATUS_ACCOUNT_DISABLED\n");
#endif
#ifdef STATUS_LOGON_TYPE_NOT_GRANTED
    C(STATUS_LOGON_TYPE_NOT_GRANTED);
#else
    printf("absent STATUS_LOGON_TYPE_NOT_GRANTED\n");
#endif
#ifdef ERROR_SOME_NOT_MAPPED
    C(ERROR_SOME_NOT_MAPPED);
#else
    printf("absent ERROR_SOME_NOT_MAPPED\n");
#endif
#ifdef ERROR_LOGON_FAILURE
    C(ERROR_LOGON_FAILURE);
#else
    printf("absent ERROR_LOGON_FAILURE\n");
#endif
#ifdef ERROR_ACCOUNT_RESTRICTION
    C(ERROR_ACCOUNT_RESTRICTION);
#else
    printf("absent ERROR_ACCOUNT_RESTRICTION\n");
#endif
#ifdef ERROR_PASSWORD_EXPIRED
    C(ERROR_PASSWORD_EXPIRED);
#else
    printf("absent ERROR_PASSWORD_EXPIRED\n");
#endif
#ifdef ERROR_ACCOUNT_DISABLED
    C(ERROR_ACCOUNT_DISABLED);
#else
    printf("absent ERROR_ACCOUNT_DISABLED\n");
#endif
#ifdef ERROR_NONE_MAPPED
    C(ERROR_NONE_MAPPED);
#else
    printf("absent ERROR_NONE_MAPPED\n");
#endif
#ifdef ERROR_LOGON_TYPE_NOT_GRANTED
    C(ERROR_LOGON_TYPE_NOT_GRANTED);
#else
    printf("absent ERROR_LOGON_TYPE_NOT_GRANTED\n");
#endif
#ifdef RPC_S_INVALID_NET_ADDR
    C(RPC_S_INVALID_NET_ADDR);
#else
    printf("absent RPC_S_INVALID_NET_ADDR\n");
#endif
    /* ---- files, devices and named pipes (io-skeleton, pipes) */
    C(ERROR_FILE_NOT_FOUND);
    C(ERROR_PATH_NOT_FOUND);
    C(ERROR_SHARING_VIOLATION);
    C(ERROR_HANDLE_EOF);
    C(ERROR_FILE_EXISTS);
    C(ERROR_BROKEN_PIPE);
    C(ERROR_SEM_TIMEOUT);
    C(ERROR_INVALID_NAME);
    C(ERROR_BAD_PATHNAME);
    C(ERROR_ALREADY_EXISTS);
    C(ERROR_BAD_PIPE);
    C(ERROR_PIPE_BUSY);
    C(ERROR_NO_DATA);
    C(ERROR_PIPE_NOT_CONNECTED);
    C(ERROR_PIPE_CONNECTED);
    C(ERROR_PIPE_LISTENING);
    C(ERROR_OPERATION_ABORTED);
    C(ERROR_IO_INCOMPLETE);
    C(ERROR_IO_PENDING);
    return 0;
}
