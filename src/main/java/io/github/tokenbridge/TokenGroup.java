package io.github.tokenbridge;

import io.github.tokenbridge.internal.WellKnownSids;

import java.util.Objects;
import java.util.Set;

/**
 * A SID with its attributes, {@code SID_AND_ATTRIBUTES}: a token's user, one of its groups, a
 * restricted SID, its logon SID or its integrity label.
 *
 * @param sid        the SID
 * @param attributes the {@code SE_GROUP_*} bits ({@link GroupAttribute})
 */
public record TokenGroup(Sid sid, int attributes) {

    public TokenGroup {
        Objects.requireNonNull(sid, "sid");
    }

    /** The attribute bits as a set. */
    public Set<GroupAttribute> attributeSet() {
        return GroupAttribute.decode(attributes);
    }

    /** True when {@code SE_GROUP_ENABLED} is set. */
    public boolean enabled() {
        return GroupAttribute.ENABLED.isSetIn(attributes);
    }

    /** True when {@code SE_GROUP_USE_FOR_DENY_ONLY} is set. */
    public boolean denyOnly() {
        return GroupAttribute.USE_FOR_DENY_ONLY.isSetIn(attributes);
    }

    /** True when {@code SE_GROUP_MANDATORY} is set. */
    public boolean mandatory() {
        return GroupAttribute.MANDATORY.isSetIn(attributes);
    }

    /** True when both {@code SE_GROUP_LOGON_ID} bits are set. */
    public boolean logonId() {
        return GroupAttribute.LOGON_ID.isSetIn(attributes);
    }

    /** A copy with other attributes. */
    public TokenGroup withAttributes(int newAttributes) {
        return new TokenGroup(sid, newAttributes);
    }

    @Override
    public String toString() {
        return WellKnownSids.nameOf(sid).map(n -> n + " (" + sid + ")").orElse(sid.toString()) + "["
                + AttributesText.of(attributeSet().stream().map(Enum::name).toList(), attributes) + "]";
    }
}
