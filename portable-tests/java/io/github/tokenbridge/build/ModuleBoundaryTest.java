package io.github.tokenbridge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tokenbridge.model.kernel.KernelServices;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The module boundary as compiled (issue 19): the descriptor exports exactly the packages users
 * need, opens only what JNA and picocli reflect on, requires what the code uses; and no exported
 * type's reachable signatures mention a type its users cannot name (a class of an unexported
 * package, or a non-public one).
 */
class ModuleBoundaryTest {

    static final String MODULE = "io.github.tokenbridge";

    static final Set<String> EXPORTS = Set.of("io.github.tokenbridge", "io.github.tokenbridge.backend",
            "io.github.tokenbridge.model", "io.github.tokenbridge.jna", "io.github.tokenbridge.junit");

    /**
     * Packages of other modules that exported signatures may mention besides java.base's and the
     * exported ones: JNA's (required transitively) and JUnit's API (the extension's users are JUnit
     * test modules, which read it themselves; a static transitive requirement would be mandatory
     * for every consumer's compilation).
     */
    private static final List<String> TRANSITIVE_PACKAGES = List.of("com.sun.jna.", "org.junit.jupiter.api.");

    @Test
    @DisplayName("module-info exports exactly the API, the SPI, the model configuration, the JNA bridge and the JUnit extension")
    void descriptor_exports_exactlyTheUserPackages() {
        ModuleDescriptor d = CompiledModule.descriptor();
        assertEquals(MODULE, d.name());
        assertEquals(new TreeSet<>(EXPORTS), CompiledModule.exportedPackages());
        assertEquals(List.of(), d.exports().stream().filter(ModuleDescriptor.Exports::isQualified).map(Object::toString).toList(),
                "no qualified exports");
        assertTrue(d.packages().containsAll(Set.of("io.github.tokenbridge.cli", "io.github.tokenbridge.conformance",
                "io.github.tokenbridge.model.kernel", "io.github.tokenbridge.internal")),
                "the internal packages are in the module, unexported: " + d.packages());
    }

    @Test
    @DisplayName("module-info opens the JNA package to JNA and the CLI package to picocli, nothing else")
    void descriptor_opens_onlyWhatReflectionNeeds() {
        Map<String, Set<String>> opens = new TreeMap<>();
        for (ModuleDescriptor.Opens o : CompiledModule.descriptor().opens()) {
            opens.put(o.source(), new TreeSet<>(o.targets()));
        }
        assertEquals(Map.of("io.github.tokenbridge.jna", Set.of("com.sun.jna"), "io.github.tokenbridge.cli", Set.of("info.picocli")),
                opens);
        assertTrue(!CompiledModule.descriptor().isOpen(), "the module itself is not open");
    }

    @Test
    @DisplayName("module-info requires JNA (transitively), JFR and JAAS; picocli and JUnit only statically, not transitively")
    void descriptor_requires_jnaAndOptionalFrameworks() {
        Map<String, Set<Requires.Modifier>> requires = new TreeMap<>();
        for (Requires r : CompiledModule.descriptor().requires()) {
            Set<Requires.Modifier> modifiers = new TreeSet<>(r.modifiers());
            modifiers.remove(Requires.Modifier.MANDATED);
            requires.put(r.name(), modifiers);
        }
        assertEquals(Map.of(
                "java.base", Set.of(),
                "com.sun.jna", Set.of(Requires.Modifier.TRANSITIVE),
                "com.sun.jna.platform", Set.of(Requires.Modifier.TRANSITIVE),
                "jdk.jfr", Set.of(),
                "jdk.security.auth", Set.of(),
                "info.picocli", Set.of(Requires.Modifier.STATIC),
                "org.junit.jupiter.api", Set.of(Requires.Modifier.STATIC),
                "org.junit.platform.commons", Set.of(Requires.Modifier.STATIC)), requires);
    }

    @Test
    @DisplayName("the jar's Automatic-Module-Name (for tools that read the manifest) is the module's name")
    void pom_automaticModuleName_isTheModuleName() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<Automatic-Module-Name>([^<]+)</Automatic-Module-Name>").matcher(pom);
        assertTrue(m.find(), "pom.xml has no Automatic-Module-Name");
        assertEquals(CompiledModule.descriptor().name(), m.group(1).trim());
    }

    @Test
    @DisplayName("no exported type's public signatures mention an unexported or non-public type")
    void exportedTypes_signatures_nameOnlyExportedTypes() {
        SignatureLeaks finder = new SignatureLeaks(allowedIn(CompiledModule.exportedPackages()));
        List<String> leaks = new ArrayList<>();
        int checked = 0;
        for (String p : CompiledModule.exportedPackages()) {
            for (Class<?> type : CompiledModule.accessibleTypes(p)) {
                leaks.addAll(finder.of(type));
                checked++;
            }
        }
        assertTrue(checked > 50, "only " + checked + " exported types found: is target/classes complete?");
        assertEquals("", leaks.stream().sorted().collect(Collectors.joining("\n")));
    }

    /** A type whose API leaks three ways, for the finder's own check. */
    public static class LeakyFixture extends java.util.ArrayList<KernelServices> {
        public Hidden field;

        public LeakyFixture(Map<String, ? extends KernelServices> byName) {
        }

        public List<Hidden> hidden() {
            return List.of();
        }

        protected void overridable(KernelServices[] services) {
        }

        void packagePrivateIsFine(Hidden ignored) {
        }

        static class Hidden {
        }
    }

    @Test
    @DisplayName("the signature check finds a leaked class in supertypes, fields, constructors, methods and generics")
    void signatureLeaks_findsEveryKindOfLeak() {
        SignatureLeaks finder = new SignatureLeaks(allowedIn(Set.of("io.github.tokenbridge.build")));
        String kernel = KernelServices.class.getName();
        String hidden = LeakyFixture.Hidden.class.getName() + " (not public)";
        assertEquals(new TreeSet<>(List.of(
                        "ModuleBoundaryTest.LeakyFixture extends " + kernel,
                        "ModuleBoundaryTest.LeakyFixture.field " + hidden,
                        "ModuleBoundaryTest.LeakyFixture.<init> takes " + kernel,
                        "ModuleBoundaryTest.LeakyFixture.hidden() returns " + hidden,
                        "ModuleBoundaryTest.LeakyFixture.overridable() takes " + kernel)),
                new TreeSet<>(finder.of(LeakyFixture.class)));
    }

    private static Predicate<Class<?>> allowedIn(Set<String> exported) {
        return c -> exported.contains(c.getPackageName()) || "java.base".equals(c.getModule().getName())
                || TRANSITIVE_PACKAGES.stream().anyMatch(prefix -> (c.getPackageName() + ".").startsWith(prefix));
    }
}
