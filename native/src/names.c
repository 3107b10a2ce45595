/* names.c - the symbolic names of the scenario language: statuses, access rights, levels,
 * token types, SID aliases, integrity labels, privileges, information classes, mappings. */
#include "tb.h"
#include <sddl.h>
#include <ctype.h>

typedef struct {
    const char *name;
    unsigned long long value;
} Named;

/* Win32 errors and NTSTATUS values: exactly the tables of docs/rules.md section 7 (the same as
 * the Java Win32Error / NtStatus enums, so every backend names a code the same way). */
static const Named WIN32_ERRORS[] = {
    {"ERROR_SUCCESS", 0}, {"ERROR_INVALID_FUNCTION", 1}, {"ERROR_ACCESS_DENIED", 5},
    {"ERROR_INVALID_HANDLE", 6}, {"ERROR_NOT_ENOUGH_MEMORY", 8}, {"ERROR_BAD_LENGTH", 24},
    {"ERROR_GEN_FAILURE", 31}, {"ERROR_NOT_SUPPORTED", 50}, {"ERROR_INVALID_PARAMETER", 87},
    {"ERROR_CALL_NOT_IMPLEMENTED", 120}, {"ERROR_INSUFFICIENT_BUFFER", 122},
    {"ERROR_INVALID_LEVEL", 124}, {"ERROR_MORE_DATA", 234}, {"ERROR_CANT_ENABLE_DENY_ONLY", 629},
    {"ERROR_NOACCESS", 998}, {"ERROR_NO_TOKEN", 1008}, {"ERROR_NOT_FOUND", 1168},
    {"ERROR_NOT_ALL_ASSIGNED", 1300}, {"ERROR_INVALID_OWNER", 1307},
    {"ERROR_INVALID_PRIMARY_GROUP", 1308}, {"ERROR_NO_IMPERSONATION_TOKEN", 1309},
    {"ERROR_CANT_DISABLE_MANDATORY", 1310}, {"ERROR_NO_SUCH_LOGON_SESSION", 1312},
    {"ERROR_NO_SUCH_PRIVILEGE", 1313}, {"ERROR_PRIVILEGE_NOT_HELD", 1314},
    {"ERROR_INVALID_ACL", 1336}, {"ERROR_INVALID_SID", 1337}, {"ERROR_INVALID_SECURITY_DESCR", 1338},
    {"ERROR_BAD_INHERITANCE_ACL", 1340}, {"ERROR_BAD_IMPERSONATION_LEVEL", 1346},
    {"ERROR_CANT_OPEN_ANONYMOUS", 1347}, {"ERROR_BAD_TOKEN_TYPE", 1349},
    {"ERROR_GENERIC_NOT_MAPPED", 1360}, {"ERROR_BAD_LOGON_SESSION_STATE", 1365},
    {"ERROR_CANNOT_IMPERSONATE", 1368}, {"ERROR_TOKEN_ALREADY_IN_USE", 1375},
    {"ERROR_NO_SYSTEM_RESOURCES", 1450}, {"ERROR_NOT_ENOUGH_QUOTA", 1816},
    /* files, directories and keys (objects) */
    {"ERROR_FILE_NOT_FOUND", 2}, {"ERROR_PATH_NOT_FOUND", 3}, {"ERROR_SHARING_VIOLATION", 32},
    {"ERROR_FILE_EXISTS", 80}, {"ERROR_INVALID_NAME", 123}, {"ERROR_DIR_NOT_EMPTY", 145},
    {"ERROR_BAD_PATHNAME", 161}, {"ERROR_ALREADY_EXISTS", 183}, {"ERROR_NO_MORE_ITEMS", 259},
    {"ERROR_DIRECTORY", 267}, {"ERROR_KEY_DELETED", 1018}, {"ERROR_UNKNOWN_REVISION", 1305},
    /* logons and names (issue 14) */
    {"ERROR_NO_LOGON_SERVERS", 1311}, {"ERROR_INVALID_ACCOUNT_NAME", 1315}, {"ERROR_NO_SUCH_USER", 1317},
    {"ERROR_LOGON_FAILURE", 1326}, {"ERROR_ACCOUNT_RESTRICTION", 1327}, {"ERROR_INVALID_LOGON_HOURS", 1328},
    {"ERROR_INVALID_WORKSTATION", 1329}, {"ERROR_PASSWORD_EXPIRED", 1330}, {"ERROR_ACCOUNT_DISABLED", 1331},
    {"ERROR_NONE_MAPPED", 1332}, {"ERROR_NO_SUCH_DOMAIN", 1355}, {"ERROR_LOGON_TYPE_NOT_GRANTED", 1385},
    {"ERROR_ACCOUNT_EXPIRED", 1793}, {"ERROR_PASSWORD_MUST_CHANGE", 1907}, {"ERROR_ACCOUNT_LOCKED_OUT", 1909},
    /* named pipes (issue 13) */
    {"ERROR_BROKEN_PIPE", 109},
    {"ERROR_SEM_TIMEOUT", 121}, {"ERROR_PIPE_BUSY", 231},
    {"ERROR_NO_DATA", 232}, {"ERROR_PIPE_NOT_CONNECTED", 233}, {"ERROR_PIPE_CONNECTED", 535},
    {"ERROR_PIPE_LISTENING", 536}, {"ERROR_OPERATION_ABORTED", 995}, {"ERROR_IO_PENDING", 997},
    {NULL, 0}};

static const Named NT_STATUSES[] = {
    {"STATUS_SUCCESS", 0x00000000}, {"STATUS_NO_TOKEN", 0xC000007C},
    {"STATUS_CANT_OPEN_ANONYMOUS", 0xC00000A6}, {"STATUS_BAD_IMPERSONATION_LEVEL", 0xC00000A5},
    {"STATUS_BAD_TOKEN_TYPE", 0xC00000A8}, {"STATUS_ACCESS_DENIED", 0xC0000022},
    {"STATUS_INVALID_HANDLE", 0xC0000008}, {"STATUS_OBJECT_TYPE_MISMATCH", 0xC0000024},
    {"STATUS_INVALID_PARAMETER", 0xC000000D}, {"STATUS_PRIVILEGE_NOT_HELD", 0xC0000061},
    {"STATUS_NOT_ALL_ASSIGNED", 0x00000106}, {"STATUS_BUFFER_TOO_SMALL", 0xC0000023},
    {"STATUS_INFO_LENGTH_MISMATCH", 0xC0000004}, {"STATUS_INVALID_INFO_CLASS", 0xC0000003},
    {"STATUS_NO_IMPERSONATION_TOKEN", 0xC000005C}, {"STATUS_GENERIC_NOT_MAPPED", 0xC00000E6},
    {"STATUS_INVALID_SECURITY_DESCR", 0xC0000079}, {"STATUS_INSUFFICIENT_RESOURCES", 0xC000009A},
    {"STATUS_NO_MEMORY", 0xC0000017}, {"STATUS_CANT_DISABLE_MANDATORY", 0xC000005D},
    {"STATUS_CANT_ENABLE_DENY_ONLY", 0xC00002B3}, {"STATUS_INVALID_OWNER", 0xC000005A},
    {"STATUS_INVALID_PRIMARY_GROUP", 0xC000005B}, {"STATUS_ACCESS_VIOLATION", 0xC0000005},
    {"STATUS_CANNOT_IMPERSONATE", 0xC000010D}, {"STATUS_BUFFER_OVERFLOW", 0x80000005},
    {"STATUS_TOKEN_ALREADY_IN_USE", 0xC000012B}, {"STATUS_QUOTA_EXCEEDED", 0xC0000044},
    {"STATUS_UNSUCCESSFUL", 0xC0000001}, {"STATUS_NOT_SUPPORTED", 0xC00000BB},
    {"STATUS_INVALID_SID", 0xC0000078}, {"STATUS_INVALID_ACL", 0xC0000077},
    {"STATUS_NO_SUCH_PRIVILEGE", 0xC0000060}, {"STATUS_BAD_INHERITANCE_ACL", 0xC000007D},
    {"STATUS_INVALID_LEVEL", 0xC0000148}, {"STATUS_BAD_LOGON_SESSION_STATE", 0xC0000104},
    {"STATUS_NO_SUCH_LOGON_SESSION", 0xC000005F}, {NULL, 0}};

const char *win32_name(DWORD code, char out[32])
{
    for (const Named *n = WIN32_ERRORS; n->name; n++)
        if (n->value == code)
            return n->name;
    snprintf(out, 32, "ERROR_%lu", (unsigned long)code);
    return out;
}

const char *nt_name(NTSTATUS status, char out[32])
{
    for (const Named *n = NT_STATUSES; n->name; n++)
        if (n->value == (unsigned long)status)
            return n->name;
    snprintf(out, 32, "0x%08lX", (unsigned long)status);
    return out;
}

static int all_digits(const char *s, int hex)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!(hex ? isxdigit((unsigned char)*s) : isdigit((unsigned char)*s)))
            return 0;
    return 1;
}

int is_known_outcome(const char *name, int nt)
{
    if (!strcmp(name, "ok"))
        return 1;
    const Named *table = nt ? NT_STATUSES : WIN32_ERRORS;
    for (const Named *n = table; n->name; n++)
        if (!strcmp(n->name, name))
            return 1;
    if (nt)
        return strlen(name) == 10 && name[0] == '0' && name[1] == 'x' && all_digits(name + 2, 1);
    return !strncmp(name, "ERROR_", 6) && all_digits(name + 6, 0);
}

int parse_number(const char *s, unsigned long long *out)
{
    char *end;
    if (!*s || *s == '-' || *s == '+')
        return 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        if (!all_digits(s + 2, 1))
            return 0;
        *out = strtoull(s + 2, &end, 16);
    } else {
        if (!all_digits(s, 0))
            return 0;
        *out = strtoull(s, &end, 10);
    }
    return *end == 0;
}

static const Named ACCESS_NAMES[] = {
    {"TOKEN_ASSIGN_PRIMARY", 0x0001}, {"TOKEN_DUPLICATE", 0x0002}, {"TOKEN_IMPERSONATE", 0x0004},
    {"TOKEN_QUERY", 0x0008}, {"TOKEN_QUERY_SOURCE", 0x0010}, {"TOKEN_ADJUST_PRIVILEGES", 0x0020},
    {"TOKEN_ADJUST_GROUPS", 0x0040}, {"TOKEN_ADJUST_DEFAULT", 0x0080},
    {"TOKEN_ADJUST_SESSIONID", 0x0100}, {"TOKEN_ALL_ACCESS_P", 0x000F00FF},
    {"TOKEN_ALL_ACCESS", 0x000F01FF}, {"TOKEN_READ", 0x00020008}, {"TOKEN_WRITE", 0x000200E0},
    {"TOKEN_EXECUTE", 0x00020000},
    {"DELETE", 0x00010000}, {"READ_CONTROL", 0x00020000}, {"WRITE_DAC", 0x00040000},
    {"WRITE_OWNER", 0x00080000}, {"SYNCHRONIZE", 0x00100000},
    {"STANDARD_RIGHTS_REQUIRED", 0x000F0000}, {"STANDARD_RIGHTS_READ", 0x00020000},
    {"STANDARD_RIGHTS_WRITE", 0x00020000}, {"STANDARD_RIGHTS_EXECUTE", 0x00020000},
    {"STANDARD_RIGHTS_ALL", 0x001F0000}, {"SPECIFIC_RIGHTS_ALL", 0x0000FFFF},
    {"ACCESS_SYSTEM_SECURITY", 0x01000000}, {"MAXIMUM_ALLOWED", 0x02000000},
    {"GENERIC_READ", 0x80000000}, {"GENERIC_WRITE", 0x40000000}, {"GENERIC_EXECUTE", 0x20000000},
    {"GENERIC_ALL", 0x10000000},
    {"THREAD_TERMINATE", 0x0001}, {"THREAD_SUSPEND_RESUME", 0x0002}, {"THREAD_GET_CONTEXT", 0x0008},
    {"THREAD_SET_CONTEXT", 0x0010}, {"THREAD_SET_INFORMATION", 0x0020},
    {"THREAD_QUERY_INFORMATION", 0x0040}, {"THREAD_SET_THREAD_TOKEN", 0x0080},
    {"THREAD_IMPERSONATE", 0x0100}, {"THREAD_DIRECT_IMPERSONATION", 0x0200},
    {"THREAD_SET_LIMITED_INFORMATION", 0x0400}, {"THREAD_QUERY_LIMITED_INFORMATION", 0x0800},
    {"THREAD_RESUME", 0x1000}, {"THREAD_ALL_ACCESS", 0x001FFFFF},
    {"PROCESS_TERMINATE", 0x0001}, {"PROCESS_CREATE_THREAD", 0x0002},
    {"PROCESS_SET_SESSIONID", 0x0004}, {"PROCESS_VM_OPERATION", 0x0008}, {"PROCESS_VM_READ", 0x0010},
    {"PROCESS_VM_WRITE", 0x0020}, {"PROCESS_DUP_HANDLE", 0x0040}, {"PROCESS_CREATE_PROCESS", 0x0080},
    {"PROCESS_SET_QUOTA", 0x0100}, {"PROCESS_SET_INFORMATION", 0x0200},
    {"PROCESS_QUERY_INFORMATION", 0x0400}, {"PROCESS_SUSPEND_RESUME", 0x0800},
    {"PROCESS_QUERY_LIMITED_INFORMATION", 0x1000}, {"PROCESS_SET_LIMITED_INFORMATION", 0x2000},
    {"PROCESS_ALL_ACCESS", 0x001FFFFF},
    {"KEY_QUERY_VALUE", 0x0001}, {"KEY_SET_VALUE", 0x0002}, {"KEY_CREATE_SUB_KEY", 0x0004},
    {"KEY_ENUMERATE_SUB_KEYS", 0x0008}, {"KEY_NOTIFY", 0x0010}, {"KEY_CREATE_LINK", 0x0020},
    {"KEY_WOW64_64KEY", 0x0100}, {"KEY_WOW64_32KEY", 0x0200}, {"KEY_READ", 0x00020019},
    {"KEY_WRITE", 0x00020006}, {"KEY_EXECUTE", 0x00020019}, {"KEY_ALL_ACCESS", 0x000F003F},
    {"FILE_READ_DATA", 0x0001}, {"FILE_WRITE_DATA", 0x0002}, {"FILE_APPEND_DATA", 0x0004},
    {"FILE_READ_EA", 0x0008}, {"FILE_WRITE_EA", 0x0010}, {"FILE_EXECUTE", 0x0020},
    {"FILE_READ_ATTRIBUTES", 0x0080}, {"FILE_WRITE_ATTRIBUTES", 0x0100},
    {"FILE_GENERIC_READ", 0x00120089}, {"FILE_GENERIC_WRITE", 0x00120116},
    {"FILE_GENERIC_EXECUTE", 0x001200A0}, {"FILE_ALL_ACCESS", 0x001F01FF},
    {NULL, 0}};

/* A mask: names or numbers joined by '|'. */
int parse_mask(const char *s, DWORD *out, char err[TB_ERRLEN])
{
    DWORD mask = 0;
    char part[96];
    const char *p = s;
    if (!*s) {
        snprintf(err, TB_ERRLEN, "empty access mask");
        return 0;
    }
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == 0 || n >= sizeof part) {
            snprintf(err, TB_ERRLEN, "malformed access mask '%s'", s);
            return 0;
        }
        memcpy(part, p, n);
        part[n] = 0;
        unsigned long long v;
        const Named *hit = NULL;
        for (const Named *a = ACCESS_NAMES; a->name; a++)
            if (!strcmp(a->name, part)) {
                hit = a;
                break;
            }
        if (hit)
            mask |= (DWORD)hit->value;
        else if (parse_number(part, &v) && v <= 0xFFFFFFFFull)
            mask |= (DWORD)v;
        else {
            snprintf(err, TB_ERRLEN, "unknown access right '%s'", part);
            return 0;
        }
        if (!bar)
            break;
        p = bar + 1;
    }
    *out = mask;
    return 1;
}

static const char *LEVELS[] = {"Anonymous", "Identification", "Impersonation", "Delegation"};

int parse_level(const char *s, SECURITY_IMPERSONATION_LEVEL *out)
{
    for (int i = 0; i < 4; i++)
        if (!strcmp(s, LEVELS[i])) {
            *out = (SECURITY_IMPERSONATION_LEVEL)i;
            return 1;
        }
    return 0;
}

const char *level_name(DWORD level) { return level < 4 ? LEVELS[level] : NULL; }

int parse_token_type(const char *s, TOKEN_TYPE *out)
{
    if (!strcmp(s, "Primary"))
        *out = TokenPrimary;
    else if (!strcmp(s, "Impersonation"))
        *out = TokenImpersonation;
    else
        return 0;
    return 1;
}

const char *token_type_name(DWORD type)
{
    return type == TokenPrimary ? "Primary" : type == TokenImpersonation ? "Impersonation" : NULL;
}

int parse_bool(const char *s, BOOL *out)
{
    if (!strcmp(s, "true"))
        *out = TRUE;
    else if (!strcmp(s, "false"))
        *out = FALSE;
    else
        return 0;
    return 1;
}

static int parse_flag_list(const char *s, const Named *names, unsigned long *out, const char *what,
                           char err[TB_ERRLEN])
{
    unsigned long v = 0;
    char part[64];
    const char *p = s;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        unsigned long long num;
        const Named *hit = NULL;
        if (n == 0 || n >= sizeof part) {
            snprintf(err, TB_ERRLEN, "malformed %s '%s'", what, s);
            return 0;
        }
        memcpy(part, p, n);
        part[n] = 0;
        for (const Named *a = names; a->name; a++)
            if (!strcmp(a->name, part))
                hit = a;
        if (hit)
            v |= (unsigned long)hit->value;
        else if (parse_number(part, &num) && num <= 0xFFFFFFFFull)
            v |= (unsigned long)num;
        else {
            snprintf(err, TB_ERRLEN, "unknown %s '%s'", what, part);
            return 0;
        }
        if (!bar)
            break;
        p = bar + 1;
    }
    *out = v;
    return 1;
}

int parse_attributes(const char *s, ULONG *out, char err[TB_ERRLEN])
{
    static const Named attrs[] = {{"OBJ_INHERIT", 0x2}, {"OBJ_KERNEL_HANDLE", 0x200}, {NULL, 0}};
    unsigned long v;
    if (!parse_flag_list(s, attrs, &v, "handle attribute", err))
        return 0;
    *out = v;
    return 1;
}

int parse_restrict_flags(const char *s, DWORD *out, char err[TB_ERRLEN])
{
    static const Named flags[] = {{"DISABLE_MAX_PRIVILEGE", 0x1}, {"SANDBOX_INERT", 0x2},
                                  {"LUA_TOKEN", 0x4}, {"WRITE_RESTRICTED", 0x8}, {NULL, 0}};
    unsigned long v;
    if (!parse_flag_list(s, flags, &v, "restricted-token flag", err))
        return 0;
    *out = v;
    return 1;
}

int parse_mapping(const char *s, GENERIC_MAPPING *m)
{
    if (!strcmp(s, "file")) {
        m->GenericRead = 0x00120089;
        m->GenericWrite = 0x00120116;
        m->GenericExecute = 0x001200A0;
        m->GenericAll = 0x001F01FF;
    } else if (!strcmp(s, "key")) {
        m->GenericRead = 0x00020019;
        m->GenericWrite = 0x00020006;
        m->GenericExecute = 0x00020019;
        m->GenericAll = 0x000F003F;
    } else if (!strcmp(s, "token")) {
        m->GenericRead = 0x00020008;
        m->GenericWrite = 0x000200E0;
        m->GenericExecute = 0x00020000;
        m->GenericAll = 0x000F01FF;
    } else if (!strcmp(s, "generic-all")) {
        m->GenericRead = m->GenericWrite = m->GenericExecute = m->GenericAll = 0x001F01FF;
    } else
        return 0;
    return 1;
}

static const char *TOKEN_CLASSES[] = {
    NULL, "TokenUser", "TokenGroups", "TokenPrivileges", "TokenOwner", "TokenPrimaryGroup",
    "TokenDefaultDacl", "TokenSource", "TokenType", "TokenImpersonationLevel", "TokenStatistics",
    "TokenRestrictedSids", "TokenSessionId", "TokenGroupsAndPrivileges", "TokenSessionReference",
    "TokenSandBoxInert", "TokenAuditPolicy", "TokenOrigin", "TokenElevationType",
    "TokenLinkedToken", "TokenElevation", "TokenHasRestrictions", "TokenAccessInformation",
    "TokenVirtualizationAllowed", "TokenVirtualizationEnabled", "TokenIntegrityLevel",
    "TokenUIAccess", "TokenMandatoryPolicy", "TokenLogonSid", "TokenIsAppContainer",
    "TokenCapabilities", "TokenAppContainerSid", "TokenAppContainerNumber",
    "TokenUserClaimAttributes", "TokenDeviceClaimAttributes", "TokenRestrictedUserClaimAttributes",
    "TokenRestrictedDeviceClaimAttributes", "TokenDeviceGroups", "TokenRestrictedDeviceGroups",
    "TokenSecurityAttributes", "TokenIsRestricted", "TokenProcessTrustLevel",
    "TokenPrivateNameSpace", "TokenSingletonAttributes", "TokenBnoIsolation",
    "TokenChildProcessFlags", "TokenIsLessPrivilegedAppContainer", "TokenIsSandboxed",
    "TokenIsAppSilo", "TokenLoggingInformation"};

int parse_token_class(const char *s, int *out)
{
    unsigned long long v;
    for (int i = 1; i < (int)(sizeof TOKEN_CLASSES / sizeof *TOKEN_CLASSES); i++)
        if (!strcmp(s, TOKEN_CLASSES[i])) {
            *out = i;
            return 1;
        }
    if (parse_number(s, &v) && v <= 0x7FFFFFFF) { /* raw class numbers, for invalid-class tests */
        *out = (int)v;
        return 1;
    }
    return 0;
}

const char *token_class_name(int cls)
{
    if (cls > 0 && cls < (int)(sizeof TOKEN_CLASSES / sizeof *TOKEN_CLASSES))
        return TOKEN_CLASSES[cls];
    return NULL;
}

static const Named LABELS[] = {
    {"Untrusted", 0x0000}, {"Low", 0x1000}, {"Medium", 0x2000}, {"MediumPlus", 0x2100},
    {"High", 0x3000}, {"System", 0x4000}, {"Protected", 0x5000}, {NULL, 0}};

static const struct {
    const char *alias;
    const char *sid;
} SID_ALIASES[] = {
    {"Everyone", "S-1-1-0"}, {"Administrators", "S-1-5-32-544"}, {"Users", "S-1-5-32-545"},
    {"Guests", "S-1-5-32-546"}, {"AuthenticatedUsers", "S-1-5-11"}, {"Interactive", "S-1-5-4"},
    {"Network", "S-1-5-2"}, {"Batch", "S-1-5-3"}, {"Service", "S-1-5-6"},
    {"LocalSystem", "S-1-5-18"}, {"LocalService", "S-1-5-19"}, {"NetworkService", "S-1-5-20"},
    {"AnonymousLogon", "S-1-5-7"}, {"Restricted", "S-1-5-12"}, {"ThisOrganization", "S-1-5-15"},
    {"UntrustedLabel", "S-1-16-0"}, {"LowLabel", "S-1-16-4096"}, {"MediumLabel", "S-1-16-8192"},
    {"MediumPlusLabel", "S-1-16-8448"}, {"HighLabel", "S-1-16-12288"},
    {"SystemLabel", "S-1-16-16384"}, {"ProtectedLabel", "S-1-16-20480"},
    /* logons and names (issue 14; scenarios.md "Logons and names") */
    {"Local", "S-1-2-0"}, {"ConsoleLogon", "S-1-2-1"}, {"LocalAccount", "S-1-5-113"},
    {"LocalAccountAndAdmin", "S-1-5-114"}, {"NtlmAuthentication", "S-1-5-64-10"},
    {"OwnerRights", "S-1-3-4"}, {"CreatorOwner", "S-1-3-0"}, {"CreatorGroup", "S-1-3-1"},
    {"RestrictedCode", "S-1-5-12"}, {NULL, NULL}};

/* The aliases a lookup_account_name `sid` field is written as: the Java runner's set
 * (conformance/ValueSyntax), so the two transcripts agree; any other SID is account:<name>. */
static const char *OUTPUT_ALIASES[] = {
    "Everyone", "Administrators", "Users", "AuthenticatedUsers", "Interactive", "LocalSystem",
    "AnonymousLogon", "UntrustedLabel", "LowLabel", "MediumLabel", "HighLabel", "SystemLabel",
    "OwnerRights", "Local", "Network", "Service", "RestrictedCode", "LocalService", "NetworkService",
    "Batch", "ConsoleLogon", "ThisOrganization", "LocalAccount", "LocalAccountAndAdmin",
    "NtlmAuthentication", "CreatorOwner", "CreatorGroup", NULL};

const char *sid_alias_name(PSID sid)
{
    BYTE known[SECURITY_MAX_SID_SIZE];
    for (int i = 0; OUTPUT_ALIASES[i]; i++)
        if (parse_sid_literal(OUTPUT_ALIASES[i], known) && EqualSid(known, sid))
            return OUTPUT_ALIASES[i];
    return NULL;
}

static int sid_from_string(const char *text, PSID out)
{
    PSID sid = NULL;
    if (strncmp(text, "S-1-", 4) || !ConvertStringSidToSidA(text, &sid))
        return 0;
    DWORD n = GetLengthSid(sid);
    int ok = n <= SECURITY_MAX_SID_SIZE && CopySid(SECURITY_MAX_SID_SIZE, out, sid);
    LocalFree(sid);
    return ok;
}

int parse_sid_literal(const char *s, PSID out)
{
    for (int i = 0; SID_ALIASES[i].alias; i++)
        if (!strcmp(s, SID_ALIASES[i].alias))
            return sid_from_string(SID_ALIASES[i].sid, out);
    return sid_from_string(s, out);
}

int parse_label(const char *s, PSID out)
{
    char text[32];
    for (const Named *l = LABELS; l->name; l++)
        if (!strcmp(s, l->name)) {
            snprintf(text, sizeof text, "S-1-16-%llu", l->value);
            return sid_from_string(text, out);
        }
    if (!strncmp(s, "S-1-16-", 7) || strstr(s, "Label"))
        return parse_sid_literal(s, out);
    return 0;
}

const char *label_name(PSID sid)
{
    SID_IDENTIFIER_AUTHORITY mandatory = SECURITY_MANDATORY_LABEL_AUTHORITY;
    if (!IsValidSid(sid) || *GetSidSubAuthorityCount(sid) != 1 ||
        memcmp(GetSidIdentifierAuthority(sid), &mandatory, sizeof mandatory))
        return NULL;
    DWORD rid = *GetSidSubAuthority(sid, 0);
    for (const Named *l = LABELS; l->name; l++)
        if (l->value == rid)
            return l->name;
    return NULL;
}

int sid_to_text(PSID sid, char *out, size_t n)
{
    char *s = NULL;
    if (!sid || !ConvertSidToStringSidA(sid, &s)) {
        snprintf(out, n, "(invalid SID)");
        return 0;
    }
    snprintf(out, n, "%s", s);
    LocalFree(s);
    return 1;
}

/* Privilege names with their LUIDs (the low part; the high part is 0), as Windows defines them. */
static const char *PRIVILEGES[] = {
    NULL, NULL, "SeCreateTokenPrivilege", "SeAssignPrimaryTokenPrivilege",
    "SeLockMemoryPrivilege", "SeIncreaseQuotaPrivilege", "SeMachineAccountPrivilege",
    "SeTcbPrivilege", "SeSecurityPrivilege", "SeTakeOwnershipPrivilege", "SeLoadDriverPrivilege",
    "SeSystemProfilePrivilege", "SeSystemtimePrivilege", "SeProfileSingleProcessPrivilege",
    "SeIncreaseBasePriorityPrivilege", "SeCreatePagefilePrivilege", "SeCreatePermanentPrivilege",
    "SeBackupPrivilege", "SeRestorePrivilege", "SeShutdownPrivilege", "SeDebugPrivilege",
    "SeAuditPrivilege", "SeSystemEnvironmentPrivilege", "SeChangeNotifyPrivilege",
    "SeRemoteShutdownPrivilege", "SeUndockPrivilege", "SeSyncAgentPrivilege",
    "SeEnableDelegationPrivilege", "SeManageVolumePrivilege", "SeImpersonatePrivilege",
    "SeCreateGlobalPrivilege", "SeTrustedCredManAccessPrivilege", "SeRelabelPrivilege",
    "SeIncreaseWorkingSetPrivilege", "SeTimeZonePrivilege", "SeCreateSymbolicLinkPrivilege",
    "SeDelegateSessionUserImpersonatePrivilege"};

int privilege_luid(const char *name, LUID *out)
{
    for (int i = 2; i < (int)(sizeof PRIVILEGES / sizeof *PRIVILEGES); i++)
        if (!strcmp(name, PRIVILEGES[i])) {
            out->LowPart = (DWORD)i;
            out->HighPart = 0;
            return 1;
        }
    return 0;
}

const char *privilege_name(LUID luid, char out[64])
{
    if (luid.HighPart == 0 && luid.LowPart >= 2 &&
        luid.LowPart < sizeof PRIVILEGES / sizeof *PRIVILEGES)
        return PRIVILEGES[luid.LowPart];
    snprintf(out, 64, "0x%lx:0x%lx", (unsigned long)luid.HighPart, (unsigned long)luid.LowPart);
    return out;
}

int named_handle(const char *s, HANDLE *out)
{
    static const struct {
        const char *name;
        HANDLE h;
    } NAMES[] = {{"current-process", (HANDLE)(LONG_PTR)-1}, {"current-thread", (HANDLE)(LONG_PTR)-2},
                 {"null", NULL}, {"current-process-token", TB_CURRENT_PROCESS_TOKEN},
                 {"current-thread-token", TB_CURRENT_THREAD_TOKEN},
                 {"current-thread-effective-token", TB_CURRENT_THREAD_EFFECTIVE_TOKEN}, {NULL, NULL}};
    for (int i = 0; NAMES[i].name; i++)
        if (!strcmp(NAMES[i].name, s)) {
            *out = NAMES[i].h;
            return 1;
        }
    return 0;
}

static const char *const ELEVATION_NAMES[] = {NULL, "Default", "Full", "Limited"};

int parse_elevation(const char *s, unsigned long long *out)
{
    for (unsigned i = 1; i < 4; i++)
        if (!strcmp(s, ELEVATION_NAMES[i])) {
            *out = i;
            return 1;
        }
    return 0;
}

const char *elevation_name(unsigned long long type)
{
    return type >= 1 && type <= 3 ? ELEVATION_NAMES[type] : NULL;
}

static const char *const DACL_NAMES[] = {"null", "empty", "present"};

int parse_dacl_state(const char *s, unsigned long long *out)
{
    for (unsigned i = 0; i < 3; i++)
        if (!strcmp(s, DACL_NAMES[i])) {
            *out = i;
            return 1;
        }
    return 0;
}

const char *dacl_state_name(unsigned long long state)
{
    return state <= 2 ? DACL_NAMES[state] : NULL;
}
