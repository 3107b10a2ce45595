package io.github.tokenbridge.conformance;

import io.github.tokenbridge.Acl;
import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the host snapshot (docs/transcript-format.md): the identity of the backend's process
 * token, read through the SPI, as one JSON object (the default DACL as SDDL).
 */
public final class SnapshotWriter {

    private SnapshotWriter() {
    }

    /** The snapshot of {@code backend}'s process token as JSON text. */
    public static String snapshot(TokenBackend backend) {
        Result<Handle> open = backend.openProcessToken(Handle.CURRENT_PROCESS, 0x8);
        if (!open.succeeded()) {
            throw new IllegalStateException("OpenProcessToken(TOKEN_QUERY) failed: " + open.outcomeName(false));
        }
        Handle h = open.value();
        try {
            TokenReader r = new TokenReader(backend);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("user", r.user(h).toString());
            List<Object> groups = new ArrayList<>();
            for (TokenGroup g : r.groups(h, TokenInformationClass.TokenGroups)) {
                groups.add(entry("sid", g.sid().toString(), Integer.toUnsignedLong(g.attributes())));
            }
            m.put("groups", groups);
            List<Object> privileges = new ArrayList<>();
            for (TokenPrivilege p : r.privileges(h)) {
                privileges.add(entry("name", p.name(), Integer.toUnsignedLong(p.attributes())));
            }
            m.put("privileges", privileges);
            m.put("integrity", ((TokenGroup) r.query(h, TokenInformationClass.TokenIntegrityLevel)).sid().toString());
            m.put("elevation_type", ((ElevationType) r.query(h, TokenInformationClass.TokenElevationType)).code());
            m.put("elevated", r.query(h, TokenInformationClass.TokenElevation));
            TokenStatistics stats = r.statistics(h);
            m.put("authentication_id", CheckValues.luidText(stats.authenticationId()));
            m.put("origin", CheckValues.luidText((Luid) r.query(h, TokenInformationClass.TokenOrigin)));
            m.put("session_id", r.query(h, TokenInformationClass.TokenSessionId));
            m.put("owner", r.query(h, TokenInformationClass.TokenOwner).toString());
            m.put("primary_group", r.query(h, TokenInformationClass.TokenPrimaryGroup).toString());
            Optional<?> dacl = (Optional<?>) r.query(h, TokenInformationClass.TokenDefaultDacl);
            m.put("default_dacl", Sddl.format(dacl.isEmpty() ? SecurityDescriptor.withNullDacl(null, null)
                    : SecurityDescriptor.of(null, null, (Acl) dacl.get())));
            return Json.write(m);
        } finally {
            backend.closeHandle(h);
        }
    }

    private static Map<String, Object> entry(String key, String value, long attributes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        m.put("attributes", attributes);
        return m;
    }
}
