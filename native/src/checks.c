/* checks.c - evaluation of `check` lines against the real token state: token fields read with
 * GetTokenInformation, granted access with NtQueryObject, and the calling thread's
 * impersonation state. A check never changes impersonation state: thread tokens are opened
 * with OpenAsSelf = TRUE and every handle it opens is closed. */
#include "tb.h"

void raw_add(Buf *raw, const char *key, const char *val)
{
    if (raw->len)
        buf_add(raw, ",");
    buf_json_str(raw, key);
    buf_add(raw, ":");
    buf_json_str(raw, val);
}

static void *token_info(HANDLE h, TOKEN_INFORMATION_CLASS cls, DWORD *err)
{
    DWORD len = 0;
    if (GetTokenInformation(h, cls, NULL, 0, &len)) {
        *err = 0;
        return xcalloc(1, 1);
    }
    *err = GetLastError();
    if (*err != ERROR_INSUFFICIENT_BUFFER && *err != ERROR_BAD_LENGTH)
        return NULL;
    void *buf = xcalloc(len + 16, 1);
    if (!GetTokenInformation(h, cls, buf, len + 16, &len)) {
        *err = GetLastError();
        free(buf);
        return NULL;
    }
    *err = 0;
    return buf;
}

void *query_token(HANDLE h, TOKEN_INFORMATION_CLASS cls, DWORD *err)
{
    void *p = token_info(h, cls, err);
    if (p || *err != ERROR_ACCESS_DENIED)
        return p;
    HANDLE dup;
    if (!DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &dup, TOKEN_QUERY, FALSE, 0))
        return NULL; /* keep the original ERROR_ACCESS_DENIED */
    p = token_info(dup, cls, err);
    CloseHandle(dup);
    return p;
}

Var *vars_find(Vars *vars, const char *name)
{
    for (int i = vars->nvars - 1; i >= 0; i--)
        if (!strcmp(vars->vars[i].name, name))
            return &vars->vars[i];
    return NULL;
}

static void set_err(char err[TB_ERRLEN], const char *what, DWORD code)
{
    char b[32];
    snprintf(err, TB_ERRLEN, "%s failed: %s", what, win32_name(code, b));
}

static int logon_sid(HANDLE h, PSID out, char err[TB_ERRLEN])
{
    DWORD e;
    TOKEN_GROUPS *g = query_token(h, TokenGroups, &e);
    if (!g) {
        set_err(err, "GetTokenInformation(TokenGroups)", e);
        return 0;
    }
    for (DWORD i = 0; i < g->GroupCount; i++)
        if ((g->Groups[i].Attributes & SE_GROUP_LOGON_ID) == SE_GROUP_LOGON_ID) {
            CopySid(SECURITY_MAX_SID_SIZE, out, g->Groups[i].Sid);
            free(g);
            return 1;
        }
    free(g);
    snprintf(err, TB_ERRLEN, "the token has no logon SID");
    return 0;
}

static int user_sid(HANDLE h, PSID out, char err[TB_ERRLEN])
{
    DWORD e;
    TOKEN_USER *u = query_token(h, TokenUser, &e);
    if (!u) {
        set_err(err, "GetTokenInformation(TokenUser)", e);
        return 0;
    }
    CopySid(SECURITY_MAX_SID_SIZE, out, u->User.Sid);
    free(u);
    return 1;
}

int resolve_sid(Vars *vars, const char *text, PSID out, char err[TB_ERRLEN])
{
    if (*text != '$') {
        if (parse_sid_literal(text, out))
            return 1;
        snprintf(err, TB_ERRLEN, "unknown SID '%s'", text);
        return 0;
    }
    char name[128];
    const char *dot = strchr(text, '.');
    if (!dot || (size_t)(dot - text) >= sizeof name) {
        snprintf(err, TB_ERRLEN, "malformed SID reference '%s'", text);
        return 0;
    }
    memcpy(name, text + 1, (size_t)(dot - text - 1));
    name[dot - text - 1] = 0;
    Var *v = vars_find(vars, name);
    if (!v) {
        snprintf(err, TB_ERRLEN, "variable $%s is not bound", name);
        return 0;
    }
    return !strcmp(dot + 1, "user") ? user_sid(v->h, out, err) : logon_sid(v->h, out, err);
}

/* ---- observed values ---- */
typedef struct {
    ValueKind kind;
    unsigned long long num;
    BYTE sid[SECURITY_MAX_SID_SIZE];
} Value;

/* The token a check reads: a variable's handle, or the calling thread's effective token. */
static int subject_token(Vars *vars, Subject subj, const char *var, HANDLE *h, int *owned,
                         char err[TB_ERRLEN])
{
    *owned = 0;
    if (subj == SUBJ_VAR) {
        Var *v = vars_find(vars, var);
        if (!v) {
            snprintf(err, TB_ERRLEN, "variable $%s is not bound", var);
            return 0;
        }
        *h = v->h;
        return 1;
    }
    if (OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, h)) {
        *owned = 1;
        return 1;
    }
    DWORD e = GetLastError();
    if (e != ERROR_NO_TOKEN) {
        set_err(err, "OpenThreadToken(effective token)", e);
        return 0;
    }
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, h)) {
        set_err(err, "OpenProcessToken(effective token)", GetLastError());
        return 0;
    }
    *owned = 1;
    return 1;
}

static int dword_info(HANDLE h, TOKEN_INFORMATION_CLASS cls, const char *what,
                      unsigned long long *out, char err[TB_ERRLEN])
{
    DWORD e;
    DWORD *p = query_token(h, cls, &e);
    if (!p) {
        set_err(err, what, e);
        return 0;
    }
    *out = *p;
    free(p);
    return 1;
}

static unsigned long long luid64(LUID l) { return ((unsigned long long)(DWORD)l.HighPart << 32) | l.LowPart; }

static int thread_token_state(int *impersonating, HANDLE *h, DWORD *err)
{
    *h = NULL;
    if (OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, h)) {
        *impersonating = 1;
        return 1;
    }
    *err = GetLastError();
    if (*err == ERROR_NO_TOKEN) {
        *impersonating = 0;
        return 1;
    }
    if (*err == ERROR_CANT_OPEN_ANONYMOUS || *err == ERROR_ACCESS_DENIED ||
        *err == ERROR_BAD_IMPERSONATION_LEVEL) {
        *impersonating = 1; /* a token is there, it just cannot be opened */
        return 1;
    }
    return 0;
}

static int observe(Vars *vars, Subject subj, const char *var, FieldId field, Value *out,
                   char err[TB_ERRLEN])
{
    memset(out, 0, sizeof *out);
    out->kind = field_kind(field);
    if (subj == SUBJ_THREAD) {
        int imp;
        HANDLE h;
        DWORD e = 0;
        if (!thread_token_state(&imp, &h, &e)) {
            set_err(err, "OpenThreadToken", e);
            return 0;
        }
        if (field == F_IMPERSONATING) {
            if (h)
                CloseHandle(h);
            out->num = (unsigned long long)imp;
            return 1;
        }
        if (!imp) {
            snprintf(err, TB_ERRLEN, "the thread is not impersonating");
            return 0;
        }
        if (!h) {
            if (e == ERROR_CANT_OPEN_ANONYMOUS) {
                out->num = SecurityAnonymous; /* only Anonymous tokens refuse to open */
                return 1;
            }
            set_err(err, "OpenThreadToken", e);
            return 0;
        }
        int ok = dword_info(h, TokenImpersonationLevel, "GetTokenInformation(TokenImpersonationLevel)", &out->num, err);
        CloseHandle(h);
        return ok;
    }
    if (field == F_ACCESS) {
        Var *v = vars_find(vars, var);
        PUBLIC_OBJECT_BASIC_INFORMATION info;
        ULONG len = 0;
        if (!v) {
            snprintf(err, TB_ERRLEN, "variable $%s is not bound", var);
            return 0;
        }
        memset(&info, 0, sizeof info);
        NTSTATUS st = NtQueryObject(v->h, ObjectBasicInformation, &info, sizeof info, &len);
        if (st != 0) {
            char b[32];
            snprintf(err, TB_ERRLEN, "NtQueryObject(ObjectBasicInformation) failed: %s", nt_name(st, b));
            return 0;
        }
        out->num = info.GrantedAccess;
        return 1;
    }
    HANDLE h;
    int owned, ok = 0;
    if (!subject_token(vars, subj, var, &h, &owned, err))
        return 0;
    DWORD e;
    void *p = NULL;
    switch (field) {
    case F_TYPE: ok = dword_info(h, TokenType, "GetTokenInformation(TokenType)", &out->num, err); break;
    case F_LEVEL:
        ok = dword_info(h, TokenImpersonationLevel, "GetTokenInformation(TokenImpersonationLevel)", &out->num, err);
        break;
    case F_SESSION_ID: ok = dword_info(h, TokenSessionId, "GetTokenInformation(TokenSessionId)", &out->num, err); break;
    case F_ELEVATED: ok = dword_info(h, TokenElevation, "GetTokenInformation(TokenElevation)", &out->num, err); break;
    case F_USER: ok = user_sid(h, out->sid, err); break;
    case F_LOGON_SID: ok = logon_sid(h, out->sid, err); break;
    case F_TOKEN_ID:
    case F_AUTH_ID:
    case F_MODIFIED_ID:
        if ((p = query_token(h, TokenStatistics, &e))) {
            TOKEN_STATISTICS *s = p;
            out->num = luid64(field == F_TOKEN_ID ? s->TokenId : field == F_AUTH_ID ? s->AuthenticationId : s->ModifiedId);
            ok = 1;
        } else
            set_err(err, "GetTokenInformation(TokenStatistics)", e);
        break;
    case F_ORIGIN:
        if ((p = query_token(h, TokenOrigin, &e))) {
            out->num = luid64(((TOKEN_ORIGIN *)p)->OriginatingLogonSession);
            ok = 1;
        } else
            set_err(err, "GetTokenInformation(TokenOrigin)", e);
        break;
    case F_INTEGRITY:
        if ((p = query_token(h, TokenIntegrityLevel, &e))) {
            ok = CopySid(SECURITY_MAX_SID_SIZE, out->sid, ((TOKEN_MANDATORY_LABEL *)p)->Label.Sid);
        } else
            set_err(err, "GetTokenInformation(TokenIntegrityLevel)", e);
        break;
    case F_OWNER:
        if ((p = query_token(h, TokenOwner, &e)))
            ok = CopySid(SECURITY_MAX_SID_SIZE, out->sid, ((TOKEN_OWNER *)p)->Owner);
        else
            set_err(err, "GetTokenInformation(TokenOwner)", e);
        break;
    case F_PRIMARY_GROUP:
        if ((p = query_token(h, TokenPrimaryGroup, &e)))
            ok = CopySid(SECURITY_MAX_SID_SIZE, out->sid, ((TOKEN_PRIMARY_GROUP *)p)->PrimaryGroup);
        else
            set_err(err, "GetTokenInformation(TokenPrimaryGroup)", e);
        break;
    default: snprintf(err, TB_ERRLEN, "field cannot be compared with == or !="); break;
    }
    free(p);
    if (owned)
        CloseHandle(h);
    return ok;
}

static void value_text(const Value *v, char *out, size_t n, Buf *raw)
{
    const char *s;
    switch (v->kind) {
    case K_LEVEL: s = level_name((DWORD)v->num); snprintf(out, n, "%s", s ? s : "?"); break;
    case K_TYPE: s = token_type_name((DWORD)v->num); snprintf(out, n, "%s", s ? s : "?"); break;
    case K_SID:
        sid_to_text((PSID)v->sid, out, n);
        raw_add(raw, "sid", out);
        break;
    case K_LABEL:
        s = label_name((PSID)v->sid);
        if (s)
            snprintf(out, n, "%s", s);
        else
            sid_to_text((PSID)v->sid, out, n);
        break;
    case K_LUID:
        snprintf(out, n, "0x%llx", v->num);
        raw_add(raw, "luid", out);
        break;
    case K_MASK: snprintf(out, n, "0x%llx", v->num); break;
    case K_BOOL: snprintf(out, n, "%s", v->num ? "true" : "false"); break;
    case K_NUMBER: snprintf(out, n, "%llu", v->num); break;
    case K_SET: out[0] = 0; break;
    }
}

static int literal(ValueKind kind, const char *s, Value *out, char err[TB_ERRLEN])
{
    SECURITY_IMPERSONATION_LEVEL lv;
    TOKEN_TYPE tt;
    BOOL b;
    DWORD m;
    memset(out, 0, sizeof *out);
    out->kind = kind;
    switch (kind) {
    case K_LEVEL: if (parse_level(s, &lv)) { out->num = (unsigned long long)lv; return 1; } break;
    case K_TYPE: if (parse_token_type(s, &tt)) { out->num = (unsigned long long)tt; return 1; } break;
    case K_SID: if (parse_sid_literal(s, out->sid)) return 1; break;
    case K_LABEL: if (parse_label(s, out->sid)) return 1; break;
    case K_MASK: if (parse_mask(s, &m, err)) { out->num = m; return 1; } break;
    case K_BOOL: if (parse_bool(s, &b)) { out->num = (unsigned long long)b; return 1; } break;
    case K_LUID:
    case K_NUMBER: if (parse_number(s, &out->num)) return 1; break;
    case K_SET: break;
    }
    snprintf(err, TB_ERRLEN, "cannot read '%s' as the left side's kind", s);
    return 0;
}

static int parse_ref(const char *s, Subject *subj, char *var, size_t varn, FieldId *field);

static void eval_has(Vars *vars, const Check *ck, CheckResult *res)
{
    HANDLE h;
    int owned;
    DWORD e;
    if (!subject_token(vars, ck->subject, ck->var, &h, &owned, res->error)) {
        res->value = -1;
        return;
    }
    res->value = -1;
    if (ck->field == F_PRIVILEGES) {
        LUID luid;
        privilege_luid(ck->rhs, &luid);
        TOKEN_PRIVILEGES *tp = query_token(h, TokenPrivileges, &e);
        if (!tp)
            set_err(res->error, "GetTokenInformation(TokenPrivileges)", e);
        else {
            int found = 0;
            DWORD attrs = 0;
            for (DWORD i = 0; i < tp->PrivilegeCount; i++)
                if (tp->Privileges[i].Luid.LowPart == luid.LowPart && tp->Privileges[i].Luid.HighPart == luid.HighPart) {
                    found = 1;
                    attrs = tp->Privileges[i].Attributes;
                }
            const char *state = ck->state ? ck->state : "present";
            if (!strcmp(state, "absent"))
                res->value = !found;
            else if (!strcmp(state, "enabled"))
                res->value = found && (attrs & SE_PRIVILEGE_ENABLED);
            else if (!strcmp(state, "disabled"))
                res->value = found && !(attrs & SE_PRIVILEGE_ENABLED);
            else
                res->value = found;
            if (found)
                snprintf(res->observed, sizeof res->observed, "%s", (attrs & SE_PRIVILEGE_ENABLED) ? "enabled" : "disabled");
            else
                snprintf(res->observed, sizeof res->observed, "absent");
            free(tp);
        }
    } else {
        BYTE sid[SECURITY_MAX_SID_SIZE];
        TOKEN_INFORMATION_CLASS cls = ck->field == F_GROUPS ? TokenGroups : TokenRestrictedSids;
        if (resolve_sid(vars, ck->rhs, sid, res->error)) {
            TOKEN_GROUPS *g = query_token(h, cls, &e);
            if (!g)
                set_err(res->error, cls == TokenGroups ? "GetTokenInformation(TokenGroups)" : "GetTokenInformation(TokenRestrictedSids)", e);
            else {
                int found = 0;
                DWORD a = 0;
                for (DWORD i = 0; i < g->GroupCount; i++)
                    if (EqualSid(g->Groups[i].Sid, sid)) {
                        found = 1;
                        a = g->Groups[i].Attributes;
                    }
                const char *state = ck->state ? ck->state : "present";
                if (!strcmp(state, "absent"))
                    res->value = !found;
                else if (!strcmp(state, "enabled"))
                    res->value = found && (a & SE_GROUP_ENABLED);
                else if (!strcmp(state, "deny_only"))
                    res->value = found && (a & SE_GROUP_USE_FOR_DENY_ONLY);
                else if (!strcmp(state, "logon_id"))
                    res->value = found && (a & SE_GROUP_LOGON_ID) == SE_GROUP_LOGON_ID;
                else if (!strcmp(state, "mandatory"))
                    res->value = found && (a & SE_GROUP_MANDATORY);
                else
                    res->value = found;
                if (found)
                    snprintf(res->observed, sizeof res->observed, "0x%lx", (unsigned long)a);
                else
                    snprintf(res->observed, sizeof res->observed, "absent");
                char text[200];
                sid_to_text(sid, text, sizeof text);
                raw_add(&res->raw, "sid", text);
                free(g);
            }
        }
    }
    if (owned)
        CloseHandle(h);
}

void eval_check(Vars *vars, const Check *ck, CheckResult *res)
{
    res->value = -1;
    res->observed[0] = 0;
    res->error[0] = 0;
    if (ck->op == OP_HAS) {
        eval_has(vars, ck, res);
        return;
    }
    Value left, right;
    if (!observe(vars, ck->subject, ck->var, ck->field, &left, res->error))
        return;
    value_text(&left, res->observed, sizeof res->observed, &res->raw);
    const char *r = ck->rhs;
    if (*r == '$' || !strncmp(r, "effective.", 10) || !strncmp(r, "thread.", 7)) {
        Subject s2;
        char var2[128];
        FieldId f2;
        if (!parse_ref(r, &s2, var2, sizeof var2, &f2)) {
            snprintf(res->error, TB_ERRLEN, "malformed right side '%s'", r);
            return;
        }
        char why[TB_ERRLEN];
        if (!observe(vars, s2, var2, f2, &right, why)) {
            snprintf(res->error, TB_ERRLEN, "right side %s: %s", r, why);
            return;
        }
        char text[256];
        Buf ignore = {0};
        value_text(&right, text, sizeof text, &ignore);
        buf_free(&ignore);
        raw_add(&res->raw, "right", text);
    } else if (!literal(left.kind, r, &right, res->error))
        return;
    int equal;
    int left_sid = left.kind == K_SID || left.kind == K_LABEL;
    int right_sid = right.kind == K_SID || right.kind == K_LABEL;
    if (left_sid && right_sid)
        equal = EqualSid((PSID)left.sid, (PSID)right.sid) ? 1 : 0;
    else
        equal = left.num == right.num;
    res->value = ck->op == OP_EQ ? equal : !equal;
}

static int parse_ref(const char *s, Subject *subj, char *var, size_t varn, FieldId *field)
{
    static const struct {
        const char *name;
        FieldId id;
    } names[] = {{"type", F_TYPE}, {"level", F_LEVEL}, {"user", F_USER}, {"token_id", F_TOKEN_ID},
                 {"authentication_id", F_AUTH_ID}, {"modified_id", F_MODIFIED_ID},
                 {"integrity", F_INTEGRITY}, {"access", F_ACCESS}, {"impersonating", F_IMPERSONATING},
                 {"owner", F_OWNER}, {"primary_group", F_PRIMARY_GROUP}, {"session_id", F_SESSION_ID},
                 {"logon_sid", F_LOGON_SID}, {"elevated", F_ELEVATED}, {"origin", F_ORIGIN}, {NULL, 0}};
    const char *dot = strchr(s, '.');
    if (!dot)
        return 0;
    var[0] = 0;
    if (*s == '$') {
        if ((size_t)(dot - s) > varn)
            return 0;
        memcpy(var, s + 1, (size_t)(dot - s - 1));
        var[dot - s - 1] = 0;
        *subj = SUBJ_VAR;
    } else
        *subj = !strncmp(s, "thread.", 7) ? SUBJ_THREAD : SUBJ_EFFECTIVE;
    for (int i = 0; names[i].name; i++)
        if (!strcmp(names[i].name, dot + 1)) {
            *field = names[i].id;
            return 1;
        }
    return 0;
}
