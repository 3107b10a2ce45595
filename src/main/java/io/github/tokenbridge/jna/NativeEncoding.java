package io.github.tokenbridge.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;

import java.util.List;

/**
 * Writes the input structures of the token functions into native memory, at the offsets of
 * {@link NativeLayout}: SIDs, {@code SID_AND_ATTRIBUTES} arrays and {@code TOKEN_GROUPS} (with
 * their SIDs after the array, in the same block), {@code LUID_AND_ATTRIBUTES} arrays,
 * {@code TOKEN_PRIVILEGES}, {@code PRIVILEGE_SET} and {@code GENERIC_MAPPING}. The caller owns
 * the returned {@link Memory} and closes it.
 */
final class NativeEncoding {

    private NativeEncoding() {
    }

    /** A block holding {@code bytes}. */
    static Memory bytes(byte[] bytes) {
        Memory memory = new Memory(Math.max(1, bytes.length));
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    /** A {@code SID}. */
    static Memory sid(Sid sid) {
        return bytes(sid.toBytes());
    }

    /** A {@code TOKEN_GROUPS} with {@code groups}, the SIDs following the array. */
    static Memory tokenGroups(List<TokenGroup> groups) {
        StructLayout layout = NativeLayout.TOKEN_GROUPS;
        int arrayOffset = layout.offset("Groups");
        Memory memory = new Memory(Math.max(layout.size(), arrayOffset + sidAndAttributesSize(groups)));
        memory.clear();
        memory.setInt(layout.offset("GroupCount"), groups.size());
        writeSidAndAttributes(memory, arrayOffset, groups);
        return memory;
    }

    /** A {@code SID_AND_ATTRIBUTES} array of {@code sids} (attributes 0), or null when empty. */
    static Memory sidAndAttributesArray(List<Sid> sids) {
        if (sids.isEmpty()) {
            return null;
        }
        List<TokenGroup> groups = sids.stream().map(s -> new TokenGroup(s, 0)).toList();
        Memory memory = new Memory(sidAndAttributesSize(groups));
        memory.clear();
        writeSidAndAttributes(memory, 0, groups);
        return memory;
    }

    private static int sidAndAttributesSize(List<TokenGroup> groups) {
        int size = groups.size() * NativeLayout.SID_AND_ATTRIBUTES.size();
        for (TokenGroup group : groups) {
            size += group.sid().byteLength();
        }
        return size;
    }

    private static void writeSidAndAttributes(Pointer memory, int arrayOffset, List<TokenGroup> groups) {
        StructLayout entry = NativeLayout.SID_AND_ATTRIBUTES;
        long sidOffset = arrayOffset + (long) groups.size() * entry.size();
        for (int i = 0; i < groups.size(); i++) {
            long at = arrayOffset + (long) i * entry.size();
            byte[] sid = groups.get(i).sid().toBytes();
            memory.write(sidOffset, sid, 0, sid.length);
            memory.setPointer(at + entry.offset("Sid"), memory.share(sidOffset));
            memory.setInt(at + entry.offset("Attributes"), groups.get(i).attributes());
            sidOffset += sid.length;
        }
    }

    /** A {@code LUID_AND_ATTRIBUTES} array of {@code luids} (attributes 0), or null when empty. */
    static Memory luidAndAttributesArray(List<Luid> luids) {
        if (luids.isEmpty()) {
            return null;
        }
        Memory memory = new Memory((long) luids.size() * NativeLayout.LUID_AND_ATTRIBUTES.size());
        memory.clear();
        writeLuidAndAttributes(memory, 0, luids.stream().map(l -> new TokenPrivilege(l, 0)).toList());
        return memory;
    }

    /** A {@code TOKEN_PRIVILEGES} with {@code privileges} (at least the structure's own size). */
    static Memory tokenPrivileges(List<TokenPrivilege> privileges) {
        StructLayout layout = NativeLayout.TOKEN_PRIVILEGES;
        int arrayOffset = layout.offset("Privileges");
        Memory memory = new Memory(Math.max(layout.size(),
                arrayOffset + (long) privileges.size() * NativeLayout.LUID_AND_ATTRIBUTES.size()));
        memory.clear();
        memory.setInt(layout.offset("PrivilegeCount"), privileges.size());
        writeLuidAndAttributes(memory, arrayOffset, privileges);
        return memory;
    }

    /** A {@code PRIVILEGE_SET} of {@code luids} with {@code control} ({@code PRIVILEGE_SET_ALL_NECESSARY} or 0). */
    static Memory privilegeSet(List<Luid> luids, int control) {
        StructLayout layout = NativeLayout.PRIVILEGE_SET;
        int arrayOffset = layout.offset("Privilege");
        Memory memory = new Memory(Math.max(layout.size(),
                arrayOffset + (long) luids.size() * NativeLayout.LUID_AND_ATTRIBUTES.size()));
        memory.clear();
        memory.setInt(layout.offset("PrivilegeCount"), luids.size());
        memory.setInt(layout.offset("Control"), control);
        writeLuidAndAttributes(memory, arrayOffset, luids.stream().map(l -> new TokenPrivilege(l, 0)).toList());
        return memory;
    }

    private static void writeLuidAndAttributes(Pointer memory, long arrayOffset, List<TokenPrivilege> entries) {
        StructLayout entry = NativeLayout.LUID_AND_ATTRIBUTES;
        StructLayout luid = NativeLayout.LUID;
        for (int i = 0; i < entries.size(); i++) {
            long at = arrayOffset + (long) i * entry.size();
            Luid value = entries.get(i).luid();
            memory.setInt(at + entry.offset("Luid") + luid.offset("LowPart"), value.lowPart());
            memory.setInt(at + entry.offset("Luid") + luid.offset("HighPart"), value.highPart());
            memory.setInt(at + entry.offset("Attributes"), entries.get(i).attributes());
        }
    }

    /** A {@code GENERIC_MAPPING}. */
    static Memory genericMapping(GenericMapping mapping) {
        StructLayout layout = NativeLayout.GENERIC_MAPPING;
        Memory memory = new Memory(layout.size());
        memory.setInt(layout.offset("GenericRead"), mapping.genericRead());
        memory.setInt(layout.offset("GenericWrite"), mapping.genericWrite());
        memory.setInt(layout.offset("GenericExecute"), mapping.genericExecute());
        memory.setInt(layout.offset("GenericAll"), mapping.genericAll());
        return memory;
    }
}
