package io.github.tokenbridge.model.win32;

import java.util.Locale;

/**
 * The Win32-to-NT name translation of the model ({@code RtlDosPathNameToNtPathName_U}), following
 * Microsoft's "Naming Files, Paths, and Namespaces": {@code \\?\X} and {@code \\.\X} become
 * {@code \??\X} ({@code \\?\} untouched; {@code \\.\} with {@code /} turned into {@code \}),
 * {@code \\server\share\x} becomes {@code \??\UNC\server\share\x}, a drive path {@code C:\x}
 * becomes {@code \??\C:\x}, a rooted path {@code \x} lands on the current drive and a relative
 * one in the current directory. The model's current directory is fixed at {@link #CURRENT_DIRECTORY}.
 * An empty name has no translation (CreateFileW then fails with ERROR_PATH_NOT_FOUND).
 */
final class DosPathNames {

    /** The current directory of every model process. */
    static final String CURRENT_DIRECTORY = "C:\\";
    private static final String NT_DOS_DEVICES = "\\??\\";

    private DosPathNames() {
    }

    /** The NT name for {@code dosName}, or null when it has none (empty). */
    static String toNtName(String dosName) {
        if (dosName.isEmpty()) {
            return null;
        }
        if (dosName.startsWith("\\\\?\\") || dosName.startsWith("\\??\\")) {
            return NT_DOS_DEVICES + dosName.substring(4);
        }
        String name = dosName.replace('/', '\\');
        if (name.startsWith("\\\\.\\")) {
            return NT_DOS_DEVICES + name.substring(4);
        }
        if (name.startsWith("\\\\")) {
            return NT_DOS_DEVICES + "UNC\\" + name.substring(2);
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            String drive = name.substring(0, 2).toUpperCase(Locale.ROOT);
            String rest = name.substring(2);
            return NT_DOS_DEVICES + drive + (rest.startsWith("\\") ? rest : "\\" + rest);
        }
        if (name.startsWith("\\")) {
            return NT_DOS_DEVICES + CURRENT_DIRECTORY.substring(0, 2) + name;
        }
        return NT_DOS_DEVICES + CURRENT_DIRECTORY + name;
    }

    /** True when {@code ntName} is in the named-pipe file system's name space ({@code \??\PIPE\...}). */
    static boolean isPipeName(String ntName) {
        return ntName != null && ntName.regionMatches(true, 0, NT_DOS_DEVICES + "PIPE\\", 0, 9);
    }
}
