package io.github.tokenbridge;

/**
 * How a {@link NamedPipeServer} creates its pipe instance.
 *
 * @param maxInstances  1..254, or 255 for unlimited (PIPE_UNLIMITED_INSTANCES)
 * @param messageMode   PIPE_TYPE_MESSAGE with message reads (else bytes)
 * @param sddl          the pipe's descriptor in SDDL, or null for Windows' default pipe DACL (P6)
 * @param rejectRemote  PIPE_REJECT_REMOTE_CLIENTS (P9)
 * @param firstInstance FILE_FLAG_FIRST_PIPE_INSTANCE: fail when the name exists (P4; guards against squatting)
 */
public record PipeServerOptions(int maxInstances, boolean messageMode, String sddl, boolean rejectRemote, boolean firstInstance) {

    public PipeServerOptions {
        if (maxInstances < 1 || maxInstances > 255) {
            throw new IllegalArgumentException("maxInstances must be 1..255 (255: unlimited): " + maxInstances);
        }
    }

    /** Message mode, unlimited instances, the default DACL, remote clients rejected, not first-instance. */
    public static PipeServerOptions defaults() {
        return new PipeServerOptions(255, true, null, true, false);
    }

    /** These options with {@code sddl} as the pipe's descriptor. */
    public PipeServerOptions withSddl(String sddl) {
        return new PipeServerOptions(maxInstances, messageMode, sddl, rejectRemote, firstInstance);
    }

    /** These options with FILE_FLAG_FIRST_PIPE_INSTANCE set or cleared. */
    public PipeServerOptions withFirstInstance(boolean first) {
        return new PipeServerOptions(maxInstances, messageMode, sddl, rejectRemote, first);
    }
}
