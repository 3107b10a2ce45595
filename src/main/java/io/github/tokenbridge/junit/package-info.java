/**
 * JUnit 5 support: {@link io.github.tokenbridge.junit.ModelTokenSystemExtension} injects a fresh
 * model {@link io.github.tokenbridge.TokenSystem} per test, preset chosen with
 * {@link io.github.tokenbridge.junit.ModelPreset}, and fails tests that leak handles or leave a
 * thread impersonating. Needs {@code junit-jupiter-api} on the class path (an optional dependency).
 */
package io.github.tokenbridge.junit;
