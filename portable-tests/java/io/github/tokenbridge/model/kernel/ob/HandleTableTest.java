package io.github.tokenbridge.model.kernel.ob;

import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.ps.ProcessObject;

import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model's per-process handle table: handle values, reuse, exactly-once close, and concurrent use. */
class HandleTableTest {

    private HandleTable table;
    private HandleEntry entry;

    @BeforeEach
    void setUp() {
        ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
        ProcessObject process = ModelInternals.kernelServices(backend.world()).kernel().findProcess(backend.getCurrentProcessId()).orElseThrow();
        table = new HandleTable();
        entry = new HandleEntry(process, 0x1000, 0);
    }

    @Test
    @DisplayName("handle values are 4, 8, 12, ... on one thread")
    void insert_oneThread_givesConsecutiveMultiplesOfFour() {
        for (long expected = 4; expected <= 400; expected += 4) {
            assertEquals(expected, table.insert(entry));
        }
        assertEquals(100, table.size());
    }

    @Test
    @DisplayName("a closed value is reused, the lowest free one first")
    void insert_afterCloses_reusesLowestFreeValue() {
        for (int i = 0; i < 5; i++) {
            table.insert(entry); // 4 .. 20
        }
        assertTrue(table.remove(16).isPresent());
        assertTrue(table.remove(8).isPresent());
        assertEquals(8, table.insert(entry));
        assertEquals(16, table.insert(entry));
        assertEquals(24, table.insert(entry));
    }

    @Test
    @DisplayName("closing a value twice, or one never handed out, finds nothing")
    void remove_notOpen_isEmpty() {
        long value = table.insert(entry);
        assertSame(entry, table.remove(value).orElseThrow());
        assertTrue(table.remove(value).isEmpty());
        assertTrue(table.remove(0).isEmpty());
        assertTrue(table.remove(-4).isEmpty());
        assertTrue(table.remove(6).isEmpty());
        assertTrue(table.remove(4L << 40).isEmpty());
        assertNull(table.get(value));
        assertEquals(0, table.size());
    }

    @Test
    @DisplayName("the snapshot lists exactly the open handles")
    void snapshot_someClosed_listsOpenOnes() {
        long a = table.insert(entry);
        long b = table.insert(entry);
        long c = table.insert(entry);
        table.remove(b);
        assertEquals(List.of(a, c), new ArrayList<>(table.snapshot().keySet()));
    }

    @Test
    @DisplayName("threads opening and closing at once never share an open value, and every close counts once")
    void insertAndRemove_twoThreads_valuesUniqueWhileOpen() throws Exception {
        int threads = 2;
        int rounds = 20_000;
        Set<Long> open = ConcurrentHashMap.newKeySet();
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    Set<Long> mine = new HashSet<>();
                    for (int i = 0; i < rounds; i++) {
                        long value = table.insert(entry);
                        if (!open.add(value)) {
                            throw new AssertionError("value " + value + " handed out while open");
                        }
                        mine.add(value);
                        if (i % 3 != 0) {
                            open.remove(value);
                            mine.remove(value);
                            if (table.remove(value).isEmpty()) {
                                throw new AssertionError("value " + value + " was not open");
                            }
                        }
                    }
                    for (long value : mine) {
                        open.remove(value);
                        table.remove(value).orElseThrow();
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(0, table.size());
    }
}
