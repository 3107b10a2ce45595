/* tb.h - shared declarations of tbdriver, the native conformance driver of tokenbridge.
 *
 * tbdriver reads the .scn scenario language (shared/spec/scenarios.md), runs the Win32 and NT
 * verbs against the real Windows API (or Wine) and writes the JSON Lines transcript described
 * in TRANSCRIPT.md. */
#ifndef TB_H
#define TB_H

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <winternl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _MSC_VER
#define strtok_r strtok_s
#define TB_PRINTF(a, b)
#else
#define TB_PRINTF(a, b) __attribute__((format(printf, a, b)))
#endif

/* ---- growable string buffer (buf.c) ---- */
typedef struct {
    char *s;
    size_t len, cap;
} Buf;
void buf_add(Buf *b, const char *s);
void buf_addn(Buf *b, const char *s, size_t n);
void buf_printf(Buf *b, const char *fmt, ...) TB_PRINTF(2, 3);
void buf_json_str(Buf *b, const char *s); /* adds a quoted, escaped JSON string */
void buf_reset(Buf *b);
void buf_free(Buf *b);
char *xstrdup(const char *s);
void *xcalloc(size_t n, size_t size);

/* ---- value tables and parsers (names.c) ---- */
#define TB_ERRLEN 256
const char *win32_name(DWORD code, char out[32]);
const char *nt_name(NTSTATUS status, char out[32]);
int is_known_outcome(const char *name, int nt); /* 1 known, 0 unknown; nt selects STATUS_ */

int parse_number(const char *s, unsigned long long *out);
int parse_mask(const char *s, DWORD *out, char err[TB_ERRLEN]);
int parse_level(const char *s, SECURITY_IMPERSONATION_LEVEL *out);
const char *level_name(DWORD level);
int parse_token_type(const char *s, TOKEN_TYPE *out);
const char *token_type_name(DWORD type);
int parse_bool(const char *s, BOOL *out);
int parse_attributes(const char *s, ULONG *out, char err[TB_ERRLEN]);
int parse_restrict_flags(const char *s, DWORD *out, char err[TB_ERRLEN]);
int parse_mapping(const char *s, GENERIC_MAPPING *out);
int parse_token_class(const char *s, int *out);
const char *token_class_name(int cls);

/* SID literals (aliases and S-1-... strings); not $var references. out is SECURITY_MAX_SID_SIZE. */
int parse_sid_literal(const char *s, PSID out);
int parse_label(const char *s, PSID out); /* Low, LowLabel, S-1-16-x, ... */
const char *label_name(PSID sid);         /* "Medium" or NULL when not a known level */
int sid_to_text(PSID sid, char *out, size_t n);

int parse_elevation(const char *s, unsigned long long *out);  /* Default 1, Full 2, Limited 3 */
const char *elevation_name(unsigned long long type);
int parse_dacl_state(const char *s, unsigned long long *out); /* null 0, empty 1, present 2 */
const char *dacl_state_name(unsigned long long state);

int privilege_luid(const char *name, LUID *out);
const char *privilege_name(LUID luid, char out[64]);

/* ---- logons and names (accounts.c; issue 14, scenarios.md "Logons and names") ---- */
const char *sid_alias_name(PSID sid); /* names.c: the alias a `sid` field is written as, or NULL */
int account_sid(const char *name, PSID out, char err[TB_ERRLEN]); /* account:<name> on this host */
const char *sid_use_name(int use);    /* User, Group, ..., LogonSession */
int is_sid_use_name(const char *s);
int logon_type_code(const char *s, DWORD *out);     /* interactive 2 ... new_credentials 9 */
int logon_provider_code(const char *s, DWORD *out); /* default 0, winnt50 3 */
const char *machine_name(void);       /* the domain of tb-user, else the computer name */
int host_has_accounts(void);          /* `requires accounts`: LookupAccountNameW("tb-user") succeeds */
int host_uac_on(void);                /* `requires uac`: tb-admin's interactive logon is Limited */
void lower_utf8(char *s);             /* ASCII lower case in place (names compare ignoring case) */

/* ---- the parsed scenario ---- */
typedef struct {
    char *key;
    char *val;
} Pair;

typedef enum { SUBJ_VAR, SUBJ_EFFECTIVE, SUBJ_THREAD } Subject;
typedef enum { OP_EQ, OP_NE, OP_HAS } CheckOp;

typedef enum {
    F_TYPE, F_LEVEL, F_USER, F_TOKEN_ID, F_AUTH_ID, F_MODIFIED_ID, F_INTEGRITY, F_GROUPS,
    F_PRIVILEGES, F_RESTRICTED_SIDS, F_ACCESS, F_IMPERSONATING, F_OWNER, F_PRIMARY_GROUP,
    F_SESSION_ID, F_LOGON_SID, F_ELEVATED, F_ORIGIN, F_STATISTICS_LEVEL, F_GROUP_COUNT,
    F_PRIVILEGE_COUNT, F_RESTRICTED_COUNT, F_ELEVATION_TYPE, F_HAS_RESTRICTIONS, F_DEFAULT_DACL
} FieldId;

typedef enum { K_LEVEL, K_TYPE, K_SID, K_LUID, K_LABEL, K_MASK, K_BOOL, K_NUMBER, K_SET, K_ELEVATION, K_DACL } ValueKind;

typedef struct {
    Subject subject;
    char *var;       /* SUBJ_VAR: the variable name without '$' */
    FieldId field;
    CheckOp op;
    char *rhs;       /* OP_EQ/OP_NE: right side text; OP_HAS: the member */
    char *state;     /* OP_HAS: state name or NULL (present) */
} Check;

struct VerbSpec;
typedef struct {
    int number;   /* step number within the scenario */
    int line;
    int is_check;
    char *thread; /* NULL for the main thread, else the variable name without '$' */
    const struct VerbSpec *verb;
    Pair *args;
    int nargs;
    char *expected;
    char *bind;   /* variable name without '$', or NULL */
    Pair *fields;
    int nfields;
    char *text;   /* check text, whitespace collapsed */
    Check check;
} Step;

typedef struct {
    char *id;
    const char *file;
    int line;
    char **cites;
    int ncites;
    char **requires;
    int nrequires;
    char *config;
    Step *steps;
    int nsteps;
    int model_only; /* requires model or kernel */
} Scenario;

typedef struct {
    Scenario *items;
    int count;
} Corpus;

/* parse.c: returns 0 on success, else prints file:line: message to stderr and returns -1. */
int parse_file(const char *path, Corpus *corpus);
int check_unique_ids(const Corpus *corpus);
const char *step_arg(const Step *st, const char *key);

/* ---- verb table (parse.c) ---- */
typedef enum { L_WIN32, L_NT, L_MODEL } Layer;
typedef enum {
    A_HANDLE, A_MASK, A_LEVEL, A_TYPE, A_BOOL, A_ATTRS, A_SID, A_SIDLIST, A_PRIVLIST, A_SDDL,
    A_MAPPING, A_GETCLASS, A_SETCLASS, A_SETVALUE, A_NUMBER, A_RFLAGS, A_ANY,
    A_OBJECT, A_SECINFO, A_DESC, /* objects */
    A_TEXT /* any text (logons and names) */
} ArgKind;
typedef struct {
    const char *name;
    ArgKind kind;
    int required;
} ArgSpec;
typedef struct VerbSpec {
    const char *name;
    Layer layer;
    int binds; /* 0 none, 1 handle, 2 thread */
    ArgSpec args[8];
    const char *fields[3];
} VerbSpec;

/* ---- execution (run.c, verbs.c, checks.c) ---- */
typedef enum { V_HANDLE, V_THREAD, V_DESCRIPTOR } VarKind;
struct Worker;
typedef struct {
    char *name;
    VarKind kind;
    HANDLE h;
    int open;            /* the driver still owns the handle and closes it at the end */
    struct Worker *worker;
    void *sd;            /* V_DESCRIPTOR: a LocalAlloc'd self-relative descriptor (objects) */
    int object_type;     /* the SE_OBJECT_TYPE of a file or key handle, 0 for kernel objects (objects) */
} Var;

#define TB_MAX_VARS 128
typedef struct {
    Var vars[TB_MAX_VARS];
    int nvars;
} Vars;

typedef struct {
    char outcome[64];
    Pair fields[4]; /* observed values of the asserted fields */
    int nfields;
    Buf raw;        /* body of the raw JSON object: "\"k\":\"v\",..." */
    char error[TB_ERRLEN]; /* non-empty: the step could not be executed */
    int bound;
    char observed_sid[200]; /* lookup_account_name: the SID found, as S-1-... (compared as a SID) */
    VarKind bind_kind;
    HANDLE bind_handle;
    struct Worker *bind_worker;
    void *bind_sd;        /* V_DESCRIPTOR binding (objects) */
    int bind_object_type; /* SE_OBJECT_TYPE of a bound file or key handle (objects) */
} StepResult;

typedef struct {
    int value; /* 1 true, 0 false, -1 null */
    char observed[512];
    char error[TB_ERRLEN];
    Buf raw;
} CheckResult;

Var *vars_find(Vars *vars, const char *name);
void exec_step(Vars *vars, const Step *st, StepResult *res);
void eval_check(Vars *vars, const Check *ck, CheckResult *res);
int resolve_sid(Vars *vars, const char *text, PSID out, char err[TB_ERRLEN]);
void raw_add(Buf *raw, const char *key, const char *val);
void bind_result_handle(const Step *st, StepResult *r, HANDLE h); /* raw "handle", then bind or close */

struct Worker *worker_start(void);
void worker_stop(struct Worker *w);
HANDLE worker_handle(struct Worker *w);

/* process-token facts for `requires` and the snapshot (snapshot.c) */
int process_has_privilege(const char *name, int *has);
int process_is_admin(int *admin);
int write_snapshot(const char *path);

/* tokenstate.c: the process token's privileges, default DACL and session id, saved before the
 * first scenario and put back after each one */
void process_token_save(void);
void process_token_restore(void);

/* objects.c: object-security verbs, scratch directory and key, descriptor text */
int object_verb(Vars *vars, const Step *st, StepResult *r); /* 1 when st is an object verb (executed) */
int objects_used(const Scenario *sc);
int objects_begin(const Scenario *sc, char *why, size_t n);
void objects_end(void);
char *objects_expected_text(Vars *vars, const char *text);
void *objects_var_sd(Vars *vars, const char *name, char err[TB_ERRLEN]);
int objects_valid_info(const char *s);

/* run.c */
typedef struct {
    int passed, failed, skipped;
} Summary;
void run_scenario(const Scenario *sc, FILE *transcript, Summary *sum);

/* checks.c: reading token information (a TOKEN_QUERY duplicate is used when the handle lacks it) */
void *query_token(HANDLE token, TOKEN_INFORMATION_CLASS cls, DWORD *err);
ValueKind field_kind(FieldId id);
int pseudo_token_handles(void); /* 1 when the host resolves the token pseudo handles */

/* the pseudo token handles of GetCurrentProcessToken(), GetCurrentThreadToken(),
 * GetCurrentThreadEffectiveToken() (R19) */
#define TB_CURRENT_PROCESS_TOKEN ((HANDLE)(LONG_PTR)-4)
#define TB_CURRENT_THREAD_TOKEN ((HANDLE)(LONG_PTR)-5)
#define TB_CURRENT_THREAD_EFFECTIVE_TOKEN ((HANDLE)(LONG_PTR)-6)
int named_handle(const char *s, HANDLE *out); /* names.c: current-process, ..., null */

/* pipes.c: the named-pipe verbs (issue 13) */
void pipes_begin_scenario(void);
int is_pipe_verb(const char *verb);
void exec_pipe_step(Vars *vars, const Step *st, StepResult *r);

/* NT prototypes missing from the mingw-w64 headers */
NTSTATUS NTAPI NtOpenProcessTokenEx(HANDLE, ACCESS_MASK, ULONG, PHANDLE);
NTSTATUS NTAPI NtOpenThreadTokenEx(HANDLE, ACCESS_MASK, BOOLEAN, ULONG, PHANDLE);
NTSTATUS NTAPI NtDuplicateToken(HANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES, BOOLEAN, TOKEN_TYPE, PHANDLE);
NTSTATUS NTAPI NtImpersonateAnonymousToken(HANDLE);
NTSTATUS NTAPI NtImpersonateThread(HANDLE, HANDLE, PSECURITY_QUALITY_OF_SERVICE);
NTSTATUS NTAPI NtQueryInformationToken(HANDLE, TOKEN_INFORMATION_CLASS, PVOID, ULONG, PULONG);
NTSTATUS NTAPI NtSetInformationThread(HANDLE, THREADINFOCLASS, PVOID, ULONG);

/* processes under a token (verbs.c): ends the children the process verbs started */
void end_children(void);

#endif
