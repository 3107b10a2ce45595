package io.github.tokenbridge;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A privilege LUID with its attributes, {@code LUID_AND_ATTRIBUTES}, as held in a token.
 *
 * @param luid       the privilege's LUID
 * @param attributes the {@code SE_PRIVILEGE_*} bits ({@link PrivilegeAttribute})
 */
public record TokenPrivilege(Luid luid, int attributes) {

    public TokenPrivilege {
        Objects.requireNonNull(luid, "luid");
    }

    /** A privilege entry for a well-known privilege. */
    public static TokenPrivilege of(Privilege privilege, int attributes) {
        return new TokenPrivilege(privilege.luid(), attributes);
    }

    /** The well-known privilege with this LUID, if it is one. */
    public Optional<Privilege> privilege() {
        return Privilege.fromLuid(luid);
    }

    /** The privilege name, or the LUID in hex when it is not a standard privilege. */
    public String name() {
        return privilege().map(Enum::name).orElse(luid.toString());
    }

    /** True when {@code SE_PRIVILEGE_ENABLED} is set. */
    public boolean enabled() {
        return PrivilegeAttribute.ENABLED.isSetIn(attributes);
    }

    /** The attribute bits as a set. */
    public Set<PrivilegeAttribute> attributeSet() {
        return PrivilegeAttribute.decode(attributes);
    }

    @Override
    public String toString() {
        return name() + "[" + AttributesText.of(attributeSet().stream().map(Enum::name).toList(), attributes) + "]";
    }
}
