package io.github.tokenbridge.jna;

import com.sun.jna.NativeLibrary;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The functions the three binding interfaces declare, by DLL, and the check that each one is
 * exported: JNA binds a symbol only at its first call, so {@link JnaBackend#availability()} asks
 * for every one up front ({@link NativeLibrary#getFunction(String)}) and reports a missing export
 * there instead of at a user's first call.
 */
final class BoundExports {

    /** Each binding interface with the DLL it is loaded from. */
    static final Map<Class<?>, String> BINDINGS = bindings();

    private BoundExports() {
    }

    private static Map<Class<?>, String> bindings() {
        Map<Class<?>, String> map = new LinkedHashMap<>();
        map.put(Advapi32Calls.class, "advapi32");
        map.put(NtdllCalls.class, "ntdll");
        map.put(ProcessCalls.class, "kernel32"); // processes (issue 20)
        map.put(ProcessTokenCalls.class, "advapi32");
        map.put(UserenvCalls.class, "userenv");
        map.put(Kernel32Calls.class, "kernel32");
        return Collections.unmodifiableMap(map);
    }

    /** The function names {@code binding} declares, sorted. */
    static Set<String> functions(Class<?> binding) {
        Set<String> names = new TreeSet<>();
        for (Method m : binding.getDeclaredMethods()) {
            if (!m.isSynthetic() && !Modifier.isStatic(m.getModifiers())) {
                names.add(m.getName());
            }
        }
        return names;
    }

    /**
     * Resolves every bound function through {@code resolve(dll, function)}, which throws
     * {@link UnsatisfiedLinkError} for a missing one; the {@code dll!function} names that failed, in order.
     */
    static List<String> missing(BiConsumer<String, String> resolve) {
        List<String> missing = new ArrayList<>();
        java.util.Set<String> asked = new java.util.HashSet<>();
        for (Map.Entry<Class<?>, String> binding : BINDINGS.entrySet()) {
            for (String function : functions(binding.getKey())) {
                if (!asked.add(binding.getValue() + "!" + function)) {
                    continue; // bound by two interfaces (the process bindings repeat a few): ask once
                }
                try {
                    resolve.accept(binding.getValue(), function);
                } catch (UnsatisfiedLinkError e) {
                    missing.add(binding.getValue() + "!" + function);
                }
            }
        }
        return missing;
    }

    /** {@link #missing} against the real DLLs (Windows only). */
    static List<String> missingOnThisHost() {
        return missing((dll, function) -> NativeLibrary.getInstance(dll).getFunction(function));
    }

    /** The reason text for {@code missing} exports, or null when none is missing. */
    static String describe(List<String> missing) {
        if (missing.isEmpty()) {
            return null;
        }
        return "the jna backend needs functions this Windows does not export: " + String.join(", ", missing)
                + " (the DLLs loaded; these symbols did not resolve)";
    }
}
