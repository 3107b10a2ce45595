package io.github.tokenbridge.backend;

import java.util.Arrays;
import java.util.Optional;

/** Thread object access rights ({@code THREAD_*}) that the token functions check (R31, R35, R43, R44). */
public enum ThreadAccess {
    THREAD_TERMINATE(0x0001),
    THREAD_SUSPEND_RESUME(0x0002),
    THREAD_GET_CONTEXT(0x0008),
    THREAD_SET_CONTEXT(0x0010),
    THREAD_SET_INFORMATION(0x0020),
    THREAD_QUERY_INFORMATION(0x0040),
    THREAD_SET_THREAD_TOKEN(0x0080),
    THREAD_IMPERSONATE(0x0100),
    THREAD_DIRECT_IMPERSONATION(0x0200),
    THREAD_SET_LIMITED_INFORMATION(0x0400),
    THREAD_QUERY_LIMITED_INFORMATION(0x0800),
    THREAD_ALL_ACCESS(0x001FFFFF);

    private final int mask;

    ThreadAccess(int mask) {
        this.mask = mask;
    }

    /** The right's mask. */
    public int mask() {
        return mask;
    }

    /** The right with this Windows name. */
    public static Optional<ThreadAccess> fromName(String name) {
        return Arrays.stream(values()).filter(a -> a.name().equals(name)).findFirst();
    }
}
