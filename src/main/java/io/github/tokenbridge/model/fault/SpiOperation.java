package io.github.tokenbridge.model.fault;

/**
 * The SPI functions a {@link FaultPlan} can make fail: one constant per failable method of
 * {@link io.github.tokenbridge.backend.TokenBackend}, named after the Windows function it models.
 * ({@code kind}, {@code GetCurrentProcessId} and {@code GetCurrentThreadId} cannot fail on
 * Windows and are not listed.)
 */
public enum SpiOperation {
    OPEN_PROCESS("OpenProcess", false),
    OPEN_THREAD("OpenThread", false),
    DUPLICATE_HANDLE("DuplicateHandle", false),
    CLOSE_HANDLE("CloseHandle", false),
    NT_CLOSE("NtClose", true),
    QUERY_GRANTED_ACCESS("NtQueryObject", true),
    OPEN_PROCESS_TOKEN("OpenProcessToken", false),
    OPEN_THREAD_TOKEN("OpenThreadToken", false),
    NT_OPEN_PROCESS_TOKEN_EX("NtOpenProcessTokenEx", true),
    NT_OPEN_THREAD_TOKEN_EX("NtOpenThreadTokenEx", true),
    DUPLICATE_TOKEN("DuplicateToken", false),
    DUPLICATE_TOKEN_EX("DuplicateTokenEx", false),
    NT_DUPLICATE_TOKEN("NtDuplicateToken", true),
    IMPERSONATE_SELF("ImpersonateSelf", false),
    IMPERSONATE_LOGGED_ON_USER("ImpersonateLoggedOnUser", false),
    SET_THREAD_TOKEN("SetThreadToken", false),
    IMPERSONATE_ANONYMOUS_TOKEN("ImpersonateAnonymousToken", false),
    REVERT_TO_SELF("RevertToSelf", false),
    NT_SET_INFORMATION_THREAD("NtSetInformationThread", true),
    NT_IMPERSONATE_ANONYMOUS_TOKEN("NtImpersonateAnonymousToken", true),
    NT_IMPERSONATE_THREAD("NtImpersonateThread", true),
    GET_TOKEN_INFORMATION("GetTokenInformation", false),
    NT_QUERY_INFORMATION_TOKEN("NtQueryInformationToken", true),
    SET_TOKEN_INFORMATION("SetTokenInformation", false),
    ADJUST_TOKEN_PRIVILEGES("AdjustTokenPrivileges", false),
    ADJUST_TOKEN_GROUPS("AdjustTokenGroups", false),
    PRIVILEGE_CHECK("PrivilegeCheck", false),
    CHECK_TOKEN_MEMBERSHIP("CheckTokenMembership", false),
    ACCESS_CHECK("AccessCheck", false),
    CREATE_RESTRICTED_TOKEN("CreateRestrictedToken", false),
    // ---- files and devices (io-skeleton)
    CREATE_FILE("CreateFileW", false),
    // ---- accounts and logons (issue 14)
    LOOKUP_ACCOUNT_SID("LookupAccountSidW", false),
    LOOKUP_ACCOUNT_NAME("LookupAccountNameW", false),
    LSA_LOOKUP_SIDS("LsaLookupSids", true),
    LOGON_USER("LogonUserW", false),
    LSA_LOGON_USER_S4U("LsaLogonUser", true),
    // ---- named pipes and overlapped I/O (pipes)
    CREATE_NAMED_PIPE("CreateNamedPipeW", false),
    CONNECT_NAMED_PIPE("ConnectNamedPipe", false),
    WAIT_NAMED_PIPE("WaitNamedPipeW", false),
    DISCONNECT_NAMED_PIPE("DisconnectNamedPipe", false),
    SET_NAMED_PIPE_HANDLE_STATE("SetNamedPipeHandleState", false),
    IMPERSONATE_NAMED_PIPE_CLIENT("ImpersonateNamedPipeClient", false),
    GET_NAMED_PIPE_CLIENT_PROCESS_ID("GetNamedPipeClientProcessId", false),
    READ_FILE("ReadFile", false),
    WRITE_FILE("WriteFile", false),
    CREATE_EVENT("CreateEventW", false),
    WAIT_FOR_SINGLE_OBJECT("WaitForSingleObject", false),
    CANCEL_IO_EX("CancelIoEx", false),
    CANCEL_SYNCHRONOUS_IO("CancelSynchronousIo", false),
    GET_OVERLAPPED_RESULT("GetOverlappedResult", false),
    // ---- processes under a token (processes, issue 20)
    CREATE_PROCESS("CreateProcessW", false),
    CREATE_PROCESS_AS_USER("CreateProcessAsUserW", false),
    CREATE_PROCESS_WITH_TOKEN("CreateProcessWithTokenW", false),
    RESUME_THREAD("ResumeThread", false),
    TERMINATE_PROCESS("TerminateProcess", false),
    GET_EXIT_CODE_PROCESS("GetExitCodeProcess", false),
    CREATE_ENVIRONMENT_BLOCK("CreateEnvironmentBlock", false),
    LOAD_USER_PROFILE("LoadUserProfileW", false),
    UNLOAD_USER_PROFILE("UnloadUserProfile", false),
    // ---- object security: files, keys, kernel objects (objects)
    CREATE_DIRECTORY("CreateDirectoryW", false),
    REMOVE_DIRECTORY("RemoveDirectoryW", false),
    DELETE_FILE("DeleteFileW", false),
    GET_TEMP_PATH("GetTempPathW", false),
    REG_CREATE_KEY_EX("RegCreateKeyExW", false),
    REG_OPEN_KEY_EX("RegOpenKeyExW", false),
    REG_CLOSE_KEY("RegCloseKey", false),
    REG_DELETE_TREE("RegDeleteTreeW", false),
    GET_NAMED_SECURITY_INFO("GetNamedSecurityInfoW", false),
    SET_NAMED_SECURITY_INFO("SetNamedSecurityInfoW", false),
    GET_SECURITY_INFO("GetSecurityInfo", false),
    SET_SECURITY_INFO("SetSecurityInfo", false);

    private final String functionName;
    private final boolean nt;

    SpiOperation(String functionName, boolean nt) {
        this.functionName = functionName;
        this.nt = nt;
    }

    /** The Windows function's name, as exceptions name it. */
    public String functionName() {
        return functionName;
    }

    /** True for a native (Nt) function, whose outcome is an NTSTATUS. */
    public boolean isNt() {
        return nt;
    }
}
