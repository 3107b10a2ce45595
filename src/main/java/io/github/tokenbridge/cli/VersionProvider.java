package io.github.tokenbridge.cli;

import picocli.CommandLine;

/** The version line of {@code tokenbridge --version}: the jar's implementation version, or "development". */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"tokenbridge " + (version != null ? version : "(development build)"),
            "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")};
    }
}
