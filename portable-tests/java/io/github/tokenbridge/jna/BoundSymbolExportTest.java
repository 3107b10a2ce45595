package io.github.tokenbridge.jna;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every function the binding interfaces declare (found by reflection, so a typo cannot wait for a
 * Windows run) is exported by the DLL it is bound to: checked against the mingw-w64 import
 * libraries (generated from the Windows DLLs' export lists) and against the PE export tables of
 * Wine's DLLs.
 */
class BoundSymbolExportTest {

    private static final Map<Class<?>, String> BINDINGS = BoundExports.BINDINGS;

    /**
     * Bound functions Wine 8.0 does not export, with why; Windows exports them (the mingw import
     * library test still covers them) and the register records what the driver observes.
     */
    private static final Map<String, String> NOT_IN_WINE = Map.of(
            "NtImpersonateThread", "unimplemented in Wine 8.0 (the loader binds an abort stub); register nt-impersonate-thread-*");

    private static final List<Path> WINE_DLL_DIRS = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/wine/x86_64-windows"),
            Path.of("/usr/lib/wine/x86_64-windows"),
            Path.of("/usr/lib64/wine/x86_64-windows"),
            Path.of("/opt/wine-stable/lib/wine/x86_64-windows"));

    static Set<String> boundFunctions(Class<?> binding) {
        return BoundExports.functions(binding);
    }

    @Test
    void bindings_reflection_declareTheExpectedNumberOfFunctions() {
        assertEquals(33, boundFunctions(Advapi32Calls.class).size()); // 17 + accounts 7 + pipes 1 + objects 8
        assertEquals(9, boundFunctions(NtdllCalls.class).size());
        assertEquals(25, boundFunctions(Kernel32Calls.class).size()); // 7 + pipes 13 + objects 5
    }

    @Test
    void bindings_everyFunction_isInTheMingwImportLibraryOfItsDll() throws Exception {
        Path gcc = CrossTools.require("x86_64-w64-mingw32-gcc");
        Path nm = CrossTools.require("x86_64-w64-mingw32-nm");
        for (Map.Entry<Class<?>, String> binding : BINDINGS.entrySet()) {
            String library = CrossTools.run(List.of(gcc.toString(), "-print-file-name=lib" + binding.getValue() + ".a"),
                    Map.of(), 60).trim();
            assertTrue(Files.isRegularFile(Path.of(library)), "no import library for " + binding.getValue() + ": " + library);
            Set<String> imports = new TreeSet<>();
            Matcher m = Pattern.compile("__imp_(\\w+)").matcher(CrossTools.run(List.of(nm.toString(), library), Map.of(), 60));
            while (m.find()) {
                imports.add(m.group(1));
            }
            Set<String> missing = new TreeSet<>(boundFunctions(binding.getKey()));
            missing.removeAll(imports);
            assertEquals(Set.of(), missing, binding.getValue() + ".dll does not export");
        }
    }

    @Test
    void bindings_everyFunction_isInTheExportTableOfWinesDll() throws Exception {
        if (com.sun.jna.Platform.isWindows()) {
            org.junit.jupiter.api.Assumptions.abort("Wine's DLLs are checked off Windows; the live tests bind the real ones here");
        }
        CrossTools.require("wine");
        Path objdump = CrossTools.require("x86_64-w64-mingw32-objdump");
        Path dir = WINE_DLL_DIRS.stream().filter(d -> Files.isRegularFile(d.resolve("ntdll.dll"))).findFirst().orElse(null);
        if (dir == null) {
            CrossTools.missing("Wine's x86_64 PE DLLs were not found in " + WINE_DLL_DIRS);
        }
        for (Map.Entry<Class<?>, String> binding : BINDINGS.entrySet()) {
            String table = CrossTools.run(List.of(objdump.toString(), "-p", dir.resolve(binding.getValue() + ".dll").toString()),
                    Map.of(), 60);
            Set<String> exports = new TreeSet<>();
            Matcher m = Pattern.compile("(?m)^\\s*\\[\\s*\\d+\\]\\s+(\\w+)").matcher(table);
            while (m.find()) {
                exports.add(m.group(1));
            }
            assertTrue(exports.size() > ("userenv".equals(binding.getValue()) ? 10 : 100), "could not read the export table of " + binding.getValue());
            Set<String> missing = new TreeSet<>(boundFunctions(binding.getKey()));
            missing.removeAll(exports);
            missing.removeAll(NOT_IN_WINE.keySet());
            assertEquals(Set.of(), missing, "Wine's " + binding.getValue() + ".dll does not export");
            for (String absent : NOT_IN_WINE.keySet()) {
                assertFalse(exports.contains(absent), absent + " is exported by Wine now: drop it from NOT_IN_WINE");
            }
        }
    }
}
