package io.github.tokenbridge.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A generated scenario as the model ran it: its id and its kept lines (each with the model's
 * outcome and the facts of the state it ran in). Its text is a {@code .scn} block whose expected
 * outcomes are the model's, citing the rules of the verbs it uses.
 *
 * @param id    the scenario id
 * @param lines the kept lines, in order
 */
public record GeneratedScenario(String id, List<ModelReplay.Kept> lines) {

    private static final Map<String, String> RULES = Map.ofEntries(
            Map.entry("open_process_token", "R22"), Map.entry("nt_open_process_token_ex", "R22"),
            Map.entry("open_thread_token", "R29"), Map.entry("nt_open_thread_token_ex", "R32"),
            Map.entry("duplicate_token", "R53"), Map.entry("duplicate_token_ex", "R52"),
            Map.entry("nt_duplicate_token", "R55"), Map.entry("duplicate_handle", "R21"),
            Map.entry("close_handle", "R23"), Map.entry("nt_close", "R23"),
            Map.entry("impersonate_self", "R41"), Map.entry("impersonate_logged_on_user", "R42"),
            Map.entry("set_thread_token", "R36"), Map.entry("nt_set_information_thread", "R35"),
            Map.entry("impersonate_anonymous_token", "R44"), Map.entry("nt_impersonate_anonymous_token", "R44"),
            Map.entry("nt_impersonate_thread", "R43"), Map.entry("revert_to_self", "R45"),
            Map.entry("adjust_token_privileges", "R56"), Map.entry("adjust_token_groups", "R57"),
            Map.entry("privilege_check", "R61"), Map.entry("check_token_membership", "R60"),
            Map.entry("access_check", "R63"), Map.entry("create_restricted_token", "R10"),
            Map.entry("set_token_information", "R58"), Map.entry("get_token_information", "R59"),
            Map.entry("nt_query_information_token", "R5"), Map.entry("create_thread", "R17"));

    public GeneratedScenario {
        lines = List.copyOf(lines);
    }

    /** The rules its verbs exercise, sorted. */
    public List<String> cites() {
        TreeSet<String> cites = new TreeSet<>((a, b) -> Integer.compare(Integer.parseInt(a.substring(1)),
                Integer.parseInt(b.substring(1))));
        lines.forEach(l -> {
            String r = RULES.get(l.draft().verbName());
            if (r != null) {
                cites.add(r);
            }
        });
        if (cites.isEmpty()) {
            cites.add("R5");
        }
        return List.copyOf(cites);
    }

    /** The {@code .scn} text. */
    public String text() {
        return ModelReplay.text(id, cites(), lines.stream().map(ModelReplay.Kept::text).toList());
    }

    /** The draft lines it was made of (for shrinking). */
    public List<DraftLine> drafts() {
        List<DraftLine> out = new ArrayList<>();
        lines.forEach(l -> out.add(l.draft()));
        return out;
    }

    /** The kept line that is step {@code number} (1-based). */
    public ModelReplay.Kept line(int number) {
        return lines.get(number - 1);
    }
}
