/**
 * Processes and threads: process and thread objects, each thread's impersonation state, and the Ps*
 * routines ({@code PsImpersonateClient}, {@code PsReferenceImpersonationToken}, {@code PsRevertToSelf},
 * {@code PsReferencePrimaryToken}; docs/rules.md R32-R49).
 */
package io.github.tokenbridge.model.kernel.ps;
