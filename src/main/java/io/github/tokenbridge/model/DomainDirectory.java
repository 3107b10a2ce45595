package io.github.tokenbridge.model;

import io.github.tokenbridge.Sid;

import java.util.List;
import java.util.Objects;

/**
 * The domain a model machine is joined to, if any: its NetBIOS and DNS names, its SID, and its
 * users and groups. Domain users are looked up as {@code NAME}&#92;{@code user} or {@code user@dns.name}
 * (L20, N8) and log on without the local-account SIDs or the blank-password rule (L5, L14).
 *
 * @param name    the NetBIOS name ({@code CONTOSO})
 * @param dnsName the DNS name ({@code contoso.com})
 * @param sid     the domain SID ({@code S-1-5-21-...})
 * @param users   the domain users; each is also in {@code Domain Users} (RID 513)
 * @param groups  the domain groups (SidTypeGroup)
 */
public record DomainDirectory(String name, String dnsName, Sid sid, List<UserAccount> users, List<GroupAccount> groups) {

    /** The RID of {@code Domain Users}, every domain user's primary group. */
    public static final int DOMAIN_USERS_RID = 513;

    public DomainDirectory {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dnsName, "dnsName");
        Objects.requireNonNull(sid, "sid");
        users = List.copyOf(users);
        groups = List.copyOf(groups);
    }
}
