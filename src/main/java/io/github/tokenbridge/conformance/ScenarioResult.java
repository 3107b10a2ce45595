package io.github.tokenbridge.conformance;

import java.util.List;

/**
 * How one scenario ended on one backend: passed, failed (with the step, line, expected and
 * observed values and the rules the scenario cites) or skipped (with the unmet requirement).
 *
 * @param scenario the scenario
 * @param status   passed, failed or skipped
 * @param reason   why it failed or was skipped; null when it passed
 */
public record ScenarioResult(Scenario scenario, Status status, String reason) {

    /** The three outcomes of a scenario. */
    public enum Status {
        PASSED, FAILED, SKIPPED;

        /** The lower-case name used in transcripts and reports. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The rules the scenario cites. */
    public List<String> cites() {
        return scenario.cites();
    }

    /** A one-line report: {@code passed id}, {@code FAILED id: reason [cites R..]}, {@code skipped id: reason}. */
    public String describe() {
        return switch (status) {
            case PASSED -> "passed   " + scenario.id();
            case SKIPPED -> "skipped  " + scenario.id() + ": " + reason;
            case FAILED -> "FAILED   " + scenario.id() + " (" + scenario.file() + ":" + scenario.line() + "): " + reason
                    + " [cites " + String.join(" ", scenario.cites()) + "]";
        };
    }

    /** The summary line for a set of results: exactly {@code N passed, N failed, N skipped}. */
    public static String summary(List<ScenarioResult> results) {
        long passed = results.stream().filter(r -> r.status == Status.PASSED).count();
        long failed = results.stream().filter(r -> r.status == Status.FAILED).count();
        long skipped = results.stream().filter(r -> r.status == Status.SKIPPED).count();
        return passed + " passed, " + failed + " failed, " + skipped + " skipped";
    }
}
