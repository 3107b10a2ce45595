package io.github.tokenbridge.cli;

import picocli.CommandLine;

import java.util.Locale;

/**
 * The {@code NAME} argument of {@code pipe-server} and {@code pipe-client}: a local pipe, given as
 * the part after {@code \\.\pipe\} or as the whole {@code \\.\pipe\NAME}. Anything else (empty, a
 * remote {@code \\server\pipe\...}, another path, a NUL character, a full name longer than Windows'
 * 256 characters) is a usage error, caught before any pipe call, where Windows would answer
 * ERROR_INVALID_NAME (P1).
 */
final class PipeNameArgument {

    /** The prefix of every local pipe name. */
    static final String PREFIX = "\\\\.\\pipe\\";
    private static final int MAX_FULL_LENGTH = 256;

    private PipeNameArgument() {
    }

    /** The name after {@code \\.\pipe\}, or a {@link CommandLine.ParameterException} saying what is wrong. */
    static String parse(CommandLine cl, String text) {
        String name = text;
        if (text.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            name = text.substring(PREFIX.length());
        }
        String problem = null;
        if (name.isEmpty()) {
            problem = "empty pipe name";
        } else if (name.startsWith("\\")) {
            problem = "not a local pipe: give NAME or \\\\.\\pipe\\NAME";
        } else if (name.indexOf('\0') >= 0) {
            problem = "a pipe name has no NUL character";
        } else if (PREFIX.length() + name.length() > MAX_FULL_LENGTH) {
            problem = "longer than " + MAX_FULL_LENGTH + " characters with \\\\.\\pipe\\";
        }
        if (problem != null) {
            throw new CommandLine.ParameterException(cl, "NAME: malformed pipe name '" + text + "' (" + problem + "; P1)");
        }
        return name;
    }
}
