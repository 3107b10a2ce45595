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

/* TokenOwner (owner != 0) or TokenPrimaryGroup of a token: $var.owner, $var.primary_group */
static int owner_or_group_sid(HANDLE h, int owner, PSID out, char err[TB_ERRLEN])
{
    DWORD e;
    void *info = query_token(h, owner ? TokenOwner : TokenPrimaryGroup, &e);
    if (!info) {
        set_err(err, owner ? "GetTokenInformation(TokenOwner)" : "GetTokenInformation(TokenPrimaryGroup)", e);
        return 0;
    }
    CopySid(SECURITY_MAX_SID_SIZE, out, owner ? ((TOKEN_OWNER *)info)->Owner : ((TOKEN_PRIMARY_GROUP *)info)->PrimaryGroup);
    free(info);
    return 1;
}

int resolve_sid(Vars *vars, const char *text, PSID out, char err[TB_ERRLEN])
{
    if (!strncmp(text, "account:", 8)) /* logons and names: the SID of that account on this host */
        return account_sid(text + 8, out, err);
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
    if (!strcmp(dot + 1, "owner") || !strcmp(dot + 1, "primary_group"))
        return owner_or_group_sid(v->h, !strcmp(dot + 1, "owner"), out, err);
    return !strcmp(dot + 1, "user") ? user_sid(v->h, out, err) : logon_sid(v->h, out, err);
}

/* ---- observed values ---- */
typedef struct {
    ValueKind kind;
    int none; /* K_SID: the token has no such SID (logon_sid of a token without one): "none" */
    unsigned long long num;
    BYTE sid[SECURITY_MAX_SID_SIZE];
} Value;

/* Whether the host resolves the token pseudo handles of GetCurrentProcessToken() and friends
 * (Windows 8 on). Without them (older Wine) checks fall back to opening the thread token with
 * OpenAsSelf = TRUE, which also leaves impersonation unchanged. 1 yes, 0 no, -1 not yet known. */
static int pseudo_supported = -1;

int pseudo_token_handles(void)
{
    if (pseudo_supported < 0) {
        DWORD type, len = 0;
        pseudo_supported = GetTokenInformation(TB_CURRENT_PROCESS_TOKEN, TokenType, &type, sizeof type, &len) ? 1 : 0;
    }
    return pseudo_supported;
}

/* thread.impersonating: a query through GetCurrentThreadToken() fails with ERROR_NO_TOKEN when
 * the thread has no token (R19). */
static int thread_impersonating(int *imp, char err[TB_ERRLEN])
{
    DWORD type, len = 0, e;
    if (pseudo_token_handles()) {
        if (GetTokenInformation(TB_CURRENT_THREAD_TOKEN, TokenType, &type, sizeof type, &len)) {
            *imp = 1;
            return 1;
        }
        e = GetLastError();
        if (e == ERROR_NO_TOKEN) {
            *imp = 0;
            return 1;
        }
        if (e != ERROR_INVALID_HANDLE) {
            set_err(err, "GetTokenInformation(GetCurrentThreadToken())", e);
            return 0;
        }
        /* Wine 8 answers ERROR_INVALID_HANDLE instead of ERROR_NO_TOKEN for a thread without a
         * token: fall back to OpenThreadToken, which tells the two apart */
    }
    HANDLE h;
    if (OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &h)) {
        CloseHandle(h);
        *imp = 1;
        return 1;
    }
    e = GetLastError();
    if (e == ERROR_NO_TOKEN) {
        *imp = 0;
        return 1;
    }
    if (e == ERROR_CANT_OPEN_ANONYMOUS || e == ERROR_ACCESS_DENIED || e == ERROR_BAD_IMPERSONATION_LEVEL) {
        *imp = 1; /* a token is there, it just cannot be opened */
        return 1;
    }
    set_err(err, "OpenThreadToken", e);
    return 0;
}

/* The token a check reads: a variable's handle, or the thread's (effective) token through the
 * pseudo handles; with the fallback a real handle is opened (*owned = 1) and must be closed.
 * *anonymous is set when the fallback finds an Anonymous thread token that cannot be opened. */
static int subject_token(Vars *vars, Subject subj, const char *var, HANDLE *h, int *owned,
                         int *anonymous, char err[TB_ERRLEN])
{
    *owned = 0;
    *anonymous = 0;
    if (subj == SUBJ_VAR) {
        Var *v = vars_find(vars, var);
        if (!v) {
            snprintf(err, TB_ERRLEN, "variable $%s is not bound", var);
            return 0;
        }
        *h = v->h;
        return 1;
    }
    if (subj == SUBJ_THREAD) {
        int imp;
        if (!thread_impersonating(&imp, err))
            return 0;
        if (!imp) {
            snprintf(err, TB_ERRLEN, "the thread is not impersonating");
            return 0;
        }
    }
    if (pseudo_token_handles()) {
        *h = subj == SUBJ_THREAD ? TB_CURRENT_THREAD_TOKEN : TB_CURRENT_THREAD_EFFECTIVE_TOKEN;
        return 1;
    }
    if (OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, h)) {
        *owned = 1;
        return 1;
    }
    DWORD e = GetLastError();
    if (e == ERROR_CANT_OPEN_ANONYMOUS) {
        *anonymous = 1;
        snprintf(err, TB_ERRLEN, "OpenThreadToken failed: ERROR_CANT_OPEN_ANONYMOUS (an Anonymous token)");
        return 0;
    }
    if (e != ERROR_NO_TOKEN || subj == SUBJ_THREAD) {
        set_err(err, "OpenThreadToken", e);
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

/* The left or right side's value of a scalar field. */
static int observe(Vars *vars, Subject subj, const char *var, FieldId field, Value *out,
                   char err[TB_ERRLEN])
{
    memset(out, 0, sizeof *out);
    out->kind = field_kind(field);
    if (subj == SUBJ_THREAD && field == F_IMPERSONATING) {
        int imp;
        if (!thread_impersonating(&imp, err))
            return 0;
        out->num = (unsigned long long)imp;
        return 1;
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
    int owned, anonymous, ok = 0;
    if (!subject_token(vars, subj, var, &h, &owned, &anonymous, err)) {
        if (anonymous && (field == F_LEVEL || field == F_STATISTICS_LEVEL)) {
            err[0] = 0;
            out->num = SecurityAnonymous; /* fallback only: Anonymous tokens refuse to open */
            return 1;
        }
        return 0;
    }
    DWORD e;
    void *p = NULL;
    switch (field) {
    case F_TYPE: ok = dword_info(h, TokenType, "GetTokenInformation(TokenType)", &out->num, err); break;
    case F_LEVEL:
        ok = dword_info(h, TokenImpersonationLevel, "GetTokenInformation(TokenImpersonationLevel)", &out->num, err);
        break;
    case F_SESSION_ID: ok = dword_info(h, TokenSessionId, "GetTokenInformation(TokenSessionId)", &out->num, err); break;
    case F_ELEVATED: ok = dword_info(h, TokenElevation, "GetTokenInformation(TokenElevation)", &out->num, err); break;
    case F_ELEVATION_TYPE:
        ok = dword_info(h, TokenElevationType, "GetTokenInformation(TokenElevationType)", &out->num, err);
        break;
    case F_HAS_RESTRICTIONS:
        ok = dword_info(h, TokenHasRestrictions, "GetTokenInformation(TokenHasRestrictions)", &out->num, err);
        out->num = out->num != 0;
        break;
    case F_USER: ok = user_sid(h, out->sid, err); break;
    case F_LOGON_SID: {
        TOKEN_GROUPS *g = query_token(h, TokenGroups, &e);
        if (!g) {
            set_err(err, "GetTokenInformation(TokenGroups)", e);
            break;
        }
        out->none = 1;
        for (DWORD i = 0; i < g->GroupCount && out->none; i++)
            if ((g->Groups[i].Attributes & SE_GROUP_LOGON_ID) == SE_GROUP_LOGON_ID) {
                CopySid(SECURITY_MAX_SID_SIZE, out->sid, g->Groups[i].Sid);
                out->none = 0;
            }
        free(g);
        ok = 1;
        break;
    }
    case F_RESTRICTED_COUNT:
        if ((p = query_token(h, TokenRestrictedSids, &e))) {
            out->num = ((TOKEN_GROUPS *)p)->GroupCount;
            ok = 1;
        } else
            set_err(err, "GetTokenInformation(TokenRestrictedSids)", e);
        break;
    case F_DEFAULT_DACL:
        if ((p = query_token(h, TokenDefaultDacl, &e))) {
            PACL acl = ((TOKEN_DEFAULT_DACL *)p)->DefaultDacl;
            out->num = !acl ? 0 : acl->AceCount == 0 ? 1 : 2;
            ok = 1;
        } else
            set_err(err, "GetTokenInformation(TokenDefaultDacl)", e);
        break;
    case F_TOKEN_ID:
    case F_AUTH_ID:
    case F_MODIFIED_ID:
    case F_STATISTICS_LEVEL:
    case F_GROUP_COUNT:
    case F_PRIVILEGE_COUNT:
        if ((p = query_token(h, TokenStatistics, &e))) {
            TOKEN_STATISTICS *s = p;
            switch (field) {
            case F_TOKEN_ID: out->num = luid64(s->TokenId); break;
            case F_AUTH_ID: out->num = luid64(s->AuthenticationId); break;
            case F_MODIFIED_ID: out->num = luid64(s->ModifiedId); break;
            case F_STATISTICS_LEVEL: out->num = (unsigned long long)s->ImpersonationLevel; break;
            case F_GROUP_COUNT: out->num = s->GroupCount; break;
            default: out->num = s->PrivilegeCount; break;
            }
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
    case K_LEVEL:
        s = level_name((DWORD)v->num);
        if (s)
            snprintf(out, n, "%s", s);
        else
            snprintf(out, n, "%llu", v->num);
        break;
    case K_TYPE: s = token_type_name((DWORD)v->num); snprintf(out, n, "%s", s ? s : "?"); break;
    case K_SID:
        if (v->none) {
            snprintf(out, n, "none");
            break;
        }
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
    case K_ELEVATION: s = elevation_name(v->num); snprintf(out, n, "%s", s ? s : "?"); break;
    case K_DACL: s = dacl_state_name(v->num); snprintf(out, n, "%s", s ? s : "?"); break;
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
    case K_ELEVATION: if (parse_elevation(s, &out->num)) return 1; break;
    case K_DACL: if (parse_dacl_state(s, &out->num)) return 1; break;
    case K_SET: break;
    }
    snprintf(err, TB_ERRLEN, "cannot read '%s' as the left side's kind", s);
    return 0;
}

static int parse_ref(const char *s, Subject *subj, char *var, size_t varn, FieldId *field);

/* Whether attributes a of a present privilege (privileges) or group (groups, restricted_sids)
 * are in the state named by a `has` check. */
static int state_holds(FieldId field, const char *state, DWORD a)
{
    if (!strcmp(state, "present"))
        return 1;
    if (field == F_PRIVILEGES) {
        if (!strcmp(state, "enabled"))
            return (a & SE_PRIVILEGE_ENABLED) != 0;
        if (!strcmp(state, "disabled"))
            return (a & SE_PRIVILEGE_ENABLED) == 0;
        return (a & SE_PRIVILEGE_ENABLED_BY_DEFAULT) != 0; /* enabled_by_default */
    }
    if (!strcmp(state, "enabled"))
        return (a & SE_GROUP_ENABLED) != 0;
    if (!strcmp(state, "disabled"))
        return (a & SE_GROUP_ENABLED) == 0;
    if (!strcmp(state, "deny_only"))
        return (a & SE_GROUP_USE_FOR_DENY_ONLY) != 0;
    if (!strcmp(state, "logon_id"))
        return (a & SE_GROUP_LOGON_ID) == SE_GROUP_LOGON_ID;
    if (!strcmp(state, "mandatory"))
        return (a & SE_GROUP_MANDATORY) != 0;
    return (a & SE_GROUP_OWNER) != 0; /* owner */
}

static void eval_has(Vars *vars, const Check *ck, CheckResult *res)
{
    HANDLE h;
    int owned, anonymous;
    DWORD e;
    res->value = -1;
    if (!subject_token(vars, ck->subject, ck->var, &h, &owned, &anonymous, res->error))
        return;
    int found = 0, read = 0;
    DWORD attrs = 0;
    if (ck->field == F_PRIVILEGES) {
        LUID luid;
        privilege_luid(ck->rhs, &luid);
        TOKEN_PRIVILEGES *tp = query_token(h, TokenPrivileges, &e);
        if (!tp)
            set_err(res->error, "GetTokenInformation(TokenPrivileges)", e);
        else {
            read = 1;
            for (DWORD i = 0; i < tp->PrivilegeCount && !found; i++)
                if (tp->Privileges[i].Luid.LowPart == luid.LowPart && tp->Privileges[i].Luid.HighPart == luid.HighPart) {
                    found = 1;
                    attrs = tp->Privileges[i].Attributes;
                }
            free(tp);
        }
    } else {
        BYTE sid[SECURITY_MAX_SID_SIZE];
        TOKEN_INFORMATION_CLASS cls = ck->field == F_GROUPS ? TokenGroups : TokenRestrictedSids;
        if (resolve_sid(vars, ck->rhs, sid, res->error)) {
            char text[200];
            sid_to_text(sid, text, sizeof text);
            raw_add(&res->raw, "sid", text);
            TOKEN_GROUPS *g = query_token(h, cls, &e);
            if (!g)
                set_err(res->error, cls == TokenGroups ? "GetTokenInformation(TokenGroups)" : "GetTokenInformation(TokenRestrictedSids)", e);
            else {
                read = 1;
                for (DWORD i = 0; i < g->GroupCount && !found; i++)
                    if (EqualSid(g->Groups[i].Sid, sid)) {
                        found = 1;
                        attrs = g->Groups[i].Attributes;
                    }
                free(g);
            }
        }
    }
    if (read) {
        const char *state = ck->state ? ck->state : "present";
        res->value = !strcmp(state, "absent") ? !found : found && state_holds(ck->field, state, attrs);
        if (found)
            snprintf(res->observed, sizeof res->observed, "0x%lx", (unsigned long)attrs);
        else
            snprintf(res->observed, sizeof res->observed, "absent");
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
    } else if (left.kind == K_SID && !strncmp(r, "account:", 8)) { /* logons and names */
        memset(&right, 0, sizeof right);
        right.kind = K_SID;
        if (!account_sid(r + 8, (PSID)right.sid, res->error))
            return;
    } else if (!literal(left.kind, r, &right, res->error))
        return;
    int equal;
    int left_sid = left.kind == K_SID || left.kind == K_LABEL;
    int right_sid = right.kind == K_SID || right.kind == K_LABEL;
    if (left.none || right.none)
        equal = left.none && right.none;
    else if (left_sid && right_sid)
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
                 {"logon_sid", F_LOGON_SID}, {"elevated", F_ELEVATED}, {"origin", F_ORIGIN},
                 {"statistics_level", F_STATISTICS_LEVEL}, {"group_count", F_GROUP_COUNT},
                 {"privilege_count", F_PRIVILEGE_COUNT}, {"restricted_count", F_RESTRICTED_COUNT},
                 {"elevation_type", F_ELEVATION_TYPE}, {"has_restrictions", F_HAS_RESTRICTIONS},
                 {"default_dacl", F_DEFAULT_DACL}, {NULL, 0}};
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
