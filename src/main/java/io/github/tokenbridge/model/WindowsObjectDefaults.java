package io.github.tokenbridge.model;

import io.github.tokenbridge.Sid;

import java.util.ArrayList;
import java.util.List;

/**
 * The files, directories and keys every model world starts with unless its configuration turns
 * them off, with Windows-like descriptors (docs/rules.md "O: Model notes" gives the
 * sources: published {@code icacls} output of a Windows 10 host and Wine's
 * test_GetNamedSecurityInfoA for {@code MACHINE\Software}). The profile directory is
 * {@code C:\Users\<configuration name>}; its {@code AppData\Local\Temp} is what GetTempPathW returns.
 */
final class WindowsObjectDefaults {

    /** NT SERVICE\TrustedInstaller. */
    static final String TRUSTED_INSTALLER = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";

    private WindowsObjectDefaults() {
    }

    /** The profile directory of {@code configuration}'s user. */
    static String profileDirectory(ModelConfiguration configuration) {
        return "C:\\Users\\" + configuration.name().replace('/', '-');
    }

    /** The temporary directory (GetTempPathW, with its trailing backslash). */
    static String tempDirectory(ModelConfiguration configuration) {
        return profileDirectory(configuration) + "\\AppData\\Local\\Temp\\";
    }

    /** The declared objects, parents before children. */
    static List<DeclaredObject> objects(ModelConfiguration configuration) {
        String user = configuration.user().toString();
        List<DeclaredObject> out = new ArrayList<>();
        // icacls C:\ (Windows 10): Administrators and SYSTEM (OI)(CI)(F), Users (OI)(CI)(RX),
        // Authenticated Users (OI)(CI)(IO)(M) and (AD) on the root itself; owner TrustedInstaller.
        out.add(dir("C:\\", "O:" + TRUSTED_INSTALLER + "G:" + TRUSTED_INSTALLER
                + "D:PAI(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)(A;OICI;0x1200a9;;;BU)(A;OICIIO;SDGXGWGR;;;AU)(A;;LC;;;AU)"));
        // icacls C:\Windows: TrustedInstaller (F) and (CI)(IO)(F); SYSTEM and Administrators (M) and
        // (OI)(CI)(IO)(F); Users (RX) and (OI)(CI)(IO)(GR,GE); CREATOR OWNER (OI)(CI)(IO)(F).
        out.add(dir("C:\\Windows", "O:" + TRUSTED_INSTALLER + "G:" + TRUSTED_INSTALLER
                + "D:PAI(A;;FA;;;" + TRUSTED_INSTALLER + ")(A;CIIO;GA;;;" + TRUSTED_INSTALLER + ")"
                + "(A;;0x1301bf;;;SY)(A;OICIIO;GA;;;SY)(A;;0x1301bf;;;BA)(A;OICIIO;GA;;;BA)"
                + "(A;;0x1200a9;;;BU)(A;OICIIO;GXGR;;;BU)(A;OICIIO;GA;;;CO)"));
        // icacls C:\Users: SYSTEM and Administrators (OI)(CI)(F); Users and Everyone (RX) and (OI)(CI)(IO)(GR,GE).
        out.add(dir("C:\\Users", "O:SYG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;;0x1200a9;;;BU)(A;OICIIO;GXGR;;;BU)"
                + "(A;;0x1200a9;;;WD)(A;OICIIO;GXGR;;;WD)"));
        // icacls C:\Users\<user>: SYSTEM, Administrators and the user (OI)(CI)(F), protected.
        String profile = profileDirectory(configuration);
        out.add(dir(profile, "O:" + user + "G:" + user + "D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;" + user + ")"));
        out.add(dir(profile + "\\AppData", null));
        out.add(dir(profile + "\\AppData\\Local", null));
        out.add(dir(profile + "\\AppData\\Local\\Temp", null));
        // The registry roots; MACHINE\SOFTWARE as Wine's test_GetNamedSecurityInfoA reads it on Windows 10
        // (owner Administrators, Users CI KEY_READ, Administrators full); HKCU as regedit shows it
        // (the user, SYSTEM and Administrators full, RESTRICTED read).
        out.add(key("HKLM\\SOFTWARE", "O:BAG:BAD:PAI(A;CIIO;GA;;;CO)(A;CI;KA;;;SY)(A;CI;KA;;;BA)(A;CI;KR;;;BU)(A;CI;KR;;;AC)"));
        out.add(key("HKLM\\SOFTWARE\\Classes", null));
        out.add(key("HKLM\\SYSTEM", "O:SYG:SYD:PAI(A;CIIO;GA;;;CO)(A;CI;KA;;;SY)(A;CI;KA;;;BA)(A;CI;KR;;;BU)(A;CI;KR;;;AC)"));
        out.add(key("HKU\\.DEFAULT", "O:SYG:SYD:PAI(A;CI;KA;;;SY)(A;CI;KA;;;BA)(A;CI;KR;;;BU)(A;CI;KR;;;RC)"));
        out.add(key("HKCU", "O:SYG:SYD:PAI(A;CI;KA;;;" + user + ")(A;CI;KA;;;SY)(A;CI;KA;;;BA)(A;CI;KR;;;RC)"));
        out.add(key("HKCU\\Software", null));
        return out;
    }

    /** The descriptors of the registry's fixed keys ({@code \REGISTRY}, {@code MACHINE}, {@code USER}). */
    static String registryRoot() {
        return "O:SYG:SYD:PAI(A;CI;KR;;;WD)(A;CI;KA;;;SY)(A;CI;KA;;;BA)";
    }

    private static DeclaredObject dir(String path, String sddl) {
        return new DeclaredObject(path, sddl, DeclaredObject.Kind.DIRECTORY);
    }

    private static DeclaredObject key(String path, String sddl) {
        return new DeclaredObject(path, sddl, DeclaredObject.Kind.KEY);
    }

    static Sid trustedInstaller() {
        return Sid.parse(TRUSTED_INSTALLER);
    }
}
