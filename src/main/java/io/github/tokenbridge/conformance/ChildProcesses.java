package io.github.tokenbridge.conformance;

import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.ProcessStart;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;

/**
 * The child processes of the process verbs (scenarios.md "Processes under a token"): the image is
 * {@code %SystemRoot%\System32\cmd.exe} (on the model its cmd.exe program), created suspended, and ended by
 * the runner after the scenario.
 */
final class ChildProcesses {

    private static final int INFINITE = -1;

    private ChildProcesses() {
    }

    /** The start every process verb makes: cmd.exe, CREATE_SUSPENDED, no window, streams inherited. */
    static ProcessStart start(TokenBackend backend) {
        String root = backend.kind() == BackendKind.MODEL ? "C:\\Windows" : System.getenv().getOrDefault("SystemRoot", "C:\\Windows");
        return ProcessStart.of("\"" + root + "\\System32\\cmd.exe\"", ProcessStart.CREATE_SUSPENDED | ProcessStart.CREATE_NO_WINDOW);
    }

    /** Ends a started child: TerminateProcess, then a wait until it has ended. */
    static Result<Void> end(TokenBackend backend, Handle process) {
        Result<Void> r = backend.terminateProcess(process, 1);
        if (!r.succeeded()) {
            return r;
        }
        Result<Integer> waited = backend.waitForSingleObject(process, INFINITE);
        return waited.succeeded() ? Result.ok(null) : waited.withValue(null);
    }
}
