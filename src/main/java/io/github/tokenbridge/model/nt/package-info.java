/**
 * The Nt system services of the model ({@code NtOpenProcessTokenEx}, {@code NtDuplicateToken},
 * {@code NtAccessCheck}, ...): argument checks, handle resolution and NTSTATUS results over the
 * kernel's routines. Every Nt service lives here, the security ones included.
 */
package io.github.tokenbridge.model.nt;
