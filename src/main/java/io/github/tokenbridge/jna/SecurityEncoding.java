package io.github.tokenbridge.jna;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes {@link Sid}, {@link Acl} and {@link SecurityDescriptor} into their Windows binary forms:
 * {@code SID}, {@code ACL} followed by its ACEs, and a self-relative {@code SECURITY_DESCRIPTOR}
 * (header, then owner, group, SACL and DACL, each DWORD-aligned). Offsets come from
 * {@link NativeLayout}.
 */
final class SecurityEncoding {

    private SecurityEncoding() {
    }

    /** The binary ACL: header ({@code ACL_REVISION}, size, count), then each ACE (header, mask, SID). */
    static byte[] acl(Acl acl) {
        int size = acl.byteLength();
        if (size > 0xFFFF) {
            throw new IllegalArgumentException("an ACL is at most 65535 bytes, this one needs " + size);
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put((byte) NativeConstants.ACL_REVISION).put((byte) 0).putShort((short) size)
                .putShort((short) acl.aces().size()).putShort((short) 0);
        for (Ace ace : acl.aces()) {
            buffer.put((byte) ace.type().code()).put((byte) ace.flags()).putShort((short) ace.byteLength())
                    .putInt(ace.mask()).put(ace.sid().toBytes());
        }
        return buffer.array();
    }

    /**
     * The self-relative form of {@code descriptor}: control is {@code SE_SELF_RELATIVE}, plus
     * {@code SE_DACL_PRESENT} for a present (possibly NULL) DACL, {@code SE_SACL_PRESENT} for a SACL,
     * plus the descriptor's extra control bits. A NULL DACL is present with offset 0 (R63).
     */
    static byte[] selfRelative(SecurityDescriptor descriptor) {
        StructLayout layout = NativeLayout.SECURITY_DESCRIPTOR_RELATIVE;
        byte[] owner = descriptor.owner() == null ? new byte[0] : descriptor.owner().toBytes();
        byte[] group = descriptor.group() == null ? new byte[0] : descriptor.group().toBytes();
        byte[] sacl = descriptor.sacl() == null ? new byte[0] : acl(descriptor.sacl());
        byte[] dacl = descriptor.dacl() == null ? new byte[0] : acl(descriptor.dacl());
        int control = NativeConstants.SE_SELF_RELATIVE | descriptor.control()
                | (descriptor.daclPresent() ? NativeConstants.SE_DACL_PRESENT : 0)
                | (descriptor.sacl() != null ? NativeConstants.SE_SACL_PRESENT : 0);
        ByteBuffer buffer = ByteBuffer.allocate(layout.size() + owner.length + group.length + sacl.length + dacl.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(layout.offset("Revision"), (byte) NativeConstants.SECURITY_DESCRIPTOR_REVISION);
        buffer.putShort(layout.offset("Control"), (short) control);
        int next = layout.size();
        next = place(buffer, layout.offset("Owner"), owner, next);
        next = place(buffer, layout.offset("Group"), group, next);
        next = place(buffer, layout.offset("Sacl"), sacl, next);
        place(buffer, layout.offset("Dacl"), dacl, next);
        return buffer.array();
    }

    private static int place(ByteBuffer buffer, int offsetField, byte[] part, int at) {
        if (part.length == 0) {
            buffer.putInt(offsetField, 0);
            return at;
        }
        buffer.putInt(offsetField, at);
        buffer.put(at, part);
        return at + part.length;
    }
}
