/**
 * The object manager: object types and their generic mappings, kernel objects and their security
 * descriptors, per-process handle tables, and the open-time access check, which calls the security
 * reference monitor's one {@code SeAccessCheck} (docs/rules.md R19-R25).
 */
package io.github.tokenbridge.model.kernel.ob;
