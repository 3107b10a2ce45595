package io.github.tokenbridge.model;

import java.util.List;
import java.util.Objects;

/**
 * A user of the model's account database (a local SAM account or a domain account): its name,
 * relative id, password, state, and the groups it belongs to, by name ({@code Users},
 * {@code Administrators}, a local alias, or a domain group). {@link #toString()} never shows the
 * password.
 *
 * @param name            the account name
 * @param rid             the relative id under its domain's SID (500 is the built-in Administrator)
 * @param password        the password; empty for a blank password
 * @param enabled         false for a disabled account (LogonUser: ERROR_ACCOUNT_DISABLED, L13)
 * @param passwordExpired true when the password has expired (LogonUser: ERROR_PASSWORD_EXPIRED, L13)
 * @param groups          the names of the groups and aliases it is a member of
 */
public record UserAccount(String name, int rid, String password, boolean enabled, boolean passwordExpired,
                          List<String> groups) {

    public UserAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        groups = List.copyOf(groups);
        if (name.isBlank() || name.contains("\\") || name.contains("@")) {
            throw new IllegalArgumentException("not an account name: \"" + name + "\"");
        }
    }

    /** An enabled account with an unexpired password. */
    public static UserAccount of(String name, int rid, String password, String... groups) {
        return new UserAccount(name, rid, password, true, false, List.of(groups));
    }

    /** This account, disabled. */
    public UserAccount disabled() {
        return new UserAccount(name, rid, password, false, passwordExpired, groups);
    }

    /** This account, with an expired password. */
    public UserAccount withExpiredPassword() {
        return new UserAccount(name, rid, password, enabled, true, groups);
    }

    /** True when {@code candidate} is this account's password (compared exactly); null matches a blank password. */
    public boolean passwordMatches(char[] candidate) {
        if (candidate == null) {
            return password.isEmpty();
        }
        if (candidate.length != password.length()) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < candidate.length; i++) {
            diff |= candidate[i] ^ password.charAt(i);
        }
        return diff == 0;
    }

    @Override
    public String toString() {
        return "UserAccount[" + name + ", rid=" + rid + ", password=***" + (enabled ? "" : ", disabled")
                + (passwordExpired ? ", password expired" : "") + ", groups=" + groups + "]";
    }
}
