package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PrivilegeCheckResult;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

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
        if (!result.succeeded()) {
            throw token.failure(result, "PrivilegeCheck", primaryTokenHint(result, "PrivilegeCheck", "privilegeCheckAsIdentification"),
                    TokenAccess.QUERY);
        }
        return result.value().held();
    }

    /**
     * What to do when a check was given a primary token (ERROR_NO_IMPERSONATION_TOKEN, R61, R62);
     * null for any other failure.
     */
    private static String primaryTokenHint(Result<?> result, String function, String convenient) {
        if (result.win32Error() != Win32Error.ERROR_NO_IMPERSONATION_TOKEN.code()) {
            return null;
        }
        return function + " needs an impersonation token and this is a primary token: duplicate it first with"
                + " token.duplicate(EnumSet.of(TokenAccess.QUERY), ImpersonationLevel.IDENTIFICATION, TokenType.IMPERSONATION),"
                + " or call TokenSystem." + convenient + ", which does that for you";
    }

    /**
     * Runs {@code check} on {@code token} itself when it is an impersonation token, else on an
     * Identification-level impersonation duplicate of it (needs TOKEN_DUPLICATE), closed afterwards.
     */
    <T> T asIdentification(AccessToken token, Function<AccessToken, T> check) {
        if (token.type() == TokenType.IMPERSONATION) {
            return check.apply(token);
        }
        try (AccessToken identification = token.duplicate(EnumSet.of(TokenAccess.QUERY), ImpersonationLevel.IDENTIFICATION,
                TokenType.IMPERSONATION)) {
            return check.apply(identification);
        }
    }

    boolean checkTokenMembership(AccessToken token, Sid sid) {
        Objects.requireNonNull(sid, "sid");
        return token.require(token.withHandle(h -> backend().checkTokenMembership(h, sid)),
                "CheckTokenMembership", TokenAccess.QUERY);
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
        if (!result.succeeded()) {
            throw token.failure(result, "AccessCheck", primaryTokenHint(result, "AccessCheck", "accessCheckAsIdentification"),
                    TokenAccess.QUERY);
        }
        AccessCheckResult checked = result.value();
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
        Handle restricted = token.require(
                token.withHandle(h -> backend().createRestrictedToken(h, mask, disable, delete, restrict)),
                "CreateRestrictedToken", TokenAccess.DUPLICATE);
        return system.adopt(restricted, "restricted token");
    }
}
