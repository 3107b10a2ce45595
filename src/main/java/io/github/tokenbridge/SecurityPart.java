package io.github.tokenbridge;

import java.util.Set;

/**
 * A part of an object's security descriptor, as {@code SECURITY_INFORMATION} names it, for reading
 * and writing the security of files, directories, registry keys and kernel objects
 * ({@link ObjectSecurityAccess}; docs/rules.md O1). Reading {@link #SACL} (the audit ACEs) needs
 * SeSecurityPrivilege enabled; {@link #LABEL} needs READ_CONTROL to read and WRITE_OWNER to write.
 */
public enum SecurityPart {
    OWNER(0x1),
    GROUP(0x2),
    DACL(0x4),
    SACL(0x8),
    LABEL(0x10),
    /** On a set: the DACL becomes protected (inherits nothing; O11). */
    PROTECTED_DACL(0x80000000),
    /** On a set: the DACL becomes unprotected and is merged with what the parent passes down (O11). */
    UNPROTECTED_DACL(0x20000000);

    private final int mask;

    SecurityPart(int mask) {
        this.mask = mask;
    }

    /** The {@code SECURITY_INFORMATION} bit. */
    public int mask() {
        return mask;
    }

    /** The {@code SECURITY_INFORMATION} value of {@code parts}. */
    public static int mask(Set<SecurityPart> parts) {
        int info = 0;
        for (SecurityPart p : parts) {
            info |= p.mask;
        }
        return info;
    }
}
