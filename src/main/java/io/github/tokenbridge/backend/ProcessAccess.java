package io.github.tokenbridge.backend;

import java.util.Arrays;
import java.util.Optional;

/** Process object access rights ({@code PROCESS_*}) that the token functions check (R22). */
public enum ProcessAccess {
    PROCESS_TERMINATE(0x0001),
    PROCESS_CREATE_THREAD(0x0002),
    PROCESS_VM_OPERATION(0x0008),
    PROCESS_VM_READ(0x0010),
    PROCESS_VM_WRITE(0x0020),
    PROCESS_DUP_HANDLE(0x0040),
    PROCESS_CREATE_PROCESS(0x0080),
    PROCESS_SET_QUOTA(0x0100),
    PROCESS_SET_INFORMATION(0x0200),
    PROCESS_QUERY_INFORMATION(0x0400),
    PROCESS_SUSPEND_RESUME(0x0800),
    PROCESS_QUERY_LIMITED_INFORMATION(0x1000),
    PROCESS_ALL_ACCESS(0x001FFFFF);

    private final int mask;

    ProcessAccess(int mask) {
        this.mask = mask;
    }

    /** The right's mask. */
    public int mask() {
        return mask;
    }

    /** The right with this Windows name. */
    public static Optional<ProcessAccess> fromName(String name) {
        return Arrays.stream(values()).filter(a -> a.name().equals(name)).findFirst();
    }
}
