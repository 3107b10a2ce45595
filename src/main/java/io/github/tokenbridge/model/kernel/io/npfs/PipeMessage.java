package io.github.tokenbridge.model.kernel.io.npfs;

import io.github.tokenbridge.model.kernel.se.ClientSecurityContext;

/**
 * One write queued on a pipe end ({@code NP_DATA_QUEUE_ENTRY}): its bytes, how many a byte-mode
 * read already took, and, for a client's write under per-message capture, the client's security
 * captured at the write (ReactOS npfs: the entry carries it, the server's read makes it current).
 */
final class PipeMessage {

    final byte[] data;
    int consumed;
    final ClientSecurityContext clientContext;

    PipeMessage(byte[] data, ClientSecurityContext clientContext) {
        this.data = data;
        this.clientContext = clientContext;
    }

    int remaining() {
        return data.length - consumed;
    }
}
