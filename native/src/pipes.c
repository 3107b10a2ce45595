/* pipes.c - the named-pipe verbs of the scenario language (scenarios.md "Verbs for the server
 * path / Named pipes", issue 13): names tagged tokenbridge-<run>-<n>-, 4096-byte buffers, a 5 s
 * default time-out, message-mode reads on both ends of a message pipe, and TIMEOUT for a call
 * still running after 5 s, which a watchdog cancels with CancelSynchronousIo. Every call is
 * made on the thread the step names (the worker of `on $t`), so a client opens with that
 * thread's effective token. */
#include "tb.h"
#include <sddl.h>

#define PIPE_BUFFER 4096
#define PIPE_TIMEOUT_MS 5000
#define MAX_MESSAGE_PIPES 64

static char tag[64];
static unsigned scenario_number;
static wchar_t *message_pipes[MAX_MESSAGE_PIPES]; /* full names of this scenario's message-mode pipes */
static int nmessage_pipes;

void pipes_begin_scenario(void)
{
    static DWORD run;
    if (!run)
        run = GetCurrentProcessId() ^ (GetTickCount() << 12);
    snprintf(tag, sizeof tag, "tokenbridge-%lx-%u-", (unsigned long)run, ++scenario_number);
    for (int i = 0; i < nmessage_pipes; i++)
        free(message_pipes[i]);
    nmessage_pipes = 0;
}

int is_pipe_verb(const char *verb)
{
    static const char *const names[] = {"create_named_pipe", "open_pipe", "connect_named_pipe", "write_file",
                                        "read_file", "impersonate_named_pipe_client", "disconnect_named_pipe",
                                        "get_named_pipe_client_process_id", NULL};
    for (int i = 0; names[i]; i++)
        if (!strcmp(names[i], verb))
            return 1;
    return 0;
}

/* ---- small helpers, kept apart from verbs.c's ---- */

static void set_outcome(StepResult *r, BOOL ok, DWORD err)
{
    char b[32];
    snprintf(r->outcome, sizeof r->outcome, "%s", ok ? "ok" : win32_name(err, b));
}

static void add_field(const Step *st, StepResult *r, const char *name, const char *value)
{
    int asserted = 0;
    for (int i = 0; i < st->nfields; i++)
        asserted |= !strcmp(st->fields[i].key, name);
    if (!asserted || r->nfields >= 4)
        return;
    r->fields[r->nfields].key = xstrdup(name);
    r->fields[r->nfields].val = xstrdup(value);
    r->nfields++;
}

static int pipe_handle(Vars *vars, const Step *st, StepResult *r, const char *key, HANDLE *out)
{
    const char *s = step_arg(st, key);
    unsigned long long v;
    if (named_handle(s, out))
        return 1;
    if (*s == '$') {
        Var *var = vars_find(vars, s + 1);
        if (var) {
            *out = var->h;
            return 1;
        }
        snprintf(r->error, TB_ERRLEN, "variable %s is not bound (its step failed or bound nothing)", s);
        return 0;
    }
    if (parse_number(s, &v)) {
        *out = (HANDLE)(ULONG_PTR)v;
        return 1;
    }
    snprintf(r->error, TB_ERRLEN, "bad handle '%s'", s);
    return 0;
}

/* name= gets \\.\pipe\ and the tag; raw_name= is taken as written, {tag} replaced */
static wchar_t *full_name(const Step *st)
{
    Buf b = {0};
    const char *name = step_arg(st, "name");
    if (name) {
        buf_add(&b, "\\\\.\\pipe\\");
        buf_add(&b, tag);
        buf_add(&b, name);
    } else {
        const char *raw = step_arg(st, "raw_name");
        for (const char *p = raw; *p;) {
            if (!strncmp(p, "{tag}", 5)) {
                buf_add(&b, tag);
                p += 5;
            } else
                buf_addn(&b, p++, 1);
        }
    }
    int n = MultiByteToWideChar(CP_UTF8, 0, b.s ? b.s : "", -1, NULL, 0);
    wchar_t *w = xcalloc((size_t)n + 1, sizeof(wchar_t));
    MultiByteToWideChar(CP_UTF8, 0, b.s ? b.s : "", -1, w, n);
    buf_free(&b);
    return w;
}

static int is_message_pipe(const wchar_t *name)
{
    for (int i = 0; i < nmessage_pipes; i++)
        if (!_wcsicmp(message_pipes[i], name))
            return 1;
    return 0;
}

static BOOL arg_bool(const Step *st, const char *key)
{
    BOOL b = FALSE;
    const char *s = step_arg(st, key);
    if (s)
        parse_bool(s, &b);
    return b;
}

/* ---- the 5 s watchdog: cancels the calling thread's synchronous I/O when it has not returned ---- */

typedef struct {
    HANDLE thread; /* the calling thread, THREAD_TERMINATE for CancelSynchronousIo */
    HANDLE done;
    volatile LONG fired;
} Watchdog;

static DWORD WINAPI watchdog_main(LPVOID param)
{
    Watchdog *w = param;
    while (WaitForSingleObject(w->done, PIPE_TIMEOUT_MS) == WAIT_TIMEOUT) {
        InterlockedExchange(&w->fired, 1);
        CancelSynchronousIo(w->thread); /* repeated until the call has returned */
    }
    return 0;
}

static HANDLE watchdog_start(Watchdog *w)
{
    memset(w, 0, sizeof *w);
    if (!DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &w->thread,
                         THREAD_TERMINATE, FALSE, 0))
        return NULL;
    w->done = CreateEventW(NULL, TRUE, FALSE, NULL);
    HANDLE t = w->done ? CreateThread(NULL, 0, watchdog_main, w, 0, NULL) : NULL;
    if (!t) {
        CloseHandle(w->thread);
        if (w->done)
            CloseHandle(w->done);
    }
    return t;
}

static int watchdog_stop(Watchdog *w, HANDLE t)
{
    SetEvent(w->done);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CloseHandle(w->done);
    CloseHandle(w->thread);
    return w->fired;
}

static void timed_outcome(StepResult *r, int fired, BOOL ok, DWORD err)
{
    if (fired && !ok)
        snprintf(r->outcome, sizeof r->outcome, "TIMEOUT");
    else
        set_outcome(r, ok, err);
}

/* ---- the verbs ---- */

static void create_named_pipe(const Step *st, StepResult *r)
{
    const char *access = step_arg(st, "access"), *mode = step_arg(st, "mode");
    const char *instances = step_arg(st, "instances"), *sddl = step_arg(st, "sd");
    DWORD open_mode = PIPE_ACCESS_DUPLEX;
    if (access && !strcmp(access, "inbound"))
        open_mode = PIPE_ACCESS_INBOUND;
    else if (access && !strcmp(access, "outbound"))
        open_mode = PIPE_ACCESS_OUTBOUND;
    if (arg_bool(st, "first_instance"))
        open_mode |= FILE_FLAG_FIRST_PIPE_INSTANCE;
    int message = !mode || !strcmp(mode, "message");
    DWORD pipe_mode = (message ? PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE : 0) | PIPE_WAIT;
    if (arg_bool(st, "reject_remote"))
        pipe_mode |= PIPE_REJECT_REMOTE_CLIENTS;
    DWORD max = PIPE_UNLIMITED_INSTANCES;
    if (instances && strcmp(instances, "unlimited"))
        max = (DWORD)strtoul(instances, NULL, 10);
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, FALSE};
    PSECURITY_DESCRIPTOR sd = NULL;
    if (sddl && strcmp(sddl, "null")) {
        int n = MultiByteToWideChar(CP_UTF8, 0, sddl, -1, NULL, 0);
        wchar_t *w = xcalloc((size_t)n + 1, sizeof(wchar_t));
        MultiByteToWideChar(CP_UTF8, 0, sddl, -1, w, n);
        BOOL converted = ConvertStringSecurityDescriptorToSecurityDescriptorW(w, SDDL_REVISION_1, &sd, NULL);
        free(w);
        if (!converted) {
            char b[32];
            snprintf(r->error, TB_ERRLEN, "ConvertStringSecurityDescriptorToSecurityDescriptorW(\"%.120s\") failed: %s",
                     sddl, win32_name(GetLastError(), b));
            return;
        }
        sa.lpSecurityDescriptor = sd;
    }
    wchar_t *name = full_name(st);
    HANDLE h = CreateNamedPipeW(name, open_mode, pipe_mode, max, PIPE_BUFFER, PIPE_BUFFER, PIPE_TIMEOUT_MS,
                                sd ? &sa : NULL);
    DWORD err = h == INVALID_HANDLE_VALUE ? GetLastError() : 0;
    if (sd)
        LocalFree(sd);
    set_outcome(r, h != INVALID_HANDLE_VALUE, err);
    if (h != INVALID_HANDLE_VALUE) {
        if (message && nmessage_pipes < MAX_MESSAGE_PIPES && !is_message_pipe(name))
            message_pipes[nmessage_pipes++] = name;
        else
            free(name);
        bind_result_handle(st, r, h);
    } else
        free(name);
}

static void open_pipe(const Step *st, StepResult *r)
{
    const char *sqos = step_arg(st, "sqos"), *tracking = step_arg(st, "tracking");
    DWORD flags = 0, access = GENERIC_READ | GENERIC_WRITE;
    char err[TB_ERRLEN];
    if (step_arg(st, "access"))
        parse_mask(step_arg(st, "access"), &access, err);
    if (sqos && strcmp(sqos, "none")) {
        SECURITY_IMPERSONATION_LEVEL level = SecurityImpersonation;
        parse_level(sqos, &level);
        flags = SECURITY_SQOS_PRESENT | ((DWORD)level << 16);
        if (tracking && !strcmp(tracking, "dynamic"))
            flags |= SECURITY_CONTEXT_TRACKING;
        if (arg_bool(st, "effective_only"))
            flags |= SECURITY_EFFECTIVE_ONLY;
    }
    wchar_t *name = full_name(st);
    HANDLE h = CreateFileW(name, access, 0, NULL, OPEN_EXISTING, flags, NULL);
    DWORD e = h == INVALID_HANDLE_VALUE ? GetLastError() : 0;
    set_outcome(r, h != INVALID_HANDLE_VALUE, e);
    if (h != INVALID_HANDLE_VALUE) {
        if (is_message_pipe(name)) {
            DWORD m = PIPE_READMODE_MESSAGE;
            SetNamedPipeHandleState(h, &m, NULL, NULL); /* fails without FILE_WRITE_ATTRIBUTES, on every host */
        }
        bind_result_handle(st, r, h);
    }
    free(name);
}

static void connect_pipe(Vars *vars, const Step *st, StepResult *r)
{
    HANDLE h;
    Watchdog w;
    if (!pipe_handle(vars, st, r, "pipe", &h))
        return;
    HANDLE t = watchdog_start(&w);
    BOOL ok = ConnectNamedPipe(h, NULL);
    DWORD e = ok ? 0 : GetLastError();
    timed_outcome(r, t ? watchdog_stop(&w, t) : 0, ok, e);
}

static void write_pipe(Vars *vars, const Step *st, StepResult *r)
{
    HANDLE h;
    Watchdog w;
    const char *data = step_arg(st, "data");
    DWORD written = 0;
    if (!pipe_handle(vars, st, r, "handle", &h))
        return;
    HANDLE t = watchdog_start(&w);
    BOOL ok = WriteFile(h, data, (DWORD)strlen(data), &written, NULL);
    DWORD e = ok ? 0 : GetLastError();
    timed_outcome(r, t ? watchdog_stop(&w, t) : 0, ok, e);
    if (ok) {
        char b[32];
        snprintf(b, sizeof b, "%lu", (unsigned long)written);
        add_field(st, r, "written", b);
    }
}

static void read_pipe(Vars *vars, const Step *st, StepResult *r)
{
    HANDLE h;
    Watchdog w;
    unsigned long long length = PIPE_BUFFER;
    DWORD got = 0;
    if (!pipe_handle(vars, st, r, "handle", &h))
        return;
    if (step_arg(st, "length"))
        parse_number(step_arg(st, "length"), &length);
    char *data = xcalloc((size_t)length + 1, 1);
    HANDLE t = watchdog_start(&w);
    BOOL ok = ReadFile(h, data, (DWORD)length, &got, NULL);
    DWORD e = ok ? 0 : GetLastError();
    timed_outcome(r, t ? watchdog_stop(&w, t) : 0, ok, e);
    if (ok || e == ERROR_MORE_DATA) {
        data[got] = 0;
        add_field(st, r, "data", data);
    }
    free(data);
}

static void client_pid(Vars *vars, const Step *st, StepResult *r)
{
    HANDLE h;
    ULONG pid = 0;
    if (!pipe_handle(vars, st, r, "pipe", &h))
        return;
    BOOL ok = GetNamedPipeClientProcessId(h, &pid);
    set_outcome(r, ok, ok ? 0 : GetLastError());
    if (ok) {
        char b[32];
        snprintf(b, sizeof b, "%lu", (unsigned long)pid);
        raw_add(&r->raw, "pid", b);
        add_field(st, r, "pid", pid == GetCurrentProcessId() ? "self" : "other");
    }
}

void exec_pipe_step(Vars *vars, const Step *st, StepResult *r)
{
    const char *v = st->verb->name;
    HANDLE h;
    BOOL ok;
    if (!strcmp(v, "create_named_pipe"))
        create_named_pipe(st, r);
    else if (!strcmp(v, "open_pipe"))
        open_pipe(st, r);
    else if (!strcmp(v, "connect_named_pipe"))
        connect_pipe(vars, st, r);
    else if (!strcmp(v, "write_file"))
        write_pipe(vars, st, r);
    else if (!strcmp(v, "read_file"))
        read_pipe(vars, st, r);
    else if (!strcmp(v, "get_named_pipe_client_process_id"))
        client_pid(vars, st, r);
    else if (pipe_handle(vars, st, r, "pipe", &h)) {
        ok = !strcmp(v, "impersonate_named_pipe_client") ? ImpersonateNamedPipeClient(h) : DisconnectNamedPipe(h);
        set_outcome(r, ok, ok ? 0 : GetLastError());
    }
}
