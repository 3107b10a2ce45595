package io.github.tokenbridge;

/**
 * The logon types of {@code LogonUserW} ({@code LOGON32_LOGON_*}) and what each gives (rules L1, L6,
 * L11, L16).
 */
public enum UserLogonType {
    /** 2: a primary token with INTERACTIVE; needs SeInteractiveLogonRight. */
    INTERACTIVE(2, "interactive"),
    /** 3: an impersonation token with NETWORK; needs SeNetworkLogonRight. */
    NETWORK(3, "network"),
    /** 4: a primary token with BATCH; needs SeBatchLogonRight. */
    BATCH(4, "batch"),
    /** 5: a primary token with SERVICE; needs SeServiceLogonRight. */
    SERVICE(5, "service"),
    /** 8: as NETWORK, keeping the credentials for onward use. */
    NETWORK_CLEARTEXT(8, "network_cleartext"),
    /** 9: a copy of the caller's identity with new outbound credentials (WINNT50 provider only). */
    NEW_CREDENTIALS(9, "new_credentials");

    private final int code;
    private final String scenarioName;

    UserLogonType(int code, String scenarioName) {
        this.code = code;
        this.scenarioName = scenarioName;
    }

    /** The {@code LOGON32_LOGON_*} value. */
    public int code() {
        return code;
    }

    /** The scenario language's name ({@code network_cleartext}). */
    public String scenarioName() {
        return scenarioName;
    }

    /** The type for a scenario name. */
    public static UserLogonType fromScenarioName(String name) {
        for (UserLogonType t : values()) {
            if (t.scenarioName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown logon type \"" + name + "\"; known: interactive, network, batch,"
                + " service, network_cleartext, new_credentials");
    }

    /** The type for a {@code LOGON32_LOGON_*} value, if it is one of these. */
    public static java.util.Optional<UserLogonType> fromCode(int code) {
        for (UserLogonType t : values()) {
            if (t.code == code) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }
}
