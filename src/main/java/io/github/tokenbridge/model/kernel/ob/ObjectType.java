package io.github.tokenbridge.model.kernel.ob;

import io.github.tokenbridge.GenericMapping;

/**
 * The kernel object types the model has, each with its generic mapping and its valid access mask
 * (R12 for tokens; process and thread rights as in {@code winnt.h}).
 */
public enum ObjectType {
    /** Access tokens: TOKEN_* rights; tokens do not support SYNCHRONIZE (R12). */
    TOKEN(GenericMapping.TOKEN, 0x000F01FF),
    /** Processes: PROCESS_* rights. */
    PROCESS(new GenericMapping(0x00020410, 0x00020BEA, 0x00121001, 0x001FFFFF), 0x001FFFFF),
    /** Threads: THREAD_* rights. */
    THREAD(new GenericMapping(0x00020048, 0x00020037, 0x00121800, 0x001FFFFF), 0x001FFFFF),
    /** File objects (files, directories, pipe ends; model.kernel.io): FILE_* rights, FILE_GENERIC_* mapping. */
    FILE(GenericMapping.FILE, 0x001F01FF),
    /** Event objects (model.kernel.ke; pipes): EVENT_* rights. */
    EVENT(new GenericMapping(0x00020001, 0x00020002, 0x00120000, 0x001F0003), 0x001F0003),
    /** Registry keys (model.kernel.cm): KEY_* rights, the KEY_READ/KEY_WRITE/KEY_EXECUTE/KEY_ALL_ACCESS mapping (objects). */
    KEY(GenericMapping.KEY, 0x000F003F);

    private final GenericMapping mapping;
    private final int allAccess;

    ObjectType(GenericMapping mapping, int allAccess) {
        this.mapping = mapping;
        this.allAccess = allAccess;
    }

    /** The type's generic mapping. */
    public GenericMapping mapping() {
        return mapping;
    }

    /** Every specific and standard right of the type (its GENERIC_ALL). */
    public int allAccess() {
        return allAccess;
    }
}
