package io.github.tokenbridge;

import java.util.Arrays;

/**
 * {@code SECURITY_IMPERSONATION_LEVEL}: how far a server may act as its client (R2). The
 * declaration order is the numeric order, so {@link #compareTo} compares levels as Windows does.
 */
public enum ImpersonationLevel {
    /** {@code SecurityAnonymous} (0): the server can neither identify nor impersonate. */
    ANONYMOUS(0),
    /** {@code SecurityIdentification} (1): query and check, but open no secured object. */
    IDENTIFICATION(1),
    /** {@code SecurityImpersonation} (2): full local use. */
    IMPERSONATION(2),
    /** {@code SecurityDelegation} (3): local and remote use. */
    DELEGATION(3);

    private final int code;

    ImpersonationLevel(int code) {
        this.code = code;
    }

    /** The {@code SECURITY_IMPERSONATION_LEVEL} value. */
    public int code() {
        return code;
    }

    /** The level for a {@code SECURITY_IMPERSONATION_LEVEL} value. */
    public static ImpersonationLevel fromCode(int code) {
        return Arrays.stream(values()).filter(l -> l.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an impersonation level: " + code));
    }

    /** True when this level is strictly below {@code other}. */
    public boolean isBelow(ImpersonationLevel other) {
        return code < other.code;
    }

    /** The name used by scenarios: {@code Anonymous}, {@code Identification}, ... */
    public String scenarioName() {
        String n = name();
        return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** The level for a scenario name such as {@code Identification}. */
    public static ImpersonationLevel fromScenarioName(String name) {
        return Arrays.stream(values()).filter(l -> l.scenarioName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown impersonation level: " + name));
    }
}
