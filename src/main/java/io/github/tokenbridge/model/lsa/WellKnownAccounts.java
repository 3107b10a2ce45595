package io.github.tokenbridge.model.lsa;

import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;

import java.util.ArrayList;
import java.util.List;

/**
 * The group and privilege sets that Windows gives well-known kinds of logons (a standard
 * interactive user, an administrator, LocalSystem, service accounts), used by the model presets
 * and by model logons (R6, R8, R11).
 */
public final class WellKnownAccounts {

    /** The machine's account domain in the model: {@code S-1-5-21-<three fixed numbers>}. */
    public static final Sid DOMAIN = Sid.parse("S-1-5-21-3623811015-3361044348-30300820");
    /** {@code SE_GROUP_MANDATORY|ENABLED_BY_DEFAULT|ENABLED}. */
    public static final int ENABLED_GROUP = 0x7;
    /** A logon SID's attributes, 0xC0000007 (R6). */
    public static final int LOGON_SID_GROUP = 0xC0000007;
    /** An enabled group that may own objects (Administrators in an elevated token). */
    public static final int OWNER_GROUP = 0xF;
    /** {@code SE_GROUP_USE_FOR_DENY_ONLY} (Administrators in a filtered token). */
    public static final int DENY_ONLY_GROUP = 0x10;
    /** {@code SE_PRIVILEGE_ENABLED_BY_DEFAULT|SE_PRIVILEGE_ENABLED}. */
    public static final int DEFAULT_ENABLED_PRIVILEGE = 0x3;

    private WellKnownAccounts() {
    }

    /** The logon SID of a logon session: {@code S-1-5-5-<high>-<low>} of its authentication id. */
    public static Sid logonSid(io.github.tokenbridge.Luid authenticationId) {
        return Sid.of(5, 5, authenticationId.highPart(), authenticationId.lowPart());
    }

    /** {@code <COMPUTER>\None}, the primary group of the machine's local accounts (L5, N3). */
    public static final Sid NONE_GROUP = DOMAIN.withRid(513);

    /**
     * The primary group a logon gives {@code user}: {@code <COMPUTER>\None} for an account of the
     * machine's domain (W-SEC test_process_security: LookupAccountSid of TokenPrimaryGroup is the
     * group None, L5), the user itself otherwise.
     */
    public static Sid primaryGroupOf(Sid user) {
        return isLocalAccount(user) ? NONE_GROUP : user;
    }

    private static boolean isLocalAccount(Sid user) {
        return user.toString().startsWith(DOMAIN + "-") && user.subAuthorityCount() == DOMAIN.subAuthorityCount() + 1;
    }

    /**
     * The groups of an ordinary (local) user's logon of {@code logonTypeSid}, without integrity label:
     * the primary group None first, as LSA gives it (L5).
     */
    public static List<TokenGroup> userGroups(Sid logonSid, Sid logonTypeSid, boolean administrator, boolean elevated) {
        List<TokenGroup> groups = new ArrayList<>();
        groups.add(new TokenGroup(NONE_GROUP, ENABLED_GROUP));
        groups.add(new TokenGroup(Sid.EVERYONE, ENABLED_GROUP));
        if (administrator) {
            groups.add(new TokenGroup(Sid.BUILTIN_ADMINISTRATORS, elevated ? OWNER_GROUP : DENY_ONLY_GROUP));
        }
        groups.add(new TokenGroup(Sid.BUILTIN_USERS, ENABLED_GROUP));
        groups.add(new TokenGroup(logonTypeSid, ENABLED_GROUP));
        groups.add(new TokenGroup(Sid.CONSOLE_LOGON, ENABLED_GROUP));
        groups.add(new TokenGroup(Sid.AUTHENTICATED_USERS, ENABLED_GROUP));
        groups.add(new TokenGroup(Sid.THIS_ORGANIZATION, ENABLED_GROUP));
        groups.add(new TokenGroup(logonSid, LOGON_SID_GROUP));
        groups.add(new TokenGroup(Sid.LOCAL, ENABLED_GROUP));
        return groups;
    }

    /** A standard user's privileges: SeChangeNotify enabled by default, the rest disabled. */
    public static List<TokenPrivilege> standardUserPrivileges() {
        return List.of(
                TokenPrivilege.of(Privilege.SeShutdownPrivilege, 0),
                TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, DEFAULT_ENABLED_PRIVILEGE),
                TokenPrivilege.of(Privilege.SeUndockPrivilege, 0),
                TokenPrivilege.of(Privilege.SeIncreaseWorkingSetPrivilege, 0),
                TokenPrivilege.of(Privilege.SeTimeZonePrivilege, 0));
    }

    /** An elevated administrator's privileges (the usual full UAC token set). */
    public static List<TokenPrivilege> administratorPrivileges() {
        List<TokenPrivilege> list = new ArrayList<>();
        for (Privilege p : List.of(Privilege.SeIncreaseQuotaPrivilege, Privilege.SeSecurityPrivilege,
                Privilege.SeTakeOwnershipPrivilege, Privilege.SeLoadDriverPrivilege, Privilege.SeSystemProfilePrivilege,
                Privilege.SeSystemtimePrivilege, Privilege.SeProfileSingleProcessPrivilege,
                Privilege.SeIncreaseBasePriorityPrivilege, Privilege.SeCreatePagefilePrivilege,
                Privilege.SeBackupPrivilege, Privilege.SeRestorePrivilege, Privilege.SeShutdownPrivilege,
                Privilege.SeDebugPrivilege, Privilege.SeSystemEnvironmentPrivilege,
                Privilege.SeRemoteShutdownPrivilege, Privilege.SeUndockPrivilege, Privilege.SeManageVolumePrivilege,
                Privilege.SeIncreaseWorkingSetPrivilege, Privilege.SeTimeZonePrivilege,
                Privilege.SeCreateSymbolicLinkPrivilege, Privilege.SeDelegateSessionUserImpersonatePrivilege)) {
            list.add(TokenPrivilege.of(p, 0));
        }
        list.add(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, DEFAULT_ENABLED_PRIVILEGE));
        list.add(TokenPrivilege.of(Privilege.SeImpersonatePrivilege, DEFAULT_ENABLED_PRIVILEGE));
        list.add(TokenPrivilege.of(Privilege.SeCreateGlobalPrivilege, DEFAULT_ENABLED_PRIVILEGE));
        list.sort(java.util.Comparator.comparingLong(p -> p.luid().value()));
        return List.copyOf(list);
    }

    /** LocalSystem's privileges: every privilege, the usual ones enabled by default. */
    public static List<TokenPrivilege> systemPrivileges() {
        List<Privilege> enabled = List.of(Privilege.SeCreateTokenPrivilege, Privilege.SeLockMemoryPrivilege,
                Privilege.SeTcbPrivilege, Privilege.SeSystemProfilePrivilege, Privilege.SeProfileSingleProcessPrivilege,
                Privilege.SeIncreaseBasePriorityPrivilege, Privilege.SeCreatePagefilePrivilege,
                Privilege.SeCreatePermanentPrivilege, Privilege.SeDebugPrivilege, Privilege.SeAuditPrivilege,
                Privilege.SeChangeNotifyPrivilege, Privilege.SeImpersonatePrivilege, Privilege.SeCreateGlobalPrivilege,
                Privilege.SeCreateSymbolicLinkPrivilege);
        List<TokenPrivilege> list = new ArrayList<>();
        for (Privilege p : Privilege.values()) {
            if (p == Privilege.SeUndockPrivilege || p == Privilege.SeSyncAgentPrivilege
                    || p == Privilege.SeEnableDelegationPrivilege || p == Privilege.SeMachineAccountPrivilege
                    || p == Privilege.SeRemoteShutdownPrivilege) {
                continue;
            }
            list.add(TokenPrivilege.of(p, enabled.contains(p) ? DEFAULT_ENABLED_PRIVILEGE : 0));
        }
        return List.copyOf(list);
    }

    /** A service account's privileges: SeImpersonate, SeCreateGlobal, SeChangeNotify enabled. */
    public static List<TokenPrivilege> servicePrivileges() {
        return List.of(
                TokenPrivilege.of(Privilege.SeAssignPrimaryTokenPrivilege, 0),
                TokenPrivilege.of(Privilege.SeIncreaseQuotaPrivilege, 0),
                TokenPrivilege.of(Privilege.SeSystemtimePrivilege, 0),
                TokenPrivilege.of(Privilege.SeShutdownPrivilege, 0),
                TokenPrivilege.of(Privilege.SeAuditPrivilege, 0),
                TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, DEFAULT_ENABLED_PRIVILEGE),
                TokenPrivilege.of(Privilege.SeUndockPrivilege, 0),
                TokenPrivilege.of(Privilege.SeImpersonatePrivilege, DEFAULT_ENABLED_PRIVILEGE),
                TokenPrivilege.of(Privilege.SeCreateGlobalPrivilege, DEFAULT_ENABLED_PRIVILEGE),
                TokenPrivilege.of(Privilege.SeIncreaseWorkingSetPrivilege, 0),
                TokenPrivilege.of(Privilege.SeTimeZonePrivilege, 0));
    }

    /** The groups of a service logon (LocalService / NetworkService / a service account). */
    public static List<TokenGroup> serviceGroups(Sid logonSid) {
        return List.of(
                new TokenGroup(Sid.EVERYONE, ENABLED_GROUP),
                new TokenGroup(Sid.BUILTIN_USERS, ENABLED_GROUP),
                new TokenGroup(Sid.SERVICE, ENABLED_GROUP),
                new TokenGroup(Sid.CONSOLE_LOGON, ENABLED_GROUP),
                new TokenGroup(Sid.AUTHENTICATED_USERS, ENABLED_GROUP),
                new TokenGroup(Sid.THIS_ORGANIZATION, ENABLED_GROUP),
                new TokenGroup(logonSid, LOGON_SID_GROUP),
                new TokenGroup(Sid.LOCAL, ENABLED_GROUP));
    }
}
