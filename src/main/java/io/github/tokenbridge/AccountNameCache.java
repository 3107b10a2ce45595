package io.github.tokenbridge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded, least-recently-used cache of SID-to-account answers, the unmapped ones included (as
 * empty), shared by the threads of one {@link TokenSystem}.
 */
final class AccountNameCache {

    /** The default bound: enough for every group of a large domain token many times over. */
    static final int DEFAULT_CAPACITY = 4096;

    private final int capacity;
    private final Map<Sid, Optional<Account>> entries;

    AccountNameCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Sid, Optional<Account>> eldest) {
                return size() > AccountNameCache.this.capacity;
            }
        };
    }

    /** The cached answer for {@code sid}: null when not cached, empty when cached as unmapped. */
    synchronized Optional<Account> get(Sid sid) {
        return entries.get(sid);
    }

    synchronized void put(Sid sid, Optional<Account> answer) {
        entries.put(sid, answer);
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized void clear() {
        entries.clear();
    }
}
