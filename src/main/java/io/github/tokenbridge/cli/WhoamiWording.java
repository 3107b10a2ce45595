package io.github.tokenbridge.cli;

import io.github.tokenbridge.Account;
import io.github.tokenbridge.GroupAttribute;
import io.github.tokenbridge.Privilege;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wording of Windows' {@code whoami /all}: group attributes ({@code Mandatory group},
 * {@code Enabled group}, ...), the Type column (from {@link io.github.tokenbridge.SidType}) and
 * the privilege descriptions ({@code LookupPrivilegeDisplayName}'s text, the user-right names of
 * Microsoft's "Privilege Constants" page), the same on both backends.
 */
final class WhoamiWording {

    /** The Type column of a SID without a name here, as whoami writes it. */
    static final String UNKNOWN_SID_TYPE = "Unknown SID type";

    private static final Map<GroupAttribute, String> ATTRIBUTES = new EnumMap<>(GroupAttribute.class);
    private static final Map<Privilege, String> DESCRIPTIONS = new EnumMap<>(Privilege.class);

    static {
        ATTRIBUTES.put(GroupAttribute.MANDATORY, "Mandatory group");
        ATTRIBUTES.put(GroupAttribute.ENABLED_BY_DEFAULT, "Enabled by default");
        ATTRIBUTES.put(GroupAttribute.ENABLED, "Enabled group");
        ATTRIBUTES.put(GroupAttribute.OWNER, "Group owner");
        ATTRIBUTES.put(GroupAttribute.USE_FOR_DENY_ONLY, "Group used for deny only");
        ATTRIBUTES.put(GroupAttribute.RESOURCE, "Local Group");
        Map<String, String> d = new LinkedHashMap<>();
        d.put("SeCreateTokenPrivilege", "Create a token object");
        d.put("SeAssignPrimaryTokenPrivilege", "Replace a process level token");
        d.put("SeLockMemoryPrivilege", "Lock pages in memory");
        d.put("SeIncreaseQuotaPrivilege", "Adjust memory quotas for a process");
        d.put("SeMachineAccountPrivilege", "Add workstations to domain");
        d.put("SeTcbPrivilege", "Act as part of the operating system");
        d.put("SeSecurityPrivilege", "Manage auditing and security log");
        d.put("SeTakeOwnershipPrivilege", "Take ownership of files or other objects");
        d.put("SeLoadDriverPrivilege", "Load and unload device drivers");
        d.put("SeSystemProfilePrivilege", "Profile system performance");
        d.put("SeSystemtimePrivilege", "Change the system time");
        d.put("SeProfileSingleProcessPrivilege", "Profile single process");
        d.put("SeIncreaseBasePriorityPrivilege", "Increase scheduling priority");
        d.put("SeCreatePagefilePrivilege", "Create a pagefile");
        d.put("SeCreatePermanentPrivilege", "Create permanent shared objects");
        d.put("SeBackupPrivilege", "Back up files and directories");
        d.put("SeRestorePrivilege", "Restore files and directories");
        d.put("SeShutdownPrivilege", "Shut down the system");
        d.put("SeDebugPrivilege", "Debug programs");
        d.put("SeAuditPrivilege", "Generate security audits");
        d.put("SeSystemEnvironmentPrivilege", "Modify firmware environment values");
        d.put("SeChangeNotifyPrivilege", "Bypass traverse checking");
        d.put("SeRemoteShutdownPrivilege", "Force shutdown from a remote system");
        d.put("SeUndockPrivilege", "Remove computer from docking station");
        d.put("SeSyncAgentPrivilege", "Synchronize directory service data");
        d.put("SeEnableDelegationPrivilege", "Enable computer and user accounts to be trusted for delegation");
        d.put("SeManageVolumePrivilege", "Perform volume maintenance tasks");
        d.put("SeImpersonatePrivilege", "Impersonate a client after authentication");
        d.put("SeCreateGlobalPrivilege", "Create global objects");
        d.put("SeTrustedCredManAccessPrivilege", "Access Credential Manager as a trusted caller");
        d.put("SeRelabelPrivilege", "Modify an object label");
        d.put("SeIncreaseWorkingSetPrivilege", "Increase a process working set");
        d.put("SeTimeZonePrivilege", "Change the time zone");
        d.put("SeCreateSymbolicLinkPrivilege", "Create symbolic links");
        d.put("SeDelegateSessionUserImpersonatePrivilege", "Obtain an impersonation token for another user in the same session");
        d.forEach((name, text) -> Privilege.fromName(name).ifPresent(p -> DESCRIPTIONS.put(p, text)));
    }

    private WhoamiWording() {
    }

    /** The Attributes column: whoami's words for the attributes it shows, in its order (none for a label). */
    static List<String> attributes(Set<GroupAttribute> attributes) {
        List<String> words = new ArrayList<>();
        for (Map.Entry<GroupAttribute, String> e : ATTRIBUTES.entrySet()) {
            if (attributes.contains(e.getKey())) {
                words.add(e.getValue());
            }
        }
        return words;
    }

    /** The Description column of a privilege, or empty for a privilege this table does not know. */
    static String description(String privilegeName) {
        return Privilege.fromName(privilegeName).map(DESCRIPTIONS::get).orElse("");
    }

    /** The Type column: the account's type in whoami's words, or {@link #UNKNOWN_SID_TYPE}. */
    static String type(Account account) {
        return account == null ? UNKNOWN_SID_TYPE : account.type().displayName();
    }

    /** The JSON of an account: {@code {"name", "domain", "qualifiedName", "type", "typeDisplay"}}. */
    static Map<String, Object> accountJson(Account account) {
        if (account == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", account.name());
        m.put("domain", account.domain());
        m.put("qualifiedName", account.qualifiedName());
        m.put("type", account.type().name());
        m.put("typeDisplay", account.type().displayName());
        return m;
    }
}
