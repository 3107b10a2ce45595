package io.github.tokenbridge.internal;

import io.github.tokenbridge.Sid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The well-known SID names of the scenario language ({@code Everyone}, {@code Administrators},
 * {@code LowLabel}, ...; scenarios.md "Values") in one lookup, in both directions.
 */
public final class WellKnownSids {

    private static final Map<String, Sid> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("Everyone", Sid.EVERYONE);
        BY_NAME.put("Administrators", Sid.BUILTIN_ADMINISTRATORS);
        BY_NAME.put("Users", Sid.BUILTIN_USERS);
        BY_NAME.put("AuthenticatedUsers", Sid.AUTHENTICATED_USERS);
        BY_NAME.put("Interactive", Sid.INTERACTIVE);
        BY_NAME.put("LocalSystem", Sid.LOCAL_SYSTEM);
        BY_NAME.put("AnonymousLogon", Sid.ANONYMOUS_LOGON);
        BY_NAME.put("LowLabel", Sid.LOW_LABEL);
        BY_NAME.put("MediumLabel", Sid.MEDIUM_LABEL);
        BY_NAME.put("HighLabel", Sid.HIGH_LABEL);
        BY_NAME.put("SystemLabel", Sid.SYSTEM_LABEL);
    }

    private WellKnownSids() {
    }

    /** The SID for a scenario name such as {@code Administrators}, if it is one. */
    public static Optional<Sid> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(Objects.requireNonNull(name, "name")));
    }

    /** The scenario name of a SID, if it has one. */
    public static Optional<String> nameOf(Sid sid) {
        Objects.requireNonNull(sid, "sid");
        return BY_NAME.entrySet().stream().filter(e -> e.getValue().equals(sid)).map(Map.Entry::getKey).findFirst();
    }

    /**
     * A scenario SID value: a name of this class, or a string SID.
     *
     * @throws IllegalArgumentException when it is neither (the message lists the names)
     */
    public static Sid parse(String text) {
        Objects.requireNonNull(text, "text");
        Sid known = BY_NAME.get(text);
        if (known != null) {
            return known;
        }
        if (text.startsWith("S-") || text.startsWith("s-")) {
            return Sid.parse(text);
        }
        throw new IllegalArgumentException("unknown SID \"" + text + "\": expected a string SID or one of " + BY_NAME.keySet());
    }

    /** Every scenario name with its SID, in declaration order. */
    public static Map<String, Sid> all() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(BY_NAME));
    }
}
