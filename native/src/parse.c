/* parse.c - the parser of .scn scenario files (shared/spec/scenarios.md): tokenising, scenario
 * blocks, header lines, steps and checks, with every name validated before anything runs. */
#include "tb.h"
#include <ctype.h>
#include <stdarg.h>

#define REQ 1
#define OPT 0

static const VerbSpec VERBS[] = {
    /* Win32 layer */
    {"open_process_token", L_WIN32, 1, {{"process", A_HANDLE, REQ}, {"access", A_MASK, REQ}}, {0}},
    {"open_thread_token", L_WIN32, 1,
     {{"thread", A_HANDLE, REQ}, {"access", A_MASK, REQ}, {"open_as_self", A_BOOL, REQ}}, {0}},
    {"duplicate_token", L_WIN32, 1, {{"token", A_HANDLE, REQ}, {"level", A_LEVEL, REQ}}, {0}},
    {"duplicate_token_ex", L_WIN32, 1,
     {{"token", A_HANDLE, REQ}, {"access", A_MASK, REQ}, {"level", A_LEVEL, OPT},
      {"type", A_TYPE, REQ}, {"sd", A_SDDL, OPT}}, {0}},
    {"duplicate_handle", L_WIN32, 1,
     {{"handle", A_HANDLE, REQ}, {"access", A_MASK, OPT}, {"same_access", A_BOOL, OPT}}, {0}},
    {"close_handle", L_WIN32, 0, {{"handle", A_HANDLE, REQ}}, {0}},
    {"impersonate_self", L_WIN32, 0, {{"level", A_LEVEL, REQ}}, {0}},
    {"impersonate_logged_on_user", L_WIN32, 0, {{"token", A_HANDLE, REQ}}, {0}},
    {"set_thread_token", L_WIN32, 0, {{"thread", A_HANDLE, REQ}, {"token", A_HANDLE, REQ}}, {0}},
    {"impersonate_anonymous_token", L_WIN32, 0, {{"thread", A_HANDLE, REQ}}, {0}},
    {"revert_to_self", L_WIN32, 0, {{0}}, {0}},
    {"adjust_token_privileges", L_WIN32, 0,
     {{"token", A_HANDLE, REQ}, {"enable", A_PRIVLIST, OPT}, {"disable", A_PRIVLIST, OPT},
      {"remove", A_PRIVLIST, OPT}, {"disable_all", A_BOOL, OPT}}, {0}},
    {"adjust_token_groups", L_WIN32, 0,
     {{"token", A_HANDLE, REQ}, {"enable", A_SIDLIST, OPT}, {"disable", A_SIDLIST, OPT},
      {"reset", A_BOOL, OPT}, {"previous_length", A_NUMBER, OPT}}, {0}},
    {"privilege_check", L_WIN32, 0,
     {{"token", A_HANDLE, REQ}, {"privileges", A_PRIVLIST, REQ}, {"all", A_BOOL, OPT}},
     {"result"}},
    {"check_token_membership", L_WIN32, 0, {{"token", A_HANDLE, REQ}, {"sid", A_SID, REQ}},
     {"result"}},
    {"access_check", L_WIN32, 0,
     {{"sd", A_SDDL, REQ}, {"token", A_HANDLE, REQ}, {"desired", A_MASK, REQ},
      {"mapping", A_MAPPING, REQ}}, {"granted", "privileges"}},
    {"create_restricted_token", L_WIN32, 1,
     {{"token", A_HANDLE, REQ}, {"disable", A_SIDLIST, OPT}, {"delete", A_PRIVLIST, OPT},
      {"restrict", A_SIDLIST, OPT}, {"flags", A_RFLAGS, OPT}}, {0}},
    {"set_token_information", L_WIN32, 0,
     {{"token", A_HANDLE, REQ}, {"class", A_SETCLASS, REQ}, {"value", A_SETVALUE, REQ}}, {0}},
    {"get_token_information", L_WIN32, 1, /* binds only class=TokenLinkedToken's token */
     {{"token", A_HANDLE, REQ}, {"class", A_GETCLASS, REQ}, {"length", A_NUMBER, OPT}},
     {"length"}},
    {"create_thread", L_WIN32, 2, {{0}}, {0}},
    /* processes under a token (processes, issue 20) */
    {"create_process_as_user", L_WIN32, 1, {{"token", A_HANDLE, REQ}}, {0}},
    {"create_process_with_token", L_WIN32, 1, {{"token", A_HANDLE, REQ}}, {0}},
    {"create_child_process", L_WIN32, 1, {{0}}, {0}},
    /* logons and names (issue 14; scenarios.md "Logons and names") */
    {"logon_user", L_WIN32, 1,
     {{"user", A_TEXT, REQ}, {"domain", A_TEXT, OPT}, {"password", A_TEXT, REQ}, {"type", A_ANY, REQ},
      {"provider", A_ANY, OPT}}, {0}},
    {"lookup_account_sid", L_WIN32, 0, {{"sid", A_SID, REQ}}, {"name", "domain", "use"}},
    {"lookup_account_name", L_WIN32, 0, {{"name", A_TEXT, REQ}}, {"sid", "domain", "use"}},
    /* named pipes (issue 13; pipes.c) */
    {"create_named_pipe", L_WIN32, 1,
     {{"name", A_ANY, OPT}, {"raw_name", A_ANY, OPT}, {"access", A_ANY, OPT}, {"mode", A_ANY, OPT},
      {"instances", A_ANY, OPT}, {"sd", A_ANY, OPT}, {"first_instance", A_BOOL, OPT}, {"reject_remote", A_BOOL, OPT}},
     {0}},
    {"open_pipe", L_WIN32, 1,
     {{"name", A_ANY, OPT}, {"raw_name", A_ANY, OPT}, {"access", A_MASK, OPT}, {"sqos", A_ANY, OPT},
      {"tracking", A_ANY, OPT}, {"effective_only", A_BOOL, OPT}}, {0}},
    {"connect_named_pipe", L_WIN32, 0, {{"pipe", A_HANDLE, REQ}}, {0}},
    {"write_file", L_WIN32, 0, {{"handle", A_HANDLE, REQ}, {"data", A_ANY, REQ}}, {"written"}},
    {"read_file", L_WIN32, 0, {{"handle", A_HANDLE, REQ}, {"length", A_NUMBER, OPT}}, {"data"}},
    {"impersonate_named_pipe_client", L_WIN32, 0, {{"pipe", A_HANDLE, REQ}}, {0}},
    {"disconnect_named_pipe", L_WIN32, 0, {{"pipe", A_HANDLE, REQ}}, {0}},
    {"get_named_pipe_client_process_id", L_WIN32, 0, {{"pipe", A_HANDLE, REQ}}, {"pid"}},
    /* NT layer */
    {"nt_open_process_token_ex", L_NT, 1,
     {{"process", A_HANDLE, REQ}, {"access", A_MASK, REQ}, {"attributes", A_ATTRS, OPT}}, {0}},
    {"nt_open_thread_token_ex", L_NT, 1,
     {{"thread", A_HANDLE, REQ}, {"access", A_MASK, REQ}, {"open_as_self", A_BOOL, REQ},
      {"attributes", A_ATTRS, OPT}}, {0}},
    {"nt_duplicate_token", L_NT, 1,
     {{"token", A_HANDLE, REQ}, {"access", A_MASK, REQ}, {"level", A_LEVEL, OPT},
      {"effective_only", A_BOOL, OPT}, {"type", A_TYPE, REQ}}, {0}},
    {"nt_set_information_thread", L_NT, 0,
     {{"thread", A_HANDLE, REQ}, {"token", A_HANDLE, REQ}, {"class", A_ANY, OPT}}, {0}},
    {"nt_impersonate_anonymous_token", L_NT, 0, {{"thread", A_HANDLE, REQ}}, {0}},
    {"nt_impersonate_thread", L_NT, 0,
     {{"server", A_HANDLE, REQ}, {"client", A_HANDLE, REQ}, {"level", A_LEVEL, REQ},
      {"tracking", A_ANY, OPT}, {"effective_only", A_BOOL, OPT}}, {0}},
    {"nt_query_information_token", L_NT, 0,
     {{"token", A_HANDLE, REQ}, {"class", A_GETCLASS, REQ}, {"length", A_NUMBER, OPT}},
     {"length"}},
    {"nt_close", L_NT, 0, {{"handle", A_HANDLE, REQ}}, {0}},
    /* object security (objects): binds 1 a handle, 3 a descriptor */
    {"create_directory", L_WIN32, 0, {{"path", A_OBJECT, REQ}, {"sd", A_DESC, OPT}}, {0}},
    {"create_file", L_WIN32, 1,
     {{"path", A_OBJECT, REQ}, {"access", A_MASK, OPT}, {"disposition", A_ANY, OPT}, {"sd", A_DESC, OPT}}, {0}},
    {"create_key", L_WIN32, 1, {{"path", A_OBJECT, REQ}, {"access", A_MASK, OPT}, {"sd", A_DESC, OPT}}, {0}},
    {"open_key", L_WIN32, 1, {{"path", A_OBJECT, REQ}, {"access", A_MASK, REQ}}, {0}},
    {"get_named_security_info", L_WIN32, 3, {{"object", A_OBJECT, REQ}, {"info", A_SECINFO, REQ}}, {"sd"}},
    {"set_named_security_info", L_WIN32, 0,
     {{"object", A_OBJECT, REQ}, {"info", A_SECINFO, REQ}, {"sd", A_DESC, REQ}}, {0}},
    {"get_security_info", L_WIN32, 3, {{"handle", A_HANDLE, REQ}, {"info", A_SECINFO, REQ}}, {"sd"}},
    {"set_security_info", L_WIN32, 0,
     {{"handle", A_HANDLE, REQ}, {"info", A_SECINFO, REQ}, {"sd", A_DESC, REQ}}, {0}},
    /* model-only and kernel verbs: recognised, never executed here */
    {"logon", L_MODEL, 1, {{0}}, {0}},
    {"create_process", L_MODEL, 1, {{0}}, {0}},
    {"ps_impersonate_client", L_MODEL, 0, {{0}}, {0}},
    {"ps_reference_impersonation_token", L_MODEL, 1, {{0}}, {0}},
    {"ps_revert_to_self", L_MODEL, 0, {{0}}, {0}},
    {"ps_reference_primary_token", L_MODEL, 1, {{0}}, {0}},
    {"ps_dereference", L_MODEL, 0, {{0}}, {0}},
    {"se_create_client_security", L_MODEL, 1, {{0}}, {0}},
    {"se_impersonate_client_ex", L_MODEL, 0, {{0}}, {0}},
    {"se_delete_client_security", L_MODEL, 0, {{0}}, {0}},
    {NULL, 0, 0, {{0}}, {0}}};

static const char *PRESETS[] = {"standard-user", "elevated-admin", "filtered-admin", "local-system",
                                "service-impersonate", "network-service", NULL};

/* ---- tokeniser ---- */
typedef struct {
    char *text; /* unquoted value */
    char *raw;  /* as written, quotes included */
} Tok;

typedef struct {
    const char *file;
    int line;
    Tok toks[256];
    int n;
} Line;

static int perr(const char *file, int line, const char *fmt, ...) TB_PRINTF(3, 4);
static int perr(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return -1;
}

static int tokenize(const char *file, int lineno, const char *s, Line *out)
{
    out->file = file;
    out->line = lineno;
    out->n = 0;
    const char *p = s;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r')
            p++;
        if (!*p || *p == '#' || *p == '\n')
            return 0;
        Buf text = {0}, raw = {0};
        int quoted = 0;
        buf_add(&text, "");
        while (*p && *p != '\n' && *p != '\r' && (quoted || (*p != ' ' && *p != '\t' && *p != '#'))) {
            if (*p == '"')
                quoted = !quoted;
            else
                buf_addn(&text, p, 1);
            buf_addn(&raw, p, 1);
            p++;
        }
        if (quoted) {
            buf_free(&text);
            buf_free(&raw);
            return perr(file, lineno, "unterminated double quote");
        }
        if (out->n == (int)(sizeof out->toks / sizeof *out->toks))
            return perr(file, lineno, "too many tokens on one line");
        out->toks[out->n].text = text.s;
        out->toks[out->n].raw = raw.s;
        out->n++;
    }
}

static void line_free(Line *l)
{
    for (int i = 0; i < l->n; i++) {
        free(l->toks[i].text);
        free(l->toks[i].raw);
    }
    l->n = 0;
}

/* ---- variables known while parsing a scenario ---- */
typedef struct {
    char *names[TB_MAX_VARS];
    VarKind kinds[TB_MAX_VARS];
    int n;
} Scope;

static int scope_kind(const Scope *sc, const char *name, VarKind *kind)
{
    for (int i = sc->n - 1; i >= 0; i--)
        if (!strcmp(sc->names[i], name)) {
            if (kind)
                *kind = sc->kinds[i];
            return 1;
        }
    return 0;
}

static int valid_var_name(const char *s)
{
    if (*s != '$' || !(isalpha((unsigned char)s[1]) || s[1] == '_'))
        return 0;
    for (s += 2; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_')
            return 0;
    return 1;
}

static const VerbSpec *find_verb(const char *name)
{
    for (const VerbSpec *v = VERBS; v->name; v++)
        if (!strcmp(v->name, name))
            return v;
    return NULL;
}

static const ArgSpec *find_arg(const VerbSpec *v, const char *name)
{
    for (int i = 0; i < 8 && v->args[i].name; i++)
        if (!strcmp(v->args[i].name, name))
            return &v->args[i];
    return NULL;
}

/* A SID value: literal, $var.user, $var.logon_sid, $var.owner or $var.primary_group (the variable must be bound). */
static int check_sid_value(const Line *l, const Scope *sc, const char *s)
{
    BYTE sid[SECURITY_MAX_SID_SIZE];
    if (*s == '$') {
        const char *dot = strchr(s, '.');
        char name[128];
        if (!dot || (size_t)(dot - s) >= sizeof name)
            return perr(l->file, l->line, "malformed SID reference '%s' (expected $var.user, .logon_sid, .owner or .primary_group)", s);
        memcpy(name, s, (size_t)(dot - s));
        name[dot - s] = 0;
        if (strcmp(dot + 1, "user") && strcmp(dot + 1, "logon_sid") && strcmp(dot + 1, "owner") && strcmp(dot + 1, "primary_group"))
            return perr(l->file, l->line, "unknown SID field '%s' (expected user, logon_sid, owner or primary_group)", dot + 1);
        if (!scope_kind(sc, name + 1, NULL))
            return perr(l->file, l->line, "unknown variable %s", name);
        return 0;
    }
    if (!strncmp(s, "account:", 8)) /* logons and names: resolved on the host when the step runs */
        return s[8] ? 0 : perr(l->file, l->line, "account: needs a name");
    if (!parse_sid_literal(s, sid))
        return perr(l->file, l->line, "unknown SID or alias '%s'", s);
    return 0;
}

static int check_list(const Line *l, const Scope *sc, const char *s, int sids)
{
    char *copy = xstrdup(s), *save = NULL;
    int rc = 0;
    if (!*s && sids) {
        free(copy);
        return 0; /* an empty list is allowed */
    }
    for (char *part = strtok_r(copy, ",", &save); part && !rc; part = strtok_r(NULL, ",", &save)) {
        LUID luid;
        if (sids)
            rc = check_sid_value(l, sc, part);
        else if (!privilege_luid(part, &luid))
            rc = perr(l->file, l->line, "unknown privilege '%s'", part);
    }
    free(copy);
    return rc;
}

static int check_handle(const Line *l, const Scope *sc, const char *s)
{
    unsigned long long v;
    HANDLE h;
    if (named_handle(s, &h))
        return 0;
    if (*s == '$') {
        if (!valid_var_name(s))
            return perr(l->file, l->line, "malformed variable '%s'", s);
        if (!scope_kind(sc, s + 1, NULL))
            return perr(l->file, l->line, "unknown variable %s", s);
        return 0;
    }
    if (parse_number(s, &v))
        return 0; /* a raw handle value, for invalid-handle scenarios */
    return perr(l->file, l->line, "unknown handle '%s' (expected $var, current-process, current-thread, null, current-process-token, current-thread-token, current-thread-effective-token or a raw value)", s);
}

static int set_class_ok(const char *s)
{
    int cls;
    return parse_token_class(s, &cls); /* classes other than the five below take a DWORD value */
}

static int check_arg(const Line *l, const Scope *sc, const ArgSpec *a, const char *val,
                     const char *set_class)
{
    char err[TB_ERRLEN];
    DWORD mask;
    SECURITY_IMPERSONATION_LEVEL level;
    TOKEN_TYPE type;
    BOOL b;
    ULONG attrs;
    GENERIC_MAPPING map;
    int cls;
    unsigned long long num;
    BYTE sid[SECURITY_MAX_SID_SIZE];
    switch (a->kind) {
    case A_HANDLE: return check_handle(l, sc, val);
    case A_MASK:
        return parse_mask(val, &mask, err) ? 0 : perr(l->file, l->line, "%s: %s", a->name, err);
    case A_LEVEL:
        return parse_level(val, &level) ? 0 : perr(l->file, l->line, "unknown impersonation level '%s'", val);
    case A_TYPE:
        return parse_token_type(val, &type) ? 0 : perr(l->file, l->line, "unknown token type '%s'", val);
    case A_BOOL:
        return parse_bool(val, &b) ? 0 : perr(l->file, l->line, "%s: expected true or false, got '%s'", a->name, val);
    case A_ATTRS:
        return parse_attributes(val, &attrs, err) ? 0 : perr(l->file, l->line, "%s", err);
    case A_RFLAGS:
        return parse_restrict_flags(val, &mask, err) ? 0 : perr(l->file, l->line, "%s", err);
    case A_SID: return check_sid_value(l, sc, val);
    case A_SIDLIST: return check_list(l, sc, val, 1);
    case A_PRIVLIST: return check_list(l, sc, val, 0);
    case A_SDDL: return 0;
    case A_DESC: return 0;
    case A_OBJECT:
        return (!strncmp(val, "file:", 5) && val[5]) || (!strncmp(val, "key:", 4) && val[4]) ? 0
               : perr(l->file, l->line, "an object is file:<path> or key:<path>, got '%s'", val);
    case A_SECINFO:
        return objects_valid_info(val) ? 0 : perr(l->file, l->line, "unknown security information '%s'", val);
    case A_MAPPING:
        return parse_mapping(val, &map) ? 0 : perr(l->file, l->line, "unknown mapping '%s' (file, key, token, generic-all)", val);
    case A_GETCLASS:
        return parse_token_class(val, &cls) ? 0 : perr(l->file, l->line, "unknown token information class '%s'", val);
    case A_SETCLASS:
        return set_class_ok(val) ? 0 : perr(l->file, l->line, "unsupported class for set_token_information '%s'", val);
    case A_SETVALUE:
        if (!set_class)
            return 0; /* reported as a missing class */
        if (!strcmp(set_class, "TokenIntegrityLevel"))
            return parse_label(val, sid) ? 0 : perr(l->file, l->line, "unknown integrity label '%s'", val);
        if (strcmp(set_class, "TokenDefaultDacl") && strcmp(set_class, "TokenOwner") &&
            strcmp(set_class, "TokenPrimaryGroup"))
            return parse_number(val, &num) && num <= 0xFFFFFFFFull ? 0 : perr(l->file, l->line, "expected a number, got '%s'", val);
        if (!strcmp(set_class, "TokenDefaultDacl"))
            return 0;
        return check_sid_value(l, sc, val);
    case A_NUMBER:
        return parse_number(val, &num) && num <= 0xFFFFFFFFull ? 0 : perr(l->file, l->line, "%s: expected a number, got '%s'", a->name, val);
    case A_TEXT: return 0;
    case A_ANY:
        if (!strcmp(a->name, "type") && !logon_type_code(val, &mask))
            return perr(l->file, l->line, "type: expected interactive, network, batch, service, network_cleartext or new_credentials, got '%s'", val);
        if (!strcmp(a->name, "provider") && !logon_provider_code(val, &mask))
            return perr(l->file, l->line, "provider: expected default or winnt50, got '%s'", val);
        if (!strcmp(a->name, "class") && strcmp(val, "ThreadImpersonationToken"))
            return perr(l->file, l->line, "unsupported thread information class '%s'", val);
        if (!strcmp(a->name, "disposition") && strcmp(val, "create") && strcmp(val, "open"))
            return perr(l->file, l->line, "disposition: expected create or open, got '%s'", val);
        if (!strcmp(a->name, "tracking") && strcmp(val, "static") && strcmp(val, "dynamic"))
            return perr(l->file, l->line, "tracking: expected static or dynamic, got '%s'", val);
        return 0;
    }
    return 0;
}

/* ---- checks ---- */
static const struct {
    const char *name;
    FieldId id;
    ValueKind kind;
} FIELDS[] = {
    {"type", F_TYPE, K_TYPE}, {"level", F_LEVEL, K_LEVEL}, {"user", F_USER, K_SID},
    {"token_id", F_TOKEN_ID, K_LUID}, {"authentication_id", F_AUTH_ID, K_LUID},
    {"modified_id", F_MODIFIED_ID, K_LUID}, {"integrity", F_INTEGRITY, K_LABEL},
    {"groups", F_GROUPS, K_SET}, {"privileges", F_PRIVILEGES, K_SET},
    {"restricted_sids", F_RESTRICTED_SIDS, K_SET}, {"access", F_ACCESS, K_MASK},
    {"impersonating", F_IMPERSONATING, K_BOOL}, {"owner", F_OWNER, K_SID},
    {"primary_group", F_PRIMARY_GROUP, K_SID}, {"session_id", F_SESSION_ID, K_NUMBER},
    {"logon_sid", F_LOGON_SID, K_SID}, {"elevated", F_ELEVATED, K_BOOL}, {"origin", F_ORIGIN, K_LUID},
    {"statistics_level", F_STATISTICS_LEVEL, K_LEVEL}, {"group_count", F_GROUP_COUNT, K_NUMBER},
    {"privilege_count", F_PRIVILEGE_COUNT, K_NUMBER}, {"restricted_count", F_RESTRICTED_COUNT, K_NUMBER},
    {"elevation_type", F_ELEVATION_TYPE, K_ELEVATION}, {"has_restrictions", F_HAS_RESTRICTIONS, K_BOOL},
    {"default_dacl", F_DEFAULT_DACL, K_DACL}, {NULL, 0, 0}};

ValueKind field_kind(FieldId id)
{
    for (int i = 0; FIELDS[i].name; i++)
        if (FIELDS[i].id == id)
            return FIELDS[i].kind;
    return K_NUMBER;
}

/* Parses "$v.field", "effective.field" or "thread.field" into subject/var/field. */
static int parse_lhs(const Line *l, const Scope *sc, const char *s, Subject *subj, char **var,
                     FieldId *field)
{
    const char *dot = strchr(s, '.');
    if (!dot)
        return perr(l->file, l->line, "malformed check subject '%s' (expected $var.field, effective.field or thread.field)", s);
    size_t n = (size_t)(dot - s);
    const char *fname = dot + 1;
    *var = NULL;
    if (n == 6 && !strncmp(s, "thread", 6)) {
        *subj = SUBJ_THREAD;
        if (!strcmp(fname, "access"))
            return perr(l->file, l->line, "'access' is a field of a handle variable");
    } else if (n == 9 && !strncmp(s, "effective", 9)) {
        *subj = SUBJ_EFFECTIVE;
        if (!strcmp(fname, "access") || !strcmp(fname, "impersonating"))
            return perr(l->file, l->line, "effective.%s is not a token field", fname);
    } else if (*s == '$') {
        char name[128];
        if (n >= sizeof name)
            return perr(l->file, l->line, "variable name too long");
        memcpy(name, s, n);
        name[n] = 0;
        if (!valid_var_name(name))
            return perr(l->file, l->line, "malformed variable '%s'", name);
        if (!scope_kind(sc, name + 1, NULL))
            return perr(l->file, l->line, "unknown variable %s", name);
        *subj = SUBJ_VAR;
        *var = xstrdup(name + 1);
        if (!strcmp(fname, "impersonating"))
            return perr(l->file, l->line, "'impersonating' is a thread field (thread.impersonating)");
    } else
        return perr(l->file, l->line, "unknown check subject '%s'", s);
    for (int i = 0; FIELDS[i].name; i++)
        if (!strcmp(FIELDS[i].name, fname)) {
            *field = FIELDS[i].id;
            return 0;
        }
    return perr(l->file, l->line, "unknown field '%s'", fname);
}

static int parse_check(const Line *l, int first, const Scope *sc, Step *st)
{
    Check *ck = &st->check;
    Buf text = {0};
    buf_add(&text, "");
    for (int i = first; i < l->n; i++) {
        if (i > first)
            buf_add(&text, " ");
        buf_add(&text, l->toks[i].raw);
    }
    st->text = text.s;
    int n = l->n - first;
    if (n < 3)
        return perr(l->file, l->line, "malformed check (expected: check LEFT == RIGHT, LEFT != RIGHT or LEFT has X [state])");
    if (parse_lhs(l, sc, l->toks[first].text, &ck->subject, &ck->var, &ck->field))
        return -1;
    const char *op = l->toks[first + 1].text;
    const char *rhs = l->toks[first + 2].text;
    ValueKind kind = field_kind(ck->field);
    if (!strcmp(op, "has")) {
        if (kind != K_SET)
            return perr(l->file, l->line, "'has' needs groups, privileges or restricted_sids");
        if (n > 4)
            return perr(l->file, l->line, "unexpected '%s' after the state", l->toks[first + 4].text);
        ck->op = OP_HAS;
        ck->rhs = xstrdup(rhs);
        ck->state = n == 4 ? xstrdup(l->toks[first + 3].text) : NULL;
        if (ck->field == F_PRIVILEGES) {
            LUID luid;
            if (!privilege_luid(rhs, &luid))
                return perr(l->file, l->line, "unknown privilege '%s'", rhs);
            if (ck->state && strcmp(ck->state, "present") && strcmp(ck->state, "enabled") &&
                strcmp(ck->state, "disabled") && strcmp(ck->state, "enabled_by_default") &&
                strcmp(ck->state, "absent"))
                return perr(l->file, l->line, "unknown privilege state '%s' (present, enabled, disabled, enabled_by_default, absent)", ck->state);
            return 0;
        }
        if (check_sid_value(l, sc, rhs))
            return -1;
        static const char *GROUP_STATES[] = {"present", "enabled", "disabled", "deny_only", "logon_id",
                                             "mandatory", "owner", "absent", NULL};
        static const char *RESTRICTED_STATES[] = {"present", "absent", NULL};
        const char **STATES = ck->field == F_GROUPS ? GROUP_STATES : RESTRICTED_STATES;
        if (ck->state) {
            int ok = 0;
            for (int i = 0; STATES[i]; i++)
                ok |= !strcmp(STATES[i], ck->state);
            if (!ok)
                return perr(l->file, l->line, ck->field == F_GROUPS
                    ? "unknown group state '%s' (present, enabled, disabled, deny_only, logon_id, mandatory, owner, absent)"
                    : "unknown restricted SID state '%s' (present, absent)", ck->state);
        }
        return 0;
    }
    if (strcmp(op, "==") && strcmp(op, "!="))
        return perr(l->file, l->line, "unknown check operator '%s' (==, !=, has)", op);
    if (n != 3)
        return perr(l->file, l->line, "unexpected '%s' after the right side", l->toks[first + 3].text);
    if (kind == K_SET)
        return perr(l->file, l->line, "%s is compared with 'has'", l->toks[first].text);
    ck->op = strcmp(op, "==") ? OP_NE : OP_EQ;
    ck->rhs = xstrdup(rhs);
    /* the right side: another field of the same kind, or a literal of the left side's kind */
    if (*rhs == '$' || !strncmp(rhs, "effective.", 10) || !strncmp(rhs, "thread.", 7)) {
        Subject s2;
        char *v2 = NULL;
        FieldId f2;
        if (parse_lhs(l, sc, rhs, &s2, &v2, &f2))
            return -1;
        free(v2);
        ValueKind k2 = field_kind(f2);
        if (k2 != kind && !(kind == K_SID && k2 == K_LABEL) && !(kind == K_LABEL && k2 == K_SID))
            return perr(l->file, l->line, "cannot compare %s with %s (different kinds)", l->toks[first].text, rhs);
        return 0;
    }
    char err[TB_ERRLEN];
    SECURITY_IMPERSONATION_LEVEL lv;
    TOKEN_TYPE tt;
    BOOL b;
    DWORD m;
    unsigned long long num;
    BYTE sid[SECURITY_MAX_SID_SIZE];
    switch (kind) {
    case K_LEVEL:
        return parse_level(rhs, &lv) ? 0 : perr(l->file, l->line, "unknown impersonation level '%s'", rhs);
    case K_TYPE:
        return parse_token_type(rhs, &tt) ? 0 : perr(l->file, l->line, "unknown token type '%s'", rhs);
    case K_SID:
        if (!strncmp(rhs, "account:", 8))
            return check_sid_value(l, sc, rhs);
        return parse_sid_literal(rhs, sid) ? 0 : perr(l->file, l->line, "unknown SID or alias '%s'", rhs);
    case K_LABEL:
        return parse_label(rhs, sid) ? 0 : perr(l->file, l->line, "unknown integrity label '%s'", rhs);
    case K_MASK:
        return parse_mask(rhs, &m, err) ? 0 : perr(l->file, l->line, "%s", err);
    case K_BOOL:
        return parse_bool(rhs, &b) ? 0 : perr(l->file, l->line, "expected true or false, got '%s'", rhs);
    case K_LUID:
    case K_NUMBER:
        return parse_number(rhs, &num) ? 0 : perr(l->file, l->line, "expected a number, got '%s'", rhs);
    case K_ELEVATION:
        return parse_elevation(rhs, &num) ? 0 : perr(l->file, l->line, "unknown elevation type '%s' (Default, Full, Limited)", rhs);
    case K_DACL:
        return parse_dacl_state(rhs, &num) ? 0 : perr(l->file, l->line, "a default DACL is null, empty or present, not '%s'", rhs);
    case K_SET: break;
    }
    return 0;
}

/* ---- steps ---- */
static int check_field_value(const Line *l, const char *field, const char *val)
{
    char err[TB_ERRLEN];
    DWORD m;
    BOOL b;
    unsigned long long num;
    if (!strcmp(field, "granted"))
        return parse_mask(val, &m, err) ? 0 : perr(l->file, l->line, "granted: %s", err);
    if (!strcmp(field, "result"))
        return parse_bool(val, &b) ? 0 : perr(l->file, l->line, "result: expected true or false, got '%s'", val);
    if (!strcmp(field, "length"))
        return parse_number(val, &num) ? 0 : perr(l->file, l->line, "length: expected a number, got '%s'", val);
    if (!strcmp(field, "use"))
        return is_sid_use_name(val) ? 0 : perr(l->file, l->line, "use: unknown SID use '%s'", val);
    if (!strcmp(field, "privileges")) {
        char *copy = xstrdup(val), *save = NULL;
        int rc = 0;
        for (char *p = strtok_r(copy, ",", &save); p && !rc; p = strtok_r(NULL, ",", &save)) {
            LUID luid;
            if (!privilege_luid(p, &luid))
                rc = perr(l->file, l->line, "unknown privilege '%s'", p);
        }
        free(copy);
        return rc;
    }
    return 0;
}

static void scope_bind(Scope *sc, const char *name, VarKind kind)
{
    if (sc->n < TB_MAX_VARS) {
        sc->names[sc->n] = xstrdup(name);
        sc->kinds[sc->n] = kind;
        sc->n++;
    }
}

static int split_pair(const Line *l, const char *tok, char **key, char **val)
{
    const char *eq = strchr(tok, '=');
    if (!eq || eq == tok)
        return perr(l->file, l->line, "expected name=value, got '%s'", tok);
    *key = xcalloc((size_t)(eq - tok) + 1, 1);
    memcpy(*key, tok, (size_t)(eq - tok));
    *val = xstrdup(eq + 1);
    return 0;
}

/* A step of a `requires model|kernel` scenario: never executed here (the scenario is skipped),
 * so only its shape is read: the verb must be known, and `as $var` binds for later lines. */
static int parse_model_step(const Line *l, int i, Scope *scope, Step *st)
{
    if (!strcmp(l->toks[i].text, "check")) {
        Buf text = {0};
        buf_add(&text, "");
        for (int j = i + 1; j < l->n; j++) {
            if (j > i + 1)
                buf_add(&text, " ");
            buf_add(&text, l->toks[j].raw);
        }
        st->is_check = 1;
        st->text = text.s;
        return 0;
    }
    st->verb = find_verb(l->toks[i].text);
    if (!st->verb)
        return perr(l->file, l->line, "unknown verb '%s'", l->toks[i].text);
    for (int j = i + 1; j < l->n; j++)
        if (!strcmp(l->toks[j].raw, "->")) {
            if (j + 1 >= l->n)
                return perr(l->file, l->line, "missing outcome after '->'");
            st->expected = xstrdup(l->toks[j + 1].text);
            if (j + 3 < l->n && !strcmp(l->toks[j + 2].text, "as") && valid_var_name(l->toks[j + 3].text)) {
                st->bind = xstrdup(l->toks[j + 3].text + 1);
                scope_bind(scope, st->bind,
                           !strcmp(st->verb->name, "create_thread") ? V_THREAD : V_HANDLE);
            }
            return 0;
        }
    return perr(l->file, l->line, "missing '-> outcome'");
}

static int parse_step(const Line *l, Scenario *sc, Scope *scope, Step *st)
{
    int i = 0;
    memset(st, 0, sizeof *st);
    st->line = l->line;
    if (!strcmp(l->toks[0].text, "on")) {
        VarKind kind;
        if (l->n < 3)
            return perr(l->file, l->line, "'on' needs a thread variable and a step");
        const char *th = l->toks[1].text;
        if (!valid_var_name(th))
            return perr(l->file, l->line, "malformed thread variable '%s'", th);
        if (!scope_kind(scope, th + 1, &kind))
            return perr(l->file, l->line, "unknown variable %s", th);
        if (kind != V_THREAD)
            return perr(l->file, l->line, "%s is not a thread (bind one with create_thread)", th);
        st->thread = xstrdup(th + 1);
        i = 2;
    }
    if (sc->model_only)
        return parse_model_step(l, i, scope, st);
    if (!strcmp(l->toks[i].text, "check")) {
        st->is_check = 1;
        return parse_check(l, i + 1, scope, st);
    }
    const char *vname = l->toks[i].text;
    const VerbSpec *v = find_verb(vname);
    if (!v)
        return perr(l->file, l->line, "unknown verb '%s'", vname);
    st->verb = v;
    i++;
    int arrow = -1;
    for (int j = i; j < l->n; j++)
        if (!strcmp(l->toks[j].raw, "->")) {
            arrow = j;
            break;
        }
    if (arrow < 0)
        return perr(l->file, l->line, "missing '-> outcome'");
    if (v->layer == L_MODEL && !sc->model_only)
        return perr(l->file, l->line, "verb '%s' is model-only: the scenario must declare 'requires model' or 'requires kernel'", vname);
    st->args = xcalloc((size_t)(arrow - i) + 1, sizeof(Pair));
    for (int j = i; j < arrow; j++) {
        Pair *p = &st->args[st->nargs];
        if (split_pair(l, l->toks[j].text, &p->key, &p->val))
            return -1;
        for (int k = 0; k < st->nargs; k++)
            if (!strcmp(st->args[k].key, p->key))
                return perr(l->file, l->line, "argument '%s' given twice", p->key);
        st->nargs++;
        if (v->layer == L_MODEL) {
            continue; /* not validated: the scenario is skipped on real hosts */
        }
        const ArgSpec *a = find_arg(v, p->key);
        if (!a)
            return perr(l->file, l->line, "unknown argument '%s' for %s", p->key, vname);
    }
    if (!strcmp(vname, "create_thread") && st->nargs > 0) {
        if (!sc->model_only)
            return perr(l->file, l->line, "create_thread with arguments (process=) is model-only: the scenario must declare 'requires model'");
    } else if (v->layer != L_MODEL) {
        const char *set_class = NULL;
        for (int k = 0; k < st->nargs; k++)
            if (!strcmp(st->args[k].key, "class"))
                set_class = st->args[k].val;
        for (int a = 0; a < 8 && v->args[a].name; a++) {
            const char *val = step_arg(st, v->args[a].name);
            if (!val) {
                if (v->args[a].required)
                    return perr(l->file, l->line, "%s: missing argument '%s'", vname, v->args[a].name);
                continue;
            }
            if (check_arg(l, scope, &v->args[a], val, set_class))
                return -1;
        }
        if (!strcmp(vname, "duplicate_token_ex") && !step_arg(st, "level") &&
            strcmp(step_arg(st, "type"), "Primary"))
            return perr(l->file, l->line, "duplicate_token_ex: missing argument 'level' (optional only for type=Primary)");
        if (!strcmp(vname, "adjust_token_groups") && !step_arg(st, "enable") && !step_arg(st, "disable") &&
            !step_arg(st, "reset"))
            return perr(l->file, l->line, "adjust_token_groups: needs enable=, disable= or reset= (reset=false alone passes a NULL NewState)");
    }
    /* outcome */
    i = arrow + 1;
    if (i >= l->n)
        return perr(l->file, l->line, "missing outcome after '->'");
    st->expected = xstrdup(l->toks[i].text);
    if (v->layer != L_MODEL && !is_known_outcome(st->expected, v->layer == L_NT)
        && !(is_pipe_verb(vname) && !strcmp(st->expected, "TIMEOUT"))) /* named pipes (issue 13) */
        return perr(l->file, l->line, "unknown outcome '%s' for %s verb %s (expected ok or a%s name)",
                    st->expected, v->layer == L_NT ? "NT" : "Win32", vname,
                    v->layer == L_NT ? " STATUS_*" : "n ERROR_*");
    i++;
    if (i < l->n && !strcmp(l->toks[i].text, "as")) {
        if (i + 1 >= l->n || !valid_var_name(l->toks[i + 1].text))
            return perr(l->file, l->line, "'as' needs a variable ($name)");
        if (!v->binds)
            return perr(l->file, l->line, "%s binds nothing; remove 'as %s'", vname, l->toks[i + 1].text);
        if (!strcmp(vname, "get_token_information") && strcmp(step_arg(st, "class"), "TokenLinkedToken"))
            return perr(l->file, l->line, "get_token_information binds only the token of class=TokenLinkedToken");
        st->bind = xstrdup(l->toks[i + 1].text + 1);
        i += 2;
    }
    st->fields = xcalloc((size_t)(l->n - i) + 1, sizeof(Pair));
    for (; i < l->n; i++) {
        Pair *p = &st->fields[st->nfields];
        if (split_pair(l, l->toks[i].text, &p->key, &p->val))
            return -1;
        st->nfields++;
        if (v->layer == L_MODEL)
            continue;
        int known = 0;
        for (int f = 0; f < 3 && v->fields[f]; f++)
            known |= !strcmp(v->fields[f], p->key);
        if (!known)
            return perr(l->file, l->line, "unknown output field '%s' for %s", p->key, vname);
        if (check_field_value(l, p->key, p->val))
            return -1;
    }
    if (st->bind)
        scope_bind(scope, st->bind, v->binds == 2 ? V_THREAD : v->binds == 3 ? V_DESCRIPTOR : V_HANDLE);
    return 0;
}

const char *step_arg(const Step *st, const char *key)
{
    for (int i = 0; i < st->nargs; i++)
        if (!strcmp(st->args[i].key, key))
            return st->args[i].val;
    return NULL;
}

static int parse_header(const Line *l, Scenario *sc)
{
    const char *kw = l->toks[0].text;
    if (!strcmp(kw, "cites")) {
        if (l->n < 2)
            return perr(l->file, l->line, "cites needs rule ids");
        for (int i = 1; i < l->n; i++) {
            const char *r = l->toks[i].text;
            int ok = r[0] && strchr("RPLNOD", r[0]) && r[1]; /* R, P, L, N, O, D ids (scenarios.md) */
            for (const char *p = r + 1; *p && ok; p++)
                ok = isdigit((unsigned char)*p);
            if (!ok)
                return perr(l->file, l->line, "malformed rule id '%s' (expected R<n>, P<n>, L<n>, N<n>, O<n> or D<n>)", r);
            sc->cites = realloc(sc->cites, sizeof(char *) * (size_t)(sc->ncites + 1));
            sc->cites[sc->ncites++] = xstrdup(r);
        }
        return 0;
    }
    if (!strcmp(kw, "config")) {
        if (l->n != 2)
            return perr(l->file, l->line, "config needs exactly one preset");
        for (int i = 0; PRESETS[i]; i++)
            if (!strcmp(PRESETS[i], l->toks[1].text)) {
                sc->config = xstrdup(l->toks[1].text);
                return 0;
            }
        return perr(l->file, l->line, "unknown config preset '%s'", l->toks[1].text);
    }
    /* requires */
    if (l->n < 2)
        return perr(l->file, l->line, "requires needs conditions");
    for (int i = 1; i < l->n; i++) {
        const char *c = l->toks[i].text;
        LUID luid;
        if (!strcmp(c, "model") || !strcmp(c, "kernel"))
            sc->model_only = 1;
        else if (!strcmp(c, "admin") || !strcmp(c, "not-admin") || !strcmp(c, "accounts") || !strcmp(c, "uac"))
            ;
        else if (!strncmp(c, "privilege:", 10) || !strncmp(c, "no-privilege:", 13)) {
            const char *name = strchr(c, ':') + 1;
            if (!privilege_luid(name, &luid))
                return perr(l->file, l->line, "unknown privilege '%s'", name);
        } else
            return perr(l->file, l->line, "unknown requirement '%s' (model, kernel, privilege:X, no-privilege:X, admin, not-admin, accounts, uac)", c);
        sc->requires = realloc(sc->requires, sizeof(char *) * (size_t)(sc->nrequires + 1));
        sc->requires[sc->nrequires++] = xstrdup(c);
    }
    return 0;
}

int parse_file(const char *path, Corpus *corpus)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s:0: cannot open file\n", path);
        return -1;
    }
    char *file = xstrdup(path);
    char buf[8192];
    int lineno = 0, rc = 0;
    Scenario *cur = NULL;
    Scope scope = {0};
    Line l;
    l.n = 0;
    while (!rc && fgets(buf, sizeof buf, f)) {
        lineno++;
        size_t len = strlen(buf);
        if (len == sizeof buf - 1 && buf[len - 1] != '\n') {
            rc = perr(file, lineno, "line too long");
            break;
        }
        if (lineno == 1 && !strncmp(buf, "\xEF\xBB\xBF", 3))
            memmove(buf, buf + 3, len - 2);
        if (tokenize(file, lineno, buf, &l)) {
            rc = -1;
            break;
        }
        if (l.n == 0)
            continue;
        const char *kw = l.toks[0].text;
        if (!cur) {
            if (strcmp(kw, "scenario"))
                rc = perr(file, lineno, "expected 'scenario <id>', got '%s'", kw);
            else if (l.n != 2)
                rc = perr(file, lineno, "'scenario' needs exactly one id");
            else {
                corpus->items = realloc(corpus->items, sizeof(Scenario) * (size_t)(corpus->count + 1));
                cur = &corpus->items[corpus->count++];
                memset(cur, 0, sizeof *cur);
                cur->id = xstrdup(l.toks[1].text);
                cur->file = file;
                cur->line = lineno;
                for (int i = 0; i < scope.n; i++)
                    free(scope.names[i]);
                scope.n = 0;
            }
        } else if (!strcmp(kw, "end")) {
            if (l.n != 1)
                rc = perr(file, lineno, "unexpected text after 'end'");
            cur = NULL;
        } else if (!strcmp(kw, "scenario")) {
            rc = perr(file, lineno, "scenario '%s' (line %d) has no 'end'", cur->id, cur->line);
        } else if (!strcmp(kw, "cites") || !strcmp(kw, "config") || !strcmp(kw, "requires")) {
            if (cur->nsteps > 0)
                rc = perr(file, lineno, "'%s' must come before the first step", kw);
            else
                rc = parse_header(&l, cur);
        } else {
            cur->steps = realloc(cur->steps, sizeof(Step) * (size_t)(cur->nsteps + 1));
            Step *st = &cur->steps[cur->nsteps];
            rc = parse_step(&l, cur, &scope, st);
            if (!rc) {
                cur->nsteps++;
                st->number = cur->nsteps;
            }
        }
        line_free(&l);
    }
    line_free(&l);
    if (!rc && cur)
        rc = perr(file, lineno, "scenario '%s' (line %d) has no 'end'", cur->id, cur->line);
    for (int i = 0; i < scope.n; i++)
        free(scope.names[i]);
    fclose(f);
    return rc;
}

int check_unique_ids(const Corpus *corpus)
{
    for (int i = 0; i < corpus->count; i++)
        for (int j = 0; j < i; j++)
            if (!strcmp(corpus->items[i].id, corpus->items[j].id))
                return perr(corpus->items[i].file, corpus->items[i].line,
                            "duplicate scenario id '%s' (first at %s:%d)", corpus->items[i].id,
                            corpus->items[j].file, corpus->items[j].line);
    return 0;
}
