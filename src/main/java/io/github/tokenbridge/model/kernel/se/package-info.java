/**
 * The security reference monitor: token objects and their contents, duplication, the impersonation
 * decision ({@code SeTokenCanImpersonate}), client security capture ({@code SeCreateClientSecurity},
 * {@code SeImpersonateClientEx}), and the one access check ({@code SeAccessCheck}: mandatory integrity,
 * privileges, owner rights, DACL, restricted pass) used by object opens and by AccessCheck alike,
 * with privilege checks, membership and token transformations (docs/rules.md R5-R18, R37-R64).
 */
package io.github.tokenbridge.model.kernel.se;
