package io.github.tokenbridge.conformance;

import java.util.List;

/**
 * One line of a generated scenario before its outcome is known: a step's verb and arguments, or
 * a check's candidate texts, with the thread it runs on and the variable it binds. A replay on the
 * model turns it into a scenario line whose outcome and fields are what the model observed.
 *
 * @param thread     the thread variable without {@code $}, or null for the main thread
 * @param candidates for a step exactly one text ({@code verb arg=value ...}, with {@code {sd}}
 *                   standing for {@link #sd}); for a check the texts after {@code check}, the first
 *                   that holds on the model is kept ({@code ==}/{@code !=} checks are flipped instead)
 * @param check      true for a check line
 * @param bind       the variable a step binds, without {@code $}, or null
 * @param sd         the security descriptor a step names as {@code {sd}}, or null
 */
public record DraftLine(String thread, List<String> candidates, boolean check, String bind, SecurityDescriptorSpec sd) {

    public DraftLine {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a draft line needs at least one candidate text");
        }
    }

    /** A step on {@code thread} (null: main). */
    public static DraftLine step(String thread, String text, String bind) {
        return new DraftLine(thread, List.of(text), false, bind, null);
    }

    /** A step naming a security descriptor as {@code {sd}}. */
    public static DraftLine stepWithSd(String thread, String text, SecurityDescriptorSpec sd) {
        return new DraftLine(thread, List.of(text), false, null, sd);
    }

    /** A check on {@code thread} (null: main) with candidate texts. */
    public static DraftLine check(String thread, List<String> candidates) {
        return new DraftLine(thread, candidates, true, null, null);
    }

    /** The same line with another descriptor. */
    public DraftLine withSd(SecurityDescriptorSpec other) {
        return new DraftLine(thread, candidates, check, bind, other);
    }

    /** The verb name of a step, or {@code check}. */
    public String verbName() {
        return check ? "check" : candidates.get(0).split(" ", 2)[0];
    }

    /** The step's text with the descriptor put in. */
    String stepText() {
        String t = candidates.get(0);
        return sd == null ? t : t.replace("{sd}", "\"" + sd.sddl() + "\"");
    }

    /** {@code on $thread } or nothing. */
    String prefix() {
        return thread == null ? "" : "on $" + thread + " ";
    }
}
