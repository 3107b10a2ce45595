package io.github.tokenbridge;

/** Which implementation sits below the backend SPI: the live Windows API or the pure-Java model. */
public enum BackendKind {
    /** advapi32 / ntdll / kernel32 called through JNA on a Windows host. */
    JNA,
    /** The pure-Java model of the Windows security reference monitor. */
    MODEL;

    /** The lower-case name used on the command line and in transcripts ({@code jna}, {@code model}). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The backend named as the command line names it ({@code jna}, {@code model}), for example after {@code --backend}. */
    public static BackendKind fromId(String id) {
        for (BackendKind kind : values()) {
            if (kind.id().equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + id + "' (jna or model)");
    }

    /** {@link #id()}: spelled as the command line and the transcripts spell it. */
    @Override
    public String toString() {
        return id();
    }
}
