package io.github.tokenbridge.model.lsa;

import io.github.tokenbridge.Account;
import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.LogonProvider;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.SidType;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenSource;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.UserLogonType;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.AccountDatabase;
import io.github.tokenbridge.model.AccountRight;
import io.github.tokenbridge.model.DomainDirectory;
import io.github.tokenbridge.model.UserAccount;
import io.github.tokenbridge.model.kernel.ob.ObjectSecurity;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.se.ElevationRules;
import io.github.tokenbridge.model.kernel.se.TokenContents;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The model's LSA beside the kernel: answers name lookups (LsaLookupSids / LsaLookupNames, rules
 * N1-N9) and logons (LsaLogonUser behind LogonUserW, and MSV1_0 / Kerberos S4U, rules L1-L20) from
 * the {@link AccountDatabase}, making tokens in the kernel. Callers pass the token of the client it
 * acts for (the caller's effective token); the Win32 layer inserts the handles.
 */
public final class LocalSecurityAuthority {

    private static final String SOURCE = "Advapi  "; // L4: eight bytes, space padded
    private static final Sid NTLM_AUTHENTICATION = Sid.parse("S-1-5-64-10");
    private static final Sid LOCAL_ACCOUNT = Sid.parse("S-1-5-113");
    private static final Sid LOCAL_ACCOUNT_AND_ADMIN = Sid.parse("S-1-5-114");
    private static final Sid BATCH = Sid.parse("S-1-5-3");
    private static final Sid SERVICE_ASSERTED_IDENTITY = Sid.parse("S-1-18-2");
    private static final Set<Privilege> STANDARD_PRIVILEGES = Set.of(Privilege.SeShutdownPrivilege,
            Privilege.SeChangeNotifyPrivilege, Privilege.SeUndockPrivilege, Privilege.SeIncreaseWorkingSetPrivilege,
            Privilege.SeTimeZonePrivilege);

    private final LogonTokenFactory tokens;
    private final AccountDatabase db;
    private final AccountNames names;

    public LocalSecurityAuthority(LogonTokenFactory tokens, AccountDatabase db) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.db = Objects.requireNonNull(db, "db");
        this.names = new AccountNames(db);
    }

    public AccountDatabase database() {
        return db;
    }

    public AccountNames names() {
        return names;
    }

    // ---------------------------------------------------------------- names

    /**
     * LsaLookupSids: one entry per SID, in order; an unmapped SID's entry has type Unknown and an
     * empty name. STATUS_SUCCESS when all map, STATUS_SOME_NOT_MAPPED when some do, STATUS_NONE_MAPPED
     * (with the entries) when none does (N9).
     */
    public Result<List<Account>> lookupSids(List<Sid> sids) {
        List<Account> out = new ArrayList<>(sids.size());
        int mapped = 0;
        for (Sid sid : sids) {
            Optional<Account> a = names.bySid(Objects.requireNonNull(sid, "sid"));
            if (a.isPresent()) {
                mapped++;
            }
            out.add(a.orElseGet(() -> new Account(sid, "", "", SidType.UNKNOWN)));
        }
        NtStatus status = mapped == sids.size() ? NtStatus.STATUS_SUCCESS
                : mapped == 0 ? NtStatus.STATUS_NONE_MAPPED : NtStatus.STATUS_SOME_NOT_MAPPED;
        return Result.ofStatus(status, List.copyOf(out));
    }

    /** One name: the account, or STATUS_NONE_MAPPED (N6, N8). */
    public Result<Account> lookupName(String name) {
        return names.byName(name).map(a -> Result.ofStatus(NtStatus.STATUS_SUCCESS, a))
                .orElseGet(() -> Result.failure(NtStatus.STATUS_NONE_MAPPED));
    }

    /** True for the names LookupAccount* accept as this machine: null, empty, the computer name (with or without {@code \\}). */
    public boolean isThisMachine(String systemName) {
        if (systemName == null || systemName.isEmpty()) {
            return true;
        }
        String n = systemName.startsWith("\\\\") ? systemName.substring(2) : systemName;
        return n.equalsIgnoreCase(db.machineName()) || n.equals(".") || n.equalsIgnoreCase("localhost");
    }

    // ---------------------------------------------------------------- LogonUser

    /**
     * LsaLogonUser behind LogonUserW: the checks in Windows' order (L12: the password first, then
     * the account's state, the blank-password rule, the logon right) and the token of L1-L11 and
     * L16-L17. {@code client} is the caller's effective token. The token's type is primary, except
     * for network logons (impersonation at Impersonation level, L1, L2); for a split administrator
     * it is the filtered half with the full one linked (L9).
     */
    public Result<TokenObject> logonUser(TokenObject client, String user, String domain, char[] password, int logonType,
                                         int provider) {
        Objects.requireNonNull(client, "client");
        Optional<UserLogonType> typeOpt = UserLogonType.fromCode(logonType);
        if (typeOpt.isEmpty() || user == null || (provider != LogonProvider.DEFAULT.code()
                && provider != LogonProvider.WINNT50.code() && provider != 1 && provider != 2)) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        UserLogonType type = typeOpt.get();
        if (user.contains("@") && domain != null) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER); // L20: a UPN takes a NULL domain
        }
        if (type == UserLogonType.NEW_CREDENTIALS) {
            if (provider != LogonProvider.WINNT50.code()) {
                return Result.failure(NtStatus.STATUS_NOT_SUPPORTED); // L16: error UNVERIFIED
            }
            return Result.ofStatus(NtStatus.STATUS_SUCCESS, newCredentials(client));
        }
        Optional<Sid> service = builtInService(user, domain);
        if (service.isPresent()) {
            return serviceAccountLogon(client, service.get(), type);
        }
        Optional<LogonAccount> found = find(user, domain);
        if (found.isEmpty() || !found.get().account().passwordMatches(password)) {
            return Result.failure(NtStatus.STATUS_LOGON_FAILURE); // L12
        }
        LogonAccount account = found.get();
        Optional<NtStatus> restriction = restriction(account, type);
        if (restriction.isPresent()) {
            return Result.failure(restriction.get());
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, passwordLogonToken(client, account, type));
    }

    /** The account-state and policy checks after a right password (L11, L13, L14), in the model's order. */
    private Optional<NtStatus> restriction(LogonAccount account, UserLogonType type) {
        if (!account.account().enabled()) {
            return Optional.of(NtStatus.STATUS_ACCOUNT_DISABLED);
        }
        if (account.account().passwordExpired()) {
            return Optional.of(NtStatus.STATUS_PASSWORD_EXPIRED);
        }
        if (account.local() && account.account().password().isEmpty() && db.limitBlankPasswordUse()) {
            return Optional.of(NtStatus.STATUS_ACCOUNT_RESTRICTION);
        }
        Set<Sid> sids = new HashSet<>(account.memberOf());
        sids.add(account.sid());
        sids.add(Sid.EVERYONE);
        sids.add(Sid.AUTHENTICATED_USERS);
        sids.add(logonTypeSid(type));
        if (account.local()) {
            sids.add(LOCAL_ACCOUNT);
        }
        boolean allowed = AccountRight.allowFor(type).map(r -> db.holders(r).stream().anyMatch(sids::contains)).orElse(true);
        boolean denied = AccountRight.denyFor(type).map(r -> db.holders(r).stream().anyMatch(sids::contains)).orElse(false);
        return allowed && !denied ? Optional.empty() : Optional.of(NtStatus.STATUS_LOGON_TYPE_NOT_GRANTED);
    }

    private static Sid logonTypeSid(UserLogonType type) {
        return switch (type) {
            case INTERACTIVE -> Sid.INTERACTIVE;
            case NETWORK, NETWORK_CLEARTEXT -> Sid.NETWORK;
            case BATCH -> BATCH;
            case SERVICE -> Sid.SERVICE;
            case NEW_CREDENTIALS -> throw new IllegalArgumentException("NEW_CREDENTIALS adds no logon-type SID (L6)");
        };
    }

    /** The account {@code user} / {@code domain} names (L20): "." or null or the computer name is local, else the domain. */
    Optional<LogonAccount> find(String user, String domain) {
        String name = user;
        String dom = domain;
        int at = user.lastIndexOf('@');
        if (at > 0) {
            name = user.substring(0, at);
            String dns = user.substring(at + 1);
            Optional<DomainDirectory> d = db.domain().filter(x -> x.dnsName().equalsIgnoreCase(dns) || x.name().equalsIgnoreCase(dns));
            if (d.isEmpty()) {
                return Optional.empty();
            }
            dom = d.get().name();
        }
        if (dom == null || dom.isEmpty() || dom.equals(".") || dom.equalsIgnoreCase(db.machineName())) {
            Optional<LogonAccount> local = db.localUser(name).map(this::localAccount);
            if (local.isPresent() || (dom != null && !dom.isEmpty())) {
                return local;
            }
        }
        String wanted = name;
        String wantedDomain = dom;
        return db.domain().filter(d -> wantedDomain == null || wantedDomain.isEmpty() || d.name().equalsIgnoreCase(wantedDomain)
                        || d.dnsName().equalsIgnoreCase(wantedDomain))
                .flatMap(d -> d.users().stream().filter(u -> u.name().equalsIgnoreCase(wanted)).findFirst()
                        .map(u -> domainAccount(d, u)));
    }

    private LogonAccount localAccount(UserAccount u) {
        return new LogonAccount(u, db.sidOf(u), true, db.machineSid().withRid(513), groupSids(u.groups(), db.machineName()));
    }

    private LogonAccount domainAccount(DomainDirectory d, UserAccount u) {
        List<Sid> member = new ArrayList<>(groupSids(u.groups(), d.name()));
        Sid domainUsers = d.sid().withRid(DomainDirectory.DOMAIN_USERS_RID);
        member.add(0, domainUsers);
        if (!member.contains(Sid.BUILTIN_USERS)) {
            member.add(Sid.BUILTIN_USERS); // Domain Users is a member of BUILTIN\Users on a joined machine
        }
        return new LogonAccount(u, d.sid().withRid(u.rid()), false, domainUsers, member);
    }

    private List<Sid> groupSids(List<String> groupNames, String homeDomain) {
        List<Sid> out = new ArrayList<>();
        for (String g : groupNames) {
            Optional<Account> a = names.byName(homeDomain + "\\" + g).or(() -> names.byName(g));
            Account acc = a.orElseThrow(() -> new IllegalStateException("the account database names a group that does"
                    + " not exist: \"" + g + "\""));
            if (!out.contains(acc.sid())) {
                out.add(acc.sid());
            }
        }
        return out;
    }

    private static Optional<Sid> builtInService(String user, String domain) {
        if (domain == null || !domain.equalsIgnoreCase("NT AUTHORITY")) {
            return Optional.empty();
        }
        String n = user.toLowerCase(java.util.Locale.ROOT);
        return Optional.ofNullable(switch (n) {
            case "system" -> Sid.LOCAL_SYSTEM;
            case "local service", "localservice" -> Sid.LOCAL_SERVICE;
            case "network service", "networkservice" -> Sid.NETWORK_SERVICE;
            default -> null;
        });
    }

    /** L17: SYSTEM, LOCAL SERVICE, NETWORK SERVICE, for a caller with SeTcb enabled, as a service logon. */
    private Result<TokenObject> serviceAccountLogon(TokenObject client, Sid user, UserLogonType type) {
        if (!tcbEnabled(client)) {
            return Result.failure(NtStatus.STATUS_PRIVILEGE_NOT_HELD); // L15: the error is UNVERIFIED
        }
        if (type != UserLogonType.SERVICE) {
            return Result.failure(NtStatus.STATUS_LOGON_TYPE_NOT_GRANTED);
        }
        Luid session = user.equals(Sid.LOCAL_SYSTEM) ? Luid.SYSTEM_LOGON
                : user.equals(Sid.LOCAL_SERVICE) ? Luid.LOCAL_SERVICE_LOGON : Luid.NETWORK_SERVICE_LOGON;
        List<TokenGroup> groups = new ArrayList<>(WellKnownAccounts.serviceGroups(WellKnownAccounts.logonSid(tokens.kernel().newLuid())));
        List<TokenPrivilege> privileges = user.equals(Sid.LOCAL_SYSTEM) ? WellKnownAccounts.systemPrivileges()
                : WellKnownAccounts.servicePrivileges();
        if (user.equals(Sid.LOCAL_SYSTEM)) {
            groups.add(0, new TokenGroup(Sid.BUILTIN_ADMINISTRATORS, WellKnownAccounts.OWNER_GROUP));
        }
        TokenObject t = tokens.create(user, groups, privileges, Sid.SYSTEM_LABEL, user.equals(Sid.LOCAL_SYSTEM)
                        ? Sid.BUILTIN_ADMINISTRATORS : user, user, session, client.contents().authenticationId(),
                client.contents().sessionId(), ElevationType.DEFAULT, user.equals(Sid.LOCAL_SYSTEM), SOURCE,
                TokenType.PRIMARY, ImpersonationLevel.ANONYMOUS);
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, t);
    }

    private static boolean tcbEnabled(TokenObject client) {
        return client.contents().privileges().stream()
                .anyMatch(p -> p.privilege().filter(Privilege.SeTcbPrivilege::equals).isPresent() && (p.attributes() & 0x2) != 0);
    }

    /** The token of a password logon (L5-L9). */
    private TokenObject passwordLogonToken(TokenObject client, LogonAccount account, UserLogonType type) {
        Luid session = tokens.kernel().newLuid();
        Sid logonSid = WellKnownAccounts.logonSid(tokens.kernel().newLuid()); // L5: not the AuthenticationId
        List<TokenGroup> groups = groups(account, logonTypeSid(type), logonSid, type == UserLogonType.INTERACTIVE, true);
        Set<Sid> holders = new HashSet<>();
        holders.add(account.sid());
        groups.forEach(g -> holders.add(g.sid()));
        List<TokenPrivilege> privileges = db.privilegesFor(holders);
        boolean admin = ElevationRules.isElevated(groups, privileges);
        Luid origin = client.contents().authenticationId();
        int sessionId = client.contents().sessionId();
        boolean network = type == UserLogonType.NETWORK || type == UserLogonType.NETWORK_CLEARTEXT;
        TokenType tokenType = network ? TokenType.IMPERSONATION : TokenType.PRIMARY;
        ImpersonationLevel level = network ? ImpersonationLevel.IMPERSONATION : ImpersonationLevel.ANONYMOUS;
        boolean split = admin && db.uac() && type == UserLogonType.INTERACTIVE && !account.builtInAdministrator();
        if (!split) {
            Sid owner = admin && holders.contains(Sid.BUILTIN_ADMINISTRATORS) ? Sid.BUILTIN_ADMINISTRATORS : account.sid();
            return tokens.create(account.sid(), groups, privileges, admin ? Sid.HIGH_LABEL : Sid.MEDIUM_LABEL, owner,
                    account.primaryGroup(), session, origin, sessionId, ElevationType.DEFAULT, admin, SOURCE, tokenType, level);
        }
        TokenObject full = tokens.create(account.sid(), groups, privileges, Sid.HIGH_LABEL,
                holders.contains(Sid.BUILTIN_ADMINISTRATORS) ? Sid.BUILTIN_ADMINISTRATORS : account.sid(),
                account.primaryGroup(), session, origin, sessionId, ElevationType.FULL, true, SOURCE, tokenType, level);
        List<TokenGroup> filteredGroups = new ArrayList<>();
        for (TokenGroup g : groups) {
            filteredGroups.add(ElevationRules.isAdministrativeGroup(g.sid()) || g.sid().equals(LOCAL_ACCOUNT_AND_ADMIN)
                    ? g.withAttributes(WellKnownAccounts.DENY_ONLY_GROUP) : g);
        }
        List<TokenPrivilege> filteredPrivileges = privileges.stream()
                .filter(p -> p.privilege().filter(STANDARD_PRIVILEGES::contains).isPresent()).toList();
        TokenObject filtered = tokens.create(account.sid(), filteredGroups, filteredPrivileges, Sid.MEDIUM_LABEL, account.sid(),
                account.primaryGroup(), tokens.kernel().newLuid(), origin, sessionId, ElevationType.LIMITED, false, SOURCE,
                tokenType, level);
        LogonTokenFactory.link(full, filtered);
        return filtered;
    }

    /** The groups of a logon token without the label, in the order Windows lists them (L5, L6, L7). */
    private List<TokenGroup> groups(LogonAccount account, Sid logonTypeSid, Sid logonSid, boolean console, boolean ntlm) {
        int enabled = WellKnownAccounts.ENABLED_GROUP;
        List<TokenGroup> groups = new ArrayList<>();
        groups.add(new TokenGroup(account.primaryGroup(), enabled));
        groups.add(new TokenGroup(Sid.EVERYONE, enabled));
        boolean admin = account.memberOf().contains(Sid.BUILTIN_ADMINISTRATORS);
        if (account.local() && admin) {
            groups.add(new TokenGroup(LOCAL_ACCOUNT_AND_ADMIN, enabled));
        }
        for (Sid g : account.memberOf()) {
            if (!g.equals(account.primaryGroup())) {
                groups.add(new TokenGroup(g, g.equals(Sid.BUILTIN_ADMINISTRATORS) ? WellKnownAccounts.OWNER_GROUP : enabled));
            }
        }
        groups.add(new TokenGroup(logonTypeSid, enabled));
        if (console) {
            groups.add(new TokenGroup(Sid.CONSOLE_LOGON, enabled));
        }
        groups.add(new TokenGroup(Sid.AUTHENTICATED_USERS, enabled));
        groups.add(new TokenGroup(Sid.THIS_ORGANIZATION, enabled));
        if (account.local()) {
            groups.add(new TokenGroup(LOCAL_ACCOUNT, enabled));
        }
        groups.add(new TokenGroup(logonSid, WellKnownAccounts.LOGON_SID_GROUP));
        groups.add(new TokenGroup(Sid.LOCAL, enabled));
        if (ntlm) {
            groups.add(new TokenGroup(NTLM_AUTHENTICATION, enabled));
        } else {
            groups.add(new TokenGroup(SERVICE_ASSERTED_IDENTITY, enabled));
        }
        return groups;
    }

    /** L16: a primary copy of the caller's identity in a new logon session whose origin is the caller's. */
    private TokenObject newCredentials(TokenObject client) {
        TokenContents c = client.contents();
        TokenContents contents = new TokenContents(c.user(), c.groups(), c.privileges(), c.owner(), c.primaryGroup(),
                c.defaultDacl(), new TokenSource(SOURCE, tokens.kernel().newLuid()), TokenType.PRIMARY,
                ImpersonationLevel.ANONYMOUS, tokens.kernel().newLuid(), Luid.ZERO, c.authenticationId(),
                tokens.kernel().newLuid(), c.expirationTime(), c.sessionId(), c.mandatoryPolicy(), c.restrictedSids(),
                c.elevationType(), c.elevated(), null, c.flags());
        return tokens.kernel().createToken(contents, ObjectSecurity.defaultFor(contents, ObjectType.TOKEN));
    }

    // ---------------------------------------------------------------- S4U

    /**
     * An S4U logon (MSV1_0_S4U_LOGON for a local account, KERB_S4U_LOGON for a domain one; L19): no
     * password; an impersonation token at Identification level, or Impersonation when the caller
     * has SeTcbPrivilege enabled. Its groups are those of a network logon with "Service asserted
     * identity" instead of NTLM Authentication (for MSV1_0 UNVERIFIED, open question 10).
     */
    public Result<TokenObject> logonS4U(TokenObject client, String user, String domain) {
        Objects.requireNonNull(client, "client");
        if (user == null) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        if (!user.contains("@") && (domain == null || domain.isEmpty())) {
            return Result.failure(NtStatus.STATUS_NOT_SUPPORTED); // L19: empty DomainName reportedly NOT_SUPPORTED
        }
        Optional<LogonAccount> found = find(user, user.contains("@") ? null : domain);
        if (found.isEmpty()) {
            return Result.failure(NtStatus.STATUS_LOGON_FAILURE);
        }
        LogonAccount account = found.get();
        if (!account.account().enabled()) {
            return Result.failure(NtStatus.STATUS_ACCOUNT_DISABLED);
        }
        Sid logonSid = WellKnownAccounts.logonSid(tokens.kernel().newLuid());
        List<TokenGroup> groups = groups(account, Sid.NETWORK, logonSid, false, false);
        Set<Sid> holders = new HashSet<>();
        holders.add(account.sid());
        groups.forEach(g -> holders.add(g.sid()));
        List<TokenPrivilege> privileges = db.privilegesFor(holders);
        boolean admin = ElevationRules.isElevated(groups, privileges);
        ImpersonationLevel level = tcbEnabled(client) ? ImpersonationLevel.IMPERSONATION : ImpersonationLevel.IDENTIFICATION;
        TokenObject t = tokens.create(account.sid(), groups, privileges, admin ? Sid.HIGH_LABEL : Sid.MEDIUM_LABEL,
                admin ? Sid.BUILTIN_ADMINISTRATORS : account.sid(), account.primaryGroup(), tokens.kernel().newLuid(),
                client.contents().authenticationId(), client.contents().sessionId(), ElevationType.DEFAULT, admin, SOURCE,
                TokenType.IMPERSONATION, level);
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, t);
    }
}
