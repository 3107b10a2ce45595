package io.github.tokenbridge.cli;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.Account;
import io.github.tokenbridge.GroupAttribute;
import io.github.tokenbridge.IntegrityLevel;
import io.github.tokenbridge.PrivilegeAttribute;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.internal.WellKnownSids;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A snapshot of one token's fields, as {@code whoami /all} shows them: user, groups with their
 * attributes, privileges with their state, integrity, type and level, identifiers, session and
 * elevation. Read once from an {@link AccessToken}; printed as text or JSON and compared field by
 * field.
 *
 * @param scalars    the single-valued fields in display order (key to display text)
 * @param typed      the same fields as JSON values (docs/cli-json.md): booleans, numbers, null,
 *                   objects for SIDs and the integrity level
 * @param groups     the groups, in token order
 * @param privileges the privileges, in token order
 * @param accounts   the account names of the token's SIDs (SID text to account), resolved in one
 *                   batch when names were asked for; empty when not, and without the SIDs that
 *                   have no name here
 * @param named      whether names were asked for
 */
public record TokenReport(Map<String, String> scalars, Map<String, Object> typed, List<Group> groups, List<Privilege> privileges,
                          Map<String, Account> accounts, boolean named) {

    /** One group: its SID, well-known name (or empty), attribute names and whoami's words for them. */
    public record Group(String sid, String name, List<String> attributes, List<String> displayAttributes) {
    }

    /** One privilege: its name, state ({@code Enabled} or {@code Disabled}), attribute names and description. */
    public record Privilege(String name, String state, List<String> attributes, String description) {
    }

    public TokenReport {
        scalars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
        typed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(typed));
        groups = List.copyOf(groups);
        privileges = List.copyOf(privileges);
        accounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
    }

    private static final Map<String, String> LABELS = labels();

    private static Map<String, String> labels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("user", "User");
        m.put("integrity", "Integrity");
        m.put("type", "Type");
        m.put("impersonationLevel", "Impersonation level");
        m.put("elevationType", "Elevation type");
        m.put("elevated", "Elevated");
        m.put("sessionId", "Session");
        m.put("tokenId", "Token id");
        m.put("authenticationId", "Authentication id");
        m.put("modifiedId", "Modified id");
        m.put("origin", "Origin");
        m.put("owner", "Owner");
        m.put("primaryGroup", "Primary group");
        m.put("logonSid", "Logon SID");
        m.put("restricted", "Restricted");
        m.put("restrictedSids", "Restricted SIDs");
        return m;
    }

    /** Reads every field of {@code token} (which needs TOKEN_QUERY), without names (no lookup is made). */
    public static TokenReport of(AccessToken token) {
        return of(token, null);
    }

    /**
     * Reads every field of {@code token} and, when {@code system} is given, the names of its user,
     * owner, primary group, groups and restricted SIDs in one batch
     * ({@link io.github.tokenbridge.TokenSystem#lookupAccounts}); SIDs without a name stay unnamed.
     */
    public static TokenReport of(AccessToken token, io.github.tokenbridge.TokenSystem system) {
        Objects.requireNonNull(token, "token");
        Map<String, String> s = new LinkedHashMap<>();
        Map<String, Object> t = new LinkedHashMap<>();
        TokenStatistics stats = token.statistics();
        IntegrityLevel integrity = token.integrityLevel();
        Sid label = token.integrityLabel();
        Optional<String> level = token.type() == TokenType.IMPERSONATION
                ? token.impersonationLevel().map(Enum::name) : Optional.empty();
        Optional<Sid> logonSid = token.logonSid();
        List<TokenGroup> restricted = token.restrictedSids();
        put(s, t, "user", sid(token.user()), sidJson(token.user()));
        put(s, t, "integrity", integrity + " (" + label + ")", integrityJson(integrity, label));
        put(s, t, "type", token.type().name(), token.type().name());
        put(s, t, "impersonationLevel", level.orElse("-"), level.orElse(null));
        put(s, t, "elevationType", token.elevationType().name(), token.elevationType().name());
        boolean elevated = token.isElevated();
        put(s, t, "elevated", elevated ? "yes" : "no", elevated);
        put(s, t, "sessionId", Integer.toString(token.sessionId()), token.sessionId());
        put(s, t, "tokenId", stats.tokenId().toString(), stats.tokenId().toString());
        put(s, t, "authenticationId", stats.authenticationId().toString(), stats.authenticationId().toString());
        put(s, t, "modifiedId", stats.modifiedId().toString(), stats.modifiedId().toString());
        put(s, t, "origin", token.origin().toString(), token.origin().toString());
        put(s, t, "owner", sid(token.owner()), sidJson(token.owner()));
        put(s, t, "primaryGroup", sid(token.primaryGroup()), sidJson(token.primaryGroup()));
        put(s, t, "logonSid", logonSid.map(TokenReport::sid).orElse("-"), logonSid.map(TokenReport::sidJson).orElse(null));
        boolean hasRestrictions = token.hasRestrictions();
        put(s, t, "restricted", hasRestrictions ? "yes" : "no", hasRestrictions);
        put(s, t, "restrictedSids", restricted.isEmpty() ? "-"
                : restricted.stream().map(g -> sid(g.sid())).collect(Collectors.joining(", ")),
                restricted.stream().map(g -> groupJson(g.sid(), g.attributeSet().stream().map(GroupAttribute::name).toList()))
                        .toList());
        List<Group> groups = new ArrayList<>();
        for (TokenGroup g : token.groups()) {
            groups.add(new Group(g.sid().toString(), WellKnownSids.nameOf(g.sid()).orElse(""),
                    g.attributeSet().stream().map(GroupAttribute::name).toList(), WhoamiWording.attributes(g.attributeSet())));
        }
        List<Privilege> privileges = new ArrayList<>();
        for (TokenPrivilege p : token.privileges()) {
            privileges.add(new Privilege(p.name(), p.enabled() ? "Enabled" : "Disabled",
                    p.attributeSet().stream().map(PrivilegeAttribute::name).toList(), WhoamiWording.description(p.name())));
        }
        Map<String, Account> accounts = new LinkedHashMap<>();
        if (system != null) {
            java.util.Set<Sid> sids = new java.util.LinkedHashSet<>();
            sids.add(token.user());
            sids.add(token.owner());
            sids.add(token.primaryGroup());
            token.groups().forEach(g -> sids.add(g.sid()));
            restricted.forEach(g -> sids.add(g.sid()));
            system.lookupAccounts(sids).forEach((sid, account) -> accounts.put(sid.toString(), account));
        }
        return new TokenReport(s, t, groups, privileges, accounts, system != null);
    }

    private static void put(Map<String, String> text, Map<String, Object> json, String key, String display, Object value) {
        text.put(key, display);
        json.put(key, value);
    }

    private static String sid(Sid sid) {
        return WellKnownSids.nameOf(sid).map(n -> n + " (" + sid + ")").orElse(sid.toString());
    }

    /** A SID as JSON: {@code {"sid": "S-1-...", "name": "Everyone" | null}}. */
    static Map<String, Object> sidJson(Sid sid) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sid", sid.toString());
        m.put("name", WellKnownSids.nameOf(sid).orElse(null));
        return m;
    }

    /** An integrity level as JSON: {@code {"name": "MEDIUM", "sid": "S-1-16-8192"}}. */
    static Map<String, Object> integrityJson(IntegrityLevel level, Sid label) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", level.name());
        m.put("sid", label.toString());
        return m;
    }

    private static Map<String, Object> groupJson(Sid sid, List<String> attributes) {
        Map<String, Object> m = sidJson(sid);
        m.put("attributes", attributes);
        return m;
    }

    /** The display label of a scalar key ({@code tokenId} is "Token id"). */
    public static String label(String key) {
        return LABELS.getOrDefault(key, key);
    }

    /** Prints the short form: user, integrity, type, elevation (the user by name when names were asked for). */
    public void printSummary(PrintWriter out) {
        for (String key : List.of("user", "integrity", "type", "impersonationLevel", "elevationType", "elevated")) {
            out.printf(Locale.ROOT, "%-20s %s%n", label(key), key.equals("user") && named ? userText() : scalars.get(key));
        }
    }

    private String userSid() {
        return ((Map<?, ?>) typed.get("user")).get("sid").toString();
    }

    private String userText() {
        Account a = accounts.get(userSid());
        return a == null ? scalars.get("user") : a.qualifiedName() + " (" + userSid() + ")";
    }

    /**
     * Prints every field, in sections like {@code whoami /all}: with names, the user's and each
     * group's account name, the Type column, the SID and the attributes in Windows' wording, and
     * each privilege's description; without, the SIDs with tokenbridge's well-known names and the
     * attribute constant names.
     */
    public void printAll(PrintWriter out) {
        if (named) {
            printNamed(out);
        } else {
            printUnnamed(out);
        }
        out.println();
        out.println("TOKEN INFORMATION");
        for (Map.Entry<String, String> e : scalars.entrySet()) {
            if (!e.getKey().equals("user")) {
                out.printf(Locale.ROOT, "  %-20s %s%n", label(e.getKey()), e.getValue());
            }
        }
    }

    private void printUnnamed(PrintWriter out) {
        out.println("USER INFORMATION");
        out.printf(Locale.ROOT, "  %-20s %s%n", label("user"), scalars.get("user"));
        out.println();
        out.println("GROUP INFORMATION");
        int width = groups.stream().mapToInt(g -> groupName(g).length()).max().orElse(10);
        for (Group g : groups) {
            out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", groupName(g), String.join(", ", g.attributes()));
        }
        out.println();
        out.println("PRIVILEGES INFORMATION");
        int pw = privileges.stream().mapToInt(p -> p.name().length()).max().orElse(10);
        for (Privilege p : privileges) {
            out.printf(Locale.ROOT, "  %-" + pw + "s  %s%n", p.name(), p.state());
        }
    }

    private void printNamed(PrintWriter out) {
        out.println("USER INFORMATION");
        out.println("----------------");
        String user = userSid();
        Account ua = accounts.get(user);
        String userName = ua == null ? user : ua.qualifiedName().toLowerCase(Locale.ROOT);
        table(out, List.of("User Name", "SID"), List.of(List.of(userName, user)));
        out.println();
        out.println("GROUP INFORMATION");
        out.println("-----------------");
        List<List<String>> rows = new ArrayList<>();
        for (Group g : groups) {
            Account a = accounts.get(g.sid());
            rows.add(List.of(a == null ? g.sid() : a.qualifiedName(), WhoamiWording.type(a), g.sid(),
                    String.join(", ", g.displayAttributes())));
        }
        table(out, List.of("Group Name", "Type", "SID", "Attributes"), rows);
        out.println();
        out.println("PRIVILEGES INFORMATION");
        out.println("----------------------");
        List<List<String>> prows = new ArrayList<>();
        for (Privilege p : privileges) {
            prows.add(List.of(p.name(), p.description(), p.state()));
        }
        table(out, List.of("Privilege Name", "Description", "State"), prows);
    }

    /** A whoami-style table: a header, a line of {@code =} under each column, the rows; columns one space apart. */
    private static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        List<String> rules = new ArrayList<>();
        for (int w : width) {
            rules.add("=".repeat(w));
        }
        row(out, header, width);
        row(out, rules, width);
        rows.forEach(r -> row(out, r, width));
    }

    private static void row(PrintWriter out, List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            b.append(i == cells.size() - 1 ? cells.get(i) : String.format(Locale.ROOT, "%-" + width[i] + "s ", cells.get(i)));
        }
        out.println(b.toString().stripTrailing());
    }

    private static String groupName(Group g) {
        return g.name().isEmpty() ? g.sid() : g.name() + " (" + g.sid() + ")";
    }

    /**
     * The report as a JSON-ready map (docs/cli-json.md, "token"): the typed scalars, then
     * {@code groups} and {@code privileges}.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>(typed);
        for (String key : List.of("user", "owner", "primaryGroup", "logonSid")) {
            if (m.get(key) instanceof Map<?, ?> sid) {
                m.put(key, withAccount(sid));
            }
        }
        if (m.get("restrictedSids") instanceof List<?> list) {
            m.put("restrictedSids", list.stream().map(o -> (Object) withAccount((Map<?, ?>) o)).toList());
        }
        m.put("namesResolved", named);
        List<Object> gs = new ArrayList<>();
        for (Group g : groups) {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("sid", g.sid());
            gm.put("name", g.name().isEmpty() ? null : g.name());
            gm.put("attributes", g.attributes());
            gm.put("account", WhoamiWording.accountJson(accounts.get(g.sid())));
            gm.put("displayAttributes", g.displayAttributes());
            gs.add(gm);
        }
        m.put("groups", gs);
        List<Object> ps = new ArrayList<>();
        for (Privilege p : privileges) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("enabled", p.state().equals("Enabled"));
            pm.put("attributes", p.attributes());
            pm.put("description", p.description().isEmpty() ? null : p.description());
            ps.add(pm);
        }
        m.put("privileges", ps);
        return m;
    }

    /** A SID object with its {@code account} member added (null when not named here or names were not asked for). */
    private Map<String, Object> withAccount(Map<?, ?> sid) {
        Map<String, Object> m = new LinkedHashMap<>();
        sid.forEach((k, v) -> m.put(k.toString(), v));
        m.put("account", WhoamiWording.accountJson(accounts.get(String.valueOf(sid.get("sid")))));
        return m;
    }

    /**
     * Every field flattened to one line each, for comparison: the scalars by label, then
     * {@code group <sid>} and {@code privilege <name>} with their attributes.
     */
    public Map<String, String> flatten() {
        Map<String, String> m = new LinkedHashMap<>();
        scalars.forEach((k, v) -> m.put(label(k), v));
        for (Group g : groups) {
            m.put("group " + groupName(g), String.join(", ", g.attributes()));
        }
        for (Privilege p : privileges) {
            m.put("privilege " + p.name(), p.state());
        }
        return m;
    }

    /**
     * The same entries as {@link #flatten()}, same keys, with JSON values: the typed scalars, a
     * group's attribute names, a privilege's {@code {"enabled", "attributes"}}.
     */
    public Map<String, Object> flattenTyped() {
        Map<String, Object> m = new LinkedHashMap<>();
        typed.forEach((k, v) -> m.put(label(k), v));
        for (Group g : groups) {
            m.put("group " + groupName(g), g.attributes());
        }
        for (Privilege p : privileges) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("enabled", p.state().equals("Enabled"));
            pm.put("attributes", p.attributes());
            m.put("privilege " + p.name(), pm);
        }
        return m;
    }
}
