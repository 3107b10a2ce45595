package io.github.tokenbridge.model.kernel.io.npfs;

import io.github.tokenbridge.model.kernel.se.ClientSecurityContext;
import io.github.tokenbridge.model.kernel.se.SecurityQualityOfService;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One instance of a named pipe: its connection state, the data queued towards each end, and the
 * client's security (the context the server impersonates and the client's quality of service).
 * Guarded by its pipe's lock.
 */
final class PipeInstance {

    /** The states of npfs's CCB. */
    enum State {
        /** Waiting for a client (a new instance, or after ConnectNamedPipe following a disconnect). */
        LISTENING,
        /** A client is connected. */
        CONNECTED,
        /** The client closed its end; the server has not disconnected yet. */
        CLOSING,
        /** The server disconnected; ConnectNamedPipe makes the instance listen again. */
        DISCONNECTED
    }

    final NamedPipe pipe;
    final boolean serverReadsMessages;
    State state = State.LISTENING;
    long listenSequence;
    /** Incremented at each client connect; a client end of an older connection is disconnected. */
    int generation;
    boolean serverClosed;
    final Deque<PipeMessage> toServer = new ArrayDeque<>();
    final Deque<PipeMessage> toClient = new ArrayDeque<>();
    /** The context ImpersonateNamedPipeClient uses, or null (STATUS_CANNOT_IMPERSONATE). */
    ClientSecurityContext clientContext;
    /** The client's quality of service (per-message capture when it tracks dynamically). */
    SecurityQualityOfService clientQos;
    int clientProcessId;
    boolean clientProcessIdKnown;

    PipeInstance(NamedPipe pipe, boolean serverReadsMessages) {
        this.pipe = pipe;
        this.serverReadsMessages = serverReadsMessages;
        this.listenSequence = pipe.nextListenSequence();
    }

    /** True when {@code end} is a client end of the current connection. */
    boolean isCurrentClient(PipeEnd end) {
        return !end.server() && end.generation() == generation && (state == State.CONNECTED || state == State.CLOSING);
    }
}
