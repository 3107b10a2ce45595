package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;

/**
 * Decodes a self-relative {@code SECURITY_DESCRIPTOR_RELATIVE} (revision, control, and the offsets of
 * owner, group, SACL and DACL from the start of the block) into a {@link SecurityDescriptor}; the
 * inverse of {@link SecurityEncoding#selfRelative}.
 */
final class SecurityDecoding {

    private static final int CONTROL_KEPT = 0x3F00 | 0x0008;

    private SecurityDecoding() {
    }

    static SecurityDescriptor selfRelative(Pointer p) {
        if (p == null) {
            return new SecurityDescriptor(null, null, false, null, null, 0);
        }
        StructLayout layout = NativeLayout.SECURITY_DESCRIPTOR_RELATIVE;
        int control = p.getShort(layout.offset("Control")) & 0xFFFF;
        int ownerAt = p.getInt(layout.offset("Owner"));
        int groupAt = p.getInt(layout.offset("Group"));
        int saclAt = p.getInt(layout.offset("Sacl"));
        int daclAt = p.getInt(layout.offset("Dacl"));
        Sid owner = ownerAt == 0 ? null : NativeDecoding.sid(p.share(ownerAt));
        Sid group = groupAt == 0 ? null : NativeDecoding.sid(p.share(groupAt));
        boolean daclPresent = (control & NativeConstants.SE_DACL_PRESENT) != 0;
        Acl dacl = daclPresent && daclAt != 0 ? NativeDecoding.acl(p.share(daclAt)) : null;
        boolean saclPresent = (control & NativeConstants.SE_SACL_PRESENT) != 0;
        Acl sacl = saclPresent && saclAt != 0 ? NativeDecoding.acl(p.share(saclAt)) : null;
        return new SecurityDescriptor(owner, group, daclPresent, dacl, sacl, control & CONTROL_KEPT);
    }
}
