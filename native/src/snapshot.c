/* snapshot.c - facts about the host process token: the `requires` conditions and the host
 * snapshot JSON of TRANSCRIPT.md (user, groups, privileges, integrity, elevation, logon ids,
 * session, owner, primary group, default DACL). */
#include "tb.h"

static HANDLE open_process_token(void)
{
    HANDLE h = NULL;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY | TOKEN_QUERY_SOURCE, &h) &&
        !OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &h))
        return NULL;
    return h;
}

int process_has_privilege(const char *name, int *has)
{
    LUID luid;
    DWORD e;
    HANDLE h = open_process_token();
    if (!h || !privilege_luid(name, &luid)) {
        if (h)
            CloseHandle(h);
        return 0;
    }
    TOKEN_PRIVILEGES *tp = query_token(h, TokenPrivileges, &e);
    CloseHandle(h);
    if (!tp)
        return 0;
    *has = 0;
    for (DWORD i = 0; i < tp->PrivilegeCount; i++)
        if (tp->Privileges[i].Luid.LowPart == luid.LowPart && tp->Privileges[i].Luid.HighPart == luid.HighPart)
            *has = 1;
    free(tp);
    return 1;
}

/* An elevated administrator's token: Administrators present and enabled (not deny-only). */
int process_is_admin(int *admin)
{
    BYTE sid[SECURITY_MAX_SID_SIZE];
    DWORD e;
    HANDLE h = open_process_token();
    if (!h)
        return 0;
    TOKEN_GROUPS *g = query_token(h, TokenGroups, &e);
    CloseHandle(h);
    if (!g || !parse_sid_literal("S-1-5-32-544", sid)) {
        free(g);
        return 0;
    }
    *admin = 0;
    for (DWORD i = 0; i < g->GroupCount; i++)
        if (EqualSid(g->Groups[i].Sid, sid) && (g->Groups[i].Attributes & SE_GROUP_ENABLED) &&
            !(g->Groups[i].Attributes & SE_GROUP_USE_FOR_DENY_ONLY))
            *admin = 1;
    free(g);
    return 1;
}

static void add_sid(Buf *b, const char *key, PSID sid)
{
    char text[256];
    sid_to_text(sid, text, sizeof text);
    buf_printf(b, "\"%s\":", key);
    buf_json_str(b, text);
}

static void add_luid(Buf *b, const char *key, LUID l)
{
    buf_printf(b, "\"%s\":\"0x%llx\"", key, ((unsigned long long)(DWORD)l.HighPart << 32) | l.LowPart);
}

/* The default DACL as SDDL with numeric masks and SID strings ("D:(A;;0x10000000;;;S-1-5-18)"), so
 * the reader needs no alias table; a NULL DACL is D:NO_ACCESS_CONTROL. 0 when an ACE is of a type
 * other than allow or deny. */
static int add_default_dacl(Buf *b, const TOKEN_DEFAULT_DACL *d)
{
    static const struct {
        BYTE bit;
        const char *text;
    } flags[] = {{OBJECT_INHERIT_ACE, "OI"}, {CONTAINER_INHERIT_ACE, "CI"}, {NO_PROPAGATE_INHERIT_ACE, "NP"},
                 {INHERIT_ONLY_ACE, "IO"}, {INHERITED_ACE, "ID"}};
    Buf t = {0};
    buf_add(&t, "D:");
    if (!d->DefaultDacl)
        buf_add(&t, "NO_ACCESS_CONTROL");
    for (DWORD i = 0; d->DefaultDacl && i < d->DefaultDacl->AceCount; i++) {
        ACE_HEADER *ace;
        char sid[256];
        if (!GetAce(d->DefaultDacl, i, (void **)&ace) ||
            (ace->AceType != ACCESS_ALLOWED_ACE_TYPE && ace->AceType != ACCESS_DENIED_ACE_TYPE)) {
            buf_free(&t);
            return 0;
        }
        ACCESS_ALLOWED_ACE *a = (ACCESS_ALLOWED_ACE *)ace; /* a deny ACE has the same layout */
        sid_to_text(&a->SidStart, sid, sizeof sid);
        buf_add(&t, ace->AceType == ACCESS_ALLOWED_ACE_TYPE ? "(A;" : "(D;");
        for (size_t f = 0; f < sizeof flags / sizeof *flags; f++)
            if (ace->AceFlags & flags[f].bit)
                buf_add(&t, flags[f].text);
        buf_printf(&t, ";0x%lx;;;%s)", (unsigned long)a->Mask, sid);
    }
    buf_add(b, "\"default_dacl\":");
    buf_json_str(b, t.s);
    buf_free(&t);
    return 1;
}

/* Every field is read on its own: one the host cannot give (Wine 8 lacks TokenOrigin) is written
 * as null and named in "unavailable" with its error, so the snapshot is still usable. */
int write_snapshot(const char *path)
{
    HANDLE h = open_process_token();
    char b32[32];
    if (!h) {
        fprintf(stderr, "tbdriver: OpenProcessToken failed: %s\n", win32_name(GetLastError(), b32));
        return 0;
    }
    static const struct {
        const char *key;
        TOKEN_INFORMATION_CLASS cls;
    } parts[] = {{"user", TokenUser}, {"groups", TokenGroups}, {"privileges", TokenPrivileges},
                 {"integrity", TokenIntegrityLevel}, {"elevation_type", TokenElevationType},
                 {"elevated", TokenElevation}, {"authentication_id", TokenStatistics},
                 {"origin", TokenOrigin}, {"session_id", TokenSessionId}, {"owner", TokenOwner},
                 {"primary_group", TokenPrimaryGroup}, {"default_dacl", TokenDefaultDacl}};
    enum { NPARTS = sizeof parts / sizeof *parts };
    void *info[NPARTS];
    DWORD errs[NPARTS];
    for (int i = 0; i < NPARTS; i++)
        info[i] = query_token(h, parts[i].cls, &errs[i]);
    CloseHandle(h);
    Buf b = {0}, missing = {0};
    buf_add(&b, "{");
    buf_add(&missing, "");
    for (int i = 0; i < NPARTS; i++) {
        void *p = info[i];
        buf_add(&b, i ? ",\n " : "");
        if (!p) {
            buf_printf(&b, "\"%s\":null", parts[i].key);
            buf_printf(&missing, "%s{\"field\":\"%s\",\"error\":\"%s\"}", missing.len ? "," : "",
                       parts[i].key, win32_name(errs[i], b32));
            continue;
        }
        switch (i) {
        case 0: add_sid(&b, "user", ((TOKEN_USER *)p)->User.Sid); break;
        case 1: {
            TOKEN_GROUPS *groups = p;
            buf_add(&b, "\"groups\":[");
            for (DWORD g = 0; g < groups->GroupCount; g++) {
                char text[256];
                sid_to_text(groups->Groups[g].Sid, text, sizeof text);
                buf_add(&b, g ? "," : "");
                buf_add(&b, "{\"sid\":");
                buf_json_str(&b, text);
                buf_printf(&b, ",\"attributes\":%lu}", (unsigned long)groups->Groups[g].Attributes);
            }
            buf_add(&b, "]");
            break;
        }
        case 2: {
            TOKEN_PRIVILEGES *privs = p;
            buf_add(&b, "\"privileges\":[");
            for (DWORD k = 0; k < privs->PrivilegeCount; k++) {
                char nb[64];
                buf_add(&b, k ? "," : "");
                buf_add(&b, "{\"name\":");
                buf_json_str(&b, privilege_name(privs->Privileges[k].Luid, nb));
                buf_printf(&b, ",\"attributes\":%lu}", (unsigned long)privs->Privileges[k].Attributes);
            }
            buf_add(&b, "]");
            break;
        }
        case 3: add_sid(&b, "integrity", ((TOKEN_MANDATORY_LABEL *)p)->Label.Sid); break;
        case 4: buf_printf(&b, "\"elevation_type\":%lu", (unsigned long)*(DWORD *)p); break;
        case 5: buf_printf(&b, "\"elevated\":%s", ((TOKEN_ELEVATION *)p)->TokenIsElevated ? "true" : "false"); break;
        case 6: add_luid(&b, "authentication_id", ((TOKEN_STATISTICS *)p)->AuthenticationId); break;
        case 7: add_luid(&b, "origin", ((TOKEN_ORIGIN *)p)->OriginatingLogonSession); break;
        case 8: buf_printf(&b, "\"session_id\":%lu", (unsigned long)*(DWORD *)p); break;
        case 9: add_sid(&b, "owner", ((TOKEN_OWNER *)p)->Owner); break;
        case 10: add_sid(&b, "primary_group", ((TOKEN_PRIMARY_GROUP *)p)->PrimaryGroup); break;
        case 11:
            if (!add_default_dacl(&b, p)) {
                buf_add(&b, "\"default_dacl\":null");
                buf_printf(&missing, "%s{\"field\":\"default_dacl\",\"error\":\"an ACE neither allow nor deny\"}",
                           missing.len ? "," : "");
            }
            break;
        }
        free(p);
    }
    if (missing.len)
        buf_printf(&b, ",\n \"unavailable\":[%s]", missing.s);
    buf_add(&b, "}\n");
    int ok = 0;
    FILE *f = fopen(path, "wb");
    if (!f)
        fprintf(stderr, "tbdriver: cannot write %s\n", path);
    else {
        ok = fwrite(b.s, 1, b.len, f) == b.len;
        ok = (fclose(f) == 0) && ok;
        if (!ok)
            fprintf(stderr, "tbdriver: error writing %s\n", path);
    }
    buf_free(&b);
    buf_free(&missing);
    return ok;
}
