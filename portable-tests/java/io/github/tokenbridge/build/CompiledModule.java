package io.github.tokenbridge.build;

import io.github.tokenbridge.TokenSystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The library as compiled into {@code target/classes}: its module descriptor, and the types of an
 * exported package that a user of the module can name (public, and nested only in public types).
 */
final class CompiledModule {

    private CompiledModule() {
    }

    /** The directory the library's classes were compiled to (where {@link TokenSystem} was loaded from). */
    static Path classesDirectory() {
        try {
            Path location = Path.of(TokenSystem.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(location)) {
                throw new AssertionError("the library's classes are not a directory here: " + location);
            }
            return location;
        } catch (URISyntaxException e) {
            throw new AssertionError("cannot locate the library's classes", e);
        }
    }

    /** The compiled {@code module-info.class}. */
    static ModuleDescriptor descriptor() {
        Path file = classesDirectory().resolve("module-info.class");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no module descriptor at " + file + ": src/main/java/module-info.java is missing");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return ModuleDescriptor.read(in, CompiledModule::packagesOnDisk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packages with classes under {@link #classesDirectory()} (javac writes no ModulePackages attribute). */
    private static Set<String> packagesOnDisk() {
        Path root = classesDirectory();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("module-info.class"))
                    .map(f -> root.relativize(f.getParent()).toString().replace(java.io.File.separatorChar, '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packages the descriptor exports to everyone. */
    static Set<String> exportedPackages() {
        return descriptor().exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The types of {@code packageName} that code outside the module can name: public top-level
     * types, and public member types whose enclosing types are all public; sorted by name.
     */
    static List<Class<?>> accessibleTypes(String packageName) {
        Path directory = classesDirectory().resolve(packageName.replace('.', '/'));
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.equals("package-info.class")) {
                    continue;
                }
                Class<?> type = load(packageName + "." + name.substring(0, name.length() - ".class".length()));
                if (accessible(type)) {
                    types.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        types.sort(Comparator.comparing(CompiledModule::simpleName));
        return types;
    }

    /** A type's name within its package: {@code ModelConfiguration.Builder}. */
    static String simpleName(Class<?> type) {
        return type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
    }

    private static boolean accessible(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, CompiledModule.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("a compiled class does not load: " + name, e);
        }
    }
}
