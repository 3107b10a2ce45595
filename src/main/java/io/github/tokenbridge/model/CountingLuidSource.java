package io.github.tokenbridge.model;

import io.github.tokenbridge.Luid;

import java.util.concurrent.atomic.AtomicLong;

/** A deterministic {@link LuidSource}: consecutive values from a fixed start, thread-safe. */
final class CountingLuidSource implements LuidSource {

    private final AtomicLong nextValue;

    CountingLuidSource(long first) {
        if (first <= 0x3E7) {
            throw new IllegalArgumentException("LUIDs up to 0x3E7 are reserved for well-known logon sessions");
        }
        this.nextValue = new AtomicLong(first);
    }

    @Override
    public Luid next() {
        return new Luid(nextValue.getAndIncrement());
    }
}
