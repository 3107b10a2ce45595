package io.github.tokenbridge.cli;

/**
 * A command that could not do what was asked for a reason that is not a usage error: no process
 * with that id, a thread that is not impersonating, a token that is not split. The command line
 * prints its message on one line and exits 1.
 */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message);
    }

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
