package io.github.tokenbridge.conformance;

import io.github.tokenbridge.backend.TokenBackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A backend of this process (the jna backend on Windows) as a differential target. */
public final class BackendTarget implements DifferentialTarget {

    private final BackendFactory factory;

    /** @param factory makes the backend (for example {@link JnaBackendFactory}) */
    public BackendTarget(BackendFactory factory) {
        this.factory = factory;
    }

    @Override
    public String backend() {
        return factory.kind().id();
    }

    @Override
    public void snapshot(Path file) {
        try (TokenBackend b = factory.create(Scenario.DEFAULT_CONFIG)) {
            Files.writeString(file, SnapshotWriter.snapshot(b) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Runs the scenarios one by one and puts the process token's privileges, default DACL and
     * session id back after each ({@link ProcessTokenState}): they all share this process.
     */
    @Override
    public void run(List<Path> files, Path transcript) {
        try (TranscriptWriter w = new TranscriptWriter(Files.newBufferedWriter(transcript, StandardCharsets.UTF_8), backend());
             TokenBackend keeper = factory.create(Scenario.DEFAULT_CONFIG)) {
            ProcessTokenState saved = ProcessTokenState.capture(keeper);
            ScenarioRunner runner = new ScenarioRunner(factory, w, null);
            for (Scenario s : Corpus.load(files)) {
                runner.run(s);
                saved.restore(keeper);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + transcript, e);
        }
    }
}
