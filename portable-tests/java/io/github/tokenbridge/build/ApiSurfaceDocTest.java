package io.github.tokenbridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/api-surface.md stays in step with the compiled module (issue 19): one section per exported
 * package listing exactly its public types (member types as {@code Outer.Inner}), and a "Not
 * exported" table that accounts for every other package of the module.
 */
class ApiSurfaceDocTest {

    private static final Path DOC = Path.of("docs", "api-surface.md");
    private static final Pattern SECTION = Pattern.compile("^### `([\\w.]+)`");
    private static final Pattern ROW = Pattern.compile("^\\| `([\\w.]+)` \\|");
    private static final Pattern CODE = Pattern.compile("`([\\w.]+)`");

    @Test
    @DisplayName("docs/api-surface.md lists exactly the public types of each exported package")
    void apiSurface_lists_exactlyThePublicTypesOfTheExportedPackages() throws IOException {
        Map<String, Set<String>> documented = documentedTypes(exportedPart(Files.readAllLines(DOC)));
        assertEquals(CompiledModule.exportedPackages(), new TreeSet<>(documented.keySet()),
                "one '### `package`' section per exported package");
        for (String p : CompiledModule.exportedPackages()) {
            Set<String> compiled = CompiledModule.accessibleTypes(p).stream().map(CompiledModule::simpleName)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertSame(compiled, documented.get(p), "the table of " + p + " in " + DOC);
        }
    }

    @Test
    @DisplayName("docs/api-surface.md says for every unexported package of the module what it is and why")
    void apiSurface_notExported_coversEveryOtherPackage() throws IOException {
        Set<String> covered = notExportedPackages(Files.readAllLines(DOC));
        Set<String> internal = new TreeSet<>(CompiledModule.descriptor().packages());
        internal.removeAll(CompiledModule.exportedPackages());
        assertSame(internal, covered, "the 'Not exported' table of " + DOC);
    }

    @Test
    @DisplayName("the parser reads sections, rows and the sub-package shorthand the document uses")
    void parser_readsTheDocumentShape() {
        List<String> doc = List.of("# x", "## Exported packages", "### `a.b`: one", "| Type | What |", "|---|---|",
                "| `T` | t |", "| `T.Inner` | nested |", "### `a.c`: two", "| `U` | u |", "## Not exported",
                "| `a.d` and its `e`, `f` | x | y |", "| `a.g` | x | `a.h` is mentioned, not covered |");
        assertEquals(Map.of("a.b", Set.of("T", "T.Inner"), "a.c", Set.of("U")), documentedTypes(exportedPart(doc)));
        assertEquals(Set.of("a.d", "a.d.e", "a.d.f", "a.g"), notExportedPackages(doc));
    }

    /** Fails naming what {@code documented} misses and what it has too many, rather than two long lists. */
    private static void assertSame(Set<String> actual, Set<String> documented, String where) {
        Set<String> missing = new TreeSet<>(actual);
        missing.removeAll(documented);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(actual);
        assertEquals("missing: [] extra: []", "missing: " + missing + " extra: " + extra, where);
    }

    private static List<String> exportedPart(List<String> lines) {
        int start = lines.indexOf("## Exported packages");
        int end = lines.indexOf("## Not exported");
        assertTrue(start >= 0 && end > start, DOC + " needs '## Exported packages' followed by '## Not exported'");
        return lines.subList(start, end);
    }

    private static Map<String, Set<String>> documentedTypes(List<String> lines) {
        Map<String, Set<String>> byPackage = new LinkedHashMap<>();
        String current = null;
        for (String line : lines) {
            Matcher section = SECTION.matcher(line);
            if (section.find()) {
                current = section.group(1);
                byPackage.put(current, new TreeSet<>());
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (row.find() && current != null) {
                assertTrue(byPackage.get(current).add(row.group(1)), "listed twice in " + current + ": " + row.group(1));
            }
        }
        return byPackage;
    }

    /** The packages the first cells of the "Not exported" rows name: {@code `a.b` and its `c`, `d`} is a.b, a.b.c, a.b.d. */
    private static Set<String> notExportedPackages(List<String> lines) {
        int start = lines.indexOf("## Not exported");
        Set<String> packages = new TreeSet<>();
        for (String line : lines.subList(start, lines.size())) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            List<String> names = new ArrayList<>();
            Matcher code = CODE.matcher(firstCell);
            while (code.find()) {
                names.add(code.group(1));
            }
            String base = names.get(0);
            packages.add(base);
            for (String sub : names.subList(1, names.size())) {
                packages.add(base + "." + sub);
            }
        }
        return packages;
    }
}
