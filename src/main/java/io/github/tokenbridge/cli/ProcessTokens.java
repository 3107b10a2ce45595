package io.github.tokenbridge.cli;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.WinTokenException;
import picocli.CommandLine;

import java.util.EnumSet;

/**
 * Opens a process's primary token by process id for the command line: a negative id is a usage
 * error, and an id no process has (OpenProcess: ERROR_INVALID_PARAMETER) is a
 * {@link CommandFailure} saying "no process with id N".
 */
final class ProcessTokens {

    private ProcessTokens() {
    }

    /** {@code id} when it can be a process or thread id (0 or more), else a usage error naming {@code option}. */
    static int requireId(CommandLine cl, String option, long id, String what) {
        if (id < 0 || id > 0xFFFFFFFFL) {
            throw new CommandLine.ParameterException(cl, option + ": " + id + " is not a " + what + " id (0 or more)");
        }
        return (int) id;
    }

    /** The primary token of process {@code pid}, opened for TOKEN_QUERY. */
    static AccessToken open(TokenSystem system, int pid) {
        try {
            return system.openProcessToken(pid, EnumSet.of(TokenAccess.QUERY));
        } catch (WinTokenException e) {
            if (e.function().equals("OpenProcess") && e.win32Error() == Win32Error.ERROR_INVALID_PARAMETER.code()) {
                throw new CommandFailure("no process with id " + Integer.toUnsignedString(pid)
                        + " (OpenProcess: ERROR_INVALID_PARAMETER)", e);
            }
            throw e;
        }
    }
}
