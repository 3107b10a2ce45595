package io.github.tokenbridge.conformance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A scenario while it is parsed: its header so far, its lines so far and the variables and
 * threads bound by earlier steps (which later lines may name).
 */
final class ScenarioBuilder {

    /** A scenario variable: {@code $} and an identifier. */
    static final Pattern VAR = Pattern.compile("\\$[A-Za-z_][A-Za-z0-9_]*");

    final String file;
    final String id;
    final int line;
    final List<String> cites = new ArrayList<>();
    final List<String> requires = new ArrayList<>();
    final List<ScenarioLine> lines = new ArrayList<>();
    final Set<String> vars = new HashSet<>();
    final Set<String> threads = new HashSet<>();
    String config;
    boolean bodyStarted;

    ScenarioBuilder(String file, String id, int line) {
        this.file = file;
        this.id = id;
        this.line = line;
    }

    /** The number the next step or check gets (1-based, in file order). */
    int nextLineNumber() {
        return lines.size() + 1;
    }

    /** Fails with IllegalArgumentException unless {@code value} is a {@code $var} bound by an earlier step. */
    void requireVariable(String value) {
        if (!VAR.matcher(value).matches()) {
            throw new IllegalArgumentException("bad variable '" + value + "'");
        }
        if (!vars.contains(value.substring(1))) {
            throw new IllegalArgumentException("unknown variable " + value + " (not bound by an earlier 'as')");
        }
    }

    /** Fails with IllegalArgumentException unless {@code value} is a SID or a reference to a bound token's SID. */
    void requireSid(String value) {
        if (value.startsWith("$")) {
            if (!ValueSyntax.isSidReference(value)) {
                throw new IllegalArgumentException("a SID reference is $var.user, $var.logon_sid, $var.owner or $var.primary_group, found '" + value + "'");
            }
            requireVariable(value.substring(0, value.indexOf('.')));
        } else if (value.startsWith("account:")) {
            if (value.length() == "account:".length()) {
                throw new IllegalArgumentException("account: needs a name");
            }
        } else {
            ValueSyntax.sid(value);
        }
    }

    Scenario build() {
        return new Scenario(id, file, line, cites, config, requires, lines);
    }
}
