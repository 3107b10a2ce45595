package io.github.tokenbridge.conformance;

import io.github.tokenbridge.backend.TokenInformationClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parser of {@code .scn} scenario files (scenarios.md). It splits a file into
 * {@code scenario <id> ... end} blocks and hands each line to the parser of its kind
 * ({@link HeaderLineParser}, {@link StepParser}, {@link CheckParser}); together they validate
 * everything that can be known before running: verbs, argument names and values, outcome names,
 * bound variables, check forms and requirements. Every problem is a {@link ScenarioSyntaxException}
 * naming file and line.
 */
public final class ScenarioParser {

    private ScenarioParser() {
    }

    /** Parses every scenario in {@code text}; {@code file} names it in error messages. */
    public static List<Scenario> parse(String file, String text) {
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = text.split("\r?\n", -1);
        ScenarioBuilder current = null;
        for (int i = 0; i < lines.length; i++) {
            SourceLine at = new SourceLine(file, i + 1);
            List<String> tokens = ScenarioTokenizer.tokenize(at, lines[i]);
            if (tokens.isEmpty()) {
                continue;
            }
            String first = tokens.get(0);
            if (current == null) {
                if (!first.equals("scenario")) {
                    throw at.error("expected 'scenario <id>', found '" + first + "'");
                }
                if (tokens.size() != 2) {
                    throw at.error("'scenario' takes exactly one id");
                }
                if (!ids.add(tokens.get(1))) {
                    throw at.error("duplicate scenario id '" + tokens.get(1) + "'");
                }
                current = new ScenarioBuilder(file, tokens.get(1), at.line());
            } else if (first.equals("end")) {
                if (tokens.size() != 1) {
                    throw at.error("'end' takes no arguments");
                }
                scenarios.add(current.build());
                current = null;
            } else if (first.equals("scenario")) {
                throw at.error("'scenario' inside scenario '" + current.id + "' (missing 'end')");
            } else {
                parseBodyLine(current, at, tokens);
            }
        }
        if (current != null) {
            throw new SourceLine(file, current.line).error("scenario '" + current.id + "' has no 'end'");
        }
        return scenarios;
    }

    /** Parses a file. */
    public static List<Scenario> parse(Path path) {
        try {
            return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Splits one line of {@code file} into tokens as scenario files do (quotes, comments). */
    static List<String> tokenizeLine(String file, int line, String text) {
        return ScenarioTokenizer.tokenize(new SourceLine(file, line), text);
    }

    /** The information class a {@code class=} value names: a TokenInformationClass name or its number. */
    static TokenInformationClass infoClass(String value) {
        return StepArgumentValidator.infoClass(value);
    }

    /** A header, step or check line inside a scenario, optionally prefixed with {@code on $thread}. */
    private static void parseBodyLine(ScenarioBuilder b, SourceLine at, List<String> tokens) {
        String first = tokens.get(0);
        if (HeaderLineParser.isHeader(first)) {
            HeaderLineParser.parse(b, at, tokens);
            return;
        }
        String thread = "main";
        List<String> rest = tokens;
        if (first.equals("on")) {
            if (tokens.size() < 3) {
                throw at.error("'on $thread' must be followed by a step or check");
            }
            String var = tokens.get(1);
            if (!ScenarioBuilder.VAR.matcher(var).matches()) {
                throw at.error("'on' takes a thread variable, found '" + var + "'");
            }
            String name = var.substring(1);
            if (!b.threads.contains(name)) {
                throw at.error("unknown thread " + var + " (bind it with 'create_thread -> ok as " + var + "')");
            }
            thread = name;
            rest = tokens.subList(2, tokens.size());
        }
        b.bodyStarted = true;
        int number = b.nextLineNumber();
        if (rest.get(0).equals("check")) {
            b.lines.add(CheckParser.parse(b, at, number, thread, rest.subList(1, rest.size())));
        } else {
            b.lines.add(StepParser.parse(b, at, number, thread, rest));
        }
    }
}
