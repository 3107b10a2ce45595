package io.github.tokenbridge.model;

import io.github.tokenbridge.UserLogonType;

import java.util.Optional;

/**
 * The logon rights of the local security policy (MS: Account Rights Constants) that LogonUser
 * checks (rule L11): for each logon type an allow right and a deny right, deny winning.
 */
public enum AccountRight {
    SeInteractiveLogonRight,
    SeNetworkLogonRight,
    SeBatchLogonRight,
    SeServiceLogonRight,
    SeRemoteInteractiveLogonRight,
    SeDenyInteractiveLogonRight,
    SeDenyNetworkLogonRight,
    SeDenyBatchLogonRight,
    SeDenyServiceLogonRight,
    SeDenyRemoteInteractiveLogonRight;

    /** The allow right a logon of {@code type} needs; empty for NEW_CREDENTIALS, which checks none (L11, L16). */
    public static Optional<AccountRight> allowFor(UserLogonType type) {
        return Optional.ofNullable(switch (type) {
            case INTERACTIVE -> SeInteractiveLogonRight;
            case NETWORK, NETWORK_CLEARTEXT -> SeNetworkLogonRight;
            case BATCH -> SeBatchLogonRight;
            case SERVICE -> SeServiceLogonRight;
            case NEW_CREDENTIALS -> null;
        });
    }

    /** The deny right that blocks a logon of {@code type}, if any. */
    public static Optional<AccountRight> denyFor(UserLogonType type) {
        return Optional.ofNullable(switch (type) {
            case INTERACTIVE -> SeDenyInteractiveLogonRight;
            case NETWORK, NETWORK_CLEARTEXT -> SeDenyNetworkLogonRight;
            case BATCH -> SeDenyBatchLogonRight;
            case SERVICE -> SeDenyServiceLogonRight;
            case NEW_CREDENTIALS -> null;
        });
    }
}
