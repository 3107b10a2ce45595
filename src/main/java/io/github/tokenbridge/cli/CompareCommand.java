package io.github.tokenbridge.cli;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.conformance.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code tokenbridge compare}: two tokens side by side, only the fields that differ (like Peios's
 * {@code idn compare}). Each side is a token of a backend ({@code process}, {@code thread},
 * {@code effective}, {@code linked}, or {@code pid:N}), optionally in its own model preset. Exit
 * code 0 when they are identical, 1 when they differ (like {@code diff}).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two tokens and print the fields that differ.",
            "TOKEN is process, thread, effective, linked (the other half of a split token) or pid:N.",
            "Exit code 0: identical; 1: they differ, or a side has no such token (a thread that is not impersonating,"
                    + " linked of a token that is not split, no process with that id); 2: usage error."})
public final class CompareCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Option(names = "--left", paramLabel = "TOKEN", defaultValue = "process", description = "left token (default: ${DEFAULT-VALUE})")
    String left;

    @Option(names = "--right", paramLabel = "TOKEN", defaultValue = "process", description = "right token (default: ${DEFAULT-VALUE})")
    String right;

    @Option(names = "--left-config", paramLabel = "PRESET", description = "model preset for the left side (implies the model)")
    String leftConfig;

    @Option(names = "--right-config", paramLabel = "PRESET", description = "model preset for the right side (implies the model)")
    String rightConfig;

    @Option(names = "--json", description = "the differences as one JSON object")
    boolean json;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        validate(cl, "--left", left);
        validate(cl, "--right", right);
        Side l = read(cl, "--left", left, leftConfig, "--left-config");
        Side r = read(cl, "--right", right, rightConfig, "--right-config");
        PrintWriter out = cl.getOut();
        if (l.report.isEmpty() || r.report.isEmpty()) {
            Side missing = l.report.isEmpty() ? l : r;
            throw new CommandFailure(missing.label + " has no token (ERROR_NO_TOKEN: the thread is not impersonating)");
        }
        Map<String, String> a = l.report.get().flatten();
        Map<String, String> b = r.report.get().flatten();
        Map<String, Object> typedA = l.report.get().flattenTyped();
        Map<String, Object> typedB = r.report.get().flattenTyped();
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String[]> diffs = new ArrayList<>();
        for (String k : keys) {
            String va = a.get(k);
            String vb = b.get(k);
            if (!java.util.Objects.equals(va, vb)) {
                diffs.add(new String[] {k, va, vb});
            }
        }
        if (json) {
            Map<String, Object> m = CliJson.object("compare");
            m.put("left", l.label);
            m.put("right", r.label);
            m.put("identical", diffs.isEmpty());
            List<Object> list = new ArrayList<>();
            for (String[] d : diffs) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("field", d[0]);
                dm.put("left", typedA.get(d[0]));
                dm.put("right", typedB.get(d[0]));
                list.add(dm);
            }
            m.put("differences", list);
            out.println(Json.write(m));
        } else {
            out.println("left:  " + l.label);
            out.println("right: " + r.label);
            out.println();
            int w = Math.max(5, diffs.stream().mapToInt(d -> d[0].length()).max().orElse(5));
            diffs.replaceAll(d -> new String[] {d[0], d[1] == null ? "(absent)" : d[1], d[2] == null ? "(absent)" : d[2]});
            int wl = Math.max(4, diffs.stream().mapToInt(d -> d[1].length()).max().orElse(4));
            if (!diffs.isEmpty()) {
                out.printf(Locale.ROOT, "%-" + w + "s  %-" + wl + "s  %s%n", "field", "left", "right");
            }
            for (String[] d : diffs) {
                out.printf(Locale.ROOT, "%-" + w + "s  %-" + wl + "s  %s%n", d[0], d[1], d[2]);
            }
            out.println(diffs.isEmpty() ? "identical: no field differs" : diffs.size() + " field(s) differ");
        }
        out.flush();
        return diffs.isEmpty() ? 0 : 1;
    }

    private record Side(String label, Optional<TokenReport> report) {
    }

    private static void validate(CommandLine cl, String option, String token) {
        if (token.startsWith("pid:") && token.substring(4).matches("-?\\d{1,19}")) {
            ProcessTokens.requireId(cl, option, Long.parseLong(token.substring(4)), "process");
            return;
        }
        if (!List.of("process", "thread", "effective", "linked").contains(token)) {
            throw new CommandLine.ParameterException(cl, option + ": unknown token '" + token
                    + "' (process, thread, effective, linked or pid:N)");
        }
    }

    private Side read(CommandLine cl, String sideOption, String which, String preset, String option) {
        String effectivePreset = preset != null ? preset : backend.config;
        boolean model = preset != null || backend.model(cl);
        TokenBackend spi = preset != null
                ? io.github.tokenbridge.model.ModelBackend.create(BackendOptions.configuration(cl, preset, option))
                : backend.openBackend(cl);
        String where = model ? "model preset " + (effectivePreset != null ? effectivePreset : BackendOptions.DEFAULT_PRESET)
                : "jna (this host)";
        String label = which + " token, " + where;
        EnumSet<TokenAccess> query = EnumSet.of(TokenAccess.QUERY);
        try (TokenSystem system = Tokens.over(spi)) {
            Optional<AccessToken> token = switch (which) {
                case "process" -> Optional.of(system.openProcessToken(query));
                case "effective" -> Optional.of(system.openEffectiveToken(query));
                case "thread" -> system.openThreadToken(query, io.github.tokenbridge.OpenAs.SELF);
                case "linked" -> {
                    try (AccessToken process = system.openProcessToken(query)) {
                        Optional<AccessToken> linked = process.linkedToken();
                        if (linked.isEmpty()) {
                            throw new CommandFailure(sideOption + " linked: the process token (" + where + ") is not a"
                                    + " split token, so it has no linked token (ERROR_NO_SUCH_LOGON_SESSION)");
                        }
                        yield linked;
                    }
                }
                default -> Optional.of(ProcessTokens.open(system, (int) Long.parseLong(which.substring(4))));
            };
            try {
                return new Side(label, token.map(TokenReport::of));
            } finally {
                token.ifPresent(AccessToken::close);
            }
        }
    }
}
