/* objects.c - the object-security verbs of the scenario language (scenarios.md "Object
 * security"): create_directory, create_file, create_key, open_key, get/set_named_security_info,
 * get/set_security_info over a scratch directory and key made for each scenario, descriptors bound
 * with `as $var`, SDDL placeholders and the canonical `sd` field text the Java runner writes
 * (conformance.DescriptorText). */
#include "tb.h"
#include <sddl.h>
#include <aclapi.h>

static struct {
    int active;
    wchar_t dir[1024];
    wchar_t keypath[512];
    HKEY key;
    char process_user[192];
    wchar_t *created[256];
    int ncreated;
} S;

/* placeholders of the current step: name -> SID text */
static struct {
    char effective_user[192], effective_owner[192];
} P;

static wchar_t *wide(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
    wchar_t *w = xcalloc((size_t)n + 1, sizeof *w);
    MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n);
    return w;
}

static int token_sid_text(HANDLE token, TOKEN_INFORMATION_CLASS cls, char *out, size_t n)
{
    DWORD err = 0;
    void *info = query_token(token, cls, &err);
    if (!info)
        return 0;
    PSID sid = cls == TokenUser ? ((TOKEN_USER *)info)->User.Sid : ((TOKEN_OWNER *)info)->Owner;
    int ok = sid_to_text(sid, out, n);
    free(info);
    return ok;
}

static void read_placeholders(void)
{
    HANDLE t = NULL;
    P.effective_user[0] = P.effective_owner[0] = 0;
    if (!OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &t) &&
        !OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &t))
        return;
    token_sid_text(t, TokenUser, P.effective_user, sizeof P.effective_user);
    token_sid_text(t, TokenOwner, P.effective_owner, sizeof P.effective_owner);
    CloseHandle(t);
}

static const char *placeholder_for(const char *sid)
{
    if (P.effective_user[0] && !strcmp(sid, P.effective_user))
        return "<effective.user>";
    if (P.effective_owner[0] && !strcmp(sid, P.effective_owner))
        return "<effective.owner>";
    if (S.process_user[0] && !strcmp(sid, S.process_user))
        return "<process.user>";
    return NULL;
}

/* SDDL with <effective.user>, <effective.owner>, <process.user>, <$v.user>, <$v.logon_sid>
 * replaced by SID strings; NULL (and err set) for an unknown placeholder. */
static char *resolve_placeholders(Vars *vars, const char *text, char err[TB_ERRLEN])
{
    Buf b = {0};
    buf_add(&b, "");
    for (const char *p = text; *p;) {
        if (*p != '<') {
            buf_addn(&b, p, 1);
            p++;
            continue;
        }
        const char *end = strchr(p, '>');
        if (!end) {
            buf_add(&b, p);
            break;
        }
        char name[128];
        size_t n = (size_t)(end - p - 1);
        if (n >= sizeof name)
            n = sizeof name - 1;
        memcpy(name, p + 1, n);
        name[n] = 0;
        if (!strcmp(name, "effective.user") && P.effective_user[0])
            buf_add(&b, P.effective_user);
        else if (!strcmp(name, "effective.owner") && P.effective_owner[0])
            buf_add(&b, P.effective_owner);
        else if (!strcmp(name, "process.user") && S.process_user[0])
            buf_add(&b, S.process_user);
        else if (name[0] == '$') {
            BYTE sid[SECURITY_MAX_SID_SIZE];
            char s[192];
            if (!resolve_sid(vars, name, sid, err) || !sid_to_text(sid, s, sizeof s)) {
                buf_free(&b);
                return NULL;
            }
            buf_add(&b, s);
        } else {
            snprintf(err, TB_ERRLEN, "the placeholder <%s> is not supported by this driver", name);
            buf_free(&b);
            return NULL;
        }
        p = end + 1;
    }
    return b.s;
}

static PSECURITY_DESCRIPTOR sddl_sd(Vars *vars, const char *text, char err[TB_ERRLEN])
{
    char *resolved = resolve_placeholders(vars, text, err);
    if (!resolved)
        return NULL;
    PSECURITY_DESCRIPTOR sd = NULL;
    wchar_t *w = wide(resolved);
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(w, SDDL_REVISION_1, &sd, NULL)) {
        char b[32];
        snprintf(err, TB_ERRLEN, "ConvertStringSecurityDescriptorToSecurityDescriptorW(\"%.120s\") failed: %s", resolved,
                 win32_name(GetLastError(), b));
        sd = NULL;
    }
    free(w);
    free(resolved);
    return sd;
}

/* A LocalAlloc'd copy of the descriptor a variable holds, or NULL (err set). */
PSECURITY_DESCRIPTOR objects_var_sd(Vars *vars, const char *name, char err[TB_ERRLEN])
{
    Var *v = vars_find(vars, name + 1);
    if (!v || v->kind != V_DESCRIPTOR || !v->sd) {
        snprintf(err, TB_ERRLEN, "%s is not a bound security descriptor", name);
        return NULL;
    }
    DWORD n = GetSecurityDescriptorLength(v->sd);
    PSECURITY_DESCRIPTOR copy = LocalAlloc(LMEM_FIXED, n);
    memcpy(copy, v->sd, n);
    return copy;
}

static void acl_text(Buf *b, PACL acl)
{
    for (DWORD i = 0; acl && i < acl->AceCount; i++) {
        ACE_HEADER *h;
        if (!GetAce(acl, i, (void **)&h))
            continue;
        const char *type = h->AceType == ACCESS_ALLOWED_ACE_TYPE ? "A" : h->AceType == ACCESS_DENIED_ACE_TYPE ? "D"
                         : h->AceType == SYSTEM_AUDIT_ACE_TYPE ? "AU" : h->AceType == SYSTEM_MANDATORY_LABEL_ACE_TYPE ? "ML" : "?";
        ACCESS_ALLOWED_ACE *a = (ACCESS_ALLOWED_ACE *)h;
        char sid[192] = "?";
        sid_to_text(&a->SidStart, sid, sizeof sid);
        const char *ph = placeholder_for(sid);
        buf_printf(b, "(%s;0x%x;0x%lx;%s)", type, (unsigned)h->AceFlags, (unsigned long)a->Mask, ph ? ph : sid);
    }
}

static void sid_part(Buf *b, const char *tag, PSID sid)
{
    char s[192];
    if (!sid || !sid_to_text(sid, s, sizeof s))
        return;
    const char *ph = placeholder_for(s);
    buf_printf(b, "%s%s", tag, ph ? ph : s);
}

/* The canonical text of a descriptor (conformance.DescriptorText). */
static char *sd_text(PSECURITY_DESCRIPTOR sd)
{
    Buf b = {0};
    BOOL present = FALSE, defaulted = FALSE;
    PSID owner = NULL, group = NULL;
    PACL dacl = NULL, sacl = NULL;
    buf_add(&b, "");
    if (!sd)
        return b.s;
    GetSecurityDescriptorOwner(sd, &owner, &defaulted);
    GetSecurityDescriptorGroup(sd, &group, &defaulted);
    sid_part(&b, "O:", owner);
    sid_part(&b, "G:", group);
    if (GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted) && present) {
        buf_add(&b, "D:");
        if (!dacl)
            buf_add(&b, "NULL");
        else
            acl_text(&b, dacl);
    }
    present = FALSE;
    if (GetSecurityDescriptorSacl(sd, &present, &sacl, &defaulted) && present && sacl && sacl->AceCount) {
        buf_add(&b, "S:");
        acl_text(&b, sacl);
    }
    return b.s;
}

/* The canonical text of an expected sd= value, placeholders resolved as of the last object step. */
char *objects_expected_text(Vars *vars, const char *text)
{
    char err[TB_ERRLEN] = "";
    if (!*text)
        return xstrdup("");
    PSECURITY_DESCRIPTOR sd = sddl_sd(vars, text, err);
    if (!sd)
        return xstrdup(err);
    char *t = sd_text(sd);
    LocalFree(sd);
    return t;
}

static DWORD security_info(const char *s)
{
    DWORD info = 0;
    char *copy = xstrdup(s), *save = NULL;
    for (char *p = strtok_r(copy, "|", &save); p; p = strtok_r(NULL, "|", &save)) {
        if (!strcmp(p, "owner")) info |= OWNER_SECURITY_INFORMATION;
        else if (!strcmp(p, "group")) info |= GROUP_SECURITY_INFORMATION;
        else if (!strcmp(p, "dacl")) info |= DACL_SECURITY_INFORMATION;
        else if (!strcmp(p, "sacl")) info |= SACL_SECURITY_INFORMATION;
        else if (!strcmp(p, "label")) info |= LABEL_SECURITY_INFORMATION;
        else if (!strcmp(p, "protected_dacl")) info |= PROTECTED_DACL_SECURITY_INFORMATION;
        else if (!strcmp(p, "unprotected_dacl")) info |= UNPROTECTED_DACL_SECURITY_INFORMATION;
    }
    free(copy);
    return info;
}

int objects_valid_info(const char *s)
{
    char *copy = xstrdup(s), *save = NULL;
    int ok = 1;
    for (char *p = strtok_r(copy, "|", &save); p; p = strtok_r(NULL, "|", &save))
        ok &= !strcmp(p, "owner") || !strcmp(p, "group") || !strcmp(p, "dacl") || !strcmp(p, "sacl") ||
              !strcmp(p, "label") || !strcmp(p, "protected_dacl") || !strcmp(p, "unprotected_dacl");
    free(copy);
    return ok;
}

/* ---- scratch ---- */
static LONG sequence;

int objects_begin(const Scenario *sc, char *why, size_t n)
{
    HANDLE t;
    wchar_t temp[MAX_PATH + 1];
    char sddl[512];
    memset(&S, 0, sizeof S);
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &t) ||
        !token_sid_text(t, TokenUser, S.process_user, sizeof S.process_user)) {
        snprintf(why, n, "scratch objects: cannot read the process user");
        return 0;
    }
    CloseHandle(t);
    if (!GetTempPathW(MAX_PATH, temp)) {
        snprintf(why, n, "scratch objects: GetTempPathW failed");
        return 0;
    }
    wchar_t *id = wide(sc->id);
    LONG seq = InterlockedIncrement(&sequence);
    swprintf(S.dir, sizeof S.dir / sizeof S.dir[0], L"%lstokenbridge-conformance-%ls-%lu-%ld", temp, id,
             (unsigned long)GetCurrentProcessId(), (long)seq);
    swprintf(S.keypath, sizeof S.keypath / sizeof S.keypath[0], L"Software\\tokenbridge-conformance\\%ls-%lu-%ld", id,
             (unsigned long)GetCurrentProcessId(), (long)seq);
    free(id);
    if (!CreateDirectoryW(S.dir, NULL)) {
        snprintf(why, n, "scratch objects: CreateDirectoryW failed (%lu)", (unsigned long)GetLastError());
        return 0;
    }
    char err[TB_ERRLEN];
    snprintf(sddl, sizeof sddl, "D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;%s)", S.process_user);
    PSECURITY_DESCRIPTOR sd = sddl_sd(NULL, sddl, err);
    BOOL present, defaulted;
    PACL dacl = NULL;
    DWORD rc = ERROR_INVALID_PARAMETER;
    if (sd && GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted))
        rc = SetNamedSecurityInfoW(S.dir, SE_FILE_OBJECT, DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                                   NULL, NULL, dacl, NULL);
    LocalFree(sd);
    if (rc) {
        snprintf(why, n, "scratch objects: SetNamedSecurityInfoW(scratch directory) failed (%lu)", (unsigned long)rc);
        RemoveDirectoryW(S.dir);
        return 0;
    }
    rc = RegCreateKeyExW(HKEY_CURRENT_USER, S.keypath, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &S.key, NULL);
    if (!rc) {
        snprintf(sddl, sizeof sddl, "D:PAI(A;CI;KA;;;SY)(A;CI;KA;;;BA)(A;CI;KA;;;%s)", S.process_user);
        sd = sddl_sd(NULL, sddl, err);
        rc = ERROR_INVALID_PARAMETER;
        if (sd && GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted))
            rc = SetSecurityInfo(S.key, SE_REGISTRY_KEY, DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                                 NULL, NULL, dacl, NULL);
        LocalFree(sd);
    }
    if (rc) {
        snprintf(why, n, "scratch objects: the scratch key failed (%lu)", (unsigned long)rc);
        RemoveDirectoryW(S.dir);
        return 0;
    }
    S.active = 1;
    return 1;
}

void objects_end(void)
{
    if (!S.active)
        return;
    for (int i = S.ncreated - 1; i >= 0; i--) {
        if (!DeleteFileW(S.created[i]) && !RemoveDirectoryW(S.created[i])) {
            PSECURITY_DESCRIPTOR sd = NULL;
            char sddl[256], err[TB_ERRLEN];
            BOOL present, defaulted;
            PACL dacl = NULL;
            snprintf(sddl, sizeof sddl, "D:P(A;OICI;FA;;;%s)", S.process_user);
            sd = sddl_sd(NULL, sddl, err);
            if (sd && GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted))
                SetNamedSecurityInfoW(S.created[i], SE_FILE_OBJECT,
                                      DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION, NULL, NULL, dacl, NULL);
            LocalFree(sd);
            if (!DeleteFileW(S.created[i]))
                RemoveDirectoryW(S.created[i]);
        }
        free(S.created[i]);
    }
    RemoveDirectoryW(S.dir);
    RegDeleteTreeW(S.key, NULL);
    RegCloseKey(S.key);
    RegDeleteTreeW(HKEY_CURRENT_USER, S.keypath);
    RegDeleteKeyW(HKEY_CURRENT_USER, L"Software\\tokenbridge-conformance"); /* only when no run is left in it */
    S.active = 0;
}

static wchar_t *file_path(const char *object)
{
    wchar_t *rel = wide(object + 5);
    size_t n = wcslen(S.dir) + wcslen(rel) + 2;
    wchar_t *w = xcalloc(n, sizeof *w);
    swprintf(w, n, L"%ls\\%ls", S.dir, rel);
    free(rel);
    return w;
}

static wchar_t *key_name(const char *object)
{
    wchar_t *rel = wide(object + 4), *user = wide(S.process_user);
    size_t n = wcslen(S.keypath) + wcslen(rel) + wcslen(user) + 16;
    wchar_t *w = xcalloc(n, sizeof *w);
    swprintf(w, n, L"USERS\\%ls\\%ls\\%ls", user, S.keypath, rel);
    free(rel);
    free(user);
    return w;
}

/* ---- the verbs ---- */
static void outcome(StepResult *r, DWORD err)
{
    char b[32];
    snprintf(r->outcome, sizeof r->outcome, "%s", err ? win32_name(err, b) : "ok");
}

static void add_field(const Step *st, StepResult *r, const char *name, const char *value)
{
    for (int i = 0; i < st->nfields; i++)
        if (!strcmp(st->fields[i].key, name) && r->nfields < 4) {
            r->fields[r->nfields].key = xstrdup(name);
            r->fields[r->nfields].val = xstrdup(value);
            r->nfields++;
            return;
        }
}

/* the descriptor of a create verb's sd= (NULL for none); 0 when it cannot be built */
static int creator_sd(Vars *vars, const Step *st, StepResult *r, PSECURITY_DESCRIPTOR *out)
{
    const char *s = step_arg(st, "sd");
    *out = NULL;
    if (!s || !strcmp(s, "null"))
        return 1;
    *out = *s == '$' ? objects_var_sd(vars, s, r->error) : sddl_sd(vars, s, r->error);
    return *out != NULL;
}

static void read_result(const Step *st, StepResult *r, DWORD rc, PSECURITY_DESCRIPTOR sd)
{
    outcome(r, rc);
    if (rc)
        return;
    char *t = sd_text(sd);
    add_field(st, r, "sd", t);
    raw_add(&r->raw, "sd", t);
    free(t);
    if (st->bind) {
        r->bound = 1;
        r->bind_kind = V_DESCRIPTOR;
        r->bind_sd = sd;
    } else
        LocalFree(sd);
}

static DWORD set_parts(const Step *st, Vars *vars, StepResult *r, PSECURITY_DESCRIPTOR *sd, PSID *owner, PSID *group,
                       PACL *dacl, PACL *sacl)
{
    const char *s = step_arg(st, "sd");
    BOOL present = FALSE, defaulted = FALSE;
    *owner = *group = NULL;
    *dacl = *sacl = NULL;
    if (!strcmp(s, "null")) {
        *sd = NULL;
        return 1;
    }
    *sd = *s == '$' ? objects_var_sd(vars, s, r->error) : sddl_sd(vars, s, r->error);
    if (!*sd)
        return 0;
    GetSecurityDescriptorOwner(*sd, owner, &defaulted);
    GetSecurityDescriptorGroup(*sd, group, &defaulted);
    GetSecurityDescriptorDacl(*sd, &present, dacl, &defaulted);
    GetSecurityDescriptorSacl(*sd, &present, sacl, &defaulted);
    return 1;
}

static SE_OBJECT_TYPE handle_type(Vars *vars, const char *name)
{
    Var *v = *name == '$' ? vars_find(vars, name + 1) : NULL;
    return v && v->object_type ? (SE_OBJECT_TYPE)v->object_type : SE_KERNEL_OBJECT;
}

static int get_var_handle(Vars *vars, const char *s, HANDLE *out, char err[TB_ERRLEN])
{
    if (named_handle(s, out))
        return 1;
    Var *v = *s == '$' ? vars_find(vars, s + 1) : NULL;
    if (!v) {
        snprintf(err, TB_ERRLEN, "variable %s is not bound", s);
        return 0;
    }
    *out = v->h;
    return 1;
}

int object_verb(Vars *vars, const Step *st, StepResult *r)
{
    const char *v = st->verb->name;
    if (strcmp(v, "create_directory") && strcmp(v, "create_file") && strcmp(v, "create_key") && strcmp(v, "open_key") &&
        strcmp(v, "get_named_security_info") && strcmp(v, "set_named_security_info") &&
        strcmp(v, "get_security_info") && strcmp(v, "set_security_info"))
        return 0;
    snprintf(r->outcome, sizeof r->outcome, "?");
    if (!S.active) {
        snprintf(r->error, TB_ERRLEN, "no scratch objects for this scenario");
        return 1;
    }
    read_placeholders();
    char err[TB_ERRLEN];
    DWORD m = 0;
    if (!strcmp(v, "create_directory") || !strcmp(v, "create_file")) {
        PSECURITY_DESCRIPTOR sd;
        if (!creator_sd(vars, st, r, &sd))
            return 1;
        SECURITY_ATTRIBUTES sa = {sizeof sa, sd, FALSE};
        wchar_t *path = file_path(step_arg(st, "path"));
        if (!strcmp(v, "create_directory")) {
            BOOL ok = CreateDirectoryW(path, sd ? &sa : NULL);
            outcome(r, ok ? 0 : GetLastError());
            if (ok && S.ncreated < 256)
                S.created[S.ncreated++] = path;
            else
                free(path);
        } else {
            const char *disp = step_arg(st, "disposition");
            int create = !disp || strcmp(disp, "open");
            m = GENERIC_READ | GENERIC_WRITE;
            if (step_arg(st, "access"))
                parse_mask(step_arg(st, "access"), &m, err);
            HANDLE h = CreateFileW(path, m, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, sd ? &sa : NULL,
                                   create ? CREATE_NEW : OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
            BOOL ok = h != INVALID_HANDLE_VALUE;
            outcome(r, ok ? 0 : GetLastError());
            if (ok && create && S.ncreated < 256)
                S.created[S.ncreated++] = path;
            else
                free(path);
            if (ok) {
                bind_result_handle(st, r, h);
                r->bind_object_type = SE_FILE_OBJECT;
            }
        }
        LocalFree(sd);
        return 1;
    }
    if (!strcmp(v, "create_key") || !strcmp(v, "open_key")) {
        wchar_t *sub = wide(step_arg(st, "path") + 4);
        HKEY k = NULL;
        DWORD rc;
        m = KEY_ALL_ACCESS;
        if (step_arg(st, "access"))
            parse_mask(step_arg(st, "access"), &m, err);
        if (!strcmp(v, "create_key")) {
            PSECURITY_DESCRIPTOR sd;
            if (!creator_sd(vars, st, r, &sd)) {
                free(sub);
                return 1;
            }
            SECURITY_ATTRIBUTES sa = {sizeof sa, sd, FALSE};
            rc = RegCreateKeyExW(S.key, sub, 0, NULL, 0, m, sd ? &sa : NULL, &k, NULL);
            LocalFree(sd);
        } else
            rc = RegOpenKeyExW(S.key, sub, 0, m, &k);
        free(sub);
        outcome(r, rc);
        if (!rc) {
            bind_result_handle(st, r, (HANDLE)k);
            r->bind_object_type = SE_REGISTRY_KEY;
        }
        return 1;
    }
    const char *object = step_arg(st, "object");
    DWORD info = security_info(step_arg(st, "info"));
    if (!strcmp(v, "get_named_security_info") || !strcmp(v, "get_security_info")) {
        PSECURITY_DESCRIPTOR sd = NULL;
        PSID o, g;
        PACL d, s;
        DWORD rc;
        if (object) {
            int file = !strncmp(object, "file:", 5);
            wchar_t *name = file ? file_path(object) : key_name(object);
            rc = GetNamedSecurityInfoW(name, file ? SE_FILE_OBJECT : SE_REGISTRY_KEY, info, &o, &g, &d, &s, &sd);
            free(name);
        } else {
            HANDLE h;
            if (!get_var_handle(vars, step_arg(st, "handle"), &h, r->error))
                return 1;
            rc = GetSecurityInfo(h, handle_type(vars, step_arg(st, "handle")), info, &o, &g, &d, &s, &sd);
        }
        read_result(st, r, rc, sd);
        return 1;
    }
    /* set_named_security_info, set_security_info */
    PSECURITY_DESCRIPTOR sd;
    PSID o, g;
    PACL d, s;
    DWORD rc;
    if (!set_parts(st, vars, r, &sd, &o, &g, &d, &s))
        return 1;
    if (object) {
        int file = !strncmp(object, "file:", 5);
        wchar_t *name = file ? file_path(object) : key_name(object);
        rc = SetNamedSecurityInfoW(name, file ? SE_FILE_OBJECT : SE_REGISTRY_KEY, info, o, g, d, s);
        free(name);
    } else {
        HANDLE h;
        if (!get_var_handle(vars, step_arg(st, "handle"), &h, r->error)) {
            LocalFree(sd);
            return 1;
        }
        rc = SetSecurityInfo(h, handle_type(vars, step_arg(st, "handle")), info, o, g, d, s);
    }
    LocalFree(sd);
    outcome(r, rc);
    return 1;
}

/* 1 when a scenario uses the object verbs (the runner then makes the scratch objects first) */
int objects_used(const Scenario *sc)
{
    for (int i = 0; i < sc->nsteps; i++) {
        const Step *st = &sc->steps[i];
        if (st->is_check || !st->verb)
            continue;
        const char *v = st->verb->name;
        if (!strcmp(v, "create_directory") || !strcmp(v, "create_file") || !strcmp(v, "create_key") ||
            !strcmp(v, "open_key") || strstr(v, "security_info"))
            return 1;
    }
    return 0;
}
