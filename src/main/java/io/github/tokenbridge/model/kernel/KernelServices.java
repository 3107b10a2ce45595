package io.github.tokenbridge.model.kernel;

import io.github.tokenbridge.model.kernel.cm.ConfigurationManager;
import io.github.tokenbridge.model.kernel.io.IoDevices;
import io.github.tokenbridge.model.kernel.io.IoManager;
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
 * @param io      the I/O manager (file objects, devices, file systems)
 * @param cm      the configuration manager (registry keys)
 */
public record KernelServices(Kernel kernel, ObjectManager objects, PsRoutines ps, SeClientSecurity se, IoManager io,
                             ConfigurationManager cm) {

    public KernelServices {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(ps, "ps");
        Objects.requireNonNull(se, "se");
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(cm, "cm");
    }

    /** The services of {@code kernel}. */
    public static KernelServices of(Kernel kernel) {
        PsRoutines ps = new PsRoutines(kernel);
        ObjectManager objects = new ObjectManager(kernel);
        SeClientSecurity se = new SeClientSecurity(ps);
        return new KernelServices(kernel, objects, ps, se, IoDevices.standard(objects, se),
                new ConfigurationManager(objects, IoDevices.SYSTEM_ONLY));
    }

    /** The token duplicator ({@code SepDuplicateToken}). */
    public TokenDuplicator duplicator() {
        return ps.duplicator();
    }
}
