package io.github.tokenbridge;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Win32 error codes (the value of {@code GetLastError}) that tokenbridge reports, with their
 * {@code winerror.h} names. Every Win32 error that {@link NtStatus} maps to is here.
 */
public enum Win32Error {
    ERROR_SUCCESS(0),
    ERROR_INVALID_FUNCTION(1),
    ERROR_ACCESS_DENIED(5),
    ERROR_INVALID_HANDLE(6),
    ERROR_NOT_ENOUGH_MEMORY(8),
    ERROR_BAD_LENGTH(24),
    ERROR_GEN_FAILURE(31),
    ERROR_NOT_SUPPORTED(50),
    ERROR_INVALID_PARAMETER(87),
    ERROR_CALL_NOT_IMPLEMENTED(120),
    ERROR_INSUFFICIENT_BUFFER(122),
    ERROR_INVALID_LEVEL(124),
    ERROR_MORE_DATA(234),
    ERROR_CANT_ENABLE_DENY_ONLY(629),
    ERROR_NOACCESS(998),
    ERROR_NO_TOKEN(1008),
    ERROR_NOT_FOUND(1168),
    ERROR_NOT_ALL_ASSIGNED(1300),
    ERROR_INVALID_OWNER(1307),
    ERROR_INVALID_PRIMARY_GROUP(1308),
    ERROR_NO_IMPERSONATION_TOKEN(1309),
    ERROR_CANT_DISABLE_MANDATORY(1310),
    ERROR_NO_SUCH_LOGON_SESSION(1312),
    ERROR_NO_SUCH_PRIVILEGE(1313),
    ERROR_PRIVILEGE_NOT_HELD(1314),
    ERROR_INVALID_ACL(1336),
    ERROR_INVALID_SID(1337),
    ERROR_INVALID_SECURITY_DESCR(1338),
    ERROR_BAD_INHERITANCE_ACL(1340),
    ERROR_BAD_IMPERSONATION_LEVEL(1346),
    ERROR_CANT_OPEN_ANONYMOUS(1347),
    ERROR_BAD_TOKEN_TYPE(1349),
    ERROR_GENERIC_NOT_MAPPED(1360),
    ERROR_BAD_LOGON_SESSION_STATE(1365),
    ERROR_CANNOT_IMPERSONATE(1368),
    ERROR_TOKEN_ALREADY_IN_USE(1375),
    ERROR_NO_SYSTEM_RESOURCES(1450),
    ERROR_NOT_ENOUGH_QUOTA(1816),
    // ---- files, devices and named pipes (io-skeleton, pipes)
    ERROR_FILE_NOT_FOUND(2),
    ERROR_PATH_NOT_FOUND(3),
    ERROR_SHARING_VIOLATION(32),
    ERROR_HANDLE_EOF(38),
    ERROR_FILE_EXISTS(80),
    ERROR_BROKEN_PIPE(109),
    ERROR_SEM_TIMEOUT(121),
    ERROR_INVALID_NAME(123),
    ERROR_BAD_PATHNAME(161),
    ERROR_ALREADY_EXISTS(183),
    ERROR_BAD_PIPE(230),
    ERROR_PIPE_BUSY(231),
    ERROR_NO_DATA(232),
    ERROR_PIPE_NOT_CONNECTED(233),
    ERROR_PIPE_CONNECTED(535),
    ERROR_PIPE_LISTENING(536),
    ERROR_OPERATION_ABORTED(995),
    ERROR_IO_INCOMPLETE(996),
    ERROR_IO_PENDING(997),
    // ---- accounts and logons (rules L, N)
    ERROR_SOME_NOT_MAPPED(1301),
    ERROR_LOGON_FAILURE(1326),
    ERROR_ACCOUNT_RESTRICTION(1327),
    ERROR_PASSWORD_EXPIRED(1330),
    ERROR_ACCOUNT_DISABLED(1331),
    ERROR_NONE_MAPPED(1332),
    ERROR_LOGON_TYPE_NOT_GRANTED(1385),
    RPC_S_INVALID_NET_ADDR(1707),
    // ---- disk file system, registry and object security (objects)
    ERROR_DIR_NOT_EMPTY(145),
    ERROR_NO_MORE_ITEMS(259),
    ERROR_DIRECTORY(267),
    ERROR_KEY_DELETED(1018),
    ERROR_UNKNOWN_REVISION(1305);

    private static final Map<Integer, Win32Error> BY_CODE = new HashMap<>();

    static {
        for (Win32Error error : values()) {
            BY_CODE.put(error.code, error);
        }
    }

    private final int code;

    Win32Error(int code) {
        this.code = code;
    }

    /** The numeric Win32 error code. */
    public int code() {
        return code;
    }

    /** The table entry for a raw error code, if tokenbridge knows it. */
    public static Optional<Win32Error> fromCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** The symbolic name of a raw error code, or {@code ERROR_<n>} when unknown. */
    public static String describe(int code) {
        Win32Error known = BY_CODE.get(code);
        return known != null ? known.name() : "ERROR_" + Integer.toUnsignedString(code);
    }

    /** The error for a symbolic name such as {@code ERROR_NO_TOKEN}. */
    public static Optional<Win32Error> fromName(String name) {
        try {
            return Optional.of(valueOf(name));
        } catch (IllegalArgumentException notFound) {
            return Optional.empty();
        }
    }
}
