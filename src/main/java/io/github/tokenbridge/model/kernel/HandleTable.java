package io.github.tokenbridge.model.kernel;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A process's handle table: handle values are positive multiples of 4, as on Windows, and a closed
 * value may be reused later (lowest free value first).
 */
public final class HandleTable {

    private final Map<Long, HandleEntry> entries = new HashMap<>();

    /** Inserts an entry and returns its handle value. */
    public synchronized long insert(HandleEntry entry) {
        long value = 4;
        while (entries.containsKey(value)) {
            value += 4;
        }
        entries.put(value, entry);
        return value;
    }

    /** The entry for a handle value. */
    public synchronized Optional<HandleEntry> lookup(long value) {
        return Optional.ofNullable(entries.get(value));
    }

    /** Removes an entry; empty when the value was not a handle. */
    public synchronized Optional<HandleEntry> remove(long value) {
        return Optional.ofNullable(entries.remove(value));
    }

    /** A copy of the table, handle value to entry (for invariant checks and fuzzing oracles). */
    public synchronized Map<Long, HandleEntry> snapshot() {
        return new HashMap<>(entries);
    }

    /** The number of open handles. */
    public synchronized int size() {
        return entries.size();
    }
}
