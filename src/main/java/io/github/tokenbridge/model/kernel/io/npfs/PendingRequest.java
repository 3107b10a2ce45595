package io.github.tokenbridge.model.kernel.io.npfs;

import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.io.IoRequest;

import java.util.function.Supplier;

/**
 * An overlapped request npfs left pending (its IRP in a wait queue) with the attempt that is
 * retried after each change of its pipe's state.
 *
 * @param request the request
 * @param attempt the operation; returns the would-block marker while it cannot complete
 */
record PendingRequest(IoRequest request, Supplier<Result<?>> attempt) {
}
