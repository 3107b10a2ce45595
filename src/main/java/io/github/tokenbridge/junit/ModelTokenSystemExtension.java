package io.github.tokenbridge.junit;

import io.github.tokenbridge.LeakDetection;
import io.github.tokenbridge.OpenHandle;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JUnit 5 extension that gives each test its own model {@link TokenSystem} (a fresh, isolated
 * model world), injected as a parameter, with the preset of the nearest {@link ModelPreset}
 * (default {@code standard-user}). After the test it fails the test when the test left a handle
 * open or a model thread impersonating, then closes the system. Its systems record the opening
 * stack of every handle ({@link LeakDetection#FULL}), so a leak names the line that opened it.
 *
 * <p>Register it with {@code @ModelPreset(...)} or {@code @ExtendWith(ModelTokenSystemExtension.class)}.
 * JUnit is not a runtime dependency of tokenbridge: the extension needs {@code junit-jupiter-api}
 * on the test class path, which every JUnit 5 project has.
 */
// JUnit is required static, not transitively (see module-info): its users read it themselves.
@SuppressWarnings("exports")
public final class ModelTokenSystemExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ModelTokenSystemExtension.class);

    /** The extension; JUnit creates it for {@code @ModelPreset} and {@code @ExtendWith}. */
    public ModelTokenSystemExtension() {
    }

    /** One test's world: the system handed out, its backend and the handle count it started with. */
    private record World(TokenSystem system, ModelBackend backend, int baselineHandles, String preset) {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TokenSystem.class || type == ModelBackend.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("a model TokenSystem is per test: inject it into a test method or a"
                    + " @BeforeEach/@AfterEach method, not into " + parameter.getDeclaringExecutable());
        }
        World world = context.getStore(NAMESPACE).getOrComputeIfAbsent(World.class, k -> create(context), World.class);
        return parameter.getParameter().getType() == ModelBackend.class ? world.backend() : world.system();
    }

    private static World create(ExtensionContext context) {
        String preset = preset(context);
        ModelConfiguration configuration;
        try {
            configuration = ModelConfiguration.preset(preset);
        } catch (IllegalArgumentException e) {
            throw new ParameterResolutionException("@ModelPreset: " + e.getMessage(), e);
        }
        // ---- declared objects (objects): every @ModelObject of the method, class and enclosing classes
        java.util.List<ModelObject> declared = objects(context);
        if (!declared.isEmpty()) {
            ModelConfiguration.Builder b = configuration.toBuilder();
            try {
                for (ModelObject o : declared) {
                    String sddl = o.sddl().isEmpty() ? null : o.sddl();
                    switch (o.kind()) {
                        case DIRECTORY -> b.directory(o.path(), sddl);
                        case FILE -> b.file(o.path(), sddl);
                        case KEY -> b.key(o.path(), sddl);
                    }
                }
                configuration = b.build();
            } catch (IllegalArgumentException e) {
                throw new ParameterResolutionException("@ModelObject: " + e.getMessage(), e);
            }
        }
        List<ModelAccount> declaredAccounts = accounts(context);
        if (!declaredAccounts.isEmpty()) {
            try {
                configuration = configuration.toBuilder().accounts(db -> {
                    int nextRid = 2000;
                    for (ModelAccount a : declaredAccounts) {
                        int rid = a.rid() != 0 ? a.rid() : nextRid++;
                        io.github.tokenbridge.model.UserAccount user =
                                io.github.tokenbridge.model.UserAccount.of(a.name(), rid, a.password(), a.groups());
                        if (a.disabled()) {
                            user = user.disabled();
                        }
                        if (a.passwordExpired()) {
                            user = user.withExpiredPassword();
                        }
                        db.user(user);
                    }
                    return db;
                }).build();
            } catch (IllegalArgumentException e) {
                throw new ParameterResolutionException("@ModelAccount: " + e.getMessage(), e);
            }
        }
        ModelBackend backend = ModelBackend.create(configuration);
        int baseline = backend.world().openHandleCount();
        TokenSystem system = Tokens.over(backend);
        system.leakDetection(LeakDetection.FULL); // a test names every leak's opening site
        return new World(system, backend, baseline, preset);
    }

    /** Every {@link ModelObject} of the enclosing classes, the class and the method, outermost first (objects). */
    static java.util.List<ModelObject> objects(ExtensionContext context) {
        java.util.List<java.util.List<ModelObject>> levels = new java.util.ArrayList<>();
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            c.getElement().ifPresent(e -> levels.add(AnnotationSupport.findRepeatableAnnotations(e, ModelObject.class)));
        }
        java.util.List<ModelObject> out = new java.util.ArrayList<>();
        for (int i = levels.size() - 1; i >= 0; i--) {
            out.addAll(levels.get(i));
        }
        return out;
    }

    /**
     * The {@link ModelAccount}s of the method, the class and enclosing classes, outermost first so
     * that a nearer declaration of the same name replaces a farther one.
     */
    static List<ModelAccount> accounts(ExtensionContext context) {
        List<List<ModelAccount>> levels = new ArrayList<>();
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            c.getElement().ifPresent(e -> levels.add(AnnotationSupport.findRepeatableAnnotations(e, ModelAccount.class)));
        }
        java.util.Map<String, ModelAccount> byName = new java.util.LinkedHashMap<>();
        for (int i = levels.size() - 1; i >= 0; i--) {
            for (ModelAccount a : levels.get(i)) {
                byName.remove(a.name().toLowerCase(java.util.Locale.ROOT));
                byName.put(a.name().toLowerCase(java.util.Locale.ROOT), a);
            }
        }
        return List.copyOf(byName.values());
    }

    /** The preset of the nearest {@link ModelPreset}: method, class, enclosing classes. */
    static String preset(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Optional<ModelPreset> found = c.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, ModelPreset.class));
            if (found.isPresent()) {
                return found.get().value();
            }
        }
        return "standard-user";
    }

    @Override
    public void afterEach(ExtensionContext context) {
        World world = context.getStore(NAMESPACE).remove(World.class, World.class);
        if (world == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        List<OpenHandle> open = world.system().openHandles();
        if (!open.isEmpty()) {
            StringBuilder sb = new StringBuilder(open.size() + " handle(s) left open:");
            open.forEach(h -> sb.append("\n    ").append(h));
            problems.add(sb.toString());
        }
        int raw = world.backend().world().openHandleCount() - world.baselineHandles() - open.size();
        if (raw > 0) {
            problems.add(raw + " handle(s) opened directly through the backend left open");
        }
        int impersonating = world.backend().world().impersonatingThreadCount();
        if (impersonating > 0) {
            problems.add(impersonating + " thread(s) still impersonating (close every ImpersonationScope, or revertToSelf())");
        }
        if (impersonating > 0 && world.system().isImpersonating()) {
            world.system().revertToSelf();
        }
        try {
            world.system().close();
        } catch (IllegalStateException e) {
            problems.add("the TokenSystem could not be closed: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("tokenbridge model (" + world.preset() + "): the test did not clean up:\n  - "
                    + String.join("\n  - ", problems));
        }
    }
}
