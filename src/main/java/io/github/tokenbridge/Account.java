package io.github.tokenbridge;

import java.util.Objects;

/**
 * An account as Windows names it: a SID with its account name, its domain ({@code BUILTIN},
 * {@code NT AUTHORITY}, the computer's name, a domain's NetBIOS name, or empty for {@code Everyone}
 * and the other names without a domain) and what kind of account it is (rules N3, N4).
 *
 * @param sid    the account's SID
 * @param name   the account name, as Windows spells it
 * @param domain the referenced domain's name; empty when the name has none
 * @param type   what the SID names
 */
public record Account(Sid sid, String name, String domain, SidType type) {

    public Account {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(type, "type");
    }

    /** {@code DOMAIN\name}, or just the name when the domain is empty ({@code Everyone}, {@code LOCAL}). */
    public String qualifiedName() {
        return domain.isEmpty() ? name : domain + "\\" + name;
    }

    @Override
    public String toString() {
        return qualifiedName() + " (" + sid + ", " + type.scenarioName() + ")";
    }
}
