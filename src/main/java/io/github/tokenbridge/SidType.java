package io.github.tokenbridge;

import java.util.Arrays;
import java.util.Optional;

/**
 * What kind of account a SID names: Windows' {@code SID_NAME_USE}, as {@code LookupAccountSidW},
 * {@code LookupAccountNameW} and {@code LsaLookupSids} report it (rule N3).
 */
public enum SidType {
    USER(1, "User", "User"),
    GROUP(2, "Group", "Group"),
    DOMAIN(3, "Domain", "Domain"),
    ALIAS(4, "Alias", "Alias"),
    WELL_KNOWN_GROUP(5, "WellKnownGroup", "Well-known group"),
    DELETED_ACCOUNT(6, "DeletedAccount", "Deleted account"),
    INVALID(7, "Invalid", "Invalid"),
    UNKNOWN(8, "Unknown", "Unknown"),
    COMPUTER(9, "Computer", "Computer"),
    LABEL(10, "Label", "Label"),
    LOGON_SESSION(11, "LogonSession", "Logon session");

    private final int code;
    private final String scenarioName;
    private final String displayName;

    SidType(int code, String scenarioName, String displayName) {
        this.code = code;
        this.scenarioName = scenarioName;
        this.displayName = displayName;
    }

    /** The {@code SID_NAME_USE} value ({@code SidTypeUser} = 1, ...). */
    public int code() {
        return code;
    }

    /** The name the scenario language uses ({@code WellKnownGroup}). */
    public String scenarioName() {
        return scenarioName;
    }

    /** The wording of {@code whoami /groups}' Type column ({@code Well-known group}). */
    public String displayName() {
        return displayName;
    }

    /** The type for a {@code SID_NAME_USE} value; unknown values are {@link #UNKNOWN}. */
    public static SidType fromCode(int code) {
        return Arrays.stream(values()).filter(t -> t.code == code).findFirst().orElse(UNKNOWN);
    }

    /** The type for a scenario name such as {@code Alias}. */
    public static Optional<SidType> fromScenarioName(String name) {
        return Arrays.stream(values()).filter(t -> t.scenarioName.equals(name)).findFirst();
    }
}
