/* verbs.c - execution of the Win32 and NT layer verbs of the scenario language against the
 * real advapi32 / kernel32 / ntdll functions of the host (Windows or Wine). */
#include "tb.h"
#include <sddl.h>

typedef struct {
    Vars *vars;
    const Step *st;
    StepResult *r;
} Ctx;

static void fail(Ctx *c, const char *fmt, const char *a)
{
    snprintf(c->r->error, TB_ERRLEN, fmt, a);
}

static const char *arg(Ctx *c, const char *key) { return step_arg(c->st, key); }

static int get_handle(Ctx *c, const char *key, HANDLE *out)
{
    const char *s = arg(c, key);
    unsigned long long v;
    if (named_handle(s, out))
        ;
    else if (*s == '$') {
        Var *var = vars_find(c->vars, s + 1);
        if (!var) {
            fail(c, "variable %s is not bound (its step failed or bound nothing)", s);
            return 0;
        }
        *out = var->h;
    } else if (parse_number(s, &v))
        *out = (HANDLE)(ULONG_PTR)v;
    else {
        fail(c, "bad handle '%s'", s);
        return 0;
    }
    return 1;
}

static DWORD get_mask(Ctx *c, const char *key, DWORD dflt)
{
    char err[TB_ERRLEN];
    DWORD m = dflt;
    const char *s = arg(c, key);
    if (s)
        parse_mask(s, &m, err); /* validated by the parser */
    return m;
}

static BOOL get_bool(Ctx *c, const char *key, BOOL dflt)
{
    BOOL b = dflt;
    const char *s = arg(c, key);
    if (s)
        parse_bool(s, &b);
    return b;
}

static SECURITY_IMPERSONATION_LEVEL get_level(Ctx *c, SECURITY_IMPERSONATION_LEVEL dflt)
{
    SECURITY_IMPERSONATION_LEVEL l = dflt;
    const char *s = arg(c, "level");
    if (s)
        parse_level(s, &l);
    return l;
}

static TOKEN_TYPE get_type(Ctx *c)
{
    TOKEN_TYPE t = TokenImpersonation;
    parse_token_type(arg(c, "type"), &t);
    return t;
}

static void outcome_w32(Ctx *c, BOOL ok, DWORD err)
{
    char b[32];
    snprintf(c->r->outcome, sizeof c->r->outcome, "%s", ok ? "ok" : win32_name(err, b));
}

static void outcome_nt(Ctx *c, NTSTATUS st)
{
    char b[32];
    snprintf(c->r->outcome, sizeof c->r->outcome, "%s", st == 0 ? "ok" : nt_name(st, b));
}

/* Wine 8.0 exports NtImpersonateThread as an unimplemented stub that raises
 * EXCEPTION_WINE_STUB instead of returning. The call runs under a vectored handler that jumps
 * back here on that exception only, so the step records it as its outcome (0x80000100)
 * instead of the driver aborting. The handler is installed once and stays. */
#define TB_EXCEPTION_WINE_STUB 0x80000100UL
static void *stub_jump[5];
static volatile LONG stub_armed;

static LONG CALLBACK stub_handler(EXCEPTION_POINTERS *e)
{
    if (stub_armed && e->ExceptionRecord->ExceptionCode == TB_EXCEPTION_WINE_STUB) {
        stub_armed = 0;
        __builtin_longjmp(stub_jump, 1);
    }
    return EXCEPTION_CONTINUE_SEARCH;
}

static NTSTATUS impersonate_thread_guarded(HANDLE server, HANDLE client, SECURITY_QUALITY_OF_SERVICE *qos)
{
    static PVOID handler;
    NTSTATUS ns;
    if (!handler)
        handler = AddVectoredExceptionHandler(1, stub_handler);
    if (__builtin_setjmp(stub_jump))
        return (NTSTATUS)TB_EXCEPTION_WINE_STUB;
    stub_armed = 1;
    ns = NtImpersonateThread(server, client, qos);
    stub_armed = 0;
    return ns;
}

static int asserted(Ctx *c, const char *field)
{
    for (int i = 0; i < c->st->nfields; i++)
        if (!strcmp(c->st->fields[i].key, field))
            return 1;
    return 0;
}

static void field(Ctx *c, const char *name, const char *value)
{
    if (!asserted(c, name) || c->r->nfields >= 4)
        return;
    c->r->fields[c->r->nfields].key = xstrdup(name);
    c->r->fields[c->r->nfields].val = xstrdup(value);
    c->r->nfields++;
}

/* records a new handle in the step's raw output and binds it to the step's name, or closes it when
   the step names none (nobody could name it later: it must not leak) */
void bind_result_handle(const Step *st, StepResult *r, HANDLE h)
{
    char b[32];
    snprintf(b, sizeof b, "0x%llx", (unsigned long long)(ULONG_PTR)h);
    raw_add(&r->raw, "handle", b);
    if (st->bind) {
        r->bound = 1;
        r->bind_kind = V_HANDLE;
        r->bind_handle = h;
    } else
        CloseHandle(h);
}

static void bind(Ctx *c, BOOL ok, HANDLE h)
{
    if (ok)
        bind_result_handle(c->st, c->r, h);
}

static void mark_closed(Ctx *c, const char *key)
{
    const char *s = arg(c, key);
    if (*s == '$') {
        Var *v = vars_find(c->vars, s + 1);
        if (v)
            v->open = 0;
    }
}

/* ---- lists ---- */
typedef struct {
    SID_AND_ATTRIBUTES *items;
    BYTE (*sids)[SECURITY_MAX_SID_SIZE];
    DWORD count;
} SidList;

static int sid_list(Ctx *c, const char *key, SidList *out)
{
    const char *s = arg(c, key);
    memset(out, 0, sizeof *out);
    if (!s || !*s)
        return 1;
    char *copy = xstrdup(s), *save = NULL;
    size_t n = 1;
    for (const char *p = s; *p; p++)
        n += *p == ',';
    out->items = xcalloc(n, sizeof *out->items);
    out->sids = xcalloc(n, SECURITY_MAX_SID_SIZE);
    for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        if (!resolve_sid(c->vars, p, out->sids[out->count], c->r->error)) {
            free(copy);
            return 0;
        }
        out->items[out->count].Sid = out->sids[out->count];
        out->count++;
    }
    free(copy);
    return 1;
}

static void sid_list_free(SidList *l)
{
    free(l->items);
    free(l->sids);
}

/* Privileges from a list into LUID_AND_ATTRIBUTES entries with the given attributes. */
static DWORD add_privileges(const char *s, LUID_AND_ATTRIBUTES *out, DWORD at, DWORD attrs)
{
    if (!s || !*s)
        return at;
    char *copy = xstrdup(s), *save = NULL;
    for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        privilege_luid(p, &out[at].Luid);
        out[at].Attributes = attrs;
        at++;
    }
    free(copy);
    return at;
}

static DWORD count_list(const char *s)
{
    DWORD n = 0;
    if (!s || !*s)
        return 0;
    for (n = 1; *s; s++)
        n += *s == ',';
    return n;
}

static wchar_t *widen(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
    wchar_t *w = xcalloc((size_t)n + 1, sizeof(wchar_t));
    MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n);
    return w;
}

static PSECURITY_DESCRIPTOR sddl_to_sd(Ctx *c, const char *sddl)
{
    PSECURITY_DESCRIPTOR sd = NULL;
    wchar_t *w = widen(sddl);
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(w, SDDL_REVISION_1, &sd, NULL)) {
        char b[32];
        snprintf(c->r->error, TB_ERRLEN, "ConvertStringSecurityDescriptorToSecurityDescriptorW(\"%.120s\") failed: %s",
                 sddl, win32_name(GetLastError(), b));
        sd = NULL;
    }
    free(w);
    return sd;
}

/* The descriptor an SDDL argument stands for: sd as converted, or, when the host's
 * converter turned "D:NO_ACCESS_CONTROL" into an empty DACL (Wine 8; Windows gives a NULL DACL,
 * MS-DTYP 2.5.1), a copy in abs_sd with a NULL DACL. Writes the DACL's shape to raw. */
static PSECURITY_DESCRIPTOR sd_as_written(Ctx *c, const char *sddl, PSECURITY_DESCRIPTOR sd,
                                          SECURITY_DESCRIPTOR *abs_sd)
{
    PSECURITY_DESCRIPTOR result = sd;
    BOOL present = FALSE, defaulted = FALSE;
    PACL dacl = NULL;
    char d[32];
    GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted);
    if (present && dacl && dacl->AceCount == 0 && strstr(sddl, "D:NO_ACCESS_CONTROL")) {
        PSID owner = NULL, group = NULL;
        PACL sacl = NULL;
        BOOL sacl_present = FALSE;
        InitializeSecurityDescriptor(abs_sd, SECURITY_DESCRIPTOR_REVISION);
        GetSecurityDescriptorOwner(sd, &owner, &defaulted);
        SetSecurityDescriptorOwner(abs_sd, owner, FALSE);
        GetSecurityDescriptorGroup(sd, &group, &defaulted);
        SetSecurityDescriptorGroup(abs_sd, group, FALSE);
        GetSecurityDescriptorSacl(sd, &sacl_present, &sacl, &defaulted);
        SetSecurityDescriptorSacl(abs_sd, sacl_present, sacl, FALSE);
        SetSecurityDescriptorDacl(abs_sd, TRUE, NULL, FALSE);
        result = abs_sd;
        dacl = NULL;
        raw_add(&c->r->raw, "sddl_fixup", "NO_ACCESS_CONTROL converted to an empty DACL; passed a NULL DACL");
    }
    if (!present)
        snprintf(d, sizeof d, "absent");
    else if (!dacl)
        snprintf(d, sizeof d, "null");
    else
        snprintf(d, sizeof d, "%u aces", (unsigned)dacl->AceCount);
    raw_add(&c->r->raw, "dacl", d); /* for reading transcripts; raw is never compared */
    return result;
}

static void privilege_names(PPRIVILEGE_SET set, Buf *out)
{
    buf_add(out, "");
    for (DWORD i = 0; i < set->PrivilegeCount; i++) {
        char b[64];
        if (i)
            buf_add(out, ",");
        buf_add(out, privilege_name(set->Privilege[i].Luid, b));
    }
}

/* ---- the verbs ---- */
static void v_access_check(Ctx *c)
{
    HANDLE tok;
    GENERIC_MAPPING map;
    if (!get_handle(c, "token", &tok))
        return;
    parse_mapping(arg(c, "mapping"), &map);
    /* sd=$var: a descriptor bound by get_named_security_info / get_security_info (objects) */
    PSECURITY_DESCRIPTOR sd = *arg(c, "sd") == '$' ? objects_var_sd(c->vars, arg(c, "sd"), c->r->error)
                                                   : sddl_to_sd(c, arg(c, "sd"));
    if (!sd)
        return;
    SECURITY_DESCRIPTOR abs_sd;
    PSECURITY_DESCRIPTOR check_sd = sd_as_written(c, arg(c, "sd"), sd, &abs_sd);
    union {
        PRIVILEGE_SET set;
        BYTE bytes[4096];
    } ps;
    DWORD pslen = sizeof ps, granted = 0;
    BOOL status = FALSE;
    memset(&ps, 0, sizeof ps);
    SetLastError(0);
    BOOL ok = AccessCheck(check_sd, tok, get_mask(c, "desired", 0), &map, &ps.set, &pslen, &granted, &status);
    DWORD err = GetLastError();
    LocalFree(sd);
    if (!ok)
        outcome_w32(c, FALSE, err);
    else if (!status) {
        /* a successful call that denies access: the access status is the last error */
        outcome_w32(c, FALSE, err ? err : ERROR_ACCESS_DENIED);
        if (!err)
            raw_add(&c->r->raw, "note", "AccessCheck left the last error unset; ERROR_ACCESS_DENIED assumed");
    } else
        outcome_w32(c, TRUE, 0);
    char b[32];
    snprintf(b, sizeof b, "0x%lx", (unsigned long)granted);
    field(c, "granted", b);
    Buf names = {0};
    if (ok)
        privilege_names(&ps.set, &names);
    else
        buf_add(&names, "");
    field(c, "privileges", names.s);
    buf_free(&names);
}

static void v_adjust(Ctx *c)
{
    HANDLE tok;
    if (!get_handle(c, "token", &tok))
        return;
    const char *en = arg(c, "enable"), *dis = arg(c, "disable"), *rem = arg(c, "remove");
    DWORD n = count_list(en) + count_list(dis) + count_list(rem);
    TOKEN_PRIVILEGES *tp = NULL;
    if (en || dis || rem) {
        tp = xcalloc(1, sizeof(TOKEN_PRIVILEGES) + n * sizeof(LUID_AND_ATTRIBUTES));
        DWORD at = add_privileges(en, tp->Privileges, 0, SE_PRIVILEGE_ENABLED);
        at = add_privileges(dis, tp->Privileges, at, 0);
        at = add_privileges(rem, tp->Privileges, at, SE_PRIVILEGE_REMOVED);
        tp->PrivilegeCount = at;
    }
    SetLastError(0xDEADBEEF);
    BOOL ok = AdjustTokenPrivileges(tok, get_bool(c, "disable_all", FALSE), tp, 0, NULL, NULL);
    DWORD err = GetLastError();
    free(tp);
    if (ok && err == ERROR_NOT_ALL_ASSIGNED)
        outcome_w32(c, FALSE, ERROR_NOT_ALL_ASSIGNED);
    else
        outcome_w32(c, ok, err);
}

/* AdjustTokenGroups (R57): enable= entries with SE_GROUP_ENABLED, disable= entries with 0;
 * reset=true passes ResetToDefault; without enable= and disable= NewState is NULL (reset=false
 * alone: the NULL-NewState misuse of R94);
 * previous_length=N passes an N-byte PreviousState buffer and ReturnLength, absent means NULL/0. */
static void v_adjust_groups(Ctx *c)
{
    HANDLE tok;
    SidList en, dis;
    if (!get_handle(c, "token", &tok))
        return;
    if (!sid_list(c, "enable", &en))
        return;
    if (!sid_list(c, "disable", &dis)) {
        sid_list_free(&en);
        return;
    }
    TOKEN_GROUPS *tg = NULL;
    DWORD n = en.count + dis.count;
    if (arg(c, "enable") || arg(c, "disable")) {
        tg = xcalloc(1, sizeof(TOKEN_GROUPS) + n * sizeof(SID_AND_ATTRIBUTES));
        for (DWORD i = 0; i < en.count; i++) {
            tg->Groups[tg->GroupCount].Sid = en.items[i].Sid;
            tg->Groups[tg->GroupCount++].Attributes = SE_GROUP_ENABLED;
        }
        for (DWORD i = 0; i < dis.count; i++) {
            tg->Groups[tg->GroupCount].Sid = dis.items[i].Sid;
            tg->Groups[tg->GroupCount++].Attributes = 0;
        }
    }
    DWORD prev_len = 0, ret_len = 0;
    TOKEN_GROUPS *prev = NULL;
    if (arg(c, "previous_length")) {
        unsigned long long v = 0;
        parse_number(arg(c, "previous_length"), &v);
        prev_len = (DWORD)v;
        prev = xcalloc(1, prev_len ? prev_len : 1);
    }
    SetLastError(0xDEADBEEF);
    BOOL ok = AdjustTokenGroups(tok, get_bool(c, "reset", FALSE), tg, prev_len, prev, prev ? &ret_len : NULL);
    DWORD err = GetLastError();
    if (prev) {
        char b[32];
        snprintf(b, sizeof b, "%lu", (unsigned long)ret_len);
        raw_add(&c->r->raw, "return_length", b);
    }
    free(prev);
    free(tg);
    sid_list_free(&en);
    sid_list_free(&dis);
    if (ok && err == ERROR_NOT_ALL_ASSIGNED)
        outcome_w32(c, FALSE, ERROR_NOT_ALL_ASSIGNED);
    else
        outcome_w32(c, ok, ok ? 0 : err);
}

static void v_privilege_check(Ctx *c)
{
    HANDLE tok;
    if (!get_handle(c, "token", &tok))
        return;
    const char *list = arg(c, "privileges");
    DWORD n = count_list(list);
    PRIVILEGE_SET *set = xcalloc(1, sizeof(PRIVILEGE_SET) + n * sizeof(LUID_AND_ATTRIBUTES));
    set->PrivilegeCount = add_privileges(list, set->Privilege, 0, 0);
    set->Control = get_bool(c, "all", FALSE) ? PRIVILEGE_SET_ALL_NECESSARY : 0;
    BOOL result = FALSE;
    BOOL ok = PrivilegeCheck(tok, set, &result);
    outcome_w32(c, ok, ok ? 0 : GetLastError());
    free(set);
    field(c, "result", result ? "true" : "false");
}

static void v_membership(Ctx *c)
{
    HANDLE tok;
    BYTE sid[SECURITY_MAX_SID_SIZE];
    if (!get_handle(c, "token", &tok) || !resolve_sid(c->vars, arg(c, "sid"), sid, c->r->error))
        return;
    BOOL member = FALSE;
    BOOL ok = CheckTokenMembership(tok, sid, &member);
    outcome_w32(c, ok, ok ? 0 : GetLastError());
    field(c, "result", member ? "true" : "false");
}

static void v_restricted(Ctx *c)
{
    HANDLE tok, out = NULL;
    SidList dis, res;
    DWORD flags = 0;
    char err[TB_ERRLEN];
    if (!get_handle(c, "token", &tok))
        return;
    if (arg(c, "flags"))
        parse_restrict_flags(arg(c, "flags"), &flags, err);
    if (!sid_list(c, "disable", &dis))
        return;
    if (!sid_list(c, "restrict", &res)) {
        sid_list_free(&dis);
        return;
    }
    const char *del = arg(c, "delete");
    LUID_AND_ATTRIBUTES *privs = xcalloc(count_list(del) + 1, sizeof *privs);
    DWORD ndel = add_privileges(del, privs, 0, 0);
    BOOL ok = CreateRestrictedToken(tok, flags, dis.count, dis.count ? dis.items : NULL, ndel,
                                    ndel ? privs : NULL, res.count, res.count ? res.items : NULL, &out);
    DWORD e = ok ? 0 : GetLastError();
    free(privs);
    sid_list_free(&dis);
    sid_list_free(&res);
    outcome_w32(c, ok, e);
    bind(c, ok, out);
}

static void v_set_info(Ctx *c)
{
    HANDLE tok;
    if (!get_handle(c, "token", &tok))
        return;
    const char *cls = arg(c, "class"), *val = arg(c, "value");
    BYTE sid[SECURITY_MAX_SID_SIZE];
    BOOL ok;
    DWORD e;
    if (!strcmp(cls, "TokenIntegrityLevel")) {
        TOKEN_MANDATORY_LABEL tml;
        parse_label(val, sid);
        tml.Label.Sid = sid;
        tml.Label.Attributes = SE_GROUP_INTEGRITY;
        ok = SetTokenInformation(tok, TokenIntegrityLevel, &tml, sizeof tml + GetLengthSid(sid));
    } else if (strcmp(cls, "TokenDefaultDacl") && strcmp(cls, "TokenOwner") && strcmp(cls, "TokenPrimaryGroup")) {
        /* TokenSessionId and every other class: a DWORD value */
        unsigned long long v = 0;
        int n = 0;
        parse_number(val, &v);
        parse_token_class(cls, &n);
        DWORD dw = (DWORD)v;
        ok = SetTokenInformation(tok, (TOKEN_INFORMATION_CLASS)n, &dw, sizeof dw);
    } else if (!strcmp(cls, "TokenDefaultDacl")) {
        TOKEN_DEFAULT_DACL dd = {NULL};
        PSECURITY_DESCRIPTOR sd = NULL;
        DWORD size = sizeof dd;
        if (strcmp(val, "null")) {
            BOOL present = FALSE, defaulted = FALSE;
            if (!(sd = sddl_to_sd(c, val)))
                return;
            GetSecurityDescriptorDacl(sd, &present, &dd.DefaultDacl, &defaulted);
            if (!present) {
                LocalFree(sd);
                fail(c, "the SDDL '%s' has no DACL (write D:...)", val);
                return;
            }
        }
        ok = SetTokenInformation(tok, TokenDefaultDacl, &dd, size);
        e = ok ? 0 : GetLastError();
        if (sd)
            LocalFree(sd);
        outcome_w32(c, ok, e);
        return;
    } else {
        if (!resolve_sid(c->vars, val, sid, c->r->error))
            return;
        if (!strcmp(cls, "TokenOwner")) {
            TOKEN_OWNER o = {sid};
            ok = SetTokenInformation(tok, TokenOwner, &o, sizeof o);
        } else {
            TOKEN_PRIMARY_GROUP g = {sid};
            ok = SetTokenInformation(tok, TokenPrimaryGroup, &g, sizeof g);
        }
    }
    e = ok ? 0 : GetLastError();
    outcome_w32(c, ok, e);
}

/* get_token_information / nt_query_information_token: with `length` the call is made once
 * with a buffer of that size; without it the size is asked for first, then the call is made
 * with the returned size. Field `length` is the returned (or required) length. */
static void v_query_info(Ctx *c, int nt)
{
    HANDLE tok;
    int cls = 0;
    unsigned long long want = 0;
    if (!get_handle(c, "token", &tok))
        return;
    parse_token_class(arg(c, "class"), &cls);
    int explicit_len = arg(c, "length") != NULL;
    if (explicit_len)
        parse_number(arg(c, "length"), &want);
    DWORD ret = 0, e = 0;
    NTSTATUS st = 0;
    BOOL ok;
    void *buf = NULL;
    HANDLE linked = NULL; /* TokenLinkedToken: a new handle the caller owns (bound by `as`, else closed) */
    if (!explicit_len) {
        ULONG probe = 0;
        if (nt) {
            st = NtQueryInformationToken(tok, (TOKEN_INFORMATION_CLASS)cls, NULL, 0, &probe);
            ok = st == 0;
        } else {
            ok = GetTokenInformation(tok, (TOKEN_INFORMATION_CLASS)cls, NULL, 0, &probe);
            e = ok ? 0 : GetLastError();
        }
        char b[32];
        snprintf(b, sizeof b, "%lu", (unsigned long)probe);
        raw_add(&c->r->raw, "probe_length", b);
        int too_small = nt ? (st == (NTSTATUS)0xC0000023 || st == (NTSTATUS)0x80000005 || st == (NTSTATUS)0xC0000004)
                           : (e == ERROR_INSUFFICIENT_BUFFER || e == ERROR_BAD_LENGTH || e == ERROR_MORE_DATA);
        if (ok || !too_small) {
            ret = probe;
            goto done;
        }
        want = probe;
    }
    buf = want ? xcalloc((size_t)want, 1) : NULL;
    if (nt) {
        ULONG r = 0;
        st = NtQueryInformationToken(tok, (TOKEN_INFORMATION_CLASS)cls, buf, (ULONG)want, &r);
        ok = st == 0;
        ret = r;
    } else {
        ok = GetTokenInformation(tok, (TOKEN_INFORMATION_CLASS)cls, buf, (DWORD)want, &ret);
        e = ok ? 0 : GetLastError();
    }
    if (ok && cls == TokenLinkedToken && buf && want >= sizeof(HANDLE))
        linked = ((TOKEN_LINKED_TOKEN *)buf)->LinkedToken;
    free(buf);
done:
    if (nt)
        outcome_nt(c, st);
    else
        outcome_w32(c, ok, e);
    char b[32];
    snprintf(b, sizeof b, "%lu", (unsigned long)ret);
    field(c, "length", b);
    if (ok && cls == TokenLinkedToken && linked)
        bind(c, TRUE, linked); /* nt_query_information_token binds nothing: bind() closes it */
}

/* ---- logons and names (issue 14; scenarios.md "Logons and names") ---- */

/* LogonUserW; the password is wiped after the call and never reaches a transcript or report. */
static void v_logon_user(Ctx *c)
{
    DWORD type = 0, provider = LOGON32_PROVIDER_DEFAULT;
    logon_type_code(arg(c, "type"), &type);
    if (arg(c, "provider"))
        logon_provider_code(arg(c, "provider"), &provider);
    wchar_t *user = widen(arg(c, "user"));
    wchar_t *domain = widen(arg(c, "domain") ? arg(c, "domain") : ".");
    wchar_t *password = widen(arg(c, "password"));
    HANDLE h = NULL;
    BOOL ok = LogonUserW(user, domain, password, type, provider, &h);
    DWORD e = ok ? 0 : GetLastError();
    SecureZeroMemory(password, wcslen(password) * sizeof(wchar_t));
    free(password);
    free(domain);
    free(user);
    outcome_w32(c, ok, e);
    bind(c, ok, h);
}

static char *narrow_lower(const wchar_t *w)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    char *s = xcalloc((size_t)n + 1, 1);
    WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
    lower_utf8(s);
    return s;
}

/* The domain field: "machine" for this host's computer name, else the name in lower case. */
static void domain_field(Ctx *c, const wchar_t *domain)
{
    char *d = narrow_lower(domain), *m = xstrdup(machine_name());
    lower_utf8(m);
    raw_add(&c->r->raw, "domain", d);
    field(c, "domain", m[0] && !strcmp(d, m) ? "machine" : d);
    free(m);
    free(d);
}

static void v_lookup_sid(Ctx *c)
{
    BYTE sid[SECURITY_MAX_SID_SIZE];
    if (!resolve_sid(c->vars, arg(c, "sid"), sid, c->r->error))
        return;
    DWORD cch = 256, cchd = 256;
    SID_NAME_USE use = 0;
    wchar_t *name = NULL, *domain = NULL;
    BOOL ok = FALSE;
    DWORD e = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        free(name);
        free(domain);
        name = xcalloc(cch + 1, sizeof(wchar_t));
        domain = xcalloc(cchd + 1, sizeof(wchar_t));
        ok = LookupAccountSidW(NULL, sid, name, &cch, domain, &cchd, &use);
        e = ok ? 0 : GetLastError();
        if (ok || e != ERROR_INSUFFICIENT_BUFFER)
            break;
    }
    char text[200];
    sid_to_text(sid, text, sizeof text);
    raw_add(&c->r->raw, "sid", text);
    outcome_w32(c, ok, e);
    if (ok) {
        char *n = narrow_lower(name);
        raw_add(&c->r->raw, "name", n);
        field(c, "name", n);
        free(n);
        domain_field(c, domain);
        field(c, "use", sid_use_name(use));
    }
    free(name);
    free(domain);
}

static void v_lookup_name(Ctx *c)
{
    const char *given = arg(c, "name");
    wchar_t *w = widen(given);
    BYTE sid[SECURITY_MAX_SID_SIZE];
    DWORD cb = sizeof sid, cchd = 256;
    SID_NAME_USE use = 0;
    wchar_t *domain = NULL;
    BOOL ok = FALSE;
    DWORD e = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        free(domain);
        domain = xcalloc(cchd + 1, sizeof(wchar_t));
        cb = sizeof sid;
        ok = LookupAccountNameW(NULL, w, sid, &cb, domain, &cchd, &use);
        e = ok ? 0 : GetLastError();
        if (ok || e != ERROR_INSUFFICIENT_BUFFER)
            break;
    }
    free(w);
    outcome_w32(c, ok, e);
    if (ok) {
        sid_to_text(sid, c->r->observed_sid, sizeof c->r->observed_sid);
        raw_add(&c->r->raw, "sid", c->r->observed_sid);
        /* the sid field: its alias, else account:<the account part as spelt, lower case> */
        const char *alias = sid_alias_name(sid);
        if (alias)
            field(c, "sid", alias);
        else {
            const char *slash = strchr(given, '\\'), *at = strrchr(given, '@');
            const char *part = slash ? slash + 1 : given;
            size_t len = !slash && at && at > given ? (size_t)(at - given) : strlen(part);
            char *sidf = xcalloc(len + 9, 1);
            memcpy(sidf, "account:", 8);
            memcpy(sidf + 8, part, len);
            lower_utf8(sidf);
            field(c, "sid", sidf);
            free(sidf);
        }
        domain_field(c, domain);
        field(c, "use", sid_use_name(use));
    }
    free(domain);
}

static void v_create_thread(Ctx *c)
{
    struct Worker *w = worker_start();
    if (!w) {
        outcome_w32(c, FALSE, GetLastError());
        return;
    }
    snprintf(c->r->outcome, sizeof c->r->outcome, "ok");
    c->r->bound = 1;
    c->r->bind_kind = V_THREAD;
    c->r->bind_worker = w;
    c->r->bind_handle = worker_handle(w);
    char b[32];
    snprintf(b, sizeof b, "0x%llx", (unsigned long long)(ULONG_PTR)c->r->bind_handle);
    raw_add(&c->r->raw, "handle", b);
}

static ULONG get_attrs(Ctx *c)
{
    ULONG a = 0;
    char err[TB_ERRLEN];
    if (arg(c, "attributes"))
        parse_attributes(arg(c, "attributes"), &a, err);
    return a;
}

/* ---- processes under a token (processes, issue 20): create_process_as_user, create_process_with_token,
 * create_child_process. The child is %SystemRoot%\System32\cmd.exe, created suspended without a window;
 * the driver keeps a duplicate of each process handle and ends the children after the scenario. */
#define TB_MAX_CHILDREN 32
static HANDLE children[TB_MAX_CHILDREN];
static int nchildren;

void end_children(void)
{
    for (int i = 0; i < nchildren; i++) {
        TerminateProcess(children[i], 1);
        WaitForSingleObject(children[i], 5000);
        CloseHandle(children[i]);
    }
    nchildren = 0;
}

static void v_create_process(Ctx *c, int kind) /* 0 AsUser, 1 WithToken, 2 CreateProcessW */
{
    HANDLE token = NULL;
    if (kind != 2 && !get_handle(c, "token", &token))
        return;
    WCHAR root[MAX_PATH], cmd[MAX_PATH + 64];
    DWORD n = GetEnvironmentVariableW(L"SystemRoot", root, MAX_PATH);
    if (n == 0 || n >= MAX_PATH)
        GetWindowsDirectoryW(root, MAX_PATH);
    wcscpy(cmd, L"\"");
    wcscat(cmd, root);
    wcscat(cmd, L"\\System32\\cmd.exe\"");
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    memset(&pi, 0, sizeof pi);
    DWORD flags = CREATE_SUSPENDED | CREATE_NO_WINDOW;
    BOOL ok;
    if (kind == 0)
        ok = CreateProcessAsUserW(token, NULL, cmd, NULL, NULL, FALSE, flags, NULL, NULL, &si, &pi);
    else if (kind == 1)
        ok = CreateProcessWithTokenW(token, 0, NULL, cmd, flags, NULL, NULL, &si, &pi);
    else
        ok = CreateProcessW(NULL, cmd, NULL, NULL, FALSE, flags, NULL, NULL, &si, &pi);
    DWORD e = ok ? 0 : GetLastError();
    outcome_w32(c, ok, e);
    if (!ok)
        return;
    CloseHandle(pi.hThread);
    HANDLE keep = NULL;
    if (nchildren < TB_MAX_CHILDREN
        && DuplicateHandle(GetCurrentProcess(), pi.hProcess, GetCurrentProcess(), &keep, 0, FALSE, DUPLICATE_SAME_ACCESS))
        children[nchildren++] = keep;
    else
        TerminateProcess(pi.hProcess, 1); /* cannot end it later: end it now */
    bind(c, ok, pi.hProcess);
}

void exec_step(Vars *vars, const Step *st, StepResult *r)
{
    Ctx c = {vars, st, r};
    const char *v = st->verb->name;
    HANDLE a = NULL, b = NULL, out = NULL;
    BOOL ok;
    DWORD e;
    NTSTATUS ns;
    snprintf(r->outcome, sizeof r->outcome, "?");
    if (object_verb(vars, st, r)) /* objects */
        return;
    if (is_pipe_verb(v)) { /* named pipes (issue 13): pipes.c */
        exec_pipe_step(vars, st, r);
    } else if (!strcmp(v, "open_process_token")) {
        if (!get_handle(&c, "process", &a))
            return;
        ok = OpenProcessToken(a, get_mask(&c, "access", 0), &out);
        outcome_w32(&c, ok, ok ? 0 : GetLastError());
        bind(&c, ok, out);
    } else if (!strcmp(v, "open_thread_token")) {
        if (!get_handle(&c, "thread", &a))
            return;
        ok = OpenThreadToken(a, get_mask(&c, "access", 0), get_bool(&c, "open_as_self", FALSE), &out);
        outcome_w32(&c, ok, ok ? 0 : GetLastError());
        bind(&c, ok, out);
    } else if (!strcmp(v, "duplicate_token")) {
        if (!get_handle(&c, "token", &a))
            return;
        ok = DuplicateToken(a, get_level(&c, SecurityImpersonation), &out);
        outcome_w32(&c, ok, ok ? 0 : GetLastError());
        bind(&c, ok, out);
    } else if (!strcmp(v, "duplicate_token_ex")) {
        if (!get_handle(&c, "token", &a))
            return;
        /* sd= (R14): the SECURITY_ATTRIBUTES' descriptor; absent: lpTokenAttributes NULL */
        SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, FALSE};
        SECURITY_DESCRIPTOR abs_sd;
        PSECURITY_DESCRIPTOR sd = NULL;
        if (arg(&c, "sd")) {
            if (!(sd = sddl_to_sd(&c, arg(&c, "sd"))))
                return;
            sa.lpSecurityDescriptor = sd_as_written(&c, arg(&c, "sd"), sd, &abs_sd);
        }
        ok = DuplicateTokenEx(a, get_mask(&c, "access", 0), sd ? &sa : NULL, get_level(&c, SecurityImpersonation),
                              get_type(&c), &out);
        DWORD err = ok ? 0 : GetLastError();
        if (sd)
            LocalFree(sd);
        outcome_w32(&c, ok, err);
        bind(&c, ok, out);
    } else if (!strcmp(v, "duplicate_handle")) {
        if (!get_handle(&c, "handle", &a))
            return;
        BOOL same = get_bool(&c, "same_access", arg(&c, "access") == NULL);
        ok = DuplicateHandle(GetCurrentProcess(), a, GetCurrentProcess(), &out, get_mask(&c, "access", 0),
                             FALSE, same ? DUPLICATE_SAME_ACCESS : 0);
        outcome_w32(&c, ok, ok ? 0 : GetLastError());
        bind(&c, ok, out);
    } else if (!strcmp(v, "close_handle")) {
        if (!get_handle(&c, "handle", &a))
            return;
        ok = CloseHandle(a);
        outcome_w32(&c, ok, ok ? 0 : GetLastError());
        if (ok)
            mark_closed(&c, "handle");
    } else if (!strcmp(v, "impersonate_self")) {
        ok = ImpersonateSelf(get_level(&c, SecurityImpersonation));
        outcome_w32(&c, ok, ok ? 0 : GetLastError());
    } else if (!strcmp(v, "impersonate_logged_on_user")) {
        if (!get_handle(&c, "token", &a))
            return;
        ok = ImpersonateLoggedOnUser(a);
        outcome_w32(&c, ok, ok ? 0 : GetLastError());
    } else if (!strcmp(v, "set_thread_token")) {
        if (!get_handle(&c, "thread", &a) || !get_handle(&c, "token", &b))
            return;
        int calling = !strcmp(arg(&c, "thread"), "null");
        ok = SetThreadToken(calling ? NULL : &a, b);
        outcome_w32(&c, ok, ok ? 0 : GetLastError());
    } else if (!strcmp(v, "impersonate_anonymous_token")) {
        if (!get_handle(&c, "thread", &a))
            return;
        ok = ImpersonateAnonymousToken(a);
        outcome_w32(&c, ok, ok ? 0 : GetLastError());
    } else if (!strcmp(v, "revert_to_self")) {
        ok = RevertToSelf();
        outcome_w32(&c, ok, ok ? 0 : GetLastError());
    } else if (!strcmp(v, "adjust_token_privileges")) {
        v_adjust(&c);
    } else if (!strcmp(v, "adjust_token_groups")) {
        v_adjust_groups(&c);
    } else if (!strcmp(v, "privilege_check")) {
        v_privilege_check(&c);
    } else if (!strcmp(v, "check_token_membership")) {
        v_membership(&c);
    } else if (!strcmp(v, "access_check")) {
        v_access_check(&c);
    } else if (!strcmp(v, "create_restricted_token")) {
        v_restricted(&c);
    } else if (!strcmp(v, "set_token_information")) {
        v_set_info(&c);
    } else if (!strcmp(v, "get_token_information")) {
        v_query_info(&c, 0);
    } else if (!strcmp(v, "nt_query_information_token")) {
        v_query_info(&c, 1);
    } else if (!strcmp(v, "create_process_as_user")) {
        v_create_process(&c, 0);
    } else if (!strcmp(v, "create_process_with_token")) {
        v_create_process(&c, 1);
    } else if (!strcmp(v, "create_child_process")) {
        v_create_process(&c, 2);
    } else if (!strcmp(v, "create_thread")) {
        v_create_thread(&c);
    } else if (!strcmp(v, "logon_user")) { /* logons and names (issue 14) */
        v_logon_user(&c);
    } else if (!strcmp(v, "lookup_account_sid")) {
        v_lookup_sid(&c);
    } else if (!strcmp(v, "lookup_account_name")) {
        v_lookup_name(&c);
    } else if (!strcmp(v, "nt_open_process_token_ex")) {
        if (!get_handle(&c, "process", &a))
            return;
        ns = NtOpenProcessTokenEx(a, get_mask(&c, "access", 0), get_attrs(&c), &out);
        outcome_nt(&c, ns);
        bind(&c, ns == 0, out);
    } else if (!strcmp(v, "nt_open_thread_token_ex")) {
        if (!get_handle(&c, "thread", &a))
            return;
        ns = NtOpenThreadTokenEx(a, get_mask(&c, "access", 0), (BOOLEAN)get_bool(&c, "open_as_self", FALSE),
                                 get_attrs(&c), &out);
        outcome_nt(&c, ns);
        bind(&c, ns == 0, out);
    } else if (!strcmp(v, "nt_duplicate_token")) {
        if (!get_handle(&c, "token", &a))
            return;
        BOOLEAN eff = (BOOLEAN)get_bool(&c, "effective_only", FALSE);
        SECURITY_QUALITY_OF_SERVICE qos;
        OBJECT_ATTRIBUTES oa;
        memset(&qos, 0, sizeof qos);
        memset(&oa, 0, sizeof oa);
        oa.Length = sizeof oa;
        if (arg(&c, "level")) {
            qos.Length = sizeof qos;
            qos.ImpersonationLevel = get_level(&c, SecurityImpersonation);
            qos.ContextTrackingMode = SECURITY_STATIC_TRACKING;
            qos.EffectiveOnly = eff;
            oa.SecurityQualityOfService = &qos;
        }
        ns = NtDuplicateToken(a, get_mask(&c, "access", 0), &oa, eff, get_type(&c), &out);
        outcome_nt(&c, ns);
        bind(&c, ns == 0, out);
    } else if (!strcmp(v, "nt_set_information_thread")) {
        if (!get_handle(&c, "thread", &a) || !get_handle(&c, "token", &b))
            return;
        ns = NtSetInformationThread(a, (THREADINFOCLASS)5 /* ThreadImpersonationToken */, &b, sizeof b);
        outcome_nt(&c, ns);
    } else if (!strcmp(v, "nt_impersonate_anonymous_token")) {
        if (!get_handle(&c, "thread", &a))
            return;
        outcome_nt(&c, NtImpersonateAnonymousToken(a));
    } else if (!strcmp(v, "nt_impersonate_thread")) {
        /* R43: the server (a) impersonates the client's (b) effective token under this SQOS */
        SECURITY_QUALITY_OF_SERVICE qos;
        const char *tracking = arg(&c, "tracking");
        if (!get_handle(&c, "server", &a) || !get_handle(&c, "client", &b))
            return;
        memset(&qos, 0, sizeof qos);
        qos.Length = sizeof qos;
        qos.ImpersonationLevel = get_level(&c, SecurityImpersonation);
        qos.ContextTrackingMode = tracking && !strcmp(tracking, "dynamic") ? SECURITY_DYNAMIC_TRACKING
                                                                           : SECURITY_STATIC_TRACKING;
        qos.EffectiveOnly = (BOOLEAN)get_bool(&c, "effective_only", FALSE);
        outcome_nt(&c, impersonate_thread_guarded(a, b, &qos));
    } else if (!strcmp(v, "nt_close")) {
        if (!get_handle(&c, "handle", &a))
            return;
        ns = NtClose(a);
        outcome_nt(&c, ns);
        if (ns == 0)
            mark_closed(&c, "handle");
    } else {
        fail(&c, "verb %s is model-only and cannot run on a real host", v);
    }
    (void)e;
}
