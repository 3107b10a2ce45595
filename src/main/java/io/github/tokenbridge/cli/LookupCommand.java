package io.github.tokenbridge.cli;

import io.github.tokenbridge.Account;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.conformance.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tokenbridge lookup}: an account name to its SID ({@code LookupAccountNameW}) or a SID to
 * its name ({@code LookupAccountSidW}), on the host or the model (rules N1-N8). A name nobody has
 * fails as Windows does (ERROR_NONE_MAPPED, exit 1), never with a made-up answer.
 */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = "Turn an account name into its SID, or a SID (S-1-...) into its account name, domain and type.")
public final class LookupCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Parameters(index = "0", paramLabel = "NAME|SID",
            description = "a SID (S-1-...), or a name: name, DOMAIN\\name or name@dns.domain (case ignored)")
    String query;

    @Option(names = "--json", description = "one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (query.isBlank()) {
            throw new CommandLine.ParameterException(cl, "NAME|SID: empty");
        }
        boolean bySid = query.regionMatches(true, 0, "S-1-", 0, 4);
        Sid sid = null;
        if (bySid) {
            try {
                sid = Sid.parse(query);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "NAME|SID: malformed SID '" + query + "'");
            }
        }
        Account account;
        try (TokenSystem system = backend.open(cl)) {
            account = bySid ? system.lookupAccount(sid) : system.lookupAccount(query);
        }
        PrintWriter out = cl.getOut();
        if (json) {
            Map<String, Object> m = CliJson.object("lookup");
            m.put("backend", backend.model(cl) ? "model" : "jna");
            m.put("preset", backend.model(cl) ? backend.preset() : null);
            m.put("query", query);
            m.put("by", bySid ? "sid" : "name");
            m.put("sid", account.sid().toString());
            m.putAll(WhoamiWording.accountJson(account));
            out.println(Json.write(m));
        } else {
            out.println(backend.describe(cl));
            out.println();
            out.printf("%-8s %s%n", "Name", account.qualifiedName());
            out.printf("%-8s %s%n", "SID", account.sid());
            out.printf("%-8s %s%n", "Type", account.type().displayName());
        }
        out.flush();
        return 0;
    }
}
