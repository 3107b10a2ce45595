package io.github.tokenbridge.model.kernel;

import io.github.tokenbridge.model.kernel.ob.ObjectManager;
import io.github.tokenbridge.model.kernel.ps.PsRoutines;
import io.github.tokenbridge.model.kernel.se.SeClientSecurity;
import io.github.tokenbridge.model.kernel.se.TokenDuplicator;

import java.util.Objects;

/**
 * The kernel of one model world with its routine sets, as the Nt layer uses them.
 *
 * @param kernel  processes, threads, LUIDs, object creation
 * @param objects the object manager (handles and access checks)
 * @param ps      the Ps* token routines (and the impersonation decision)
 * @param se      the Se* client-security routines
 */
public record KernelServices(Kernel kernel, ObjectManager objects, PsRoutines ps, SeClientSecurity se) {

    public KernelServices {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(ps, "ps");
        Objects.requireNonNull(se, "se");
    }

    /** The services of {@code kernel}. */
    public static KernelServices of(Kernel kernel) {
        PsRoutines ps = new PsRoutines(kernel);
        return new KernelServices(kernel, new ObjectManager(kernel), ps, new SeClientSecurity(ps));
    }

    /** The token duplicator ({@code SepDuplicateToken}). */
    public TokenDuplicator duplicator() {
        return ps.duplicator();
    }
}
