package io.github.tokenbridge.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A file, directory or registry key a {@link ModelConfiguration} declares, with the security
 * descriptor it starts with.
 *
 * @param path  a Win32 path ({@code C:\dir}) for files and directories; for keys
 *              {@code HKEY_LOCAL_MACHINE\...}, {@code HKLM\...}, {@code MACHINE\...},
 *              {@code HKEY_USERS\...} / {@code HKU\...} / {@code USERS\...}, or
 *              {@code HKEY_CURRENT_USER\...} / {@code HKCU\...} / {@code CURRENT_USER\...} (the
 *              configured user's hive)
 * @param sddl  the descriptor in SDDL, or null to give it what it inherits from its parent
 * @param kind  directory, file or key
 */
public record DeclaredObject(String path, String sddl, Kind kind) {

    /** What a declared object is. */
    public enum Kind { DIRECTORY, FILE, KEY }

    public DeclaredObject {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.KEY && !(path.length() >= 3 && path.charAt(1) == ':' && path.charAt(2) == '\\')) {
            throw new IllegalArgumentException("a file or directory path must be absolute (C:\\...): " + path);
        }
        if (kind == Kind.KEY && ntKeyName(path, "S-1-0-0") == null) {
            throw new IllegalArgumentException("not a registry key name (HKLM\\..., HKCU\\..., HKU\\...): " + path);
        }
    }

    /** The NT name of a key path with {@code userSid}'s hive for the current user, or null when the root is unknown. */
    static String ntKeyName(String path, String userSid) {
        int slash = path.indexOf('\\');
        String root = (slash < 0 ? path : path.substring(0, slash)).toUpperCase(Locale.ROOT);
        String rest = slash < 0 ? "" : path.substring(slash);
        switch (root) {
            case "HKEY_LOCAL_MACHINE": case "HKLM": case "MACHINE":
                return "\\REGISTRY\\MACHINE" + rest;
            case "HKEY_USERS": case "HKU": case "USERS":
                return "\\REGISTRY\\USER" + rest;
            case "HKEY_CURRENT_USER": case "HKCU": case "CURRENT_USER":
                return "\\REGISTRY\\USER\\" + userSid + rest;
            default:
                return null;
        }
    }
}
