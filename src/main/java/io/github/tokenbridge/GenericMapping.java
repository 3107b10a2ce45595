package io.github.tokenbridge;

/**
 * {@code GENERIC_MAPPING}: how an object type maps the four generic rights to specific rights.
 *
 * @param genericRead    what GENERIC_READ means
 * @param genericWrite   what GENERIC_WRITE means
 * @param genericExecute what GENERIC_EXECUTE means
 * @param genericAll     what GENERIC_ALL means
 */
public record GenericMapping(int genericRead, int genericWrite, int genericExecute, int genericAll) {

    public static final int GENERIC_READ = 0x80000000;
    public static final int GENERIC_WRITE = 0x40000000;
    public static final int GENERIC_EXECUTE = 0x20000000;
    public static final int GENERIC_ALL = 0x10000000;
    /** {@code MAXIMUM_ALLOWED}: ask AccessCheck for every right it would grant (R63). */
    public static final int MAXIMUM_ALLOWED = 0x02000000;
    /** The four generic bits together. */
    public static final int GENERIC_BITS = GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL;

    /** Access-token objects (R12). */
    public static final GenericMapping TOKEN = new GenericMapping(0x00020008, 0x000200E0, 0x00020000, 0x000F01FF);
    /** Files ({@code FILE_GENERIC_*}, {@code FILE_ALL_ACCESS}). */
    public static final GenericMapping FILE = new GenericMapping(0x00120089, 0x00120116, 0x001200A0, 0x001F01FF);
    /** Registry keys ({@code KEY_READ}, {@code KEY_WRITE}, {@code KEY_EXECUTE}, {@code KEY_ALL_ACCESS}). */
    public static final GenericMapping KEY = new GenericMapping(0x00020019, 0x00020006, 0x00020019, 0x000F003F);
    /** A test mapping in which every generic right means 0x1F01FF. */
    public static final GenericMapping GENERIC_ALL_MAPPING = new GenericMapping(0x1F01FF, 0x1F01FF, 0x1F01FF, 0x1F01FF);

    /** {@code MapGenericMask}: replaces each generic bit in {@code mask} by its specific rights. */
    public int map(int mask) {
        int result = mask & ~GENERIC_BITS;
        if ((mask & GENERIC_READ) != 0) {
            result |= genericRead;
        }
        if ((mask & GENERIC_WRITE) != 0) {
            result |= genericWrite;
        }
        if ((mask & GENERIC_EXECUTE) != 0) {
            result |= genericExecute;
        }
        if ((mask & GENERIC_ALL) != 0) {
            result |= genericAll;
        }
        return result;
    }
}
