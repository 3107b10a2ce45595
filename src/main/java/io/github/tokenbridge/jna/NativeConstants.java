package io.github.tokenbridge.jna;

import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import io.github.tokenbridge.NtStatus;

import java.util.Map;

/**
 * The Windows constants the jna backend passes or tests for that are not already an enum of
 * the library ({@code TokenInformationClass}, {@code TokenType}, {@code ImpersonationLevel},
 * {@code AceType}, {@code NtStatus}, {@code Win32Error}): taken from JNA Platform where it has
 * them, else written here. The layout probe test checks every one against the Windows headers.
 */
final class NativeConstants {

    /** {@code ThreadImpersonationToken} (THREADINFOCLASS). */
    static final int THREAD_IMPERSONATION_TOKEN = 5;
    /** {@code ObjectBasicInformation} (OBJECT_INFORMATION_CLASS). */
    static final int OBJECT_BASIC_INFORMATION = 0;
    /** {@code SE_GROUP_INTEGRITY}: the attribute of a TOKEN_MANDATORY_LABEL's label. */
    static final int SE_GROUP_INTEGRITY = 0x20;
    /** {@code PRIVILEGE_SET_ALL_NECESSARY}. */
    static final int PRIVILEGE_SET_ALL_NECESSARY = 1;
    static final int SECURITY_DESCRIPTOR_REVISION = WinNT.SECURITY_DESCRIPTOR_REVISION;
    static final int ACL_REVISION = WinNT.ACL_REVISION;
    static final int SE_SELF_RELATIVE = WinNT.SE_SELF_RELATIVE;
    static final int SE_DACL_PRESENT = WinNT.SE_DACL_PRESENT;
    static final int SE_SACL_PRESENT = WinNT.SE_SACL_PRESENT;
    static final int SECURITY_STATIC_TRACKING = WinNT.SECURITY_STATIC_TRACKING;
    static final int SECURITY_DYNAMIC_TRACKING = WinNT.SECURITY_DYNAMIC_TRACKING;
    static final int ERROR_INSUFFICIENT_BUFFER = WinError.ERROR_INSUFFICIENT_BUFFER;
    static final int ERROR_BAD_LENGTH = WinError.ERROR_BAD_LENGTH;
    static final int STATUS_BUFFER_TOO_SMALL = NtStatus.STATUS_BUFFER_TOO_SMALL.code();
    static final int STATUS_INFO_LENGTH_MISMATCH = NtStatus.STATUS_INFO_LENGTH_MISMATCH.code();

    /** Every constant above by its Windows name, for the probe comparison. */
    static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("ThreadImpersonationToken", THREAD_IMPERSONATION_TOKEN),
            Map.entry("ObjectBasicInformation", OBJECT_BASIC_INFORMATION),
            Map.entry("SE_GROUP_INTEGRITY", SE_GROUP_INTEGRITY),
            Map.entry("PRIVILEGE_SET_ALL_NECESSARY", PRIVILEGE_SET_ALL_NECESSARY),
            Map.entry("SECURITY_DESCRIPTOR_REVISION", SECURITY_DESCRIPTOR_REVISION),
            Map.entry("ACL_REVISION", ACL_REVISION),
            Map.entry("SE_SELF_RELATIVE", SE_SELF_RELATIVE),
            Map.entry("SE_DACL_PRESENT", SE_DACL_PRESENT),
            Map.entry("SE_SACL_PRESENT", SE_SACL_PRESENT),
            Map.entry("SECURITY_STATIC_TRACKING", SECURITY_STATIC_TRACKING),
            Map.entry("SECURITY_DYNAMIC_TRACKING", SECURITY_DYNAMIC_TRACKING),
            Map.entry("ERROR_INSUFFICIENT_BUFFER", ERROR_INSUFFICIENT_BUFFER),
            Map.entry("ERROR_BAD_LENGTH", ERROR_BAD_LENGTH),
            Map.entry("STATUS_BUFFER_TOO_SMALL", STATUS_BUFFER_TOO_SMALL),
            Map.entry("STATUS_INFO_LENGTH_MISMATCH", STATUS_INFO_LENGTH_MISMATCH));

    private NativeConstants() {
    }
}
