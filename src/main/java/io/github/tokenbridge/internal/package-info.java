/**
 * Helpers that the API, the model and the command line share but users do not need: SDDL's right
 * names and SID aliases (behind {@link io.github.tokenbridge.Sddl}, the one SDDL entry point) and
 * the well-known SID names of the scenario language. Not exported by the module; see
 * docs/api-surface.md.
 */
package io.github.tokenbridge.internal;
