package io.github.tokenbridge.model.kernel.io.npfs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One open of the named-pipe file system's root (the file object's context, as a pipe end is for
 * a pipe): the FSCTL_PIPE_WAIT requests issued on it that still wait (P11).
 */
final class PipeRootOpen {

    /** The waits of this open still queued on a pipe. */
    final Set<PipeWaiter> waits = ConcurrentHashMap.newKeySet();
}
