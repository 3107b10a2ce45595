package io.github.tokenbridge.conformance;

import io.github.tokenbridge.Account;
import io.github.tokenbridge.backend.Result;

import java.util.Locale;
import java.util.Map;

/**
 * The observed fields of {@code lookup_account_sid} / {@code lookup_account_name} (scenarios.md
 * "Logons and names"): names and domains in lower case (they compare ignoring case), the
 * computer's name as {@code machine}, the SID as its alias or {@code account:<name>} (the raw SID
 * goes to the transcript's raw fields, never compared across hosts).
 */
final class AccountFields {

    private AccountFields() {
    }

    static void put(ScenarioState state, Verb verb, Account account, Map<String, String> fields, Map<String, String> raw) {
        String machine = machineName(state);
        String domain = account.domain().equalsIgnoreCase(machine) ? "machine" : account.domain().toLowerCase(Locale.ROOT);
        if (verb == Verb.LOOKUP_ACCOUNT_SID) {
            fields.put("name", account.name().toLowerCase(Locale.ROOT));
        } else {
            fields.put("sid", ValueSyntax.aliasOf(account.sid()).orElse("account:" + account.name().toLowerCase(Locale.ROOT)));
        }
        fields.put("domain", domain);
        fields.put("use", account.type().scenarioName());
        raw.put("sid", account.sid().toString());
        raw.put("name", account.name());
        raw.put("domain", account.domain());
    }

    /** This host's computer name: the domain of {@code tb-user} where the accounts exist, else COMPUTERNAME. */
    static String machineName(ScenarioState state) {
        Result<Account> r = state.backend.lookupAccountName(null, "tb-user");
        if (r.succeeded()) {
            return r.value().domain();
        }
        String env = System.getenv("COMPUTERNAME");
        return env == null ? "" : env;
    }
}
