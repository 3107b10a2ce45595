package io.github.tokenbridge.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Counts how many generated scenarios reached each corner of the token and access-check space
 * (a NULL DACL, an inherit-only ACE, a restricted token in AccessCheck, a lowered integrity, ...),
 * so a generator that drifts away from the hard cases shows in the table every run prints.
 */
public final class CornerCoverage {

    private record Corner(String name, Predicate<ModelReplay.Kept> reached) {
    }

    private static final List<Corner> CORNERS = List.of(
            access("access_check: NULL DACL", k -> k.draft().sd().dacl() == SecurityDescriptorSpec.DaclShape.NULL),
            access("access_check: empty DACL", k -> k.draft().sd().dacl() == SecurityDescriptorSpec.DaclShape.EMPTY),
            access("access_check: no DACL part", k -> k.draft().sd().dacl() == SecurityDescriptorSpec.DaclShape.ABSENT),
            access("access_check: deny ACE", k -> k.draft().sd().hasDeny()),
            access("access_check: inherit-only ACE", k -> k.draft().sd().hasInheritOnly()),
            access("access_check: OWNER RIGHTS ACE", k -> k.draft().sd().hasOwnerRights()),
            access("access_check: mandatory label", k -> k.draft().sd().label() != null),
            access("access_check: no owner or group", k -> k.draft().sd().owner() == null || k.draft().sd().group() == null),
            access("access_check: MAXIMUM_ALLOWED", k -> k.text().contains("desired=MAXIMUM_ALLOWED")
                    || k.text().contains("|MAXIMUM_ALLOWED")),
            access("access_check: ACCESS_SYSTEM_SECURITY", k -> k.text().contains("ACCESS_SYSTEM_SECURITY")),
            access("access_check: generic desired", k -> k.text().contains("desired=GENERIC_")),
            access("access_check: restricted token", k -> "true".equals(k.facts().get("token.restricted"))),
            access("access_check: Low/Untrusted token", k -> "Low".equals(k.facts().get("token.integrity"))
                    || "Untrusted".equals(k.facts().get("token.integrity"))),
            access("access_check: Identification token", k -> "Identification".equals(k.facts().get("token.level"))),
            access("access_check: primary token", k -> "Primary".equals(k.facts().get("token.type"))),
            access("access_check: granted", k -> k.outcome().equals("ok")),
            access("access_check: denied", k -> k.outcome().equals("ERROR_ACCESS_DENIED")),
            access("access_check: privilege not held", k -> k.outcome().equals("ERROR_PRIVILEGE_NOT_HELD")),
            verb("impersonate_self at Anonymous/Identification", "impersonate_self",
                    k -> k.text().contains("level=Anonymous") || k.text().contains("level=Identification")),
            verb("impersonate_logged_on_user ok", "impersonate_logged_on_user", k -> k.outcome().equals("ok")),
            verb("set_thread_token on another thread", "set_thread_token", k -> k.text().contains("thread=$th")),
            verb("set_thread_token token=null", "set_thread_token", k -> k.text().contains("token=null")),
            verb("nt_set_information_thread", "nt_set_information_thread", k -> true),
            verb("anonymous impersonation", "impersonate_anonymous_token", k -> true),
            verb("nt_impersonate_thread", "nt_impersonate_thread", k -> true),
            verb("open_thread_token while impersonating", "open_thread_token",
                    k -> "true".equals(k.facts().get("thread.impersonating"))),
            verb("open_thread_token: bad impersonation level", "open_thread_token",
                    k -> k.outcome().equals("ERROR_BAD_IMPERSONATION_LEVEL")),
            verb("duplicate_token_ex to Primary", "duplicate_token_ex", k -> k.text().contains("type=Primary")),
            verb("duplicate_token_ex with sd", "duplicate_token_ex", k -> k.draft().sd() != null),
            verb("nt_duplicate_token effective_only", "nt_duplicate_token", k -> k.text().contains("effective_only=true")),
            verb("create_restricted_token with restrict=", "create_restricted_token", k -> k.text().contains("restrict=")),
            verb("create_restricted_token WRITE_RESTRICTED", "create_restricted_token", k -> k.text().contains("flags=8")
                    || k.text().contains("flags=9")),
            verb("set integrity lower, ok", "set_token_information", k -> k.text().contains("TokenIntegrityLevel")
                    && (k.text().contains("value=Low") || k.text().contains("value=Untrusted")) && k.outcome().equals("ok")),
            verb("set owner / primary group", "set_token_information", k -> k.text().contains("TokenOwner")
                    || k.text().contains("TokenPrimaryGroup")),
            verb("set default DACL", "set_token_information", k -> k.text().contains("TokenDefaultDacl")),
            verb("adjust_token_privileges: not all assigned", "adjust_token_privileges",
                    k -> k.outcome().equals("ERROR_NOT_ALL_ASSIGNED")),
            verb("adjust_token_groups", "adjust_token_groups", k -> true),
            verb("privilege_check", "privilege_check", k -> true),
            verb("check_token_membership token=null", "check_token_membership", k -> k.text().contains("token=null")),
            verb("query: unknown class", "get_token_information", k -> k.text().matches(".*class=([4-9][0-9]).*")),
            verb("query: buffer too small", "get_token_information", k -> k.outcome().equals("ERROR_INSUFFICIENT_BUFFER")),
            verb("nt_query_information_token", "nt_query_information_token", k -> true),
            verb("check", "check", k -> true));

    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private int scenarios;

    public CornerCoverage() {
        CORNERS.forEach(c -> counts.put(c.name(), 0));
    }

    private static Corner access(String name, Predicate<ModelReplay.Kept> p) {
        return verb(name, "access_check", p);
    }

    private static Corner verb(String name, String verb, Predicate<ModelReplay.Kept> p) {
        return new Corner(name, k -> k.draft().verbName().equals(verb) && p.test(k));
    }

    /** Counts the corners {@code g} reached. */
    public void add(GeneratedScenario g) {
        scenarios++;
        for (Corner c : CORNERS) {
            if (g.lines().stream().anyMatch(c.reached())) {
                counts.merge(c.name(), 1, Integer::sum);
            }
        }
    }

    /** The count per corner. */
    public Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }

    /** The table: one line per corner with the number of scenarios that reached it. */
    public String table() {
        StringBuilder sb = new StringBuilder("corner coverage (scenarios reaching each corner, of " + scenarios + "):\n");
        counts.forEach((name, n) -> sb.append(String.format("  %7d  %s%n", n, name)));
        return sb.toString();
    }
}
