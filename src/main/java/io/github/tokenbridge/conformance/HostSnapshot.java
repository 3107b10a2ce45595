package io.github.tokenbridge.conformance;

import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.model.ModelConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The identity of a host's process token (user, groups, privileges with their attributes, integrity,
 * logon ids, owner, primary group, default DACL) as the transcript tools write it
 * ({@code FILE.snapshot.json}, docs/transcript-format.md), turned into a model configuration so
 * that the model runs as the same principal as the host it is compared with.
 */
public final class HostSnapshot {

    private HostSnapshot() {
    }

    /** Reads a snapshot file into a configuration derived from {@code base} (for the other principals). */
    public static ModelConfiguration read(Path path, ModelConfiguration base) {
        try {
            return toConfiguration(Json.parseObject(Files.readString(path, StandardCharsets.UTF_8)), base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException(path + ": not a host snapshot: " + e.getMessage(), e);
        }
    }

    /** Builds the configuration from a parsed snapshot object. */
    public static ModelConfiguration toConfiguration(Map<String, Object> s, ModelConfiguration base) {
        List<TokenGroup> groups = new ArrayList<>();
        for (Object o : (List<?>) s.get("groups")) {
            Map<?, ?> g = (Map<?, ?>) o;
            Sid sid = Sid.parse((String) g.get("sid"));
            if (sid.isIntegrityLabel()) {
                continue; // the label is the configuration's integrity(), not a group
            }
            groups.add(new TokenGroup(sid, ((Long) g.get("attributes")).intValue()));
        }
        List<TokenPrivilege> privileges = new ArrayList<>();
        for (Object o : (List<?>) s.get("privileges")) {
            Map<?, ?> p = (Map<?, ?>) o;
            String name = (String) p.get("name");
            Privilege privilege = Privilege.fromName(name)
                    .orElseThrow(() -> new IllegalArgumentException("unknown privilege " + name));
            privileges.add(TokenPrivilege.of(privilege, ((Long) p.get("attributes")).intValue()));
        }
        ModelConfiguration.Builder b = base.toBuilder()
                .name("snapshot")
                .user(Sid.parse((String) s.get("user")))
                .groups(groups)
                .privileges(privileges);
        // a field the host could not give is null (the native driver lists it in "unavailable"): keep the base's
        if (s.get("integrity") != null) {
            b.integrity(Sid.parse((String) s.get("integrity")));
        }
        if (s.get("elevation_type") != null) {
            b.elevationType(ElevationType.fromCode(((Long) s.get("elevation_type")).intValue()));
        }
        if (s.get("elevated") != null) {
            b.elevated((Boolean) s.get("elevated"));
        }
        if (s.get("authentication_id") != null) {
            b.authenticationId(luid((String) s.get("authentication_id")));
        }
        if (s.get("origin") != null) {
            b.origin(luid((String) s.get("origin")));
        }
        if (s.get("session_id") != null) {
            b.sessionId(((Long) s.get("session_id")).intValue());
        }
        if (s.get("owner") != null) {
            b.owner(Sid.parse((String) s.get("owner")));
        }
        if (s.get("primary_group") != null) {
            b.primaryGroup(Sid.parse((String) s.get("primary_group")));
        }
        if (s.get("default_dacl") != null) {
            // the host's own default DACL, not one derived from the preset's owner (R15)
            SecurityDescriptor dacl = Sddl.parse((String) s.get("default_dacl"));
            b.defaultDacl(dacl.daclPresent() ? dacl.dacl() : null);
        }
        return b.build();
    }

    private static Luid luid(String text) {
        String hex = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        return new Luid(Long.parseUnsignedLong(hex, 16));
    }
}
