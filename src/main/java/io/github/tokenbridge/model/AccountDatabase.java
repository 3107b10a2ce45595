package io.github.tokenbridge.model;

import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.SidType;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.model.lsa.WellKnownAccounts;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The account database of a model machine, as its LSA and SAM hold it: the computer's name and
 * account-domain SID, its local users and aliases, the logon rights (L11) and privilege
 * assignments of its local security policy, whether UAC and the blank-password rule are on (L9,
 * L14), and optionally the domain it is joined to.
 *
 * <p>{@link #builder()} starts with the defaults of a stand-alone Windows 10/11 (the rights of
 * MS: "Allow log on locally", "Access this computer from the network", "Log on as a batch job",
 * "Log on as a service") and the conformance accounts of scenarios.md ({@code tb-user},
 * {@code tb-admin}, {@code tb-blank}, {@code tb-disabled}).
 */
public final class AccountDatabase {

    /** The conformance accounts' passwords (scenarios.md "Logons and names"; test data, not secrets). */
    public static final String TB_USER_PASSWORD = "Tb-user-1!";
    public static final String TB_ADMIN_PASSWORD = "Tb-admin-1!";
    public static final String TB_DISABLED_PASSWORD = "Tb-disabled-1!";
    /** The conformance accounts' RIDs in the model: {@code tb-user} is the "other" user, {@code tb-admin} the admin. */
    public static final int TB_USER_RID = 1002;
    public static final int TB_ADMIN_RID = 1003;
    public static final int TB_BLANK_RID = 1004;
    public static final int TB_DISABLED_RID = 1005;

    /** BUILTIN\Guests, Backup Operators, Performance Log Users; NT SERVICE\ALL SERVICES. */
    static final Sid GUESTS = Sid.parse("S-1-5-32-546");
    static final Sid BACKUP_OPERATORS = Sid.parse("S-1-5-32-551");
    static final Sid PERFORMANCE_LOG_USERS = Sid.parse("S-1-5-32-559");
    static final Sid ALL_SERVICES = Sid.parse("S-1-5-80-0");

    private final String machineName;
    private final Sid machineSid;
    private final List<UserAccount> users;
    private final List<GroupAccount> aliases;
    private final Map<AccountRight, Set<Sid>> rights;
    private final Map<Privilege, Set<Sid>> privileges;
    private final DomainDirectory domain;
    private final boolean uac;
    private final boolean limitBlankPasswordUse;

    private AccountDatabase(Builder b) {
        this.machineName = b.machineName;
        this.machineSid = b.machineSid;
        this.users = List.copyOf(b.users.values());
        this.aliases = List.copyOf(b.aliases.values());
        Map<AccountRight, Set<Sid>> r = new EnumMap<>(AccountRight.class);
        b.rights.forEach((k, v) -> r.put(k, Set.copyOf(v)));
        this.rights = Map.copyOf(r);
        Map<Privilege, Set<Sid>> p = new EnumMap<>(Privilege.class);
        b.privileges.forEach((k, v) -> p.put(k, Set.copyOf(v)));
        this.privileges = Map.copyOf(p);
        this.domain = b.domain;
        this.uac = b.uac;
        this.limitBlankPasswordUse = b.limitBlankPasswordUse;
        Set<Integer> rids = new java.util.HashSet<>();
        for (UserAccount u : users) {
            if (!rids.add(u.rid())) {
                throw new IllegalArgumentException("two local accounts with RID " + u.rid());
            }
        }
        for (GroupAccount a : aliases) {
            if (!rids.add(a.rid())) {
                throw new IllegalArgumentException("an alias and another account share RID " + a.rid());
            }
        }
    }

    /** A builder with a stand-alone Windows machine's defaults and the conformance accounts. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default database: {@link #builder()} built. */
    public static AccountDatabase standard() {
        return builder().build();
    }

    /** A builder starting from this database. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.machineName = machineName;
        b.machineSid = machineSid;
        b.users.clear();
        users.forEach(u -> b.users.put(key(u.name()), u));
        b.aliases.clear();
        aliases.forEach(a -> b.aliases.put(key(a.name()), a));
        b.rights.clear();
        rights.forEach((k, v) -> b.rights.put(k, new LinkedHashSet<>(v)));
        b.privileges.clear();
        privileges.forEach((k, v) -> b.privileges.put(k, new LinkedHashSet<>(v)));
        b.domain = domain;
        b.uac = uac;
        b.limitBlankPasswordUse = limitBlankPasswordUse;
        return b;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The computer's name ({@code domain=machine} in scenarios). */
    public String machineName() { return machineName; }
    /** The machine's account-domain SID ({@code S-1-5-21-...}). */
    public Sid machineSid() { return machineSid; }
    public List<UserAccount> users() { return users; }
    /** The local aliases other than the BUILTIN ones. */
    public List<GroupAccount> aliases() { return aliases; }
    /** The SIDs holding each logon right. */
    public Set<Sid> holders(AccountRight right) { return rights.getOrDefault(right, Set.of()); }
    /** The SIDs holding each privilege. */
    public Map<Privilege, Set<Sid>> privilegeAssignments() { return privileges; }
    public Optional<DomainDirectory> domain() { return Optional.ofNullable(domain); }
    /** True when UAC (EnableLUA) is on: an administrator's interactive logon is split (L9). */
    public boolean uac() { return uac; }
    /** LimitBlankPasswordUse (L14): local accounts with an empty password log on only at the console. */
    public boolean limitBlankPasswordUse() { return limitBlankPasswordUse; }

    /** The local user with this name (ignoring case). */
    public Optional<UserAccount> localUser(String name) {
        return users.stream().filter(u -> u.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The local user with this SID. */
    public Optional<UserAccount> localUser(Sid sid) {
        return users.stream().filter(u -> machineSid.withRid(u.rid()).equals(sid)).findFirst();
    }

    /** The SID of a local user of this database. */
    public Sid sidOf(UserAccount user) {
        return machineSid.withRid(user.rid());
    }

    /**
     * The privileges the local policy assigns to any of {@code sids}, sorted by LUID; SeChangeNotify,
     * SeImpersonate and SeCreateGlobal enabled by default, as in Windows' logon tokens.
     */
    public List<TokenPrivilege> privilegesFor(Set<Sid> sids) {
        List<TokenPrivilege> list = new ArrayList<>();
        for (Map.Entry<Privilege, Set<Sid>> e : privileges.entrySet()) {
            if (e.getValue().stream().anyMatch(sids::contains)) {
                Privilege p = e.getKey();
                boolean enabled = p == Privilege.SeChangeNotifyPrivilege || p == Privilege.SeImpersonatePrivilege
                        || p == Privilege.SeCreateGlobalPrivilege;
                list.add(TokenPrivilege.of(p, enabled ? WellKnownAccounts.DEFAULT_ENABLED_PRIVILEGE : 0));
            }
        }
        list.sort(java.util.Comparator.comparingLong(t -> t.luid().value()));
        return List.copyOf(list);
    }

    @Override
    public String toString() {
        return "AccountDatabase[" + machineName + ", " + users.size() + " users, " + aliases.size() + " aliases"
                + (domain == null ? "" : ", domain " + domain.name()) + (uac ? ", UAC" : "") + "]";
    }

    /** Builds an {@link AccountDatabase}. */
    public static final class Builder {
        private String machineName = "TB-MODEL";
        private Sid machineSid = WellKnownAccounts.DOMAIN;
        private final Map<String, UserAccount> users = new LinkedHashMap<>();
        private final Map<String, GroupAccount> aliases = new LinkedHashMap<>();
        private final Map<AccountRight, Set<Sid>> rights = new EnumMap<>(AccountRight.class);
        private final Map<Privilege, Set<Sid>> privileges = new EnumMap<>(Privilege.class);
        private DomainDirectory domain;
        private boolean uac = true;
        private boolean limitBlankPasswordUse = true;

        private Builder() {
            user(UserAccount.of("tb-user", TB_USER_RID, TB_USER_PASSWORD, "Users"));
            user(UserAccount.of("tb-admin", TB_ADMIN_RID, TB_ADMIN_PASSWORD, "Administrators", "Users"));
            user(UserAccount.of("tb-blank", TB_BLANK_RID, "", "Users"));
            user(UserAccount.of("tb-disabled", TB_DISABLED_RID, TB_DISABLED_PASSWORD, "Users").disabled());
            grant(AccountRight.SeInteractiveLogonRight, Sid.BUILTIN_ADMINISTRATORS, BACKUP_OPERATORS, Sid.BUILTIN_USERS,
                    GUESTS);
            grant(AccountRight.SeNetworkLogonRight, Sid.EVERYONE, Sid.BUILTIN_ADMINISTRATORS, Sid.BUILTIN_USERS,
                    BACKUP_OPERATORS);
            grant(AccountRight.SeBatchLogonRight, Sid.BUILTIN_ADMINISTRATORS, BACKUP_OPERATORS, PERFORMANCE_LOG_USERS);
            grant(AccountRight.SeServiceLogonRight, ALL_SERVICES);
            grant(AccountRight.SeRemoteInteractiveLogonRight, Sid.BUILTIN_ADMINISTRATORS, Sid.parse("S-1-5-32-555"));
            for (TokenPrivilege p : WellKnownAccounts.standardUserPrivileges()) {
                assign(p.privilege().orElseThrow(), Sid.BUILTIN_USERS);
            }
            assign(Privilege.SeChangeNotifyPrivilege, Sid.EVERYONE, Sid.LOCAL_SERVICE, Sid.NETWORK_SERVICE);
            for (TokenPrivilege p : WellKnownAccounts.administratorPrivileges()) {
                assign(p.privilege().orElseThrow(), Sid.BUILTIN_ADMINISTRATORS);
            }
            for (TokenPrivilege p : WellKnownAccounts.servicePrivileges()) {
                assign(p.privilege().orElseThrow(), Sid.LOCAL_SERVICE, Sid.NETWORK_SERVICE);
            }
        }

        /** The computer name; upper case as Windows shows it. */
        public Builder machineName(String value) {
            this.machineName = Objects.requireNonNull(value, "machineName").toUpperCase(Locale.ROOT);
            return this;
        }

        /** The machine's account-domain SID. */
        public Builder machineSid(Sid value) { this.machineSid = Objects.requireNonNull(value, "machineSid"); return this; }

        /** Adds or replaces (by name) a local user. */
        public Builder user(UserAccount value) {
            Objects.requireNonNull(value, "user");
            users.put(key(value.name()), value);
            return this;
        }

        /** Adds an enabled local user. */
        public Builder user(String name, int rid, String password, String... groups) {
            return user(UserAccount.of(name, rid, password, groups));
        }

        /** Removes a local user. */
        public Builder removeUser(String name) {
            users.remove(key(name));
            return this;
        }

        /** Adds a local alias (users join it by naming it in their groups). */
        public Builder alias(String name, int rid) {
            aliases.put(key(name), new GroupAccount(name, rid, SidType.ALIAS));
            return this;
        }

        /** Grants a logon right to SIDs. */
        public Builder grant(AccountRight right, Sid... holders) {
            rights.computeIfAbsent(right, r -> new LinkedHashSet<>()).addAll(List.of(holders));
            return this;
        }

        /** Takes a logon right away from SIDs. */
        public Builder revoke(AccountRight right, Sid... holders) {
            rights.computeIfAbsent(right, r -> new LinkedHashSet<>()).removeAll(List.of(holders));
            return this;
        }

        /** Assigns a privilege to SIDs. */
        public Builder assign(Privilege privilege, Sid... holders) {
            privileges.computeIfAbsent(privilege, r -> new LinkedHashSet<>()).addAll(List.of(holders));
            return this;
        }

        /** Joins the machine to a domain (null: stand-alone). */
        public Builder domain(DomainDirectory value) { this.domain = value; return this; }

        public Builder uac(boolean value) { this.uac = value; return this; }

        public Builder limitBlankPasswordUse(boolean value) { this.limitBlankPasswordUse = value; return this; }

        public AccountDatabase build() {
            return new AccountDatabase(this);
        }
    }
}
