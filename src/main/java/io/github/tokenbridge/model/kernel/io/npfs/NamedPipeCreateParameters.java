package io.github.tokenbridge.model.kernel.io.npfs;

/**
 * {@code NAMED_PIPE_CREATE_PARAMETERS} of {@code NtCreateNamedPipeFile}.
 *
 * @param messageType     FILE_PIPE_MESSAGE_TYPE (else byte type)
 * @param readModeMessage FILE_PIPE_MESSAGE_MODE for the server end's reads
 * @param nonBlocking     FILE_PIPE_COMPLETE_OPERATION (PIPE_NOWAIT)
 * @param maxInstances    the instance limit, or -1 for unlimited
 * @param inboundQuota    the inbound buffer size
 * @param outboundQuota   the outbound buffer size
 * @param defaultTimeout  the default time-out in milliseconds
 * @param rejectRemote    FILE_PIPE_REJECT_REMOTE_CLIENTS (P9)
 * @param inbound         the server end reads (PIPE_ACCESS_INBOUND or DUPLEX)
 * @param outbound        the server end writes (PIPE_ACCESS_OUTBOUND or DUPLEX)
 */
public record NamedPipeCreateParameters(boolean messageType, boolean readModeMessage, boolean nonBlocking, int maxInstances,
                                        int inboundQuota, int outboundQuota, int defaultTimeout, boolean rejectRemote,
                                        boolean inbound, boolean outbound) {
}
