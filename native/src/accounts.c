/* accounts.c - logons and names (issue 14; scenarios.md "Logons and names"): the conformance
 * accounts, account:<name> SIDs, SID use names, logon types, and the `requires accounts` /
 * `requires uac` tests. Passwords are wiped after each call and never written anywhere. */
#include "tb.h"

/* the conformance administrator's password, fixed by scenarios.md */
static const wchar_t TB_ADMIN_PASSWORD[] = L"Tb-admin-1!";

static wchar_t *wide_dup(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
    wchar_t *w = xcalloc((size_t)n + 1, sizeof(wchar_t));
    MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n);
    return w;
}

void lower_utf8(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
}

int account_sid(const char *name, PSID out, char err[TB_ERRLEN])
{
    wchar_t *w = wide_dup(name), domain[256];
    DWORD cb = SECURITY_MAX_SID_SIZE, cch = 256;
    SID_NAME_USE use;
    BOOL ok = LookupAccountNameW(NULL, w, out, &cb, domain, &cch, &use);
    DWORD e = ok ? 0 : GetLastError();
    free(w);
    if (!ok) {
        char b[32];
        snprintf(err, TB_ERRLEN, "account:%s: LookupAccountNameW failed with %s", name, win32_name(e, b));
    }
    return ok;
}

static const char *USES[] = {NULL, "User", "Group", "Domain", "Alias", "WellKnownGroup", "DeletedAccount",
                             "Invalid", "Unknown", "Computer", "Label", "LogonSession"};

const char *sid_use_name(int use)
{
    return use >= 1 && use <= 11 ? USES[use] : "Unknown";
}

int is_sid_use_name(const char *s)
{
    for (int i = 1; i <= 11; i++)
        if (!strcmp(USES[i], s))
            return 1;
    return 0;
}

int logon_type_code(const char *s, DWORD *out)
{
    static const struct {
        const char *name;
        DWORD code;
    } TYPES[] = {{"interactive", LOGON32_LOGON_INTERACTIVE}, {"network", LOGON32_LOGON_NETWORK},
                 {"batch", LOGON32_LOGON_BATCH}, {"service", LOGON32_LOGON_SERVICE},
                 {"network_cleartext", LOGON32_LOGON_NETWORK_CLEARTEXT},
                 {"new_credentials", LOGON32_LOGON_NEW_CREDENTIALS}, {NULL, 0}};
    for (int i = 0; TYPES[i].name; i++)
        if (!strcmp(TYPES[i].name, s)) {
            *out = TYPES[i].code;
            return 1;
        }
    return 0;
}

int logon_provider_code(const char *s, DWORD *out)
{
    if (!strcmp(s, "default"))
        *out = LOGON32_PROVIDER_DEFAULT;
    else if (!strcmp(s, "winnt50"))
        *out = LOGON32_PROVIDER_WINNT50;
    else
        return 0;
    return 1;
}

/* The domain LookupAccountNameW gives for tb-user where the accounts exist (the Java runner does
 * the same), else COMPUTERNAME, else GetComputerNameW. Read once. */
const char *machine_name(void)
{
    static char name[256];
    static int known;
    if (known)
        return name;
    known = 1;
    BYTE sid[SECURITY_MAX_SID_SIZE];
    wchar_t domain[256];
    DWORD cb = sizeof sid, cch = 256, n = 256;
    SID_NAME_USE use;
    if (LookupAccountNameW(NULL, L"tb-user", sid, &cb, domain, &cch, &use) ||
        GetEnvironmentVariableW(L"COMPUTERNAME", domain, 256) ||
        GetComputerNameW(domain, &n))
        WideCharToMultiByte(CP_UTF8, 0, domain, -1, name, sizeof name, NULL, NULL);
    return name;
}

int host_has_accounts(void)
{
    static int has = -1;
    if (has < 0) {
        BYTE sid[SECURITY_MAX_SID_SIZE];
        char err[TB_ERRLEN];
        has = account_sid("tb-user", sid, err);
    }
    return has;
}

/* UAC is on where an interactive logon of tb-admin gives a filtered (Limited) token (L9), as the
 * Java runner decides; the token is closed at once. */
int host_uac_on(void)
{
    static int on = -1;
    if (on >= 0)
        return on;
    on = 0;
    if (!host_has_accounts())
        return on;
    wchar_t password[sizeof TB_ADMIN_PASSWORD / sizeof(wchar_t)];
    memcpy(password, TB_ADMIN_PASSWORD, sizeof password);
    HANDLE h = NULL;
    BOOL ok = LogonUserW(L"tb-admin", L".", password, LOGON32_LOGON_INTERACTIVE, LOGON32_PROVIDER_DEFAULT, &h);
    SecureZeroMemory(password, sizeof password);
    if (ok) {
        TOKEN_ELEVATION_TYPE type = 0;
        DWORD len = 0;
        on = GetTokenInformation(h, TokenElevationType, &type, sizeof type, &len) && type == TokenElevationTypeLimited;
        CloseHandle(h);
    }
    return on;
}
