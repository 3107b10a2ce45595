package io.github.tokenbridge.model.kernel.se;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the {@link AccessCheckStep}s of one access check, when the caller asks why a check
 * came out as it did. Pass one to {@link AccessCheck#evaluate}; pass null for no explanation.
 */
public final class AccessCheckTrace {

    private final List<AccessCheckStep> steps = new ArrayList<>();

    void add(AccessCheckStep step) {
        steps.add(step);
    }

    /** The steps recorded so far, in order. */
    public List<AccessCheckStep> steps() {
        return List.copyOf(steps);
    }

    /** The steps rendered as text ({@link AccessCheckExplanation#render}). */
    public String render() {
        return AccessCheckExplanation.render(steps);
    }

    @Override
    public String toString() {
        return render();
    }
}
