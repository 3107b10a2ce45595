package io.github.tokenbridge.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * A seeded generator of valid scenarios over the Win32 and NT verbs of the scenario language:
 * token opens, duplications, every impersonation entry point (also on other threads), privilege and
 * group adjustment, restricted tokens, SetTokenInformation, queries of every class, PrivilegeCheck,
 * CheckTokenMembership and AccessCheck of random tokens against random security descriptors. Each
 * line is replayed on the model as it is chosen ({@link ModelReplay}), so later lines only name
 * variables that are bound and the scenario's expected outcomes are the model's. The weights lean
 * towards the corners (NULL and empty DACLs, deny and inherit-only ACEs, OWNER RIGHTS, labels,
 * restricted tokens, lowered integrity, MAXIMUM_ALLOWED, ACCESS_SYSTEM_SECURITY). The same seed
 * and the same model give the same scenarios.
 */
public final class ScenarioGenerator {

    /**
     * What the generator knows of a token variable: its name, whether it is a primary token, and
     * whether it is the process's own token object (opened from the process, or a handle duplicated
     * from such a handle). Every scenario of a batch shares the target's process, so an irreversible
     * change to that token (a removed privilege, a lowered integrity level) is never generated: it
     * would outlive the scenario on the target, while the model starts each scenario afresh.
     */
    private record TokenVar(String name, boolean primary, boolean shared) {
    }

    private static final String[] TOKEN_RIGHTS = {"TOKEN_ASSIGN_PRIMARY", "TOKEN_DUPLICATE", "TOKEN_IMPERSONATE",
        "TOKEN_QUERY", "TOKEN_QUERY_SOURCE", "TOKEN_ADJUST_PRIVILEGES", "TOKEN_ADJUST_GROUPS", "TOKEN_ADJUST_DEFAULT",
        "TOKEN_ADJUST_SESSIONID", "READ_CONTROL", "WRITE_DAC", "WRITE_OWNER", "DELETE"};
    private static final String[] LEVELS = {"Anonymous", "Identification", "Impersonation", "Delegation"};
    private static final String[] PRIVILEGES = {"SeChangeNotifyPrivilege", "SeShutdownPrivilege",
        "SeImpersonatePrivilege", "SeDebugPrivilege", "SeBackupPrivilege", "SeRestorePrivilege", "SeSecurityPrivilege",
        "SeTakeOwnershipPrivilege", "SeIncreaseWorkingSetPrivilege", "SeTimeZonePrivilege", "SeUndockPrivilege",
        "SeCreateGlobalPrivilege", "SeTcbPrivilege", "SeCreateTokenPrivilege"};
    private static final String[] GROUP_SIDS = {"Everyone", "Users", "Administrators", "AuthenticatedUsers",
        "Interactive", "S-1-2-0", "S-1-5-12", "Network", "S-1-5-21-1-2-3-4242"};
    private static final String[] ACE_SIDS = {"WD", "BA", "BU", "AU", "IU", "OW", "RC", "SY", "AN", "S-1-5-21-1-2-3-4242"};
    private static final String[] OWNERS = {"BA", "SY", "WD", "S-1-5-21-1-2-3-4242"};
    private static final String[] LABELS = {"LW", "ME", "HI", "SI"};
    private static final String[] INTEGRITIES = {"Untrusted", "Low", "Medium", "High", "System"};
    /** The levels a change of the process's own token may ask for: none below its own (High or System). */
    private static final String[] RAISED_INTEGRITIES = {"High", "System"};
    private static final String[] MAPPINGS = {"file", "key", "generic-all", "token"};
    private static final int[] SPECIFIC = {0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100};
    private static final int[] STANDARD = {0x10000, 0x20000, 0x40000, 0x80000, 0x100000};

    private final BackendFactory model;
    private final String userSid;
    private final int maxLines;

    /**
     * @param model    makes the model backend each scenario is replayed on (the one the run compares with)
     * @param userSid  the SID string of the model's process-token user (for owners and ACEs naming the caller)
     * @param maxLines the most lines a scenario gets
     */
    public ScenarioGenerator(BackendFactory model, String userSid, int maxLines) {
        this.model = model;
        this.userSid = userSid;
        this.maxLines = maxLines;
    }

    /** Scenario number {@code index} of the run with {@code seed}: reproducible on its own. */
    public GeneratedScenario generate(long seed, int index) {
        Random rnd = new Random(seed * 1_000_003L + index);
        String id = "gen-" + Long.toUnsignedString(seed, 36) + "-" + index;
        int length = 3 + rnd.nextInt(Math.max(1, maxLines - 2));
        List<TokenVar> tokens = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        int[] counter = {0};
        try (ModelReplay replay = new ModelReplay(model, id)) {
            // almost every scenario starts from the process token
            if (rnd.nextInt(10) > 0) {
                add(replay, DraftLine.step(null, "open_process_token process=current-process access="
                        + (rnd.nextInt(4) == 0 ? tokenAccess(rnd) : "TOKEN_ALL_ACCESS"), "p"), tokens, true, true);
            }
            int attempts = 0;
            while (replay.kept().size() < length && attempts++ < length * 4) {
                DraftLine d = next(rnd, tokens, threads, counter);
                if (d != null) {
                    add(replay, d, tokens, isPrimaryResult(d), isSharedResult(d, tokens));
                    if (d.verbName().equals("close_handle") || d.verbName().equals("nt_close")) {
                        // a closed handle's value may be reused by the next handle (Wine does): never name it again
                        String closed = d.candidates().get(0).replaceAll(".*handle=\\$(\\w+).*", "$1");
                        tokens.removeIf(v -> v.name().equals(closed));
                    }
                    if (d.verbName().equals("create_thread") && replay.bound(d.bind()) && !threads.contains(d.bind())) {
                        threads.add(d.bind());
                    }
                }
            }
            return new GeneratedScenario(id, replay.kept());
        }
    }

    private static boolean isPrimaryResult(DraftLine d) {
        String t = d.candidates().get(0);
        return t.startsWith("open_process_token") || t.startsWith("nt_open_process_token_ex") || t.contains("type=Primary");
    }

    /** Whether {@code d} binds a handle to the process's own token: an open of it, or a duplicated handle of one. */
    private static boolean isSharedResult(DraftLine d, List<TokenVar> tokens) {
        String t = d.candidates().get(0);
        if (t.startsWith("open_process_token") || t.startsWith("nt_open_process_token_ex")) {
            return true;
        }
        if (t.startsWith("duplicate_handle")) {
            String source = t.replaceAll(".*handle=\\$(\\w+).*", "$1");
            return tokens.stream().anyMatch(v -> v.name().equals(source) && v.shared());
        }
        return false;
    }

    private static void add(ModelReplay replay, DraftLine d, List<TokenVar> tokens, boolean primary, boolean shared) {
        ModelReplay.Kept k = replay.add(d);
        if (k != null && d.bind() != null && replay.bound(d.bind()) && !d.verbName().equals("create_thread")) {
            tokens.add(new TokenVar(d.bind(), primary, shared));
        }
    }

    private DraftLine next(Random rnd, List<TokenVar> tokens, List<String> threads, int[] counter) {
        int roll = rnd.nextInt(100);
        String on = !threads.isEmpty() && rnd.nextInt(5) == 0 ? pick(rnd, threads) : null;
        if (tokens.isEmpty() && roll >= 30) {
            roll = rnd.nextInt(30);
        }
        TokenVar t = tokens.isEmpty() ? null : pickToken(rnd, tokens);
        String fresh = "t" + (++counter[0]);
        if (roll < 5) {
            return DraftLine.step(null, "open_process_token process=current-process access=" + tokenAccess(rnd), fresh);
        } else if (roll < 7) {
            return DraftLine.step(null, "nt_open_process_token_ex process=current-process access=" + tokenAccess(rnd), fresh);
        } else if (roll < 11) {
            String verb = rnd.nextBoolean() ? "open_thread_token" : "nt_open_thread_token_ex";
            return DraftLine.step(on, verb + " thread=" + threadArg(rnd, threads) + " access=" + tokenAccess(rnd)
                    + " open_as_self=" + rnd.nextBoolean(), fresh);
        } else if (roll < 15) {
            return DraftLine.step(on, "impersonate_self level=" + level(rnd), (String) null);
        } else if (roll < 17) {
            return threads.size() < 2 ? DraftLine.step(null, "create_thread", "th" + (threads.size() + 1)) : null;
        } else if (roll < 19) {
            return DraftLine.step(on, "revert_to_self", (String) null);
        } else if (roll < 20) {
            String verb = rnd.nextBoolean() ? "impersonate_anonymous_token" : "nt_impersonate_anonymous_token";
            return DraftLine.step(on, verb + " thread=" + threadArg(rnd, threads), (String) null);
        } else if (roll < 21) {
            if (threads.isEmpty()) {
                return null;
            }
            return DraftLine.step(null, "nt_impersonate_thread server=" + threadArg(rnd, threads) + " client="
                    + threadArg(rnd, threads) + " level=" + level(rnd)
                    + (rnd.nextBoolean() ? " effective_only=true" : ""), null);
        } else if (roll < 30) {
            if (t == null) {
                return DraftLine.step(on, "impersonate_self level=" + level(rnd), (String) null);
            }
            return duplicate(rnd, t, fresh);
        }
        // everything below needs a token
        if (roll < 36) {
            int which = rnd.nextInt(4);
            if (which == 0) {
                return DraftLine.step(on, "impersonate_logged_on_user token=$" + t.name(), (String) null);
            } else if (which == 1) {
                return DraftLine.step(null, "nt_set_information_thread thread=" + threadArg(rnd, threads) + " token="
                        + (rnd.nextInt(6) == 0 ? "null" : "$" + t.name()), null);
            }
            String thread = threads.isEmpty() || rnd.nextInt(3) == 0 ? (rnd.nextBoolean() ? "null" : "current-thread")
                    : "$" + pick(rnd, threads);
            return DraftLine.step(on, "set_thread_token thread=" + thread + " token="
                    + (rnd.nextInt(6) == 0 ? "null" : "$" + t.name()), null);
        } else if (roll < 41) {
            return adjustPrivileges(rnd, t);
        } else if (roll < 42) {
            return DraftLine.step(null, "adjust_token_groups token=$" + t.name()
                    + (rnd.nextBoolean() ? " disable=" + pick(rnd, GROUP_SIDS) : " enable=" + pick(rnd, GROUP_SIDS)), null);
        } else if (roll < 45) {
            return DraftLine.step(on, "privilege_check token=$" + t.name() + " privileges=" + privileges(rnd, 1 + rnd.nextInt(2))
                    + " all=" + rnd.nextBoolean(), null);
        } else if (roll < 48) {
            String sid = rnd.nextInt(4) == 0 ? "$" + t.name() + ".user" : pick(rnd, GROUP_SIDS);
            String token = rnd.nextInt(4) == 0 ? "null" : "$" + t.name();
            return DraftLine.step(on, "check_token_membership token=" + token + " sid=" + sid, (String) null);
        } else if (roll < 53) {
            return restricted(rnd, t, fresh);
        } else if (roll < 59) {
            return setInformation(rnd, t);
        } else if (roll < 67) {
            String verb = rnd.nextBoolean() ? "get_token_information" : "nt_query_information_token";
            int cls = rnd.nextInt(12) == 0 ? 40 + rnd.nextInt(60) : 1 + rnd.nextInt(29);
            String length = rnd.nextInt(4) == 0 ? " length=" + rnd.nextInt(64) : "";
            return DraftLine.step(on, verb + " token=$" + t.name() + " class=" + cls + length, (String) null);
        } else if (roll < 69) {
            String verb = rnd.nextInt(3) == 0 ? "nt_close" : "close_handle";
            return DraftLine.step(null, verb + " handle=$" + t.name(), (String) null);
        } else if (roll < 71) {
            return DraftLine.step(null, "duplicate_handle handle=$" + t.name()
                    + (rnd.nextBoolean() ? " access=" + tokenAccess(rnd) : ""), fresh);
        } else if (roll < 80) {
            return check(rnd, t, tokens, on);
        }
        return accessCheck(rnd, t, on);
    }

    private DraftLine duplicate(Random rnd, TokenVar t, String fresh) {
        int which = rnd.nextInt(6);
        if (which == 0) {
            return DraftLine.step(null, "duplicate_token token=$" + t.name() + " level=" + level(rnd), fresh);
        } else if (which <= 2) {
            String type = rnd.nextInt(3) == 0 ? "Primary" : "Impersonation";
            return DraftLine.step(null, "nt_duplicate_token token=$" + t.name() + " access=" + tokenAccess(rnd)
                    + (rnd.nextInt(5) == 0 ? "" : " level=" + level(rnd)) + " effective_only=" + (rnd.nextInt(4) == 0)
                    + " type=" + type, fresh);
        }
        String type = rnd.nextInt(3) == 0 ? "Primary" : "Impersonation";
        String sd = rnd.nextInt(6) == 0 ? " sd={sd}" : "";
        DraftLine d = DraftLine.step(null, "duplicate_token_ex token=$" + t.name() + " access=" + tokenAccess(rnd)
                + " level=" + level(rnd) + " type=" + type + sd, fresh);
        return sd.isEmpty() ? d : new DraftLine(null, d.candidates(), false, fresh, descriptor(rnd));
    }

    private DraftLine adjustPrivileges(Random rnd, TokenVar t) {
        int which = rnd.nextInt(8);
        String change = switch (which) {
            case 0 -> "disable_all=true";
            case 1 -> (t.shared() ? "disable=" : "remove=") + privileges(rnd, 1);
            case 2, 3 -> "disable=" + privileges(rnd, 1 + rnd.nextInt(2));
            default -> "enable=" + privileges(rnd, 1 + rnd.nextInt(2));
        };
        return DraftLine.step(null, "adjust_token_privileges token=$" + t.name() + " " + change, (String) null);
    }

    private DraftLine restricted(Random rnd, TokenVar t, String fresh) {
        StringBuilder sb = new StringBuilder("create_restricted_token token=$" + t.name());
        if (rnd.nextInt(3) == 0) {
            sb.append(" disable=").append(sids(rnd, t));
        }
        if (rnd.nextInt(3) == 0) {
            sb.append(" delete=").append(privileges(rnd, 1 + rnd.nextInt(2)));
        }
        if (rnd.nextInt(3) > 0) {
            sb.append(" restrict=").append(sids(rnd, t));
        }
        if (rnd.nextInt(3) == 0) {
            int[] flags = {1, 2, 4, 8, 9};
            sb.append(" flags=").append(flags[rnd.nextInt(flags.length)]);
        }
        return DraftLine.step(null, sb.toString(), fresh);
    }

    private String sids(Random rnd, TokenVar t) {
        StringJoiner j = new StringJoiner(",");
        int n = 1 + rnd.nextInt(3);
        List<String> used = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String s = rnd.nextInt(5) == 0 ? "$" + t.name() + ".user" : pick(rnd, GROUP_SIDS);
            if (!used.contains(s)) {
                used.add(s);
                j.add(s);
            }
        }
        return j.toString();
    }

    private DraftLine setInformation(Random rnd, TokenVar t) {
        String token = "token=$" + t.name();
        return switch (rnd.nextInt(6)) {
            case 0, 1 -> DraftLine.step(null, "set_token_information " + token + " class=TokenIntegrityLevel value="
                    + (t.shared() ? pick(rnd, RAISED_INTEGRITIES) : pick(rnd, INTEGRITIES)), null);
            case 2 -> DraftLine.step(null, "set_token_information " + token + " class=TokenOwner value="
                    + (rnd.nextBoolean() ? "$" + t.name() + ".user" : pick(rnd, new String[] {"Administrators", "Everyone", "Users"})), null);
            case 3 -> DraftLine.step(null, "set_token_information " + token + " class=TokenPrimaryGroup value="
                    + pick(rnd, new String[] {"Administrators", "Everyone", "Users", "S-1-5-21-1-2-3-4242"}), null);
            case 4 -> DraftLine.step(null, "set_token_information " + token + " class=TokenDefaultDacl value="
                    + pick(rnd, new String[] {"null", "\"D:\"", "\"D:(A;;0x10000000;;;SY)(A;;0xa0000000;;;WD)\""}), null);
            default -> DraftLine.step(null, "set_token_information " + token + " class=TokenSessionId value=" + rnd.nextInt(2), (String) null);
        };
    }

    private DraftLine check(Random rnd, TokenVar t, List<TokenVar> tokens, String on) {
        String v = "$" + t.name();
        return switch (rnd.nextInt(12)) {
            case 0 -> DraftLine.check(on, List.of(v + ".type == " + (rnd.nextBoolean() ? "Primary" : "Impersonation")));
            case 1 -> DraftLine.check(on, List.of(v + ".level == " + level(rnd)));
            case 2 -> DraftLine.check(on, List.of(v + ".integrity == " + pick(rnd, INTEGRITIES)));
            case 3 -> DraftLine.check(on, List.of(v + ".access == " + tokenAccess(rnd)));
            case 4 -> DraftLine.check(on, List.of("thread.impersonating == " + rnd.nextBoolean()));
            case 5 -> DraftLine.check(on, List.of("effective.user == $" + pickToken(rnd, tokens).name() + ".user"));
            case 6 -> {
                String p = pick(rnd, PRIVILEGES);
                yield DraftLine.check(on, List.of(v + ".privileges has " + p + " enabled", v + ".privileges has " + p + " disabled",
                        v + ".privileges has " + p + " absent"));
            }
            case 7 -> {
                String g = pick(rnd, GROUP_SIDS);
                yield DraftLine.check(on, List.of(v + ".groups has " + g + " enabled", v + ".groups has " + g + " deny_only",
                        v + ".groups has " + g + " disabled", v + ".groups has " + g + " absent"));
            }
            case 8 -> DraftLine.check(on, List.of(v + ".has_restrictions == " + rnd.nextBoolean()));
            case 9 -> DraftLine.check(on, List.of(v + ".default_dacl == " + pick(rnd, new String[] {"null", "empty", "present"})));
            case 10 -> DraftLine.check(on, List.of(v + ".token_id " + (rnd.nextBoolean() ? "==" : "!=") + " $"
                    + pickToken(rnd, tokens).name() + ".token_id"));
            default -> DraftLine.check(on, List.of(v + ".owner == $" + t.name() + ".user"));
        };
    }

    private DraftLine accessCheck(Random rnd, TokenVar t, String on) {
        return DraftLine.stepWithSd(on, "access_check sd={sd} token=$" + t.name() + " desired=" + desired(rnd) + " mapping="
                + pick(rnd, MAPPINGS), descriptor(rnd));
    }

    /** A random descriptor, leaning to the corners. */
    SecurityDescriptorSpec descriptor(Random rnd) {
        String owner = rnd.nextInt(30) == 0 ? null : rnd.nextInt(3) == 0 ? userSid : pick(rnd, OWNERS);
        String group = rnd.nextInt(30) == 0 ? null : rnd.nextBoolean() ? "BA" : pick(rnd, OWNERS);
        int d = rnd.nextInt(20);
        SecurityDescriptorSpec.DaclShape shape = d == 0 ? SecurityDescriptorSpec.DaclShape.ABSENT
                : d <= 2 ? SecurityDescriptorSpec.DaclShape.NULL : d <= 4 ? SecurityDescriptorSpec.DaclShape.EMPTY
                : SecurityDescriptorSpec.DaclShape.ACES;
        List<SecurityDescriptorSpec.Ace> aces = new ArrayList<>();
        if (shape == SecurityDescriptorSpec.DaclShape.ACES) {
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                boolean allow = rnd.nextInt(10) < 7;
                int f = rnd.nextInt(12);
                String flags = f == 0 ? "IO" : f == 1 ? "OICI" : f == 2 ? "OICIIO" : "";
                String sid = rnd.nextInt(4) == 0 ? userSid : pick(rnd, ACE_SIDS);
                aces.add(new SecurityDescriptorSpec.Ace(allow, flags, aceMask(rnd), sid));
            }
        }
        SecurityDescriptorSpec.Label label = rnd.nextInt(3) == 0
                ? new SecurityDescriptorSpec.Label(1 + rnd.nextInt(7), pick(rnd, LABELS)) : null;
        return new SecurityDescriptorSpec(owner, group, shape, aces, label);
    }

    private static int aceMask(Random rnd) {
        int k = rnd.nextInt(10);
        if (k == 0) {
            return 0x1F01FF;
        } else if (k == 1) {
            return 0x10000000 | (rnd.nextBoolean() ? 0x80000000 : 0);
        } else if (k == 2) {
            return STANDARD[rnd.nextInt(STANDARD.length)];
        }
        int m = 0;
        int bits = 1 + rnd.nextInt(4);
        for (int i = 0; i < bits; i++) {
            m |= rnd.nextInt(4) == 0 ? STANDARD[rnd.nextInt(STANDARD.length)] : SPECIFIC[rnd.nextInt(SPECIFIC.length)];
        }
        return m;
    }

    private static String desired(Random rnd) {
        int k = rnd.nextInt(20);
        if (k < 4) {
            return "MAXIMUM_ALLOWED";
        } else if (k == 4) {
            return "MAXIMUM_ALLOWED|0x1";
        } else if (k == 5) {
            return "ACCESS_SYSTEM_SECURITY";
        } else if (k == 6) {
            return "ACCESS_SYSTEM_SECURITY|MAXIMUM_ALLOWED";
        } else if (k == 7) {
            return "GENERIC_READ";
        } else if (k == 8) {
            return "0";
        }
        return "0x" + Integer.toHexString(aceMask(rnd) & 0x1F01FF | (rnd.nextInt(8) == 0 ? 0x20000 : 0) | 1);
    }

    private static String tokenAccess(Random rnd) {
        int k = rnd.nextInt(12);
        if (k == 0) {
            return "MAXIMUM_ALLOWED";
        } else if (k == 1) {
            return "TOKEN_ALL_ACCESS";
        } else if (k == 2) {
            return "GENERIC_READ";
        } else if (k == 3) {
            return "0";
        } else if (k < 8) {
            return "TOKEN_QUERY|TOKEN_DUPLICATE|TOKEN_IMPERSONATE";
        }
        StringJoiner j = new StringJoiner("|");
        j.add("TOKEN_QUERY");
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            String r = pick(rnd, TOKEN_RIGHTS);
            if (!j.toString().contains(r)) {
                j.add(r);
            }
        }
        return j.toString();
    }

    private static String privileges(Random rnd, int n) {
        StringJoiner j = new StringJoiner(",");
        List<String> used = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String p = pick(rnd, PRIVILEGES);
            if (!used.contains(p)) {
                used.add(p);
                j.add(p);
            }
        }
        return j.toString();
    }

    private static String level(Random rnd) {
        int k = rnd.nextInt(10);
        return k == 0 ? LEVELS[0] : k < 4 ? LEVELS[1] : k < 9 ? LEVELS[2] : LEVELS[3];
    }

    private static String threadArg(Random rnd, List<String> threads) {
        return threads.isEmpty() || rnd.nextBoolean() ? "current-thread" : "$" + pick(rnd, threads);
    }

    private static TokenVar pickToken(Random rnd, List<TokenVar> tokens) {
        // prefer recent tokens: they carry the most history
        int n = tokens.size();
        return tokens.get(rnd.nextInt(3) == 0 ? rnd.nextInt(n) : n - 1 - rnd.nextInt(Math.min(n, 2)));
    }

    private static <T> T pick(Random rnd, List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private static String pick(Random rnd, String[] values) {
        return values[rnd.nextInt(values.length)];
    }
}
