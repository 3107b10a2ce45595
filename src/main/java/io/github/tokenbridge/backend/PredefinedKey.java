package io.github.tokenbridge.backend;

/**
 * The predefined registry key handles ({@code HKEY_CLASSES_ROOT} .. {@code HKEY_USERS}) as the
 * 64-bit handle values Windows uses (the 32-bit constants sign-extended), for
 * {@link TokenBackend#regCreateKeyEx} and friends.
 */
public final class PredefinedKey {

    /** {@code HKEY_CLASSES_ROOT}. */
    public static final Handle HKEY_CLASSES_ROOT = new Handle(0xFFFFFFFF80000000L);
    /** {@code HKEY_CURRENT_USER}. */
    public static final Handle HKEY_CURRENT_USER = new Handle(0xFFFFFFFF80000001L);
    /** {@code HKEY_LOCAL_MACHINE}. */
    public static final Handle HKEY_LOCAL_MACHINE = new Handle(0xFFFFFFFF80000002L);
    /** {@code HKEY_USERS}. */
    public static final Handle HKEY_USERS = new Handle(0xFFFFFFFF80000003L);

    private PredefinedKey() {
    }

    /** True for one of the predefined key handles (0x80000000 .. 0x80000006, sign-extended). */
    public static boolean isPredefined(Handle handle) {
        long v = handle.value();
        return v >= 0xFFFFFFFF80000000L && v <= 0xFFFFFFFF80000006L;
    }
}
