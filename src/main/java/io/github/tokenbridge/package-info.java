/**
 * tokenbridge's public API: Windows access tokens and thread impersonation, typed and safe, over
 * the live Windows API or the pure-Java model.
 *
 * <p>Start from {@link io.github.tokenbridge.Tokens}: {@code Tokens.windows()} on a Windows host,
 * {@code Tokens.model(ModelConfiguration.standardUser())} anywhere. A
 * {@link io.github.tokenbridge.TokenSystem} owns every handle it opens and closes the rest when it
 * is closed; {@link io.github.tokenbridge.AccessToken}s are closed exactly once.
 *
 * <pre>{@code
 * try (TokenSystem tokens = Tokens.windows();
 *      AccessToken client = tokens.openProcessToken(pid, Set.of(TokenAccess.QUERY, TokenAccess.DUPLICATE));
 *      ImpersonationScope scope = tokens.impersonate(client)) {
 *     // runs as the client; a silent downgrade to Identification (R38) would have thrown
 * }   // the thread's previous impersonation is back (R46)
 * }</pre>
 *
 * <p>Rules kept identically on both backends: a Windows failure is a
 * {@link io.github.tokenbridge.WinTokenException} naming the function, the Win32 error, the NTSTATUS
 * when there is one, and the backend; programming errors are {@code NullPointerException},
 * {@code IllegalArgumentException} (for example a token of another system) and
 * {@code IllegalStateException} (use after close, a scope closed out of order or on another thread,
 * impersonation on a virtual thread). A thread whose impersonation cannot be restored gets an
 * {@link io.github.tokenbridge.ImpersonationRestoreError} and is refused every later call.
 */
package io.github.tokenbridge;
