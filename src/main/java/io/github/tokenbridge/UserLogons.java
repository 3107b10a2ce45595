package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;

import java.util.Arrays;
import java.util.Objects;

/**
 * Logons for a {@link TokenSystem} (rules L1-L20): {@code LogonUserW} with a password the caller
 * passes as a {@code char[]} and that is wiped after the call whatever happens, and S4U logons.
 * Neither the password nor its length appears in any description, message or log line.
 */
final class UserLogons {

    private final TokenSystem system;

    UserLogons(TokenSystem system) {
        this.system = system;
    }

    AccessToken logonUser(String user, String domain, char[] password, UserLogonType type, LogonProvider provider) {
        try {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(provider, "provider");
            Result<Handle> r = system.backendSpi().logonUser(user, domain, password, type.code(), provider.code());
            String who = (domain == null ? "" : domain + "\\") + user;
            Handle h = system.failures().require(r, "LogonUserW");
            return system.adopt(h, "LogonUserW(" + who + ", " + type.scenarioName() + ")");
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    AccessToken logonS4U(String user, String domain) {
        Objects.requireNonNull(user, "user");
        Handle h = system.failures().require(system.backendSpi().lsaLogonUserS4U(user, domain), "LsaLogonUser");
        return system.adopt(h, "LsaLogonUser(S4U " + (domain == null ? "" : domain + "\\") + user + ")");
    }
}
