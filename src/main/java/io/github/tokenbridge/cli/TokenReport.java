package io.github.tokenbridge.cli;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.GroupAttribute;
import io.github.tokenbridge.IntegrityLevel;
import io.github.tokenbridge.PrivilegeAttribute;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.WellKnownSids;

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
 */
public record TokenReport(Map<String, String> scalars, Map<String, Object> typed, List<Group> groups, List<Privilege> privileges) {

    /** One group: its SID, well-known name (or empty) and attribute names. */
    public record Group(String sid, String name, List<String> attributes) {
    }

    /** One privilege: its name, state ({@code Enabled} or {@code Disabled}) and attribute names. */
    public record Privilege(String name, String state, List<String> attributes) {
    }

    public TokenReport {
        scalars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
        typed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(typed));
        groups = List.copyOf(groups);
        privileges = List.copyOf(privileges);
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

    /** Reads every field of {@code token} (which needs TOKEN_QUERY). */
    public static TokenReport of(AccessToken token) {
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
                    g.attributeSet().stream().map(GroupAttribute::name).toList()));
        }
        List<Privilege> privileges = new ArrayList<>();
        for (TokenPrivilege p : token.privileges()) {
            privileges.add(new Privilege(p.name(), p.enabled() ? "Enabled" : "Disabled",
                    p.attributeSet().stream().map(PrivilegeAttribute::name).toList()));
        }
        return new TokenReport(s, t, groups, privileges);
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

    private static Map<String, Object> integrityJson(IntegrityLevel level, Sid label) {
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

    /** Prints the short form: user, integrity, type, elevation. */
    public void printSummary(PrintWriter out) {
        for (String key : List.of("user", "integrity", "type", "impersonationLevel", "elevationType", "elevated")) {
            out.printf(Locale.ROOT, "%-20s %s%n", label(key), scalars.get(key));
        }
    }

    /** Prints every field, in sections like {@code whoami /all}. */
    public void printAll(PrintWriter out) {
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
        out.println();
        out.println("TOKEN INFORMATION");
        for (Map.Entry<String, String> e : scalars.entrySet()) {
            if (!e.getKey().equals("user")) {
                out.printf(Locale.ROOT, "  %-20s %s%n", label(e.getKey()), e.getValue());
            }
        }
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
        List<Object> gs = new ArrayList<>();
        for (Group g : groups) {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("sid", g.sid());
            gm.put("name", g.name().isEmpty() ? null : g.name());
            gm.put("attributes", g.attributes());
            gs.add(gm);
        }
        m.put("groups", gs);
        List<Object> ps = new ArrayList<>();
        for (Privilege p : privileges) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("enabled", p.state().equals("Enabled"));
            pm.put("attributes", p.attributes());
            ps.add(pm);
        }
        m.put("privileges", ps);
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
