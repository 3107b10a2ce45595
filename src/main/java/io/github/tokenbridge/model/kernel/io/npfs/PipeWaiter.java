package io.github.tokenbridge.model.kernel.io.npfs;

import io.github.tokenbridge.model.kernel.io.IoRequest;

import java.util.concurrent.ScheduledFuture;

/**
 * An FSCTL_PIPE_WAIT request (WaitNamedPipeW) queued under a pipe name until one of its instances listens,
 * its time-out timer fires (STATUS_IO_TIMEOUT), or it is cancelled (P11).
 */
final class PipeWaiter {

    final IoRequest request;
    /** The pipe name waited for, in lower case (the wait queue is the file system's, by name). */
    final String key;
    final PipeRootOpen open;
    /** The time-out timer, or null when the wait has none (NMPWAIT_WAIT_FOREVER). */
    ScheduledFuture<?> timer;

    PipeWaiter(IoRequest request, String key, PipeRootOpen open) {
        this.request = request;
        this.key = key;
        this.open = open;
    }
}
