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
    /** The captured context, until a server read makes it the instance's (then null: the instance owns it). */
    private ClientSecurityContext clientContext;

    PipeMessage(byte[] data, ClientSecurityContext clientContext) {
        this.data = data;
        this.clientContext = clientContext;
    }

    /** The context this message still owns, or null. */
    ClientSecurityContext clientContext() {
        return clientContext;
    }

    /**
     * Hands the context over to the reading server (once): from then on the instance owns it, so
     * dropping the queue does not delete it a second time (a zero-length read of a message makes
     * it current without consuming anything).
     */
    ClientSecurityContext takeClientContext() {
        ClientSecurityContext taken = clientContext;
        clientContext = null;
        return taken;
    }

    int remaining() {
        return data.length - consumed;
    }
}
