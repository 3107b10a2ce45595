package io.github.tokenbridge.model.kernel;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;

import java.util.List;

/**
 * The model's small built-in object-open access check (R24, R25, R63 subset): NULL DACL grants
 * everything, ACEs in order (inherit-only skipped, deny-only groups match deny ACEs only, disabled
 * groups nothing), implicit READ_CONTROL|WRITE_DAC for the owner unless an OWNER RIGHTS ACE is
 * present, a second pass over the restricted SIDs, and ACCESS_SYSTEM_SECURITY only with
 * SeSecurityPrivilege enabled. It does not apply mandatory integrity labels; the full engine in
 * {@code model.security} does.
 */
public final class DaclAccessEvaluator implements ObjectAccessEvaluator {

    private static final int MAXIMUM_ALLOWED = 0x02000000;
    private static final int ACCESS_SYSTEM_SECURITY = 0x01000000;
    private static final int OWNER_IMPLICIT = 0x00020000 | 0x00040000;

    @Override
    public AccessDecision check(SecurityDescriptor descriptor, TokenObject subject, int desiredAccess, GenericMapping mapping) {
        TokenContents token = subject.contents();
        int granted = 0;
        int wanted = desiredAccess & ~(MAXIMUM_ALLOWED | ACCESS_SYSTEM_SECURITY);
        if ((desiredAccess & ACCESS_SYSTEM_SECURITY) != 0) {
            if (!subject.hasEnabledPrivilege(Privilege.SeSecurityPrivilege)) {
                return AccessDecision.denied(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
            }
            granted |= ACCESS_SYSTEM_SECURITY;
        }
        boolean maximum = (desiredAccess & MAXIMUM_ALLOWED) != 0;
        int fromDacl = daclGrant(descriptor, token, token.groups(), false, mapping);
        if (!token.restrictedSids().isEmpty()) {
            fromDacl &= daclGrant(descriptor, token, token.restrictedSids(), true, mapping);
        }
        if (maximum) {
            granted |= fromDacl;
            if ((wanted & ~fromDacl) != 0 || granted == 0) {
                return AccessDecision.denied(NtStatus.STATUS_ACCESS_DENIED);
            }
            return AccessDecision.granted(granted);
        }
        if ((wanted & ~fromDacl) != 0) {
            return AccessDecision.denied(NtStatus.STATUS_ACCESS_DENIED);
        }
        return AccessDecision.granted(granted | wanted);
    }

    /** Everything one DACL pass grants, as a MAXIMUM_ALLOWED evaluation. */
    private static int daclGrant(SecurityDescriptor sd, TokenContents token, List<TokenGroup> sids, boolean restrictedPass,
                                 GenericMapping mapping) {
        if (sd.dacl() == null) {
            return mapping.genericAll();
        }
        int granted = 0;
        int denied = 0;
        boolean ownerRightsAce = sd.dacl().aces().stream().anyMatch(a -> a.sid().equals(Sid.OWNER_RIGHTS));
        if (!ownerRightsAce && sd.owner() != null && matches(sd.owner(), token, sids, restrictedPass, false)) {
            granted |= OWNER_IMPLICIT;
        }
        for (Ace ace : sd.dacl().aces()) {
            if (ace.inheritOnly()) {
                continue;
            }
            int mask = mapping.map(ace.mask());
            if (ace.type() == AceType.ACCESS_ALLOWED && matches(ace.sid(), token, sids, restrictedPass, false)) {
                granted |= mask & ~denied;
            } else if (ace.type() == AceType.ACCESS_DENIED && matches(ace.sid(), token, sids, restrictedPass, true)) {
                denied |= mask & ~granted;
            }
        }
        return granted & ~denied;
    }

    private static boolean matches(Sid sid, TokenContents token, List<TokenGroup> sids, boolean restrictedPass, boolean denyAce) {
        if (!restrictedPass) {
            TokenGroup user = token.user();
            if (user.sid().equals(sid) && (denyAce || !user.denyOnly())) {
                return true;
            }
        }
        for (TokenGroup g : sids) {
            if (!g.sid().equals(sid)) {
                continue;
            }
            if (restrictedPass || g.enabled() || (denyAce && g.denyOnly())) {
                return true;
            }
        }
        return false;
    }
}
