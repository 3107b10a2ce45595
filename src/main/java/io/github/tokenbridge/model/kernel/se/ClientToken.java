package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenType;

/**
 * What the model's access checks read from a client token: the user, groups, restricted SIDs and
 * privileges with their attributes, the integrity level, mandatory policy, type and level
 * (docs/rules.md R5-R8, R60-R64).
 *
 * <p>Indexed accessors, so that a check can walk the token without allocating (the access check's
 * success path is allocation-free). Implementations must return stable values for the duration of
 * one check.
 */
public interface ClientToken {

    /** {@code TOKEN_MANDATORY_POLICY_NO_WRITE_UP}: mandatory integrity control applies to this token. */
    int POLICY_NO_WRITE_UP = 0x1;
    /** {@code TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN}. */
    int POLICY_NEW_PROCESS_MIN = 0x2;

    /** The user SID. */
    Sid user();

    /** The user's attributes (0 normally; {@code SE_GROUP_USE_FOR_DENY_ONLY} in a restricted token). */
    int userAttributes();

    /** The number of groups (the integrity label is not one of them; see {@link #integrityLevel()}). */
    int groupCount();

    /** The SID of group {@code index}. */
    Sid groupSid(int index);

    /** The {@code SE_GROUP_*} attributes of group {@code index}. */
    int groupAttributes(int index);

    /** The number of restricted SIDs; 0 for an unrestricted token. */
    int restrictedSidCount();

    /** Restricted SID {@code index}. */
    Sid restrictedSid(int index);

    /** The number of privileges. */
    int privilegeCount();

    /** The LUID of privilege {@code index}. */
    Luid privilegeLuid(int index);

    /** The {@code SE_PRIVILEGE_*} attributes of privilege {@code index}. */
    int privilegeAttributes(int index);

    /** The integrity level SID ({@code S-1-16-RID}, R8); never null. */
    Sid integrityLevel();

    /** The {@code TOKEN_MANDATORY_POLICY} bits ({@link #POLICY_NO_WRITE_UP}, ...). */
    int mandatoryPolicy();

    /** Primary or impersonation (R1). */
    TokenType type();

    /** The impersonation level (R2; stored, but ignored, for primary tokens, R4). */
    ImpersonationLevel level();

    /**
     * True for a write-restricted token ({@code CreateRestrictedToken(WRITE_RESTRICTED)}): the
     * restricted-SID pass runs only when write access is asked (R63 as corrected in
     * docs/rules.md). False by default.
     */
    default boolean writeRestricted() {
        return false;
    }
}
