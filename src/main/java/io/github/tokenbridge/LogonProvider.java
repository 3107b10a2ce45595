package io.github.tokenbridge;

/** The logon providers of {@code LogonUserW} ({@code LOGON32_PROVIDER_*}). */
public enum LogonProvider {
    /** 0: the system's default (Negotiate). */
    DEFAULT(0, "default"),
    /** 3: the Negotiate provider; the only one that supports {@link UserLogonType#NEW_CREDENTIALS} (L16). */
    WINNT50(3, "winnt50");

    private final int code;
    private final String scenarioName;

    LogonProvider(int code, String scenarioName) {
        this.code = code;
        this.scenarioName = scenarioName;
    }

    /** The {@code LOGON32_PROVIDER_*} value. */
    public int code() {
        return code;
    }

    /** The scenario language's name. */
    public String scenarioName() {
        return scenarioName;
    }

    /** The provider for a scenario name. */
    public static LogonProvider fromScenarioName(String name) {
        for (LogonProvider p : values()) {
            if (p.scenarioName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown logon provider \"" + name + "\"; known: default, winnt50");
    }
}
