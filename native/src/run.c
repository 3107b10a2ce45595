/* run.c - the scenario runner: requirements, worker threads for `on $th` steps, comparison of
 * outcomes and fields, the JSON Lines transcript, and clean-up after each scenario. */
#include "tb.h"

/* ---- worker threads: each executes one step at a time, on request of the main thread ---- */
typedef struct Worker {
    HANDLE thread; /* the worker's own handle, used to join it */
    HANDLE var_handle;
    HANDLE go, done;
    volatile LONG quit;
    Vars *vars;
    const Step *step;
    StepResult *sres;
    CheckResult *cres;
} Worker;

static DWORD WINAPI worker_main(LPVOID param)
{
    Worker *w = param;
    for (;;) {
        WaitForSingleObject(w->go, INFINITE);
        if (w->quit)
            break;
        if (w->step->is_check)
            eval_check(w->vars, &w->step->check, w->cres);
        else
            exec_step(w->vars, w->step, w->sres);
        SetEvent(w->done);
    }
    RevertToSelf(); /* leave no impersonation behind */
    return 0;
}

Worker *worker_start(void)
{
    Worker *w = xcalloc(1, sizeof *w);
    w->go = CreateEventW(NULL, FALSE, FALSE, NULL);
    w->done = CreateEventW(NULL, FALSE, FALSE, NULL);
    if (w->go && w->done)
        w->thread = CreateThread(NULL, 0, worker_main, w, 0, NULL);
    if (!w->thread || !DuplicateHandle(GetCurrentProcess(), w->thread, GetCurrentProcess(),
                                       &w->var_handle, 0, FALSE, DUPLICATE_SAME_ACCESS)) {
        DWORD e = GetLastError();
        if (w->thread)
            worker_stop(w);
        else {
            if (w->go)
                CloseHandle(w->go);
            if (w->done)
                CloseHandle(w->done);
            free(w);
        }
        SetLastError(e);
        return NULL;
    }
    return w;
}

HANDLE worker_handle(Worker *w) { return w->var_handle; }

void worker_stop(Worker *w)
{
    InterlockedExchange(&w->quit, 1);
    SetEvent(w->go);
    WaitForSingleObject(w->thread, INFINITE);
    CloseHandle(w->thread);
    CloseHandle(w->go);
    CloseHandle(w->done);
    free(w);
}

static void worker_run(Worker *w, Vars *vars, const Step *st, StepResult *sr, CheckResult *cr)
{
    w->vars = vars;
    w->step = st;
    w->sres = sr;
    w->cres = cr;
    SetEvent(w->go);
    WaitForSingleObject(w->done, INFINITE);
}

/* ---- requirements ---- */
static int requirements_met(const Scenario *sc, char *reason, size_t n)
{
    for (int i = 0; i < sc->nrequires; i++) {
        const char *c = sc->requires[i];
        int met = 0, v = 0;
        if (!strcmp(c, "model") || !strcmp(c, "kernel"))
            met = 0;
        else if (!strcmp(c, "accounts")) /* logons and names: the conformance accounts exist here */
            met = host_has_accounts();
        else if (!strcmp(c, "uac"))
            met = host_uac_on();
        else if (!strncmp(c, "privilege:", 10) || !strncmp(c, "no-privilege:", 13)) {
            if (!process_has_privilege(strchr(c, ':') + 1, &v)) {
                snprintf(reason, n, "requires %s (the process token could not be read)", c);
                return 0;
            }
            met = c[0] == 'p' ? v : !v;
        } else {
            if (!process_is_admin(&v)) {
                snprintf(reason, n, "requires %s (the process token could not be read)", c);
                return 0;
            }
            met = !strcmp(c, "admin") ? v : !v;
        }
        if (!met) {
            snprintf(reason, n, "requires %s", c);
            return 0;
        }
    }
    return 1;
}

/* ---- transcript ---- */
static void json_head(Buf *b, const Scenario *sc, const Step *st, const char *kind)
{
    buf_add(b, "{\"scenario\":");
    buf_json_str(b, sc->id);
    buf_printf(b, ",\"step\":%d,\"line\":%d,\"kind\":\"%s\"", st->number, st->line, kind);
}

static void write_line(FILE *out, Buf *b)
{
    buf_add(b, "\n");
    fwrite(b->s, 1, b->len, out);
    fflush(out);
}

static void write_step(FILE *out, const Scenario *sc, const Step *st, const StepResult *r)
{
    Buf b = {0};
    json_head(&b, sc, st, "step");
    buf_add(&b, ",\"verb\":");
    buf_json_str(&b, st->verb->name);
    buf_add(&b, ",\"backend\":\"native\",\"thread\":");
    buf_json_str(&b, st->thread ? st->thread : "main");
    buf_add(&b, ",\"outcome\":");
    buf_json_str(&b, r->outcome);
    buf_add(&b, ",\"expected\":");
    buf_json_str(&b, st->expected);
    buf_add(&b, ",\"fields\":{");
    for (int i = 0; i < (r->error[0] ? 0 : r->nfields); i++) {
        if (i)
            buf_add(&b, ",");
        buf_json_str(&b, r->fields[i].key);
        buf_add(&b, ":");
        buf_json_str(&b, r->fields[i].val);
    }
    buf_add(&b, "},\"raw\":{");
    if (r->raw.len)
        buf_add(&b, r->raw.s);
    buf_add(&b, "}");
    if (r->error[0]) {
        buf_add(&b, ",\"error\":");
        buf_json_str(&b, r->error);
    }
    buf_add(&b, "}");
    write_line(out, &b);
    buf_free(&b);
}

static void write_check(FILE *out, const Scenario *sc, const Step *st, const CheckResult *r)
{
    Buf b = {0};
    json_head(&b, sc, st, "check");
    buf_add(&b, ",\"text\":");
    buf_json_str(&b, st->text);
    buf_add(&b, ",\"backend\":\"native\",\"thread\":");
    buf_json_str(&b, st->thread ? st->thread : "main");
    buf_add(&b, r->value < 0 ? ",\"value\":null" : r->value ? ",\"value\":true" : ",\"value\":false");
    if (r->observed[0]) {
        buf_add(&b, ",\"observed\":");
        buf_json_str(&b, r->observed);
    }
    if (r->value < 0) {
        buf_add(&b, ",\"error\":");
        buf_json_str(&b, r->error[0] ? r->error : "not evaluated");
    }
    if (r->raw.len) {
        buf_add(&b, ",\"raw\":{");
        buf_add(&b, r->raw.s);
        buf_add(&b, "}");
    }
    buf_add(&b, "}");
    write_line(out, &b);
    buf_free(&b);
}

static void write_result(FILE *out, const Scenario *sc, const char *status, const char *reason)
{
    Buf b = {0};
    buf_add(&b, "{\"scenario\":");
    buf_json_str(&b, sc->id);
    buf_printf(&b, ",\"kind\":\"result\",\"backend\":\"native\",\"status\":\"%s\"", status);
    if (reason) {
        buf_add(&b, ",\"reason\":");
        buf_json_str(&b, reason);
    }
    buf_add(&b, ",\"cites\":[");
    for (int i = 0; i < sc->ncites; i++) {
        if (i)
            buf_add(&b, ",");
        buf_json_str(&b, sc->cites[i]);
    }
    buf_add(&b, "]}");
    write_line(out, &b);
    buf_free(&b);
}

/* ---- comparison of asserted fields ---- */
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static char *sorted_list(const char *s)
{
    char *copy = xstrdup(s), *save = NULL, *items[128];
    int n = 0;
    for (char *p = strtok_r(copy, ",", &save); p && n < 128; p = strtok_r(NULL, ",", &save))
        items[n++] = p;
    qsort(items, (size_t)n, sizeof *items, cmp_str);
    Buf b = {0};
    buf_add(&b, "");
    for (int i = 0; i < n; i++) {
        if (i)
            buf_add(&b, ",");
        buf_add(&b, items[i]);
    }
    free(copy);
    return b.s;
}

/* The expected value in the transcript's normal form (masks hex, numbers decimal). */
static char *normal_expected(const char *field, const char *val)
{
    char out[64], err[TB_ERRLEN];
    DWORD m;
    unsigned long long n;
    if (!strcmp(field, "granted") && parse_mask(val, &m, err)) {
        snprintf(out, sizeof out, "0x%lx", (unsigned long)m);
        return xstrdup(out);
    }
    if (!strcmp(field, "length") && parse_number(val, &n)) {
        snprintf(out, sizeof out, "%llu", n);
        return xstrdup(out);
    }
    if (!strcmp(field, "privileges"))
        return sorted_list(val);
    if (!strcmp(field, "name") || !strcmp(field, "domain")) { /* names compare ignoring case */
        char *v = xstrdup(val);
        lower_utf8(v);
        return v;
    }
    return xstrdup(val);
}

static int compare_fields(Vars *vars, const Step *st, const StepResult *r, char *why, size_t n)
{
    for (int i = 0; i < st->nfields; i++) {
        if (!strcmp(st->fields[i].key, "sid")) { /* logons and names: compared as SIDs, on this host */
            BYTE want[SECURITY_MAX_SID_SIZE], got[SECURITY_MAX_SID_SIZE];
            char err[TB_ERRLEN] = "", text[200] = "?";
            int same = resolve_sid(vars, st->fields[i].val, want, err) && r->observed_sid[0] &&
                       parse_sid_literal(r->observed_sid, got) && EqualSid(want, got);
            if (!same) {
                if (!err[0])
                    sid_to_text(want, text, sizeof text);
                snprintf(why, n, "step %d (line %d): %s: expected sid=%s (%s), observed sid=%s", st->number,
                         st->line, st->verb->name, st->fields[i].val, err[0] ? err : text,
                         r->observed_sid[0] ? r->observed_sid : "null");
                return 0;
            }
            continue;
        }
        const char *obs = NULL;
        for (int j = 0; j < r->nfields; j++)
            if (!strcmp(r->fields[j].key, st->fields[i].key))
                obs = r->fields[j].val;
        char *exp = !strcmp(st->fields[i].key, "sd") ? objects_expected_text(vars, st->fields[i].val) /* objects */
                                                     : normal_expected(st->fields[i].key, st->fields[i].val);
        char *o = obs ? (!strcmp(st->fields[i].key, "privileges") ? sorted_list(obs) : xstrdup(obs)) : NULL;
        int same = o && !strcmp(exp, o);
        if (!same)
            snprintf(why, n, "step %d (line %d): %s: expected %s=%s, observed %s=%s", st->number,
                     st->line, st->verb->name, st->fields[i].key, exp, st->fields[i].key,
                     obs ? obs : "null");
        free(exp);
        free(o);
        if (!same)
            return 0;
    }
    return 1;
}

static void free_result(StepResult *r)
{
    for (int i = 0; i < r->nfields; i++) {
        free(r->fields[i].key);
        free(r->fields[i].val);
    }
    buf_free(&r->raw);
}

static void cites(const Scenario *sc, Buf *b)
{
    if (!sc->ncites)
        return;
    buf_add(b, " [cites");
    for (int i = 0; i < sc->ncites; i++)
        buf_printf(b, " %s", sc->cites[i]);
    buf_add(b, "]");
}

void run_scenario(const Scenario *sc, FILE *out, Summary *sum)
{
    char reason[1024] = "";
    if (!requirements_met(sc, reason, sizeof reason)) {
        write_result(out, sc, "skipped", reason);
        printf("skipped %s: %s\n", sc->id, reason);
        sum->skipped++;
        return;
    }
    Vars *vars = xcalloc(1, sizeof *vars);
    int failed = 0;
    /* objects: the scratch directory and key, made as the process before the first step */
    if (objects_used(sc) && !objects_begin(sc, reason, sizeof reason))
        failed = 1;
    pipes_begin_scenario(); /* named pipes (issue 13): this scenario's name tag */
    for (int i = 0; i < sc->nsteps && !failed; i++) {
        const Step *st = &sc->steps[i];
        Worker *w = NULL;
        if (st->thread) {
            Var *tv = vars_find(vars, st->thread);
            if (!tv || tv->kind != V_THREAD) {
                snprintf(reason, sizeof reason, "step %d (line %d): $%s is not a running thread (its create_thread failed)",
                         st->number, st->line, st->thread);
                failed = 1;
                break;
            }
            w = tv->worker;
        }
        if (st->is_check) {
            CheckResult cr;
            memset(&cr, 0, sizeof cr);
            if (w)
                worker_run(w, vars, st, NULL, &cr);
            else
                eval_check(vars, &st->check, &cr);
            write_check(out, sc, st, &cr);
            if (cr.value < 0) {
                snprintf(reason, sizeof reason, "step %d (line %d): check %s: could not be evaluated: %s",
                         st->number, st->line, st->text, cr.error);
                failed = 1;
            } else if (!cr.value) {
                snprintf(reason, sizeof reason, "step %d (line %d): check %s: false (observed %s)",
                         st->number, st->line, st->text, cr.observed[0] ? cr.observed : "?");
                failed = 1;
            }
            buf_free(&cr.raw);
            continue;
        }
        StepResult sr;
        memset(&sr, 0, sizeof sr);
        if (w)
            worker_run(w, vars, st, &sr, NULL);
        else
            exec_step(vars, st, &sr);
        if (sr.error[0]) {
            /* the call could not be made at all: an "error" outcome, as the Java runner writes
             * for a call that throws */
            snprintf(sr.outcome, sizeof sr.outcome, "error");
            write_step(out, sc, st, &sr);
            snprintf(reason, sizeof reason, "step %d (line %d): %s: error: %s", st->number, st->line,
                     st->verb->name, sr.error);
            failed = 1;
        } else {
            if (sr.bound) {
                if (vars->nvars == TB_MAX_VARS) {
                    snprintf(reason, sizeof reason, "step %d (line %d): too many variables", st->number, st->line);
                    failed = 1;
                    if (sr.bind_kind == V_THREAD) {
                        worker_stop(sr.bind_worker);
                    }
                    CloseHandle(sr.bind_handle);
                } else {
                    Var *v = &vars->vars[vars->nvars++];
                    v->name = xstrdup(st->bind);
                    v->kind = sr.bind_kind;
                    v->h = sr.bind_handle;
                    v->open = 1;
                    v->worker = sr.bind_worker;
                    v->sd = sr.bind_sd; /* objects */
                    v->object_type = sr.bind_object_type;
                    if (sr.bind_kind == V_DESCRIPTOR)
                        v->open = 0;
                }
            }
            write_step(out, sc, st, &sr);
            if (failed) {
            } else if (strcmp(sr.outcome, st->expected)) {
                snprintf(reason, sizeof reason, "step %d (line %d): %s: expected %s, observed %s",
                         st->number, st->line, st->verb->name, st->expected, sr.outcome);
                failed = 1;
            } else if (!compare_fields(vars, st, &sr, reason, sizeof reason))
                failed = 1;
        }
        free_result(&sr);
    }
    /* clean-up: children ended, workers ended (each reverts itself), handles closed, main thread reverted */
    end_children();
    for (int i = 0; i < vars->nvars; i++) {
        Var *v = &vars->vars[i];
        if (v->kind == V_THREAD && v->worker)
            worker_stop(v->worker);
        if (v->open)
            CloseHandle(v->h);
        if (v->sd)
            LocalFree(v->sd);
        free(v->name);
    }
    free(vars);
    RevertToSelf();
    process_token_restore(); /* the next scenario starts from the same process token */
    objects_end(); /* objects: after every handle is closed, as the process */
    if (failed) {
        Buf b = {0};
        buf_add(&b, reason);
        cites(sc, &b);
        write_result(out, sc, "failed", reason);
        printf("failed %s: %s\n", sc->id, b.s);
        buf_free(&b);
        sum->failed++;
    } else {
        write_result(out, sc, "passed", NULL);
        printf("passed %s\n", sc->id);
        sum->passed++;
    }
    fflush(stdout);
}
