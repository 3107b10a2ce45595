package io.github.tokenbridge.model;

import io.github.tokenbridge.Luid;

/**
 * A source of locally unique identifiers for one model world, modelling {@code ExAllocateLocallyUniqueId}
 * (token ids, modified ids, logon sessions; R9). Injectable so that model runs are deterministic.
 */
public interface LuidSource {

    /** The next identifier; never the same value twice within one source. */
    Luid next();

    /** A counter starting at {@code first} and counting up by one. */
    static LuidSource counter(long first) {
        return new CountingLuidSource(first);
    }
}
