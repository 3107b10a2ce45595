package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.backend.Result;

import java.util.ArrayList;
import java.util.List;

/**
 * The security of a new object ({@code SeAssignSecurityEx}, docs/rules.md O13-O20): owner, group,
 * DACL and SACL from the creator's descriptor, the parent container's inheritable ACEs and the
 * creator's effective token.
 *
 * <p>Owner: the creator descriptor's, which must pass the owner rule ({@link #ownerAllowed}, O4),
 * else TokenOwner. Group: the creator descriptor's, else TokenPrimaryGroup (O13). DACL (O14): a
 * creator DACL not marked SE_DACL_DEFAULTED is used alone, generic-mapped (even empty or NULL; for
 * files and directories the test wins over the "merge" page, docs/rules.md O15); else the
 * parent's inheritable ACEs ({@link AceInheritance}); else the token's default DACL, mapped; else
 * none. SACL: audit ACEs in a creator SACL need SeSecurityPrivilege (O19); a creator label above the
 * token's integrity needs SeRelabelPrivilege (O18); without a creator SACL the parent's inheritable
 * SACL ACEs pass down; a creator below Medium whose new object has no label gets one at its level,
 * NO_WRITE_UP, flags 0 (O18). Failures: STATUS_INVALID_OWNER, STATUS_PRIVILEGE_NOT_HELD.
 */
public final class SecurityAssignment {

    /** {@code SE_DACL_DEFAULTED}. */
    public static final int DACL_DEFAULTED = 0x0008;
    private static final long MEDIUM_RID = 0x2000;

    private SecurityAssignment() {
    }

    /**
     * The descriptor of a new object.
     *
     * @param parent      the parent container's descriptor, or null for none
     * @param creator     the descriptor the creator gave, or null
     * @param token       the creator's effective token
     * @param container   whether the new object is a container
     * @param mapping     the new object's type's generic mapping
     * @param autoInherit whether the type inherits in auto-inherit mode (files, directories, keys: O15)
     */
    public static Result<SecurityDescriptor> assign(SecurityDescriptor parent, SecurityDescriptor creator, TokenContents token,
                                                    boolean container, GenericMapping mapping, boolean autoInherit) {
        ClientToken client = ContentsClientToken.of(token);
        Sid owner = token.owner();
        if (creator != null && creator.owner() != null) {
            if (!ownerAllowed(creator.owner(), token)) {
                return Result.failure(NtStatus.STATUS_INVALID_OWNER);
            }
            owner = creator.owner();
        }
        Sid group = creator != null && creator.group() != null ? creator.group() : token.primaryGroup();
        int control = 0;

        boolean daclPresent;
        Acl dacl;
        boolean creatorDacl = creator != null && creator.daclPresent() && (creator.control() & DACL_DEFAULTED) == 0;
        List<Ace> inheritedDacl = parent == null ? List.of()
                : AceInheritance.inherited(parent.dacl(), container, owner, group, mapping, autoInherit);
        if (creatorDacl) {
            daclPresent = true;
            dacl = AceInheritance.mapExplicit(creator.dacl(), mapping);
            control |= creator.control() & SecurityDescriptor.DACL_PROTECTED;
        } else if (!inheritedDacl.isEmpty()) {
            daclPresent = true;
            dacl = new Acl(inheritedDacl);
            control |= autoInherit ? SecurityDescriptor.DACL_AUTO_INHERITED : 0;
        } else if (creator != null && creator.daclPresent()) {
            daclPresent = true;
            dacl = AceInheritance.mapExplicit(creator.dacl(), mapping);
        } else if (token.defaultDacl() != null) {
            daclPresent = true;
            dacl = AceInheritance.mapExplicit(token.defaultDacl(), mapping);
        } else {
            daclPresent = false;
            dacl = null;
        }

        List<Ace> sacl = null;
        if (creator != null && creator.sacl() != null) {
            for (Ace ace : creator.sacl().aces()) {
                if (ace.type() == AceType.SYSTEM_MANDATORY_LABEL) {
                    if (ace.sid().rid() > token.integrity().rid() && !enabled(client, Privilege.SeRelabelPrivilege)) {
                        return Result.failure(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
                    }
                } else if (!enabled(client, Privilege.SeSecurityPrivilege)) {
                    return Result.failure(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
                }
            }
            sacl = new ArrayList<>(AceInheritance.mapExplicit(creator.sacl(), mapping).aces());
        } else if (parent != null && parent.sacl() != null) {
            List<Ace> inheritedSacl = AceInheritance.inherited(parent.sacl(), container, owner, group, mapping, autoInherit);
            if (!inheritedSacl.isEmpty()) {
                sacl = new ArrayList<>(inheritedSacl);
            }
        }
        if (token.integrity().rid() < MEDIUM_RID && !hasEffectiveLabel(sacl)) {
            if (sacl == null) {
                sacl = new ArrayList<>();
            }
            sacl.add(new Ace(AceType.SYSTEM_MANDATORY_LABEL, 0, Ace.NO_WRITE_UP, token.integrity()));
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS,
                new SecurityDescriptor(owner, group, daclPresent, dacl, sacl == null ? null : new Acl(sacl), control));
    }

    /**
     * The owner rule (O4): {@code owner} is the token's user, or a group of the token with
     * SE_GROUP_OWNER that is not deny-only, or the token has SeRestorePrivilege enabled.
     */
    public static boolean ownerAllowed(Sid owner, TokenContents token) {
        if (owner.equals(token.user().sid()) && !token.user().denyOnly()) {
            return true;
        }
        for (TokenGroup g : token.groups()) {
            if (g.sid().equals(owner) && (g.attributes() & 0x8) != 0 && !g.denyOnly()) {
                return true;
            }
        }
        return enabled(ContentsClientToken.of(token), Privilege.SeRestorePrivilege);
    }

    static boolean enabled(ClientToken token, Privilege privilege) {
        return PrivilegeChecks.isEnabled(token, privilege.luid());
    }

    private static boolean hasEffectiveLabel(List<Ace> sacl) {
        if (sacl != null) {
            for (Ace ace : sacl) {
                if (ace.type() == AceType.SYSTEM_MANDATORY_LABEL && !ace.inheritOnly()) {
                    return true;
                }
            }
        }
        return false;
    }
}
