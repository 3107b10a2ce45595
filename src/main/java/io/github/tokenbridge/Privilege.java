package io.github.tokenbridge;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Windows privileges with the fixed LUIDs that {@code LookupPrivilegeValue} returns for them
 * on every Windows version ({@code SE_*_PRIVILEGE} in {@code winnt.h}).
 */
public enum Privilege {
    SeCreateTokenPrivilege(2),
    SeAssignPrimaryTokenPrivilege(3),
    SeLockMemoryPrivilege(4),
    SeIncreaseQuotaPrivilege(5),
    SeMachineAccountPrivilege(6),
    SeTcbPrivilege(7),
    SeSecurityPrivilege(8),
    SeTakeOwnershipPrivilege(9),
    SeLoadDriverPrivilege(10),
    SeSystemProfilePrivilege(11),
    SeSystemtimePrivilege(12),
    SeProfileSingleProcessPrivilege(13),
    SeIncreaseBasePriorityPrivilege(14),
    SeCreatePagefilePrivilege(15),
    SeCreatePermanentPrivilege(16),
    SeBackupPrivilege(17),
    SeRestorePrivilege(18),
    SeShutdownPrivilege(19),
    SeDebugPrivilege(20),
    SeAuditPrivilege(21),
    SeSystemEnvironmentPrivilege(22),
    SeChangeNotifyPrivilege(23),
    SeRemoteShutdownPrivilege(24),
    SeUndockPrivilege(25),
    SeSyncAgentPrivilege(26),
    SeEnableDelegationPrivilege(27),
    SeManageVolumePrivilege(28),
    SeImpersonatePrivilege(29),
    SeCreateGlobalPrivilege(30),
    SeTrustedCredManAccessPrivilege(31),
    SeRelabelPrivilege(32),
    SeIncreaseWorkingSetPrivilege(33),
    SeTimeZonePrivilege(34),
    SeCreateSymbolicLinkPrivilege(35),
    SeDelegateSessionUserImpersonatePrivilege(36);

    private final Luid luid;

    Privilege(int lowPart) {
        this.luid = new Luid(lowPart);
    }

    /** The privilege's LUID. */
    public Luid luid() {
        return luid;
    }

    /** The privilege with this LUID, if it is a standard one. */
    public static Optional<Privilege> fromLuid(Luid luid) {
        return Arrays.stream(values()).filter(p -> p.luid.equals(luid)).findFirst();
    }

    /** The privilege with this Windows name (for example {@code SeChangeNotifyPrivilege}). */
    public static Optional<Privilege> fromName(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }
}
