package io.github.tokenbridge.model.kernel.io;

import io.github.tokenbridge.model.kernel.io.npfs.NamedPipeFileSystem;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.model.kernel.io.disk.DiskFileSystem;
import io.github.tokenbridge.model.kernel.ob.ObjectManager;
import io.github.tokenbridge.model.kernel.se.SeClientSecurity;

/**
 * The devices and DOS device links a model world starts with: {@code \??\PIPE} (and {@code \??\pipe}
 * as Windows spells it; links compare case-insensitively) to {@code \Device\NamedPipe}. File systems
 * register their drivers here, each in its own block.
 */
public final class IoDevices {

    /** The named-pipe file system's device. */
    public static final String NAMED_PIPE_DEVICE = "\\Device\\NamedPipe";

    /**
     * The descriptor a volume root or registry root has until the world declares its own (objects):
     * owner and group SYSTEM, SYSTEM full control inherited by everything below.
     */
    public static final SecurityDescriptor SYSTEM_ONLY = io.github.tokenbridge.Sddl.parse("O:SYG:SYD:P(A;OICI;GA;;;SY)");

    private IoDevices() {
    }

    /** An I/O manager with the standard devices and links. */
    public static IoManager standard(ObjectManager objects, SeClientSecurity se) {
        IoManager io = new IoManager(objects);
        // ---- named pipes (pipes)
        io.registerDriver(new NamedPipeFileSystem(se));
        io.registerDosDevice("PIPE", NAMED_PIPE_DEVICE);
        // ---- disk file system (objects): one volume as C:; the world declares its directories' security
        io.registerDriver(new DiskFileSystem(SYSTEM_ONLY));
        io.registerDosDevice("C:", DiskFileSystem.DEVICE);
        return io;
    }
}
