package io.github.tokenbridge;

/**
 * A security descriptor: owner, primary group, DACL and SACL.
 *
 * <p>The DACL has three states that Windows distinguishes (R63): absent ({@code daclPresent}
 * false), present but NULL ({@code daclPresent} true, {@code dacl} null; both grant everything),
 * and present (possibly empty, which grants nothing).
 *
 * @param owner       the owner SID, or null when absent
 * @param group       the primary group SID, or null when absent
 * @param daclPresent whether {@code SE_DACL_PRESENT} is set
 * @param dacl        the DACL, or null (absent or NULL DACL)
 * @param sacl        the SACL (audit and mandatory label ACEs), or null when absent
 * @param control     extra {@code SECURITY_DESCRIPTOR_CONTROL} bits (protected, auto-inherited, ...)
 */
public record SecurityDescriptor(Sid owner, Sid group, boolean daclPresent, Acl dacl, Acl sacl, int control) {

    /** {@code SE_DACL_PROTECTED}. */
    public static final int DACL_PROTECTED = 0x1000;
    /** {@code SE_SACL_PROTECTED}. */
    public static final int SACL_PROTECTED = 0x2000;
    /** {@code SE_DACL_AUTO_INHERITED}. */
    public static final int DACL_AUTO_INHERITED = 0x0400;
    /** {@code SE_SACL_AUTO_INHERITED}. */
    public static final int SACL_AUTO_INHERITED = 0x0800;
    /** {@code SE_DACL_AUTO_INHERIT_REQ} (SDDL {@code D:AR}). */
    public static final int DACL_AUTO_INHERIT_REQ = 0x0100;
    /** {@code SE_SACL_AUTO_INHERIT_REQ} (SDDL {@code S:AR}). */
    public static final int SACL_AUTO_INHERIT_REQ = 0x0200;
    /**
     * {@code SE_SACL_PRESENT}. A SACL is present whenever {@code sacl} is non-null; this bit is only
     * set, with a null {@code sacl}, to represent a NULL SACL ({@code S:NO_ACCESS_CONTROL}).
     */
    public static final int SACL_PRESENT = 0x0010;

    public SecurityDescriptor {
        if (!daclPresent && dacl != null) {
            throw new IllegalArgumentException("a DACL was given but daclPresent is false");
        }
    }

    /** A descriptor with owner, group and a DACL (which may be {@link Acl#EMPTY}). */
    public static SecurityDescriptor of(Sid owner, Sid group, Acl dacl) {
        return new SecurityDescriptor(owner, group, true, dacl, null, 0);
    }

    /** A descriptor with owner and group and a NULL DACL (grants everything). */
    public static SecurityDescriptor withNullDacl(Sid owner, Sid group) {
        return new SecurityDescriptor(owner, group, true, null, null, 0);
    }

    /** A copy with this SACL. */
    public SecurityDescriptor withSacl(Acl newSacl) {
        return new SecurityDescriptor(owner, group, daclPresent, dacl, newSacl, control);
    }

    /** True for a NULL DACL or an absent one: either grants every access asked for (R63). */
    public boolean grantsEverything() {
        return dacl == null;
    }

    /** The descriptor in SDDL ({@link Sddl#format}), or its parts where SDDL cannot express it. */
    @Override
    public String toString() {
        try {
            return Sddl.format(this);
        } catch (IllegalArgumentException e) {
            return "SecurityDescriptor[owner " + owner + ", group " + group + ", dacl " + (daclPresent ? dacl : "absent")
                    + ", sacl " + sacl + ", control 0x" + Integer.toHexString(control).toUpperCase(java.util.Locale.ROOT) + "]";
        }
    }
}
