/**
 * The model's kernel, shaped like ntoskrnl: the {@link io.github.tokenbridge.model.kernel.Kernel}
 * state (LUIDs, process and thread tables), the routine sets the Nt layer calls
 * ({@link io.github.tokenbridge.model.kernel.KernelServices}) and the world's invariants; beneath it
 * the object manager ({@code ob}), processes and threads ({@code ps}) and the security reference
 * monitor ({@code se}), as ReactOS splits ntoskrnl/ob, ps and se.
 */
package io.github.tokenbridge.model.kernel;
