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

    @Override
    public void run(List<Path> files, Path transcript) {
        try (TranscriptWriter w = new TranscriptWriter(Files.newBufferedWriter(transcript, StandardCharsets.UTF_8), backend())) {
            new ScenarioRunner(factory, w, null).runAll(Corpus.load(files));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + transcript, e);
        }
    }
}
