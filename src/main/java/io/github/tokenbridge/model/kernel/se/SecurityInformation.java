package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Result;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SECURITY_INFORMATION} and the two kernel routines over it: the part of a descriptor a query
 * returns ({@code SeQuerySecurityDescriptorInfo}, O9) and the descriptor a set leaves
 * ({@code SeSetSecurityDescriptorInfo}, O3, O4, O6, O10, O12), with the handle access each bit
 * needs (O1).
 */
public final class SecurityInformation {

    public static final int OWNER = 0x1;
    public static final int GROUP = 0x2;
    public static final int DACL = 0x4;
    public static final int SACL = 0x8;
    public static final int LABEL = 0x10;
    public static final int ATTRIBUTE = 0x20;
    public static final int SCOPE = 0x40;
    public static final int BACKUP = 0x10000;
    public static final int UNPROTECTED_SACL = 0x10000000;
    public static final int UNPROTECTED_DACL = 0x20000000;
    public static final int PROTECTED_SACL = 0x40000000;
    public static final int PROTECTED_DACL = 0x80000000;

    private static final int READ_CONTROL = 0x00020000;
    private static final int WRITE_DAC = 0x00040000;
    private static final int WRITE_OWNER = 0x00080000;
    private static final int ACCESS_SYSTEM_SECURITY = 0x01000000;

    private SecurityInformation() {
    }

    /** The handle access a query of {@code info} needs (O1). */
    public static int queryAccess(int info) {
        int access = 0;
        if ((info & (OWNER | GROUP | DACL | LABEL | ATTRIBUTE | SCOPE)) != 0) {
            access |= READ_CONTROL;
        }
        if ((info & SACL) != 0) {
            access |= ACCESS_SYSTEM_SECURITY;
        }
        if ((info & BACKUP) != 0) {
            access |= READ_CONTROL | ACCESS_SYSTEM_SECURITY;
        }
        return access;
    }

    /** The handle access a set of {@code info} needs (O1). */
    public static int setAccess(int info) {
        int access = 0;
        if ((info & (OWNER | GROUP | LABEL)) != 0) {
            access |= WRITE_OWNER;
        }
        if ((info & (DACL | ATTRIBUTE | PROTECTED_DACL | UNPROTECTED_DACL)) != 0) {
            access |= WRITE_DAC;
        }
        if ((info & (SACL | SCOPE | PROTECTED_SACL | UNPROTECTED_SACL)) != 0) {
            access |= ACCESS_SYSTEM_SECURITY;
        }
        if ((info & BACKUP) != 0) {
            access |= WRITE_DAC | WRITE_OWNER | ACCESS_SYSTEM_SECURITY;
        }
        return access;
    }

    /** The parts of {@code sd} that {@code info} asks for (O9): audit ACEs for SACL, label ACEs for LABEL. */
    public static SecurityDescriptor select(SecurityDescriptor sd, int info) {
        boolean audit = (info & (SACL | BACKUP)) != 0;
        boolean label = (info & (LABEL | BACKUP)) != 0;
        Acl sacl = null;
        if ((audit || label) && sd.sacl() != null) {
            List<Ace> aces = new ArrayList<>();
            for (Ace ace : sd.sacl().aces()) {
                boolean isLabel = ace.type() == AceType.SYSTEM_MANDATORY_LABEL;
                if (isLabel ? label : audit) {
                    aces.add(ace);
                }
            }
            sacl = new Acl(aces);
        }
        boolean dacl = (info & (DACL | BACKUP)) != 0;
        int control = (dacl ? sd.control() & (SecurityDescriptor.DACL_PROTECTED | SecurityDescriptor.DACL_AUTO_INHERITED) : 0)
                | (sacl != null ? sd.control() & (SecurityDescriptor.SACL_PROTECTED | SecurityDescriptor.SACL_AUTO_INHERITED) : 0);
        return new SecurityDescriptor((info & (OWNER | BACKUP)) != 0 ? sd.owner() : null,
                (info & (GROUP | BACKUP)) != 0 ? sd.group() : null,
                dacl && sd.daclPresent(), dacl ? sd.dacl() : null, sacl, control);
    }

    /**
     * The descriptor a set of {@code info} from {@code given} leaves on an object whose descriptor is
     * {@code current} ({@code SeSetSecurityDescriptorInfo}, stored as given: no inheritance, O12).
     * OWNER or GROUP asked but absent in {@code given}: STATUS_INVALID_SECURITY_DESCR (O3); an owner
     * failing the owner rule: STATUS_INVALID_OWNER (O4); a label above the caller's integrity
     * without SeRelabelPrivilege: STATUS_PRIVILEGE_NOT_HELD (O6). DACL asked but absent leaves no
     * DACL; a DACL is stored generic-mapped in the caller's order (O10) with its PROTECTED and
     * AUTO_INHERITED bits. SACL replaces the audit ACEs and LABEL the label ACEs, each keeping the
     * other kind.
     */
    public static Result<SecurityDescriptor> apply(SecurityDescriptor current, int info, SecurityDescriptor given,
                                                   TokenContents caller, GenericMapping mapping) {
        if ((info & OWNER) != 0 && given.owner() == null || (info & GROUP) != 0 && given.group() == null) {
            return Result.failure(NtStatus.STATUS_INVALID_SECURITY_DESCR);
        }
        if ((info & OWNER) != 0 && !SecurityAssignment.ownerAllowed(given.owner(), caller)) {
            return Result.failure(NtStatus.STATUS_INVALID_OWNER);
        }
        if ((info & LABEL) != 0 && given.sacl() != null) {
            for (Ace ace : given.sacl().aces()) {
                if (ace.type() == AceType.SYSTEM_MANDATORY_LABEL && ace.sid().rid() > caller.integrity().rid()
                        && !SecurityAssignment.enabled(ContentsClientToken.of(caller), Privilege.SeRelabelPrivilege)) {
                    return Result.failure(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
                }
            }
        }
        int daclBits = SecurityDescriptor.DACL_PROTECTED | SecurityDescriptor.DACL_AUTO_INHERITED;
        boolean daclPresent = current.daclPresent();
        Acl dacl = current.dacl();
        int control = current.control();
        if ((info & DACL) != 0) {
            daclPresent = given.daclPresent();
            dacl = AceInheritance.mapExplicit(given.dacl(), mapping);
            control = (control & ~daclBits) | (given.control() & daclBits);
        }
        Acl sacl = current.sacl();
        if ((info & (SACL | LABEL)) != 0) {
            List<Ace> merged = new ArrayList<>();
            List<Ace> old = current.sacl() == null ? List.of() : current.sacl().aces();
            List<Ace> fresh = given.sacl() == null ? List.of() : given.sacl().aces();
            for (Ace ace : old) {
                boolean isLabel = ace.type() == AceType.SYSTEM_MANDATORY_LABEL;
                if (isLabel ? (info & LABEL) == 0 : (info & SACL) == 0) {
                    merged.add(ace);
                }
            }
            for (Ace ace : fresh) {
                boolean isLabel = ace.type() == AceType.SYSTEM_MANDATORY_LABEL;
                if (isLabel ? (info & LABEL) != 0 : (info & SACL) != 0) {
                    merged.add(isLabel ? ace : new Ace(ace.type(), ace.flags(), ace.inheritOnly() ? ace.mask() : mapping.map(ace.mask()), ace.sid()));
                }
            }
            sacl = new Acl(merged);
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, new SecurityDescriptor(
                (info & OWNER) != 0 ? given.owner() : current.owner(),
                (info & GROUP) != 0 ? given.group() : current.group(),
                daclPresent, daclPresent ? dacl : null, sacl, control));
    }
}
