package io.github.tokenbridge.cli;

import io.github.tokenbridge.conformance.BackendTarget;
import io.github.tokenbridge.conformance.DifferentialRegister;
import io.github.tokenbridge.conformance.DifferentialRun;
import io.github.tokenbridge.conformance.DifferentialTarget;
import io.github.tokenbridge.conformance.JnaBackendFactory;
import io.github.tokenbridge.conformance.NativeDriverTarget;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;


/**
 * The options of {@code tokenbridge conformance --generate N}: a differential run of generated
 * scenarios on the model and on the native driver ({@code --driver "wine native/build/tbdriver.exe"})
 * or the jna backend ({@code --backend jna}), with a fixed or random seed (printed first).
 */
public final class DifferentialOptions {

    @Option(names = "--generate", paramLabel = "N",
            description = "differential run: generate N scenarios, run them on the model and on --driver or --backend jna")
    Integer generate;

    @Option(names = "--seed", paramLabel = "SEED", description = "with --generate: the seed (default: random, printed)")
    Long seed;

    @Option(names = "--driver", paramLabel = "COMMAND",
            description = "with --generate: the native driver command, e.g. \"wine native/build/tbdriver.exe\"")
    String driver;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/differential",
            description = "with --generate: where batches, transcripts and shrunk scenarios go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "with --generate: scenarios per driver process (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--max-lines", paramLabel = "N", defaultValue = "14",
            description = "with --generate: the most lines per scenario (default: ${DEFAULT-VALUE})")
    int maxLines;

    @Option(names = "--shrink", paramLabel = "N", defaultValue = "5",
            description = "with --generate: how many unregistered divergences to shrink (default: ${DEFAULT-VALUE})")
    int shrink;

    @Option(names = "--differential-register", paramLabel = "FILE",
            description = "with --generate: the register of generated-scenario divergences (default: the one in the jar)")
    Path register;

    boolean requested() {
        return generate != null;
    }

    /** Runs the differential run; exit code 0 when nothing is unregistered, 1 otherwise. */
    int run(PrintWriter printer, String backend, String host) {
        if (generate < 1 || batch < 1 || maxLines < 3) {
            throw new IllegalArgumentException("--generate and --batch must be positive and --max-lines at least 3");
        }
        DifferentialTarget target;
        if (driver != null) {
            target = new NativeDriverTarget(Arrays.stream(driver.trim().split("\\s+")).toList());
        } else if (backend.equals("jna")) {
            target = new BackendTarget(new JnaBackendFactory());
        } else {
            throw new IllegalArgumentException("--generate compares the model with --driver COMMAND or --backend jna");
        }
        long s = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        DifferentialRegister reg = register != null ? DifferentialRegister.read(register) : DifferentialRegister.shipped();
        DifferentialRun.Summary summary = new DifferentialRun(target, reg,
                new DifferentialRun.Options(s, generate, batch, maxLines, host, out, shrink), printer).run();
        return summary.unregistered() == 0 ? 0 : 1;
    }

}
