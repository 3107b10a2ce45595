package io.github.tokenbridge.model;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The model's {@code cmd.exe}: {@code /c echo TEXT} writes TEXT, {@code /c exit N} ends with N,
 * {@code /c whoami} writes the SID of the process's own token user (read through the backend with
 * GetCurrentProcessToken(), so it is the child's identity); without {@code /c} it reads standard input to its end and exits with 0.
 */
final class CommandInterpreterProgram implements ModelProgram {

    @Override
    public int run(ModelProgramContext context) throws Exception {
        List<String> args = context.arguments();
        if (args.isEmpty() || !args.get(0).equalsIgnoreCase("/c")) {
            context.stdin().transferTo(OutputStream.nullOutputStream());
            return 0;
        }
        List<String> command = args.subList(1, args.size());
        String verb = command.isEmpty() ? "" : command.get(0).toLowerCase(Locale.ROOT);
        switch (verb) {
            case "echo" -> {
                write(context.stdout(), String.join(" ", command.subList(1, command.size())));
                return 0;
            }
            case "exit" -> {
                return command.size() > 1 ? Integer.parseInt(command.get(1)) : 0;
            }
            case "whoami" -> {
                // GetCurrentProcessToken() (R19): no open, so no access check on the child's own token
                Result<TokenInformation> user = context.backend().getTokenInformation(Handle.CURRENT_PROCESS_TOKEN,
                        TokenInformationClass.TokenUser, -1);
                if (!user.succeeded()) {
                    write(context.stderr(), "whoami: GetTokenInformation failed with " + user.win32Error());
                    return 1;
                }
                Object value = user.value().value();
                write(context.stdout(), String.valueOf(value instanceof io.github.tokenbridge.TokenGroup g ? g.sid() : value));
                return 0;
            }
            default -> {
                write(context.stderr(), "'" + verb + "' is not recognized as an internal or external command");
                return 1;
            }
        }
    }

    private static void write(OutputStream out, String line) throws java.io.IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
