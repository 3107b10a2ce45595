package io.github.tokenbridge.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A local account that the model of {@link ModelTokenSystemExtension} holds for a test, besides
 * its preset's own and the conformance accounts (issue 14; rules L, N): logons
 * ({@link io.github.tokenbridge.TokenSystem#logonUser}) and name lookups answer from it.
 * Repeatable; accounts declared on the method, the class and enclosing classes all apply, the
 * nearest winning for one name. Using the annotation registers the extension.
 *
 * <pre>{@code
 * @ModelAccount(name = "alice", password = "Alice-pw-1!", groups = {"Users", "Administrators"})
 * class AuthTest {
 *     @Test
 *     void logon_alice_isMemberOfAdministratorsByName(TokenSystem tokens) { ... }
 * }
 * }</pre>
 */
// JUnit is required static, not transitively (see module-info): its users read it themselves.
@SuppressWarnings("exports")
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(ModelAccounts.class)
@ExtendWith(ModelTokenSystemExtension.class)
public @interface ModelAccount {

    /** The account name (no {@code \} or {@code @}). */
    String name();

    /** The password ({@code ""} for a blank one: L14 then applies). */
    String password();

    /** The local groups and aliases it belongs to, by name ({@code Users}, {@code Administrators}, ...). */
    String[] groups() default {"Users"};

    /** Its RID under the machine SID; 0 (default): one from 2000 up, in declaration order. */
    int rid() default 0;

    /** A disabled account (LogonUser with the right password: ERROR_ACCOUNT_DISABLED, L13). */
    boolean disabled() default false;

    /** An expired password (LogonUser with the right password: ERROR_PASSWORD_EXPIRED, L13). */
    boolean passwordExpired() default false;
}
