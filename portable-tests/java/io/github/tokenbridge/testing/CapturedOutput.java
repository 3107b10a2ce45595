package io.github.tokenbridge.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What a test provokes on purpose and must not print: tokenbridge's log records (its
 * {@code System.Logger}, which runs on java.util.logging) and the exceptions that reach the default
 * uncaught-exception handler (pool threads poisoned by a failed restore, R46). Open one with
 * {@link #capture()} in a try-with-resources block around the fault; it collects instead of
 * printing, and {@link #close()} restores the logger and the handler as they were.
 *
 * <p>A capture is an assertion, not a mute: each expected record or exception must be claimed with
 * {@link #assertLogged} or {@link #awaitUncaught} (so a missing warning fails the test), and
 * {@link #close()} fails when a WARNING or SEVERE record or an uncaught exception was captured that
 * the test did not claim (so an unexpected fault is not hidden either).
 */
public final class CapturedOutput implements AutoCloseable {

    /** The logger every tokenbridge log line goes to. */
    public static final String LOGGER = "io.github.tokenbridge.TokenSystem";
    private static final long WAIT_SECONDS = 30;

    private final Logger logger;
    private final boolean parentHandlers;
    private final Thread.UncaughtExceptionHandler previousHandler;
    private final Collector collector = new Collector();
    private final List<LogRecord> records = new ArrayList<>();
    private final List<Boolean> claimedRecords = new ArrayList<>();
    private final List<Throwable> uncaught = new ArrayList<>();
    private final List<Boolean> claimedUncaught = new ArrayList<>();
    private boolean closed;

    private CapturedOutput() {
        logger = Logger.getLogger(LOGGER);
        parentHandlers = logger.getUseParentHandlers();
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        logger.addHandler(collector);
        logger.setUseParentHandlers(false);
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            synchronized (this) {
                uncaught.add(e);
                claimedUncaught.add(false);
                notifyAll();
            }
        });
    }

    /** Starts capturing tokenbridge's log records and uncaught exceptions of every thread. */
    public static CapturedOutput capture() {
        return new CapturedOutput();
    }

    /**
     * Asserts that at least one record at {@code level} whose formatted message contains
     * {@code fragment} was logged, claims every such record, and returns the first one's message.
     */
    public synchronized String assertLogged(Level level, String fragment) {
        return assertLogged(level, fragment, -1).get(0);
    }

    /**
     * Asserts that exactly {@code times} records at {@code level} containing {@code fragment} were
     * logged (any positive number when {@code times} is -1), claims them and returns their messages.
     */
    public synchronized List<String> assertLogged(Level level, String fragment, int times) {
        List<String> matched = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            LogRecord r = records.get(i);
            String message = message(r);
            if (r.getLevel().equals(level) && message.contains(fragment)) {
                matched.add(message);
                claimedRecords.set(i, true);
            }
        }
        if (times < 0 ? matched.isEmpty() : matched.size() != times) {
            throw new AssertionError("expected " + (times < 0 ? "a" : times) + " " + level + " record(s) containing \""
                    + fragment + "\"; captured: " + describeRecords());
        }
        return matched;
    }

    /** Claims and returns every captured record at {@code level} (for tests that count them). */
    public synchronized List<String> claimAll(Level level) {
        List<String> matched = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).getLevel().equals(level)) {
                matched.add(message(records.get(i)));
                claimedRecords.set(i, true);
            }
        }
        return matched;
    }

    /**
     * Waits (up to 30 s: a thread may die after the executor reports itself terminated) until an
     * uncaught exception of {@code type} has reached the default handler, claims it and returns it.
     */
    public synchronized <T extends Throwable> T awaitUncaught(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            for (int i = 0; i < uncaught.size(); i++) {
                if (!claimedUncaught.get(i) && type.isInstance(uncaught.get(i))) {
                    claimedUncaught.set(i, true);
                    return type.cast(uncaught.get(i));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no uncaught " + type.getName() + " within " + WAIT_SECONDS + " s; captured: " + uncaught);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * Restores the logger and the default uncaught-exception handler, then fails if a WARNING or
     * SEVERE record or an uncaught exception was captured and not claimed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        logger.removeHandler(collector);
        logger.setUseParentHandlers(parentHandlers);
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (!claimedRecords.get(i) && records.get(i).getLevel().intValue() >= Level.WARNING.intValue()) {
                unexpected.add(records.get(i).getLevel() + ": " + message(records.get(i)));
            }
        }
        for (int i = 0; i < uncaught.size(); i++) {
            if (!claimedUncaught.get(i)) {
                unexpected.add("uncaught " + uncaught.get(i));
            }
        }
        if (!unexpected.isEmpty()) {
            AssertionError error = new AssertionError("captured output the test did not expect: " + unexpected);
            for (int i = 0; i < uncaught.size(); i++) {
                if (!claimedUncaught.get(i)) {
                    error.addSuppressed(uncaught.get(i));
                }
            }
            throw error;
        }
    }

    private synchronized void add(LogRecord record) {
        records.add(record);
        claimedRecords.add(false);
    }

    private String describeRecords() {
        List<String> all = new ArrayList<>();
        for (LogRecord r : records) {
            all.add(r.getLevel() + ": " + message(r));
        }
        return all.toString();
    }

    private static String message(LogRecord record) {
        return new SimpleFormatter().formatMessage(record);
    }

    /** The handler that collects into this capture. */
    private final class Collector extends Handler {
        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
