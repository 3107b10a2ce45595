package io.github.tokenbridge.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads scenarios: the corpus shipped in the jar (listed in {@code corpus/index.txt}), or files
 * and directories given by the user (every {@code *.scn} below a directory, in name order).
 * Scenario ids must be unique across everything loaded together.
 */
public final class Corpus {

    private static final String BASE = "/io/github/tokenbridge/conformance/corpus/";

    private Corpus() {
    }

    /** The file names of the shipped corpus, in index order. */
    public static List<String> shippedFiles() {
        String index = resource("index.txt");
        List<String> files = new ArrayList<>();
        for (String line : index.split("\r?\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                files.add(name);
            }
        }
        return files;
    }

    /** Every scenario of the shipped corpus. */
    public static List<Scenario> shipped() {
        List<Scenario> all = new ArrayList<>();
        for (String file : shippedFiles()) {
            all.addAll(ScenarioParser.parse("corpus/" + file, resource(file)));
        }
        return unique(all);
    }

    /** Every scenario in the given files and directories. */
    public static List<Scenario> load(List<Path> paths) {
        List<Scenario> all = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path f : walk.filter(f -> f.toString().endsWith(".scn")).sorted().toList()) {
                        all.addAll(ScenarioParser.parse(f));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p, e);
                }
            } else if (Files.isRegularFile(p)) {
                all.addAll(ScenarioParser.parse(p));
            } else {
                throw new IllegalArgumentException("no such scenario file or directory: " + p);
            }
        }
        return unique(all);
    }

    private static List<Scenario> unique(List<Scenario> scenarios) {
        Map<String, Scenario> seen = new HashMap<>();
        for (Scenario s : scenarios) {
            Scenario earlier = seen.putIfAbsent(s.id(), s);
            if (earlier != null) {
                throw new ScenarioSyntaxException(s.file(), s.line(), "scenario id '" + s.id()
                        + "' is also defined at " + earlier.file() + ":" + earlier.line());
            }
        }
        return List.copyOf(scenarios);
    }

    private static String resource(String name) {
        try (InputStream in = Corpus.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("corpus resource missing: " + BASE + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
