package io.github.tokenbridge;

import java.util.Objects;

/**
 * A mandatory integrity level: the RID of a token's integrity label {@code S-1-16-RID} (R8).
 * Declared in ascending order, so {@link #compareTo} orders levels as Windows compares them.
 */
public enum IntegrityLevel {
    /** {@code SECURITY_MANDATORY_UNTRUSTED_RID} 0x0000. */
    UNTRUSTED(0x0000),
    /** {@code SECURITY_MANDATORY_LOW_RID} 0x1000. */
    LOW(0x1000),
    /** {@code SECURITY_MANDATORY_MEDIUM_RID} 0x2000. */
    MEDIUM(0x2000),
    /** {@code SECURITY_MANDATORY_MEDIUM_PLUS_RID} 0x2100. */
    MEDIUM_PLUS(0x2100),
    /** {@code SECURITY_MANDATORY_HIGH_RID} 0x3000. */
    HIGH(0x3000),
    /** {@code SECURITY_MANDATORY_SYSTEM_RID} 0x4000. */
    SYSTEM(0x4000),
    /** {@code SECURITY_MANDATORY_PROTECTED_PROCESS_RID} 0x5000. */
    PROTECTED_PROCESS(0x5000);

    private final int rid;

    IntegrityLevel(int rid) {
        this.rid = rid;
    }

    /** The label's RID. */
    public int rid() {
        return rid;
    }

    /** The label SID {@code S-1-16-RID}. */
    public Sid sid() {
        return Sid.of(16, rid);
    }

    /**
     * The level of a label SID. Windows compares label RIDs numerically, so a RID between two named
     * levels maps to the highest named level not above it (0x2500 is {@link #MEDIUM_PLUS}).
     *
     * @throws IllegalArgumentException when {@code label} is not an integrity label SID
     */
    public static IntegrityLevel fromSid(Sid label) {
        Objects.requireNonNull(label, "label");
        if (!label.isIntegrityLabel()) {
            throw new IllegalArgumentException("not an integrity label SID (S-1-16-RID): " + label);
        }
        long rid = label.rid();
        IntegrityLevel result = UNTRUSTED;
        for (IntegrityLevel level : values()) {
            if (level.rid <= rid) {
                result = level;
            }
        }
        return result;
    }
}
