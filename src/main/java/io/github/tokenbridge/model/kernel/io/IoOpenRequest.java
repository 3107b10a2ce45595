package io.github.tokenbridge.model.kernel.io;

import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.SecurityQualityOfService;

import java.util.Objects;

/**
 * One {@code IRP_MJ_CREATE} as a file system sees it: who opens, the name left after the device
 * part, and the NtCreateFile parameters.
 *
 * @param caller             the thread that opens (its effective token is checked and, for a pipe
 *                           client, captured)
 * @param remainingName      the name inside the device, starting with {@code \} (or empty for the device itself)
 * @param desiredAccess      the access asked for (generic rights not yet mapped)
 * @param fileAttributes     {@code FILE_ATTRIBUTE_*}
 * @param shareAccess        {@code FILE_SHARE_*}
 * @param disposition        {@code FILE_SUPERSEDE} .. {@code FILE_OVERWRITE_IF} (0..5)
 * @param createOptions      {@code FILE_*} create options ({@link #FILE_SYNCHRONOUS_IO_NONALERT}, ...)
 * @param securityDescriptor the descriptor in the object attributes, or null for none
 * @param qos                the SECURITY_QUALITY_OF_SERVICE in the object attributes, or null for none
 * @param createParameters   the type-specific parameters ({@code NtCreateNamedPipeFile}'s, say), or
 *                           null for an ordinary open
 */
public record IoOpenRequest(ThreadObject caller, String remainingName, int desiredAccess, int fileAttributes, int shareAccess,
                            int disposition, int createOptions, SecurityDescriptor securityDescriptor,
                            SecurityQualityOfService qos, Object createParameters) {

    /** {@code FILE_SUPERSEDE}. */
    public static final int FILE_SUPERSEDE = 0;
    /** {@code FILE_OPEN}. */
    public static final int FILE_OPEN = 1;
    /** {@code FILE_CREATE}. */
    public static final int FILE_CREATE = 2;
    /** {@code FILE_OPEN_IF}. */
    public static final int FILE_OPEN_IF = 3;
    /** {@code FILE_OVERWRITE}. */
    public static final int FILE_OVERWRITE = 4;
    /** {@code FILE_OVERWRITE_IF}. */
    public static final int FILE_OVERWRITE_IF = 5;
    /** {@code FILE_SYNCHRONOUS_IO_ALERT}. */
    public static final int FILE_SYNCHRONOUS_IO_ALERT = 0x10;
    /** {@code FILE_SYNCHRONOUS_IO_NONALERT}. */
    public static final int FILE_SYNCHRONOUS_IO_NONALERT = 0x20;

    public IoOpenRequest {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(remainingName, "remainingName");
    }

    /** True when the open asks for synchronous I/O (no OVERLAPPED on this handle). */
    public boolean synchronousIo() {
        return (createOptions & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT)) != 0;
    }
}
