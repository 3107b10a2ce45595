/* tokenstate.c - the process token's changeable state, saved before the first scenario and put back
 * after each one: every scenario of a run shares the driver's process, so a privilege one scenario
 * enables, or a default DACL it sets on the process token, must not be what the next one starts
 * from (the model gives each scenario a fresh process). Saved: every privilege's attributes, the
 * default DACL and the session id; groups, owner and primary group cannot be changed under Wine 8.0
 * and are left alone. */
#include "tb.h"

static TOKEN_PRIVILEGES *saved_privileges;
static TOKEN_DEFAULT_DACL *saved_dacl;
static DWORD saved_session;
static int saved_session_ok;

static HANDLE open_for_restore(void)
{
    HANDLE h = NULL;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES | TOKEN_ADJUST_DEFAULT |
                          TOKEN_ADJUST_SESSIONID, &h) &&
        !OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES | TOKEN_ADJUST_DEFAULT, &h))
        return NULL;
    return h;
}

void process_token_save(void)
{
    DWORD e;
    HANDLE h = open_for_restore();
    if (!h)
        return;
    saved_privileges = query_token(h, TokenPrivileges, &e);
    saved_dacl = query_token(h, TokenDefaultDacl, &e);
    DWORD *session = query_token(h, TokenSessionId, &e);
    if (session) {
        saved_session = *session;
        saved_session_ok = 1;
        free(session);
    }
    CloseHandle(h);
}

/* Each part is put back only when it differs, so a scenario that changed nothing costs two queries. */
void process_token_restore(void)
{
    DWORD e;
    HANDLE h = open_for_restore();
    if (!h)
        return;
    if (saved_privileges) {
        TOKEN_PRIVILEGES *now = query_token(h, TokenPrivileges, &e);
        DWORD size = (DWORD)(sizeof(TOKEN_PRIVILEGES) + saved_privileges->PrivilegeCount * sizeof(LUID_AND_ATTRIBUTES));
        if (!now || now->PrivilegeCount != saved_privileges->PrivilegeCount ||
            memcmp(now->Privileges, saved_privileges->Privileges,
                   saved_privileges->PrivilegeCount * sizeof(LUID_AND_ATTRIBUTES)))
            AdjustTokenPrivileges(h, FALSE, saved_privileges, size, NULL, NULL);
        free(now);
    }
    if (saved_dacl) {
        TOKEN_DEFAULT_DACL *now = query_token(h, TokenDefaultDacl, &e);
        PACL a = saved_dacl->DefaultDacl, b = now ? now->DefaultDacl : NULL;
        int same = now && ((!a && !b) || (a && b && a->AclSize == b->AclSize && !memcmp(a, b, a->AclSize)));
        if (!same)
            SetTokenInformation(h, TokenDefaultDacl, saved_dacl,
                                (DWORD)(sizeof(TOKEN_DEFAULT_DACL) + (a ? a->AclSize : 0)));
        free(now);
    }
    if (saved_session_ok) {
        DWORD *now = query_token(h, TokenSessionId, &e);
        if (!now || *now != saved_session)
            SetTokenInformation(h, TokenSessionId, &saved_session, sizeof saved_session);
        free(now);
    }
    CloseHandle(h);
}
