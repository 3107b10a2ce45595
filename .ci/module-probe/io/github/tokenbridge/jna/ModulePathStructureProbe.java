package io.github.tokenbridge.jna;

/**
 * Run by .ci/module-path-smoke, patched into the module: the jna backend's way of using JNA works
 * when tokenbridge and JNA are named modules (off Windows, where the backend itself cannot run).
 * JNA loads a library through a package-private interface (as the backend's Advapi32Calls and
 * friends are), computes the layout of every structure the backend declares, and constructs and
 * reads one back from native memory by reflection. Throws when a step fails.
 */
public final class ModulePathStructureProbe {

    /** A package-private JNA library interface, as the backend's Advapi32Calls, NtdllCalls, ... are; libc here. */
    interface LibC extends com.sun.jna.Library {
        int getpid();
    }

    private ModulePathStructureProbe() {
    }

    public static void main(String[] args) {
        int offset = NativeLayout.TOKEN_STATISTICS.offset("ModifiedId");
        AddedStructures.TOKEN_STATISTICS written = new AddedStructures.TOKEN_STATISTICS();
        written.TokenType = 2;
        written.write();
        // JNA constructs the class itself (reflection on a package-private class) and reads it back
        AddedStructures.TOKEN_STATISTICS read = com.sun.jna.Structure.newInstance(AddedStructures.TOKEN_STATISTICS.class,
                written.getPointer());
        read.read();
        if (read.TokenType != 2) {
            throw new IllegalStateException("TOKEN_STATISTICS did not round-trip through native memory: " + read);
        }
        int pid = com.sun.jna.Native.load("c", LibC.class).getpid();
        if (pid != ProcessHandle.current().pid()) {
            throw new IllegalStateException("getpid() through a package-private JNA interface gave " + pid);
        }
        System.out.println("ok: getpid() through a package-private library interface; TOKEN_STATISTICS is " + NativeLayout.TOKEN_STATISTICS.size() + " bytes (ModifiedId at "
                + offset + "), and round-trips through native memory");
    }
}
