package io.github.tokenbridge.model.lsa;

import io.github.tokenbridge.Account;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.SidType;
import io.github.tokenbridge.model.AccountDatabase;
import io.github.tokenbridge.model.DomainDirectory;
import io.github.tokenbridge.model.GroupAccount;
import io.github.tokenbridge.model.UserAccount;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names LSA gives SIDs on a model machine, and the SIDs it gives names (rules N3, N4, N7, N8):
 * the well-known names in Windows' English spelling, the BUILTIN aliases, logon SIDs
 * ({@code NT AUTHORITY\LogonSessionId_X_Y}), the machine's own accounts and those of its domain.
 * Names compare ignoring case; spaces count.
 */
public final class AccountNames {

    private static final String NT_AUTHORITY = "NT AUTHORITY";
    private static final String BUILTIN = "BUILTIN";
    private static final String LABELS = "Mandatory Label";
    private static final Sid BUILTIN_DOMAIN = Sid.parse("S-1-5-32");
    private static final Sid NT_AUTHORITY_SID = Sid.of(5);

    /** The fixed names, in the order a bare-name lookup tries them. */
    private static final Map<Sid, Account> WELL_KNOWN = new LinkedHashMap<>();
    /** Other accepted spellings of well-known names (N8: "LocalService" for "LOCAL SERVICE"). */
    private static final Map<String, Sid> ALTERNATE_NAMES = Map.of(
            "localservice", Sid.LOCAL_SERVICE, "networkservice", Sid.NETWORK_SERVICE, "localsystem", Sid.LOCAL_SYSTEM);

    static {
        well("S-1-1-0", "", "Everyone");
        well("S-1-2-0", "", "LOCAL");
        well("S-1-2-1", "", "CONSOLE LOGON");
        well("S-1-3-0", "", "CREATOR OWNER");
        well("S-1-3-1", "", "CREATOR GROUP");
        well("S-1-3-2", "", "CREATOR OWNER SERVER");
        well("S-1-3-3", "", "CREATOR GROUP SERVER");
        well("S-1-3-4", "", "OWNER RIGHTS");
        well("S-1-5-1", NT_AUTHORITY, "DIALUP");
        well("S-1-5-2", NT_AUTHORITY, "NETWORK");
        well("S-1-5-3", NT_AUTHORITY, "BATCH");
        well("S-1-5-4", NT_AUTHORITY, "INTERACTIVE");
        well("S-1-5-6", NT_AUTHORITY, "SERVICE");
        well("S-1-5-7", NT_AUTHORITY, "ANONYMOUS LOGON");
        well("S-1-5-8", NT_AUTHORITY, "PROXY");
        well("S-1-5-9", NT_AUTHORITY, "ENTERPRISE DOMAIN CONTROLLERS");
        well("S-1-5-10", NT_AUTHORITY, "SELF");
        well("S-1-5-11", NT_AUTHORITY, "Authenticated Users");
        well("S-1-5-12", NT_AUTHORITY, "RESTRICTED");
        well("S-1-5-13", NT_AUTHORITY, "TERMINAL SERVER USER");
        well("S-1-5-14", NT_AUTHORITY, "REMOTE INTERACTIVE LOGON");
        well("S-1-5-15", NT_AUTHORITY, "This Organization");
        well("S-1-5-17", NT_AUTHORITY, "IUSR");
        well("S-1-5-18", NT_AUTHORITY, "SYSTEM");
        well("S-1-5-19", NT_AUTHORITY, "LOCAL SERVICE");
        well("S-1-5-20", NT_AUTHORITY, "NETWORK SERVICE");
        well("S-1-5-33", NT_AUTHORITY, "WRITE RESTRICTED");
        well("S-1-5-64-10", NT_AUTHORITY, "NTLM Authentication");
        well("S-1-5-64-14", NT_AUTHORITY, "SChannel Authentication");
        well("S-1-5-64-21", NT_AUTHORITY, "Digest Authentication");
        well("S-1-5-113", NT_AUTHORITY, "Local account");
        well("S-1-5-114", NT_AUTHORITY, "Local account and member of Administrators group");
        well("S-1-5-1000", NT_AUTHORITY, "Other Organization");
        well("S-1-5-80-0", "NT SERVICE", "ALL SERVICES");
        well("S-1-15-2-1", "APPLICATION PACKAGE AUTHORITY", "ALL APPLICATION PACKAGES");
        well("S-1-18-1", "", "Authentication authority asserted identity");
        well("S-1-18-2", "", "Service asserted identity");
        put(new Account(BUILTIN_DOMAIN, BUILTIN, BUILTIN, SidType.DOMAIN));
        alias(544, "Administrators");
        alias(545, "Users");
        alias(546, "Guests");
        alias(547, "Power Users");
        alias(551, "Backup Operators");
        alias(555, "Remote Desktop Users");
        alias(559, "Performance Log Users");
        alias(568, "IIS_IUSRS");
        label(0, "Untrusted");
        label(4096, "Low");
        label(8192, "Medium");
        label(8448, "Medium Plus");
        label(12288, "High");
        label(16384, "System");
        label(20480, "Protected Process");
    }

    private static void well(String sid, String domain, String name) {
        put(new Account(Sid.parse(sid), name, domain, SidType.WELL_KNOWN_GROUP));
    }

    private static void alias(int rid, String name) {
        put(new Account(BUILTIN_DOMAIN.withRid(rid), name, BUILTIN, SidType.ALIAS));
    }

    private static void label(int rid, String level) {
        put(new Account(Sid.of(16, rid), level + " Mandatory Level", LABELS, SidType.LABEL));
    }

    private static void put(Account a) {
        WELL_KNOWN.put(a.sid(), a);
    }

    private final AccountDatabase db;

    public AccountNames(AccountDatabase db) {
        this.db = java.util.Objects.requireNonNull(db, "db");
    }

    /** The name of {@code sid}, or empty when it has none here (ERROR_NONE_MAPPED, N2). */
    public Optional<Account> bySid(Sid sid) {
        Account known = WELL_KNOWN.get(sid);
        if (known != null) {
            return Optional.of(known);
        }
        if (sid.authority() == 5 && sid.subAuthorityCount() == 3 && sid.subAuthority(0) == 5) {
            return Optional.of(new Account(sid, "LogonSessionId_" + Integer.toUnsignedString(sid.subAuthority(1)) + "_"
                    + Integer.toUnsignedString(sid.subAuthority(2)), NT_AUTHORITY, SidType.LOGON_SESSION)); // N4
        }
        Optional<Account> local = inDomain(sid, db.machineSid(), db.machineName(), db.users(), db.aliases(), 513, "None");
        if (local.isPresent()) {
            return local;
        }
        return db.domain().flatMap(d -> inDomain(sid, d.sid(), d.name(), d.users(), d.groups(),
                DomainDirectory.DOMAIN_USERS_RID, "Domain Users"));
    }

    private static Optional<Account> inDomain(Sid sid, Sid domainSid, String domainName, List<UserAccount> users,
                                              List<GroupAccount> groups, int primaryRid, String primaryName) {
        if (sid.equals(domainSid)) {
            return Optional.of(new Account(sid, domainName, domainName, SidType.DOMAIN));
        }
        if (!sid.equals(domainSid.withRid((int) sid.rid())) || sid.subAuthorityCount() != domainSid.subAuthorityCount() + 1) {
            return Optional.empty();
        }
        int rid = (int) sid.rid();
        for (UserAccount u : users) {
            if (u.rid() == rid) {
                return Optional.of(new Account(sid, u.name(), domainName, SidType.USER));
            }
        }
        for (GroupAccount g : groups) {
            if (g.rid() == rid) {
                return Optional.of(new Account(sid, g.name(), domainName, g.type()));
            }
        }
        if (rid == primaryRid) {
            return Optional.of(new Account(sid, primaryName, domainName, SidType.GROUP));
        }
        return Optional.empty();
    }

    /**
     * The account a name stands for (N7, N8): {@code name}, {@code DOMAIN\name} (the domain must match
     * exactly, ignoring case), or {@code user@dns.domain}; the computer's or a domain's own name gives
     * the domain; empty when nothing matches (ERROR_NONE_MAPPED).
     */
    public Optional<Account> byName(String name) {
        if (name == null) {
            return Optional.of(WELL_KNOWN.get(BUILTIN_DOMAIN)); // N7: Wine's answer; Windows' is unknown
        }
        int slash = name.indexOf('\\');
        if (slash >= 0) {
            return qualified(name.substring(0, slash), name.substring(slash + 1));
        }
        int at = name.lastIndexOf('@');
        if (at > 0) {
            String dns = name.substring(at + 1);
            return db.domain().filter(d -> d.dnsName().equalsIgnoreCase(dns) || d.name().equalsIgnoreCase(dns))
                    .flatMap(d -> qualified(d.name(), name.substring(0, at)));
        }
        for (Account a : candidates()) {
            if (a.name().equalsIgnoreCase(name)) {
                return Optional.of(a);
            }
        }
        Sid alternate = ALTERNATE_NAMES.get(name.toLowerCase(Locale.ROOT).replace(" ", ""));
        if (alternate != null && name.chars().filter(c -> c == ' ').count() <= 1) {
            return Optional.of(WELL_KNOWN.get(alternate));
        }
        return Optional.empty();
    }

    private Optional<Account> qualified(String domain, String name) {
        for (Account a : candidates()) {
            if (a.domain().equalsIgnoreCase(domain) && a.name().equalsIgnoreCase(name)) {
                return Optional.of(a);
            }
        }
        Sid alternate = ALTERNATE_NAMES.get(name.toLowerCase(Locale.ROOT).replace(" ", ""));
        if (alternate != null && domain.equalsIgnoreCase(NT_AUTHORITY) && name.chars().filter(c -> c == ' ').count() <= 1) {
            return Optional.of(WELL_KNOWN.get(alternate));
        }
        return Optional.empty();
    }

    /**
     * Everything a name can match, in lookup order: the machine's users (a user named like the
     * computer wins over the computer, N7), the machine itself, well-known names and BUILTIN aliases,
     * the machine's aliases and None, then the domain and its accounts.
     */
    private List<Account> candidates() {
        List<Account> all = new ArrayList<>();
        for (UserAccount u : db.users()) {
            all.add(new Account(db.sidOf(u), u.name(), db.machineName(), SidType.USER));
        }
        all.add(new Account(db.machineSid(), db.machineName(), db.machineName(), SidType.DOMAIN));
        all.addAll(WELL_KNOWN.values());
        for (GroupAccount g : db.aliases()) {
            all.add(new Account(db.machineSid().withRid(g.rid()), g.name(), db.machineName(), g.type()));
        }
        all.add(new Account(db.machineSid().withRid(513), "None", db.machineName(), SidType.GROUP));
        db.domain().ifPresent(d -> {
            all.add(new Account(d.sid(), d.name(), d.name(), SidType.DOMAIN));
            for (UserAccount u : d.users()) {
                all.add(new Account(d.sid().withRid(u.rid()), u.name(), d.name(), SidType.USER));
            }
            for (GroupAccount g : d.groups()) {
                all.add(new Account(d.sid().withRid(g.rid()), g.name(), d.name(), g.type()));
            }
            all.add(new Account(d.sid().withRid(DomainDirectory.DOMAIN_USERS_RID), "Domain Users", d.name(), SidType.GROUP));
        });
        return all;
    }

    /** The NT AUTHORITY domain's SID (S-1-5), the referenced domain of its names. */
    static Sid ntAuthority() {
        return NT_AUTHORITY_SID;
    }
}
