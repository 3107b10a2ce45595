package io.github.tokenbridge.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The container of repeated {@link ModelObject} annotations. */
// JUnit is required static, not transitively (see module-info): its users read it themselves.
@SuppressWarnings("exports")
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ModelTokenSystemExtension.class)
public @interface ModelObjects {

    /** The declared objects. */
    ModelObject[] value();
}
