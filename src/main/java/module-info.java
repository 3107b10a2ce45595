/**
 * tokenbridge: Windows access tokens and thread impersonation for Java, over the live Windows API
 * (JNA) or a pure-Java model of the security reference monitor.
 *
 * <p>Exported: the API ({@code io.github.tokenbridge}), the backend SPI
 * ({@code io.github.tokenbridge.backend}), the model's configuration and world
 * ({@code io.github.tokenbridge.model}), the JNA bridge ({@code io.github.tokenbridge.jna}) and the
 * JUnit 5 extension ({@code io.github.tokenbridge.junit}). Everything else (the model's kernel, Nt
 * and Win32 layers, its LSA and fault injection, the command line, the conformance runner) is
 * internal; docs/api-surface.md lists the public types and why the rest is not exported.
 *
 * <p>JNA's names are the {@code Automatic-Module-Name}s of its jars, stable since JNA 5: the
 * automatic-module lints are suppressed for them. picocli (the command line) and JUnit (the
 * extension) are optional: {@code requires static}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.tokenbridge {
    requires transitive com.sun.jna;
    requires transitive com.sun.jna.platform; // JnaHandles takes and returns WinNT.HANDLE
    requires jdk.jfr;                         // the impersonation, privilege and leak events
    requires jdk.security.auth;               // JAAS subjects (NTSidUserPrincipal, ...)

    requires static info.picocli;
    // Not transitive: a static transitive module would be mandatory when a consumer compiles. The
    // extension's users are JUnit test modules, which read JUnit's API themselves.
    requires static org.junit.jupiter.api;
    requires static org.junit.platform.commons;

    exports io.github.tokenbridge;
    exports io.github.tokenbridge.backend;
    exports io.github.tokenbridge.model;
    exports io.github.tokenbridge.jna;
    exports io.github.tokenbridge.junit;

    // JNA reads and writes the Structure classes' fields, constructs them reflectively and proxies
    // the Library interfaces. Today's structures are public members of this exported package, which
    // JNA may reach anyway; the opening covers non-public ones (.ci/module-path-smoke probes it).
    opens io.github.tokenbridge.jna to com.sun.jna;
    // picocli injects @Option and @Parameters fields and reads the commands' annotations.
    opens io.github.tokenbridge.cli to info.picocli;
}
