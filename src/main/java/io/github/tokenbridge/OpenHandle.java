package io.github.tokenbridge;

import java.util.List;
import java.util.Objects;

/**
 * A handle that a {@link TokenSystem} opened and still owns, with where it was opened: the
 * entries of {@link TokenSystem#openHandles()} and of a {@link LeakReport}.
 *
 * @param handle         the handle value as the backend printed it
 * @param description    what the handle is, for example {@code process token (TOKEN_QUERY)}
 * @param openedOnThread the name of the thread that opened it
 * @param openedAt       the stack of the call that opened it, innermost frame first; empty when the
 *                       {@code detection} level did not record it
 * @param detection      the {@link LeakDetection} level in force when the handle was opened
 */
public record OpenHandle(String handle, String description, String openedOnThread, List<StackTraceElement> openedAt,
                         LeakDetection detection) {

    public OpenHandle {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(openedOnThread, "openedOnThread");
        Objects.requireNonNull(detection, "detection");
        openedAt = List.copyOf(openedAt);
    }

    /** A handle whose whole opening stack was recorded ({@link LeakDetection#FULL}). */
    public OpenHandle(String handle, String description, String openedOnThread, List<StackTraceElement> openedAt) {
        this(handle, description, openedOnThread, openedAt, LeakDetection.FULL);
    }

    /** True when the opening stack was recorded. */
    public boolean siteRecorded() {
        return !openedAt.isEmpty();
    }

    /** The first frame outside tokenbridge's root package: the caller that opened the handle. */
    public String openedBy() {
        String root = "io.github.tokenbridge.";
        for (StackTraceElement frame : openedAt) {
            String cls = frame.getClassName();
            boolean inRootPackage = cls.startsWith(root) && cls.indexOf('.', root.length()) < 0;
            if (!inRootPackage) {
                return frame.toString();
            }
        }
        return openedAt.isEmpty() ? "(site not recorded at leak detection " + detection + ")"
                : openedAt.get(openedAt.size() - 1).toString();
    }

    @Override
    public String toString() {
        return description + " " + handle + " opened on thread \"" + openedOnThread + "\" at " + openedBy();
    }
}
