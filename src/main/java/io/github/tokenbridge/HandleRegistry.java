package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The handles one {@link TokenSystem} owns: registers each with the stack that opened it, closes
 * it through the backend exactly once, and keeps the leak report (handles closed by the Cleaner
 * or by the system's own close). Borrowed handles (owned by someone else, {@link TokenSystem#borrow})
 * are tracked only so that they become unusable with the system; they are never closed, listed or
 * reported as leaks.
 */
final class HandleRegistry {

    private static final Cleaner CLEANER = Cleaner.create();
    private static final System.Logger LOG = System.getLogger(TokenSystem.class.getName());

    private final TokenBackend backend;
    private final Failures failures;
    private final Set<HandleState> open = ConcurrentHashMap.newKeySet();
    private final List<LeakReport.Leak> leaks = new ArrayList<>();
    private volatile boolean closed;
    private volatile LeakDetection detection = LeakDetection.defaultLevel();

    HandleRegistry(TokenBackend backend, Failures failures) {
        this.backend = backend;
        this.failures = failures;
    }

    LeakDetection detection() {
        return detection;
    }

    void detection(LeakDetection level) {
        detection = level;
    }

    /** Takes ownership of a handle that is not a token's (a pipe, an event): no access mask to describe. */
    HandleState register(Object owner, Handle handle, String description) {
        return register(owner, handle, description, HandleState.NO_MASK, true);
    }

    /**
     * Takes ownership of {@code handle}, closing it when {@code owner} is unreachable and unclosed.
     *
     * Owned ({@code owning}) handles are closed exactly once; borrowed ones are never closed by tokenbridge.
     *
     * @param accessMask the token rights to append to {@code description}, or {@link HandleState#NO_MASK}
     */
    HandleState register(Object owner, Handle handle, String description, int accessMask, boolean owning) {
        LeakDetection level = detection;
        List<StackTraceElement> stack = level == LeakDetection.FULL
                || level == LeakDetection.SAMPLED && ThreadLocalRandom.current().nextInt(LeakDetection.SAMPLE_INTERVAL) == 0
                ? callerStack() : null;
        HandleState state = new HandleState(this, handle, description, accessMask, Thread.currentThread().getName(),
                stack, level, owning);
        state.cleanable(CLEANER.register(owner, state));
        open.add(state);
        if (closed) {
            state.forceClose(LeakReport.Reason.OPEN_WHEN_SYSTEM_CLOSED); // lost a race with TokenSystem.close()
            throw new IllegalStateException("the TokenSystem was closed while " + state.info().description()
                    + " was being opened");
        }
        return state;
    }

    /** The stack of the current call without tokenbridge's own root-package frames on top. */
    private static List<StackTraceElement> callerStack() {
        List<StackTraceElement> stack = Arrays.asList(new Throwable().getStackTrace());
        String root = "io.github.tokenbridge.";
        int first = 0;
        while (first < stack.size() - 1) {
            String cls = stack.get(first).getClassName();
            if (!cls.startsWith(root) || cls.indexOf('.', root.length()) >= 0) {
                break;
            }
            first++;
        }
        return stack.subList(first, stack.size());
    }

    /** Called exactly once per handle: closes it and records a leak when {@code reason} is not null. */
    WinTokenException closed(HandleState state, LeakReport.Reason reason) {
        open.remove(state);
        if (!state.owning()) {
            return null; // borrowed: its owner closes it
        }
        Result<Void> result = backend.closeHandle(state.handle());
        if (reason != null) {
            synchronized (leaks) {
                leaks.add(new LeakReport.Leak(state.info(), reason));
            }
            TokenEvents.handleLeaked(state.info(), reason);
            if (reason == LeakReport.Reason.GARBAGE_COLLECTED_WITHOUT_CLOSE) {
                LOG.log(System.Logger.Level.WARNING, "tokenbridge closed a leaked handle: {0}", state.info());
            }
        }
        if (!result.succeeded()) {
            WinTokenException failure = failures.exception(result, "CloseHandle", state.info().toString());
            LOG.log(System.Logger.Level.ERROR, failure.getMessage());
            return failure;
        }
        return null;
    }

    /** The handles still open. */
    List<OpenHandle> openHandles() {
        List<OpenHandle> list = new ArrayList<>();
        for (HandleState state : open) {
            if (state.owning()) {
                list.add(state.info());
            }
        }
        return list;
    }

    /** Closes every handle still open, as leaked because the system closed, and logs the report when not empty. */
    void closeAll() {
        closed = true;
        for (HandleState state : List.copyOf(open)) {
            state.forceClose(LeakReport.Reason.OPEN_WHEN_SYSTEM_CLOSED);
        }
        LeakReport report = report();
        if (!report.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "TokenSystem closed with {0}", report);
        }
    }

    /** The leaks found so far. */
    LeakReport report() {
        synchronized (leaks) {
            return new LeakReport(leaks);
        }
    }
}
