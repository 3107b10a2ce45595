/**
 * The model's internals for the module's own packages: {@link io.github.tokenbridge.model.internal.ModelInternals}
 * (the kernel behind a world, the explanations the CLI prints) and
 * {@link io.github.tokenbridge.model.internal.KernelRoutines} (the driver routines of the scenario
 * verbs). Not exported by the module; see docs/api-surface.md.
 */
package io.github.tokenbridge.model.internal;
