package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;

import java.util.List;
import java.util.Set;

/**
 * The Windows definition of an "elevated" token (R11, WSI pp. 123-128): it holds, even disabled,
 * one of the administrative privileges, or a (not deny-only) group whose last RID is an
 * administrative one.
 */
public final class ElevationRules {

    private static final Set<Privilege> ADMIN_PRIVILEGES = Set.of(Privilege.SeCreateTokenPrivilege,
            Privilege.SeTcbPrivilege, Privilege.SeTakeOwnershipPrivilege, Privilege.SeLoadDriverPrivilege,
            Privilege.SeBackupPrivilege, Privilege.SeRestorePrivilege, Privilege.SeDebugPrivilege,
            Privilege.SeImpersonatePrivilege, Privilege.SeRelabelPrivilege,
            Privilege.SeDelegateSessionUserImpersonatePrivilege);

    private static final Set<Long> ADMIN_RIDS = Set.of(114L, 498L, 512L, 516L, 517L, 518L, 519L, 520L, 521L,
            544L, 547L, 548L, 549L, 550L, 551L, 553L, 554L, 556L, 569L);

    private ElevationRules() {
    }

    /** True when a group with this SID makes a token elevated. */
    public static boolean isAdministrativeGroup(Sid sid) {
        return sid.subAuthorityCount() > 1 && sid.authority() == 5 && ADMIN_RIDS.contains(sid.rid());
    }

    /** True when a token with these groups and privileges counts as elevated. */
    public static boolean isElevated(List<TokenGroup> groups, List<TokenPrivilege> privileges) {
        for (TokenPrivilege p : privileges) {
            if (p.privilege().filter(ADMIN_PRIVILEGES::contains).isPresent()) {
                return true;
            }
        }
        for (TokenGroup g : groups) {
            if (!g.denyOnly() && isAdministrativeGroup(g.sid())) {
                return true;
            }
        }
        return false;
    }
}
