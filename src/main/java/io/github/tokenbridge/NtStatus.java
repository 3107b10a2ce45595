package io.github.tokenbridge;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The NTSTATUS values that tokenbridge emits or expects, each with the Win32 error that
 * {@code RtlNtStatusToDosError} maps it to (docs/rules.md section 7).
 *
 * <p>This is the single status table shared by both backends: the model emits exactly these
 * values and the JNA backend names the values it receives through it. A status that is not in
 * the table is still representable as a raw {@code int}; {@link #describe(int)} prints it in hex.
 */
public enum NtStatus {
    STATUS_SUCCESS(0x00000000, 0),
    STATUS_NO_TOKEN(0xC000007C, 1008),
    STATUS_CANT_OPEN_ANONYMOUS(0xC00000A6, 1347),
    STATUS_BAD_IMPERSONATION_LEVEL(0xC00000A5, 1346),
    STATUS_BAD_TOKEN_TYPE(0xC00000A8, 1349),
    STATUS_ACCESS_DENIED(0xC0000022, 5),
    STATUS_INVALID_HANDLE(0xC0000008, 6),
    STATUS_OBJECT_TYPE_MISMATCH(0xC0000024, 6),
    STATUS_INVALID_PARAMETER(0xC000000D, 87),
    STATUS_PRIVILEGE_NOT_HELD(0xC0000061, 1314),
    STATUS_NOT_ALL_ASSIGNED(0x00000106, 1300),
    STATUS_BUFFER_TOO_SMALL(0xC0000023, 122),
    STATUS_INFO_LENGTH_MISMATCH(0xC0000004, 24),
    STATUS_INVALID_INFO_CLASS(0xC0000003, 87),
    STATUS_NO_IMPERSONATION_TOKEN(0xC000005C, 1309),
    STATUS_GENERIC_NOT_MAPPED(0xC00000E6, 1360),
    STATUS_INVALID_SECURITY_DESCR(0xC0000079, 1338),
    STATUS_INSUFFICIENT_RESOURCES(0xC000009A, 1450),
    STATUS_NO_MEMORY(0xC0000017, 8),
    STATUS_CANT_DISABLE_MANDATORY(0xC000005D, 1310),
    STATUS_CANT_ENABLE_DENY_ONLY(0xC00002B3, 629),
    STATUS_INVALID_OWNER(0xC000005A, 1307),
    STATUS_INVALID_PRIMARY_GROUP(0xC000005B, 1308),
    STATUS_ACCESS_VIOLATION(0xC0000005, 998),
    STATUS_CANNOT_IMPERSONATE(0xC000010D, 1368),
    STATUS_BUFFER_OVERFLOW(0x80000005, 234),
    STATUS_TOKEN_ALREADY_IN_USE(0xC000012B, 1375),
    STATUS_QUOTA_EXCEEDED(0xC0000044, 1816),
    STATUS_UNSUCCESSFUL(0xC0000001, 31),
    STATUS_NOT_SUPPORTED(0xC00000BB, 50),
    STATUS_INVALID_SID(0xC0000078, 1337),
    STATUS_INVALID_ACL(0xC0000077, 1336),
    STATUS_NO_SUCH_PRIVILEGE(0xC0000060, 1313),
    STATUS_BAD_INHERITANCE_ACL(0xC000007D, 1340),
    STATUS_INVALID_LEVEL(0xC0000148, 124),
    STATUS_BAD_LOGON_SESSION_STATE(0xC0000104, 1365),
    STATUS_NO_SUCH_LOGON_SESSION(0xC000005F, 1312),
    // ---- I/O manager, file systems and named pipes (io-skeleton, pipes); pairs as ntdll/tests/error.c asserts them
    STATUS_PENDING(0x00000103, 997),
    STATUS_INVALID_DEVICE_REQUEST(0xC0000010, 1),
    STATUS_END_OF_FILE(0xC0000011, 38),
    STATUS_OBJECT_NAME_INVALID(0xC0000033, 123),
    STATUS_OBJECT_NAME_NOT_FOUND(0xC0000034, 2),
    STATUS_OBJECT_NAME_COLLISION(0xC0000035, 183),
    STATUS_OBJECT_PATH_NOT_FOUND(0xC000003A, 3),
    STATUS_OBJECT_PATH_SYNTAX_BAD(0xC000003B, 161),
    STATUS_SHARING_VIOLATION(0xC0000043, 32),
    STATUS_INSTANCE_NOT_AVAILABLE(0xC00000AB, 231),
    STATUS_PIPE_NOT_AVAILABLE(0xC00000AC, 231),
    STATUS_INVALID_PIPE_STATE(0xC00000AD, 230),
    STATUS_PIPE_BUSY(0xC00000AE, 231),
    STATUS_ILLEGAL_FUNCTION(0xC00000AF, 1),
    STATUS_PIPE_DISCONNECTED(0xC00000B0, 233),
    STATUS_PIPE_CLOSING(0xC00000B1, 232),
    STATUS_PIPE_CONNECTED(0xC00000B2, 535),
    STATUS_PIPE_LISTENING(0xC00000B3, 536),
    STATUS_INVALID_READ_MODE(0xC00000B4, 230),
    STATUS_IO_TIMEOUT(0xC00000B5, 121),
    STATUS_PIPE_EMPTY(0xC00000D9, 232),
    STATUS_CANCELLED(0xC0000120, 995),
    STATUS_PIPE_BROKEN(0xC000014B, 109),
    STATUS_NOT_FOUND(0xC0000225, 1168),
    // ---- accounts and logons (rules L, N; MS: LsaLogonUser, LsaLookupSids)
    STATUS_NONE_MAPPED(0xC0000073, 1332),
    STATUS_SOME_NOT_MAPPED(0x00000107, 1301),
    STATUS_LOGON_FAILURE(0xC000006D, 1326),
    STATUS_ACCOUNT_RESTRICTION(0xC000006E, 1327),
    STATUS_PASSWORD_EXPIRED(0xC0000071, 1330),
    STATUS_ACCOUNT_DISABLED(0xC0000072, 1331),
    STATUS_LOGON_TYPE_NOT_GRANTED(0xC000015B, 1385),
    // ---- disk file system, registry and object security (objects); pairs as RtlNtStatusToDosError maps them
    STATUS_NOT_A_DIRECTORY(0xC0000103, 267),
    STATUS_FILE_IS_A_DIRECTORY(0xC00000BA, 5),
    STATUS_DIRECTORY_NOT_EMPTY(0xC0000101, 145),
    STATUS_CANNOT_DELETE(0xC0000121, 5),
    STATUS_UNKNOWN_REVISION(0xC0000058, 1305),
    STATUS_KEY_DELETED(0xC000017C, 1018),
    STATUS_NO_MORE_ENTRIES(0x8000001A, 259);

    private static final Map<Integer, NtStatus> BY_CODE = new HashMap<>();

    static {
        for (NtStatus status : values()) {
            BY_CODE.put(status.code, status);
        }
    }

    private final int code;
    private final int win32Error;

    NtStatus(long code, int win32Error) {
        this.code = (int) code;
        this.win32Error = win32Error;
    }

    /** The 32-bit NTSTATUS value. */
    public int code() {
        return code;
    }

    /** The Win32 error that {@code RtlNtStatusToDosError} gives for this status. */
    public int win32Error() {
        return win32Error;
    }

    /** The symbolic Win32 error for this status. */
    public Win32Error toWin32() {
        return Win32Error.fromCode(win32Error).orElseThrow();
    }

    /** True for success and informational codes (NT_SUCCESS: severity bit clear). */
    public boolean isSuccess() {
        return isSuccess(code);
    }

    /** NT_SUCCESS for a raw status: true when the top bit is clear. */
    public static boolean isSuccess(int status) {
        return status >= 0;
    }

    /** The table entry for a raw status, if the status is one tokenbridge knows. */
    public static Optional<NtStatus> fromCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /**
     * Maps a raw status to its Win32 error as {@code RtlNtStatusToDosError} does for the statuses
     * in this table; an unknown status maps to ERROR_MR_MID_NOT_FOUND (317), as Windows does.
     */
    public static int toWin32Error(int status) {
        NtStatus known = BY_CODE.get(status);
        return known != null ? known.win32Error : 317;
    }

    /** The symbolic name of a raw status, or its value as {@code 0x%08X} when unknown. */
    public static String describe(int status) {
        NtStatus known = BY_CODE.get(status);
        return known != null ? known.name() : String.format("0x%08X", status);
    }
}
