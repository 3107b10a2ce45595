package io.github.tokenbridge.jna;

import com.sun.jna.Memory;
import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The binary forms the jna backend passes to Windows: ACLs and self-relative security descriptors (R63). */
class SecurityEncodingTest {

    @Test
    void acl_oneAllowAce_isHeaderThenAceWithSid() {
        byte[] bytes = SecurityEncoding.acl(Acl.of(Ace.allow(0x1F01FF, Sid.EVERYONE)));
        byte[] expected = {
                2, 0, 28, 0, 1, 0, 0, 0,                  // ACL_REVISION, AclSize 28, AceCount 1
                0, 0, 20, 0, (byte) 0xFF, 0x01, 0x1F, 0,  // ACCESS_ALLOWED, flags 0, AceSize 20, mask
                1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0};      // S-1-1-0
        assertArrayEquals(expected, bytes);
    }

    @Test
    void acl_roundTripThroughNativeMemory_decodesTheSameAces() {
        Acl acl = Acl.of(new Ace(AceType.ACCESS_DENIED, Ace.INHERIT_ONLY, 0x2, Sid.BUILTIN_USERS),
                Ace.allow(0x10000000, Sid.LOCAL_SYSTEM));
        try (Memory memory = NativeEncoding.bytes(SecurityEncoding.acl(acl))) {
            assertEquals(acl, NativeDecoding.acl(memory));
        }
    }

    @Test
    void selfRelative_ownerGroupAndEmptyDacl_setsControlAndOffsets() { // R63: empty DACL present
        SecurityDescriptor sd = SecurityDescriptor.of(Sid.BUILTIN_ADMINISTRATORS, Sid.LOCAL_SYSTEM, Acl.EMPTY);
        ByteBuffer b = ByteBuffer.wrap(SecurityEncoding.selfRelative(sd)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(20 + 16 + 12 + 8, b.capacity());
        assertEquals(1, b.get(0));
        assertEquals(0x8004, b.getShort(2) & 0xFFFF, "SE_SELF_RELATIVE | SE_DACL_PRESENT");
        assertEquals(20, b.getInt(4));
        assertEquals(36, b.getInt(8));
        assertEquals(0, b.getInt(12), "no SACL");
        assertEquals(48, b.getInt(16));
        assertEquals(8, b.getShort(48 + 2), "empty ACL: AclSize 8");
    }

    @Test
    void selfRelative_nullDacl_isPresentWithOffsetZero() { // R63
        ByteBuffer b = ByteBuffer.wrap(SecurityEncoding.selfRelative(SecurityDescriptor.withNullDacl(Sid.EVERYONE, Sid.EVERYONE)))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x8004, b.getShort(2) & 0xFFFF);
        assertEquals(0, b.getInt(16));
    }

    @Test
    void selfRelative_absentDaclWithSaclAndProtected_setsSaclPresentOnly() {
        SecurityDescriptor sd = new SecurityDescriptor(Sid.EVERYONE, Sid.EVERYONE, false, null,
                Acl.of(new Ace(AceType.SYSTEM_MANDATORY_LABEL, 0, Ace.NO_WRITE_UP, Sid.HIGH_LABEL)), SecurityDescriptor.DACL_PROTECTED);
        ByteBuffer b = ByteBuffer.wrap(SecurityEncoding.selfRelative(sd)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x8000 | 0x1000 | 0x10, b.getShort(2) & 0xFFFF);
        assertEquals(44, b.getInt(12));
        assertEquals(0x11, b.get(44 + 8), "SYSTEM_MANDATORY_LABEL_ACE_TYPE");
    }

    @Test
    void acl_tooLarge_throwsIllegalArgument() {
        Ace[] aces = new Ace[2000];
        java.util.Arrays.fill(aces, Ace.allow(1, Sid.parse("S-1-5-21-1-2-3-4")));
        assertThrows(IllegalArgumentException.class, () -> SecurityEncoding.acl(Acl.of(aces)));
    }
}
