package io.github.tokenbridge.conformance;

import java.nio.file.Path;
import java.util.List;

/**
 * The implementation a differential run compares the model with: the native driver (a process,
 * under Wine or on Windows) or a backend in this process (jna). It gives its host snapshot (the
 * model is configured from it) and runs batches of scenario files into a transcript.
 */
public interface DifferentialTarget {

    /** The backend name its transcripts carry ({@code native}, {@code jna}). */
    String backend();

    /** Writes the host snapshot to {@code file}. */
    void snapshot(Path file);

    /** Runs every scenario of {@code files} (one batch: one driver process) and writes the transcript to {@code transcript}. */
    void run(List<Path> files, Path transcript);
}
