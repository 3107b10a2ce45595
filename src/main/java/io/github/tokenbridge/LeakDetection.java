package io.github.tokenbridge;

import java.util.Locale;

/**
 * How much a {@link TokenSystem} records about where each handle was opened, for its
 * {@link LeakReport} and {@link TokenSystem#openHandles()}: like Netty's leak detector, a level
 * that trades the report's detail against the cost of every open.
 *
 * <p>The default is {@link #SAMPLED}; the system property {@value #PROPERTY} ({@code off},
 * {@code sampled} or {@code full}, read when the first system is created) changes it for every
 * system, {@link TokenSystem#leakDetection(LeakDetection)} for one; the JUnit extension
 * ({@code io.github.tokenbridge.junit}) uses {@link #FULL}. The thread that opened a handle and
 * what the handle is are always recorded; only the stack depends on the level.
 */
public enum LeakDetection {

    /** No opening stack is recorded; a leak is reported with its thread and description only. */
    OFF,
    /**
     * The opening stack of about one handle in {@value #SAMPLE_INTERVAL} is recorded (chosen at
     * random per open), so a recurring leak shows its site after a few occurrences at almost no cost.
     */
    SAMPLED,
    /** Every handle records its opening stack ({@code new Throwable().getStackTrace()}). */
    FULL;

    /** The system property that sets the default level. */
    public static final String PROPERTY = "tokenbridge.leakDetection";

    /** With {@link #SAMPLED}, one open in this many (on average) records its stack. */
    public static final int SAMPLE_INTERVAL = 128;

    private static final LeakDetection DEFAULT = fromProperty(System.getProperty(PROPERTY));

    /** The level new systems start with: the system property's, else {@link #SAMPLED}. */
    public static LeakDetection defaultLevel() {
        return DEFAULT;
    }

    /**
     * The level a property value names (case-insensitive); {@link #SAMPLED} for null.
     *
     * @throws IllegalArgumentException for any other value, naming the property and the levels
     */
    static LeakDetection fromProperty(String value) {
        if (value == null) {
            return SAMPLED;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + " is not a leak detection level"
                    + " (off, sampled or full)", e);
        }
    }
}
