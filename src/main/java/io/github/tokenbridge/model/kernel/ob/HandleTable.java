package io.github.tokenbridge.model.kernel.ob;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A process's handle table: handle values are positive multiples of 4, as on Windows, and a closed
 * value may be reused later (lowest free value first).
 *
 * <p>Laid out like the Windows handle table: entries live in pages indexed by {@code value / 4}
 * (looked up without a lock), and free values are kept in several free lists, a Java thread using
 * the one assigned to it on first use (Windows keeps one per processor), which takes a run of {@value #CHUNK} new values
 * at a time when it runs dry. So threads opening and closing handles share no lock and no written
 * cache line. On one thread the values are exactly 4, 8, 12, ... with the lowest free value reused
 * first; a value closed on another thread is reused by that thread.
 */
public final class HandleTable {

    /** Handle entries per page. */
    private static final int PAGE = 1024;
    /** Pages per table: at most {@code PAGE * PAGES} (4M) handles; Windows caps a table at ~16M. */
    private static final int PAGES = 1 << 12;
    /** Free lists per table: {@code 1 << FREE_LIST_BITS}. */
    private static final int FREE_LIST_BITS = 3;
    private static final int FREE_LISTS = 1 << FREE_LIST_BITS;
    /** New values a free list takes when it is empty (two cache lines of entries, so threads rarely share one). */
    private static final int CHUNK = 32;
    /**
     * Each Java thread's free-list slot, the same in every table: handed out round robin as threads
     * first insert or remove, so up to {@value #FREE_LISTS} threads never share a free list (a hash of
     * the thread id made two threads share one about one time in eight; issue 17).
     */
    private static final AtomicInteger NEXT_SLOT = new AtomicInteger();
    private static final ThreadLocal<int[]> SLOT = ThreadLocal.withInitial(
            () -> new int[] {NEXT_SLOT.getAndIncrement() & (FREE_LISTS - 1)});

    private final AtomicReferenceArray<AtomicReferenceArray<HandleEntry>> pages = new AtomicReferenceArray<>(PAGES);
    private final FreeList[] freeLists = new FreeList[FREE_LISTS];
    /** The lowest index (value / 4) never handed to a free list. */
    private final AtomicLong nextUnusedIndex = new AtomicLong(1);

    public HandleTable() {
        for (int i = 0; i < FREE_LISTS; i++) {
            freeLists[i] = new FreeList();
        }
    }

    /** Inserts an entry and returns its handle value. */
    public long insert(HandleEntry entry) {
        Objects.requireNonNull(entry, "entry");
        FreeList free = freeListOfCallingThread();
        long index;
        free.lock();
        try {
            if (free.isEmpty()) {
                long first = nextUnusedIndex.getAndAdd(CHUNK);
                if (first + CHUNK > (long) PAGE * PAGES) {
                    throw new IllegalStateException("the handle table of this process is full (" + PAGE * PAGES + " handles)");
                }
                for (long i = first; i < first + CHUNK; i++) {
                    free.add(i);
                }
            }
            index = free.pollLowest();
        } finally {
            free.unlock();
        }
        page(index, true).setRelease((int) (index % PAGE), entry); // publishes the entry; readers read it volatile
        entry.object().handleOpened();
        return index * 4;
    }

    /** The entry for a handle value. */
    public Optional<HandleEntry> lookup(long value) {
        return Optional.ofNullable(get(value));
    }

    /** The entry for a handle value, or null. */
    public HandleEntry get(long value) {
        AtomicReferenceArray<HandleEntry> page = pageOf(value);
        return page == null ? null : page.get((int) ((value >> 2) % PAGE));
    }

    /** Removes an entry; empty when the value was not a handle. */
    public Optional<HandleEntry> remove(long value) {
        AtomicReferenceArray<HandleEntry> page = pageOf(value);
        if (page == null) {
            return Optional.empty();
        }
        int slot = (int) ((value >> 2) % PAGE);
        HandleEntry removed = page.get(slot);
        if (removed == null || !page.compareAndSet(slot, removed, null)) {
            return Optional.empty(); // not open, or another thread closed it first
        }
        FreeList free = freeListOfCallingThread();
        free.lock();
        try {
            free.add(value >> 2);
        } finally {
            free.unlock();
        }
        removed.object().handleClosed();
        return Optional.of(removed);
    }

    /** A snapshot of the open handles, handle value to entry, in value order (for invariant checks and fuzzing oracles). */
    public Map<Long, HandleEntry> snapshot() {
        Map<Long, HandleEntry> open = new TreeMap<>();
        for (int p = 0; p < PAGES; p++) {
            AtomicReferenceArray<HandleEntry> page = pages.get(p);
            if (page == null) {
                continue;
            }
            for (int i = 0; i < PAGE; i++) {
                HandleEntry entry = page.get(i);
                if (entry != null) {
                    open.put(((long) p * PAGE + i) * 4, entry);
                }
            }
        }
        return open;
    }

    /** The number of open handles. */
    public int size() {
        int count = 0;
        for (int p = 0; p < PAGES; p++) {
            AtomicReferenceArray<HandleEntry> page = pages.get(p);
            if (page == null) {
                continue;
            }
            for (int i = 0; i < PAGE; i++) {
                if (page.get(i) != null) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The calling thread's free list (its round-robin slot). */
    private FreeList freeListOfCallingThread() {
        return freeLists[SLOT.get()[0]];
    }

    private AtomicReferenceArray<HandleEntry> pageOf(long value) {
        if (value <= 0 || (value & 3) != 0 || (value >> 2) >= (long) PAGE * PAGES) {
            return null;
        }
        return page(value >> 2, false);
    }

    private AtomicReferenceArray<HandleEntry> page(long index, boolean create) {
        int p = (int) (index / PAGE);
        AtomicReferenceArray<HandleEntry> page = pages.get(p);
        if (page == null && create) {
            pages.compareAndSet(p, null, new AtomicReferenceArray<>(PAGE));
            page = pages.get(p);
        }
        return page;
    }

    /** Cache-line padding before a free list's fields (HotSpot lays superclass fields out first). */
    @SuppressWarnings("unused")
    private static class FreeListPadding {
        long p0, p1, p2, p3, p4, p5, p6, p7;
    }

    /** A free list's fields, between two paddings. */
    private static class FreeListFields extends FreeListPadding {
        volatile int locked;
        long[] heap = new long[CHUNK];
        int size;
    }

    /**
     * A min-heap of free entry indexes, guarded by a tiny lock of its own: one CAS to take, a
     * release store to give back (a free list is nearly always used by one thread only). Padded to
     * cache lines of its own: the lists are allocated together, and two threads taking the locks of
     * neighbouring lists would otherwise write the same cache line (issue 17).
     */
    @SuppressWarnings("unused")
    private static final class FreeList extends FreeListFields {
        private static final AtomicIntegerFieldUpdater<FreeListFields> LOCKED =
                AtomicIntegerFieldUpdater.newUpdater(FreeListFields.class, "locked");

        long q0, q1, q2, q3, q4, q5, q6, q7;

        void lock() {
            int spins = 0;
            while (!LOCKED.compareAndSet(this, 0, 1)) {
                if (++spins < 64) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield(); // the holder may be descheduled
                }
            }
        }

        void unlock() {
            LOCKED.lazySet(this, 0);
        }

        boolean isEmpty() {
            return size == 0;
        }

        void add(long index) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heap[parent] <= index) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = index;
        }

        long pollLowest() {
            long lowest = heap[0];
            long last = heap[--size];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < size && heap[child + 1] < heap[child]) {
                    child++;
                }
                if (last <= heap[child]) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            if (size > 0) {
                heap[i] = last;
            }
            return lowest;
        }
    }
}
