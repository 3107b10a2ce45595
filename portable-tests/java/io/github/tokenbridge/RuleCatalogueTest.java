package io.github.tokenbridge;

import io.github.tokenbridge.RuleCitationScanner.Citation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project's rule catalogue (docs/rules.md) defines every rule id the project cites: in code,
 * javadoc, messages and CLI text, the README and docs, the scenario corpus, the divergence register,
 * the native driver and the tests.
 */
class RuleCatalogueTest {

    private static final Path CATALOGUE = Path.of("docs", "rules.md");

    /** Where citations are looked for (directories are walked; files are read as they are). */
    private static final List<Path> SCANNED = List.of(Path.of("src", "main", "java"), Path.of("src", "main", "resources"),
            Path.of("README.md"), Path.of("BENCHMARKS.md"), Path.of("docs"), Path.of("native", "src"),
            Path.of("native", "README.md"), Path.of("portable-tests", "java"), Path.of("windows-tests", "java"));

    private static final Set<String> SCANNED_SUFFIXES = Set.of(".java", ".c", ".h", ".md", ".scn", ".reg", ".txt");

    /** Ids that are deliberately not rules, per file: ScenarioParserTest tests the parser's error for an unknown id. */
    private static final Map<String, Set<String>> NOT_CITATIONS = Map.of("ScenarioParserTest.java", Set.of("R65", "P99"));

    /** Files whose ids are test data: this test's own unit cases and catalogue snippets. */
    private static final Set<String> NOT_SCANNED = Set.of("RuleCatalogueTest.java");

    @Test
    void catalogue_everyDesignRule_hasItsOwnSection() throws IOException {
        RuleCatalogue catalogue = RuleCatalogue.parse(Files.readString(CATALOGUE));
        List<String> expected = new ArrayList<>();
        IntStream.rangeClosed(1, 64).forEach(i -> expected.add("R" + i));
        IntStream.rangeClosed(1, 26).forEach(i -> expected.add("P" + i));
        IntStream.rangeClosed(1, 20).forEach(i -> expected.add("L" + i));
        IntStream.rangeClosed(1, 9).forEach(i -> expected.add("N" + i));
        IntStream.rangeClosed(1, 20).forEach(i -> expected.add("O" + i));
        List<String> missing = expected.stream().filter(id -> catalogue.section(id) == null).toList();
        assertTrue(missing.isEmpty(), () -> "docs/rules.md has no section for " + missing);
        String text = Files.readString(CATALOGUE);
        List<String> noAnchor = catalogue.ids().stream()
                .filter(id -> !text.contains("<a id=\"" + id.toLowerCase() + "\"></a>\n### " + id + " ")).toList();
        assertTrue(noAnchor.isEmpty(), () -> "rules without their stable anchor line: " + noAnchor);
    }

    @Test
    void catalogue_ids_areUnique() throws IOException {
        RuleCatalogue catalogue = RuleCatalogue.parse(Files.readString(CATALOGUE));
        assertEquals(List.of(), catalogue.duplicates(), "ids defined more than once in docs/rules.md");
    }

    @Test
    void projectFiles_everyCitedRuleId_resolvesInTheCatalogue() throws IOException {
        RuleCatalogue catalogue = RuleCatalogue.parse(Files.readString(CATALOGUE));
        List<Citation> citations = new ArrayList<>();
        for (Path root : SCANNED) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(RuleCatalogueTest::scanned).sorted().forEach(f -> {
                    Set<String> ignored = NOT_CITATIONS.getOrDefault(f.getFileName().toString(), Set.of());
                    RuleCitationScanner.citations(f.toString().replace('\\', '/'), read(f)).stream()
                            .filter(c -> !ignored.contains(c.id())).forEach(citations::add);
                });
            }
        }
        assertTrue(citations.size() > 1000, () -> "the scan found only " + citations.size() + " citations");
        List<String> problems = RuleCitationScanner.unresolved(catalogue, citations);
        assertTrue(problems.isEmpty(), () -> problems.size() + " citations do not resolve in docs/rules.md:\n"
                + String.join("\n", problems));
    }

    @Test
    void unresolved_unknownIdAndMissingItem_reportedWithFileAndLine() {
        RuleCatalogue catalogue = RuleCatalogue.parse("""
                # catalogue
                ### R1 First rule
                (a) one thing. **CONFLICT** here.
                ## Part
                ### P1 Pipe rule
                """);
        List<Citation> citations = RuleCitationScanner.citations("Some.java", """
                class Some {
                    // R1 (a), R1 CONFLICT and P1 resolve
                    String s = "R99 does not"; // nor P99
                    /* R1 (b) is not an item of R1 */
                }
                """);
        assertEquals(List.of(
                "Some.java:3: R99 has no section in the catalogue",
                "Some.java:3: P99 has no section in the catalogue",
                "Some.java:4: R1 (b): the section of R1 has no item (b)"),
                RuleCitationScanner.unresolved(catalogue, citations));
    }

    @Test
    void parse_repeatedHeading_reportedAsDuplicate() {
        RuleCatalogue catalogue = RuleCatalogue.parse("### R1 One\ntext\n### R2 Two\n### R1 Again\n");
        assertEquals(List.of("R1"), catalogue.duplicates());
        assertEquals(List.of("R1", "R2"), catalogue.ids());
    }

    @Test
    void citations_identifiersFlagsAndProductNames_areNotCitations() {
        List<Citation> citations = RuleCitationScanner.citations("Other.java", """
                class Other {
                    int R2 = R7 + 1; char q = '"'; long R9x;
                    String flag = "-O2"; // gcc -O2, Windows Server 2008 R2, R2D2, SR71, xR3, R0
                    String range = "R16-R21, (R38 a token) R14a, R38 b), R5 applies"; /* P1,L2;N3.O4 */
                }
                """);
        assertEquals(List.of("R16", "R21", "R38", "R14 (a)", "R38 (b)", "R5", "P1", "L2", "N3", "O4"),
                citations.stream().map(Citation::text).toList());
        assertTrue(citations.stream().allMatch(c -> c.line() == 4), () -> citations.toString());
    }

    private static boolean scanned(Path file) {
        String name = file.getFileName().toString();
        return !NOT_SCANNED.contains(name) && SCANNED_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
