package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Windows structures from native memory into the library's value types: SIDs, ACLs,
 * LUIDs, {@code SID_AND_ATTRIBUTES}, {@code TOKEN_GROUPS}, {@code TOKEN_PRIVILEGES} and
 * {@code PRIVILEGE_SET}, at the offsets of {@link NativeLayout}. SIDs are read by their own
 * length byte (no hidden {@code GetLengthSid} call).
 */
final class NativeDecoding {

    private NativeDecoding() {
    }

    /** The SID at {@code p}: 8 bytes plus 4 per sub-authority. */
    static Sid sid(Pointer p) {
        if (p == null) {
            throw new IllegalStateException("Windows returned a NULL SID pointer");
        }
        int count = p.getByte(1) & 0xFF;
        return Sid.fromBytes(p.getByteArray(0, 8 + 4 * count));
    }

    /** The LUID at {@code p + offset}. */
    static Luid luid(Pointer p, long offset) {
        StructLayout layout = NativeLayout.LUID;
        return Luid.of(p.getInt(offset + layout.offset("HighPart")), p.getInt(offset + layout.offset("LowPart")));
    }

    /** The {@code SID_AND_ATTRIBUTES} at {@code p + offset}. */
    static TokenGroup sidAndAttributes(Pointer p, long offset) {
        StructLayout layout = NativeLayout.SID_AND_ATTRIBUTES;
        return new TokenGroup(sid(p.getPointer(offset + layout.offset("Sid"))), p.getInt(offset + layout.offset("Attributes")));
    }

    /** The {@code LUID_AND_ATTRIBUTES} at {@code p + offset}. */
    static TokenPrivilege luidAndAttributes(Pointer p, long offset) {
        StructLayout layout = NativeLayout.LUID_AND_ATTRIBUTES;
        return new TokenPrivilege(luid(p, offset + layout.offset("Luid")), p.getInt(offset + layout.offset("Attributes")));
    }

    /** The entries of the {@code TOKEN_GROUPS} at {@code p}. */
    static List<TokenGroup> tokenGroups(Pointer p) {
        StructLayout layout = NativeLayout.TOKEN_GROUPS;
        int count = p.getInt(layout.offset("GroupCount"));
        List<TokenGroup> groups = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            groups.add(sidAndAttributes(p, layout.offset("Groups") + (long) i * NativeLayout.SID_AND_ATTRIBUTES.size()));
        }
        return groups;
    }

    /** The entries of the {@code TOKEN_PRIVILEGES} at {@code p}. */
    static List<TokenPrivilege> tokenPrivileges(Pointer p) {
        StructLayout layout = NativeLayout.TOKEN_PRIVILEGES;
        return luidAndAttributesArray(p, layout.offset("Privileges"), p.getInt(layout.offset("PrivilegeCount")));
    }

    /** The entries of the {@code PRIVILEGE_SET} at {@code p}. */
    static List<TokenPrivilege> privilegeSet(Pointer p) {
        StructLayout layout = NativeLayout.PRIVILEGE_SET;
        return luidAndAttributesArray(p, layout.offset("Privilege"), p.getInt(layout.offset("PrivilegeCount")));
    }

    private static List<TokenPrivilege> luidAndAttributesArray(Pointer p, long offset, int count) {
        List<TokenPrivilege> privileges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            privileges.add(luidAndAttributes(p, offset + (long) i * NativeLayout.LUID_AND_ATTRIBUTES.size()));
        }
        return privileges;
    }

    /** The ACL at {@code p}: its ACEs in order; an ACE type the library does not model is refused. */
    static Acl acl(Pointer p) {
        StructLayout acl = NativeLayout.ACL;
        StructLayout header = NativeLayout.ACE_HEADER;
        int count = p.getShort(acl.offset("AceCount")) & 0xFFFF;
        List<Ace> aces = new ArrayList<>(count);
        long offset = acl.size();
        for (int i = 0; i < count; i++) {
            int type = p.getByte(offset + header.offset("AceType")) & 0xFF;
            int flags = p.getByte(offset + header.offset("AceFlags")) & 0xFF;
            int size = p.getShort(offset + header.offset("AceSize")) & 0xFFFF;
            int mask = p.getInt(offset + header.size());
            aces.add(new Ace(AceType.fromCode(type), flags, mask, sid(p.share(offset + header.size() + 4))));
            offset += size;
        }
        return new Acl(aces);
    }
}
