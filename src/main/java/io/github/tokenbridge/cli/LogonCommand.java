package io.github.tokenbridge.cli;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.LogonProvider;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.UserLogonType;
import io.github.tokenbridge.conformance.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tokenbridge logon}: logs a user on ({@code LogonUserW}, rules L1-L16) and shows the token
 * the logon gives, like {@code whoami /all}, then closes it. The password is never an argument
 * (it would show in process lists): it is read without echo from the console
 * ({@code System.console().readPassword}), or from the first line of {@code --password-file};
 * it is wiped after the call and never printed.
 */
@Command(name = "logon", mixinStandardHelpOptions = true,
        description = "Log a user on (LogonUserW) and show the token that logon gives; the password is read without echo.")
public final class LogonCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Parameters(index = "0", paramLabel = "USER", description = "the account name (user, or DOMAIN\\user)")
    String user;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "the domain; default '.', this computer's accounts")
    String domain;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "interactive",
            description = "interactive (default), network, batch, service, network_cleartext, new_credentials")
    String type;

    @Option(names = "--provider", paramLabel = "PROVIDER", defaultValue = "default", description = "default or winnt50")
    String provider;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "read the password from the first line of FILE instead of the console (for scripts)")
    Path passwordFile;

    @Option(names = "--json", description = "one JSON object instead of text")
    boolean json;

    @Option(names = "--no-names", description = "SIDs only: resolve no account names")
    boolean noNames;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        UserLogonType logonType = Arrays.stream(UserLogonType.values()).filter(t -> t.scenarioName().equals(type)).findFirst()
                .orElseThrow(() -> new CommandLine.ParameterException(cl, "--type: unknown logon type '" + type
                        + "' (interactive, network, batch, service, network_cleartext, new_credentials)"));
        LogonProvider logonProvider;
        try {
            logonProvider = LogonProvider.fromScenarioName(provider);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--provider: unknown provider '" + provider + "' (default or winnt50)");
        }
        String name = user;
        String dom = domain != null ? domain : ".";
        int slash = user.indexOf('\\');
        if (slash >= 0 && domain == null) {
            dom = user.substring(0, slash);
            name = user.substring(slash + 1);
        }
        TokenReport report;
        try (TokenSystem system = backend.open(cl)) {
            char[] password = readPassword(cl, name);
            try (AccessToken token = system.logonUser(name, dom, password, logonType, logonProvider)) {
                report = TokenReport.of(token, noNames ? null : system);
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        String source = "logon " + dom + "\\" + name + " type " + logonType.scenarioName();
        if (json) {
            Map<String, Object> m = CliJson.object("logon");
            m.put("backend", backend.model(cl) ? "model" : "jna");
            m.put("preset", backend.model(cl) ? backend.preset() : null);
            m.put("token", source);
            Map<String, Object> logon = new java.util.LinkedHashMap<>();
            logon.put("user", name);
            logon.put("domain", dom);
            logon.put("type", logonType.name());
            logon.put("provider", logonProvider.name());
            m.put("logon", logon);
            m.putAll(report.toJson());
            cl.getOut().println(Json.write(m));
            cl.getOut().flush();
        } else {
            WhoamiCommand.print(cl.getOut(), "logon", backend.describe(cl), backend.model(cl), backend.preset(), source, report,
                    true, false);
        }
        return 0;
    }

    /** The password: the first line of --password-file, else read without echo from the console. */
    private char[] readPassword(CommandLine cl, String name) {
        if (passwordFile != null) {
            try (Reader r = Files.newBufferedReader(passwordFile, StandardCharsets.UTF_8);
                 BufferedReader br = new BufferedReader(r)) {
                return firstLine(br);
            } catch (IOException e) {
                throw new CommandFailure("--password-file: cannot read " + passwordFile + ": " + e.getClass().getSimpleName());
            }
        }
        java.io.Console console = System.console();
        if (console == null || !isTerminal(console)) {
            throw new CommandFailure("no console to read the password from without echo; give --password-file FILE");
        }
        char[] password = console.readPassword("Password for %s: ", name.toLowerCase(Locale.ROOT));
        if (password == null) {
            throw new CommandFailure("no password read (end of input)");
        }
        return password;
    }

    /** Console.isTerminal() where the JDK has it (22 and later return a Console for redirected streams too). */
    private static boolean isTerminal(java.io.Console console) {
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 17-21: a Console exists only for a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** The first line as characters, without building a String that would outlive the call. */
    private static char[] firstLine(BufferedReader r) throws IOException {
        char[] buf = new char[64];
        int n = 0;
        for (int c = r.read(); c >= 0 && c != '\n' && c != '\r'; c = r.read()) {
            if (n == buf.length) {
                char[] bigger = Arrays.copyOf(buf, n * 2);
                Arrays.fill(buf, '\0');
                buf = bigger;
            }
            buf[n++] = (char) c;
        }
        char[] password = Arrays.copyOf(buf, n);
        Arrays.fill(buf, '\0');
        return password;
    }
}
