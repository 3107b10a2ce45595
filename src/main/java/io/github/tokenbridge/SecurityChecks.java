package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PrivilegeCheckResult;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The checking and restricting operations of a {@link TokenSystem} as thin policy over the SPI:
 * argument validation, generic-right mapping, and exceptions for failed calls (R10, R60–R64).
 */
final class SecurityChecks {

    private final TokenSystem system;

    SecurityChecks(TokenSystem system) {
        this.system = system;
    }

    private TokenBackend backend() {
        return system.backendSpi();
    }

    boolean privilegeCheck(AccessToken token, boolean requireAll, Privilege... privileges) {
        Objects.requireNonNull(privileges, "privileges");
        List<Luid> luids = new ArrayList<>();
        for (Privilege privilege : privileges) {
            luids.add(Objects.requireNonNull(privilege, "privileges contains null").luid());
        }
        if (luids.isEmpty()) {
            throw new IllegalArgumentException("no privilege to check");
        }
        Result<PrivilegeCheckResult> result = token.withHandle(h -> backend().privilegeCheck(h, luids, requireAll));
        return system.failures().require(result, "PrivilegeCheck").held();
    }

    boolean checkTokenMembership(AccessToken token, Sid sid) {
        Objects.requireNonNull(sid, "sid");
        return system.failures().require(token.withHandle(h -> backend().checkTokenMembership(h, sid)),
                "CheckTokenMembership");
    }

    /** {@code CheckTokenMembership(NULL, sid)}: the calling thread's effective token (R60). */
    boolean checkEffectiveTokenMembership(Sid sid) {
        Objects.requireNonNull(sid, "sid");
        return system.failures().require(backend().checkTokenMembership(Handle.NULL, sid), "CheckTokenMembership");
    }

    AccessCheckResult accessCheck(SecurityDescriptor sd, AccessToken token, int desired, GenericMapping mapping) {
        Objects.requireNonNull(sd, "securityDescriptor");
        Objects.requireNonNull(mapping, "mapping");
        int mapped = mapping.map(desired);
        Result<AccessCheckResult> result = token.withHandle(h -> backend().accessCheck(sd, h, mapped, mapping, -1));
        AccessCheckResult checked = system.failures().require(result, "AccessCheck");
        if (!checked.accessStatus()) {
            TokenEvents.accessDenied(sd, token, mapped, checked);
        }
        return checked;
    }

    AccessToken createRestricted(AccessToken token, Set<RestrictedTokenFlag> flags, Collection<Sid> sidsToDisable,
                                 Collection<Privilege> privilegesToDelete, Collection<Sid> sidsToRestrict) {
        int mask = RestrictedTokenFlag.toMask(Objects.requireNonNull(flags, "flags"));
        List<Sid> disable = List.copyOf(Objects.requireNonNull(sidsToDisable, "sidsToDisable"));
        List<Sid> restrict = List.copyOf(Objects.requireNonNull(sidsToRestrict, "sidsToRestrict"));
        List<Luid> delete = new ArrayList<>();
        for (Privilege privilege : Objects.requireNonNull(privilegesToDelete, "privilegesToDelete")) {
            delete.add(Objects.requireNonNull(privilege, "privilegesToDelete contains null").luid());
        }
        Handle restricted = system.failures().require(
                token.withHandle(h -> backend().createRestrictedToken(h, mask, disable, delete, restrict)),
                "CreateRestrictedToken");
        return system.adopt(restricted, "restricted token");
    }
}
