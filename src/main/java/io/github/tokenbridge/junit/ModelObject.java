package io.github.tokenbridge.junit;

import io.github.tokenbridge.model.DeclaredObject;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A file, directory or registry key the model world of a test starts with (on the method, the
 * class or an enclosing class; all of them apply, outermost first), with its security descriptor in
 * SDDL ({@code ""} to inherit from its parent). Using the annotation registers
 * {@link ModelTokenSystemExtension}.
 *
 * <pre>{@code
 * @ModelObject(path = "C:\\srv", sddl = "O:SYG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FR;;;AU)")
 * @ModelObject(path = "C:\\srv\\secret.txt", kind = DeclaredObject.Kind.FILE, sddl = "O:SYG:SYD:P(A;;FA;;;SY)")
 * class ServerTest { ... }
 * }</pre>
 */
// JUnit is required static, not transitively (see module-info): its users read it themselves.
@SuppressWarnings("exports")
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(ModelObjects.class)
@ExtendWith(ModelTokenSystemExtension.class)
public @interface ModelObject {

    /** {@code C:\...} for files and directories; {@code HKLM\...}, {@code HKCU\...}, {@code HKU\...} for keys. */
    String path();

    /** The descriptor in SDDL; empty to inherit from the parent. */
    String sddl() default "";

    /** Directory (default), file or key. */
    DeclaredObject.Kind kind() default DeclaredObject.Kind.DIRECTORY;
}
