package io.github.tokenbridge.conformance;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The fields a {@code check} line can read: token properties read through
 * {@code GetTokenInformation}, the granted access of a handle, and whether a thread impersonates.
 * Each field has a value kind that decides how the right-hand side is parsed and compared.
 */
public enum CheckField {
    TYPE(Kind.TYPE),
    LEVEL(Kind.LEVEL),
    STATISTICS_LEVEL(Kind.LEVEL),
    USER(Kind.SID),
    OWNER(Kind.SID),
    PRIMARY_GROUP(Kind.SID),
    LOGON_SID(Kind.SID),
    TOKEN_ID(Kind.LUID),
    AUTHENTICATION_ID(Kind.LUID),
    MODIFIED_ID(Kind.LUID),
    ORIGIN(Kind.LUID),
    INTEGRITY(Kind.INTEGRITY),
    SESSION_ID(Kind.NUMBER),
    GROUP_COUNT(Kind.NUMBER),
    PRIVILEGE_COUNT(Kind.NUMBER),
    RESTRICTED_COUNT(Kind.NUMBER),
    ELEVATION_TYPE(Kind.ELEVATION),
    ELEVATED(Kind.BOOL),
    HAS_RESTRICTIONS(Kind.BOOL),
    DEFAULT_DACL(Kind.DACL),
    ACCESS(Kind.MASK),
    IMPERSONATING(Kind.BOOL),
    GROUPS(Kind.LIST),
    PRIVILEGES(Kind.LIST),
    RESTRICTED_SIDS(Kind.LIST);

    /** How a field's values are written and compared. */
    public enum Kind {
        TYPE, LEVEL, SID, LUID, INTEGRITY, NUMBER, ELEVATION, BOOL, DACL, MASK, LIST
    }

    /** The states {@code has} accepts for groups. */
    public static final Set<String> GROUP_STATES =
            Set.of("present", "enabled", "disabled", "deny_only", "logon_id", "mandatory", "owner", "absent");
    /** The states {@code has} accepts for privileges. */
    public static final Set<String> PRIVILEGE_STATES =
            Set.of("present", "enabled", "disabled", "enabled_by_default", "absent");
    /** The states {@code has} accepts for restricted SIDs. */
    public static final Set<String> RESTRICTED_STATES = Set.of("present", "absent");

    private final Kind kind;

    CheckField(Kind kind) {
        this.kind = kind;
    }

    /** The field's value kind. */
    public Kind kind() {
        return kind;
    }

    /** The name written in scenarios ({@code token_id}). */
    public String scenarioName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The states {@code has} accepts for this list field. */
    public Set<String> states() {
        return switch (this) {
            case GROUPS -> GROUP_STATES;
            case PRIVILEGES -> PRIVILEGE_STATES;
            case RESTRICTED_SIDS -> RESTRICTED_STATES;
            default -> Set.of();
        };
    }

    /** The field with this scenario name. */
    public static Optional<CheckField> fromScenarioName(String name) {
        return Arrays.stream(values()).filter(f -> f.scenarioName().equals(name)).findFirst();
    }
}
