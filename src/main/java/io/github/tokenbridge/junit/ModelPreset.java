package io.github.tokenbridge.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The model preset of the {@link io.github.tokenbridge.TokenSystem} that {@link ModelTokenSystemExtension}
 * injects into a test (on the method, the class, or an enclosing class; the nearest wins). Using the
 * annotation registers the extension.
 *
 * <pre>{@code
 * @ModelPreset("elevated-admin")
 * class AdminTest {
 *     @Test
 *     void processToken_elevatedAdmin_isElevated(TokenSystem tokens) { ... }
 * }
 * }</pre>
 */
// JUnit is required static, not transitively (see module-info): its users read it themselves.
@SuppressWarnings("exports")
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ModelTokenSystemExtension.class)
public @interface ModelPreset {

    /** A name of {@link io.github.tokenbridge.model.ModelConfiguration#PRESET_NAMES}. */
    String value() default "standard-user";
}
