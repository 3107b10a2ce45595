package io.github.tokenbridge;

import java.util.List;
import java.util.Objects;

/**
 * The handles a {@link TokenSystem} had to close itself: those whose owner was garbage collected
 * without {@code close()}, and those still open when the system was closed. Each names where it
 * was opened.
 *
 * @param leaks the leaked handles, in the order they were found
 */
public record LeakReport(List<Leak> leaks) {

    private static final int PRINTED_FRAMES = 8;

    /** Why a handle counts as leaked. */
    public enum Reason {
        /** Its {@link AccessToken} became unreachable without being closed; the Cleaner closed it. */
        GARBAGE_COLLECTED_WITHOUT_CLOSE,
        /** It was still open when its {@link TokenSystem} was closed, which closed it. */
        OPEN_WHEN_SYSTEM_CLOSED
    }

    /**
     * One leaked handle.
     *
     * @param handle the handle and where it was opened
     * @param reason why it counts as leaked
     */
    public record Leak(OpenHandle handle, Reason reason) {

        public Leak {
            Objects.requireNonNull(handle, "handle");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public LeakReport {
        leaks = List.copyOf(leaks);
    }

    /** True when nothing leaked. */
    public boolean isEmpty() {
        return leaks.isEmpty();
    }

    /** A multi-line report: one line per leak, then the top of the stack that opened it. */
    @Override
    public String toString() {
        if (leaks.isEmpty()) {
            return "no leaked handles";
        }
        StringBuilder sb = new StringBuilder(leaks.size() + " leaked handle(s):");
        for (Leak leak : leaks) {
            sb.append(System.lineSeparator()).append("  ").append(leak.reason()).append(": ").append(leak.handle());
            List<StackTraceElement> stack = leak.handle().openedAt();
            LeakDetection level = leak.handle().detection();
            sb.append(System.lineSeparator()).append("      [leak detection ").append(level)
                    .append(stack.isEmpty() ? ": opening stack not recorded; -D" + LeakDetection.PROPERTY
                            + "=full records every one" : level == LeakDetection.SAMPLED ? ": this handle was sampled" : "")
                    .append(']');
            for (int i = 0; i < Math.min(stack.size(), PRINTED_FRAMES); i++) {
                sb.append(System.lineSeparator()).append("      at ").append(stack.get(i));
            }
            if (stack.size() > PRINTED_FRAMES) {
                sb.append(System.lineSeparator()).append("      ... ").append(stack.size() - PRINTED_FRAMES).append(" more");
            }
        }
        return sb.toString();
    }
}
