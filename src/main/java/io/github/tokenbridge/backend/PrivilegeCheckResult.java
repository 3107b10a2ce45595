package io.github.tokenbridge.backend;

import io.github.tokenbridge.TokenPrivilege;

import java.util.List;

/**
 * The output of {@code PrivilegeCheck}: whether the required privileges are held and enabled,
 * and the privilege set with {@code SE_PRIVILEGE_USED_FOR_ACCESS} set on those that were.
 *
 * @param held       {@code pfResult}
 * @param privileges the privilege set as written back
 */
public record PrivilegeCheckResult(boolean held, List<TokenPrivilege> privileges) {

    public PrivilegeCheckResult {
        privileges = List.copyOf(privileges);
    }
}
