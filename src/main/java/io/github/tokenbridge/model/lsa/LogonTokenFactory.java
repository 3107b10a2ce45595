package io.github.tokenbridge.model.lsa;

import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
import io.github.tokenbridge.model.ModelConfiguration;

import io.github.tokenbridge.Acl;
import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenSource;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.model.kernel.Kernel;
import io.github.tokenbridge.model.kernel.ob.ObjectSecurity;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.se.TokenContents;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates the tokens that LSA would create in a model world (R5-R11): the JVM process's token from
 * a {@link ModelConfiguration} (with its linked half for split tokens), tokens for model logons, and
 * the system's ANONYMOUS LOGON token (R44). Every token gets the default DACL of its owner, SYSTEM
 * and logon SID, and its own security descriptor from that DACL, labelled at its integrity (R14, R15).
 */
public final class LogonTokenFactory {

    private static final long NEVER = Long.MAX_VALUE;
    /** TOKEN_MANDATORY_POLICY_NO_WRITE_UP | TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN. */
    private static final int DEFAULT_MANDATORY_POLICY = 0x3;
    private static final int INTEGRITY_GROUP = 0x60;

    private final Kernel kernel;
    private final ModelConfiguration configuration;

    public LogonTokenFactory(Kernel kernel, ModelConfiguration configuration) {
        this.kernel = kernel;
        this.configuration = configuration;
    }

    /** The kernel the tokens are created in. */
    Kernel kernel() {
        return kernel;
    }

    /** The primary token of the JVM's model process, linked to its other half when split. */
    public TokenObject processToken() {
        TokenObject token = fromConfiguration(configuration, "User32");
        configuration.linkedHalf().ifPresent(half -> link(token, fromConfiguration(half, "User32")));
        return token;
    }

    private TokenObject fromConfiguration(ModelConfiguration c, String sourceName) {
        return create(c.user(), c.groups(), c.privileges(), c.integrity(), c.owner(), c.primaryGroup(),
                c.authenticationId(), c.origin(), c.sessionId(), c.elevationType(), c.elevated(), sourceName,
                TokenType.PRIMARY, ImpersonationLevel.ANONYMOUS, c.defaultDacl().orElse(null));
    }

    /** A primary token for a logon of {@code principal} (LogonUser), in a new logon session. */
    public TokenObject logon(LogonPrincipal principal, LogonType type, Luid origin) {
        Luid session = kernel.newLuid();
        Sid logonSid = WellKnownAccounts.logonSid(session);
        boolean admin = principal == LogonPrincipal.ADMIN;
        Sid user = switch (principal) {
            case SELF -> configuration.user();
            case OTHER -> configuration.otherUser();
            case ADMIN -> configuration.adminUser();
        };
        List<TokenGroup> groups = type == LogonType.SERVICE
                ? WellKnownAccounts.serviceGroups(logonSid)
                : WellKnownAccounts.userGroups(logonSid, type.groupSid(), admin, admin);
        if (!admin) {
            TokenObject token = create(user, groups, WellKnownAccounts.standardUserPrivileges(), Sid.MEDIUM_LABEL, user,
                    type == LogonType.SERVICE ? user : WellKnownAccounts.primaryGroupOf(user),
                    session, origin, configuration.sessionId(), ElevationType.DEFAULT, false, "Advapi");
            return token;
        }
        Sid primary = type == LogonType.SERVICE ? user : WellKnownAccounts.primaryGroupOf(user);
        TokenObject full = create(user, groups, WellKnownAccounts.administratorPrivileges(), Sid.HIGH_LABEL,
                Sid.BUILTIN_ADMINISTRATORS, primary, session, origin, configuration.sessionId(), ElevationType.FULL, true, "Advapi");
        ModelConfiguration limited = ModelConfiguration.builder().user(user).groups(groups)
                .privileges(WellKnownAccounts.administratorPrivileges()).integrity(Sid.HIGH_LABEL)
                .elevationType(ElevationType.FULL).owner(Sid.BUILTIN_ADMINISTRATORS).build().linkedHalf().orElseThrow();
        TokenObject filtered = create(user, limited.groups(), limited.privileges(), limited.integrity(), user, primary, session,
                origin, configuration.sessionId(), ElevationType.LIMITED, false, "Advapi");
        link(full, filtered);
        return full;
    }

    /** The ANONYMOUS LOGON impersonation token: user S-1-5-7, session 0x3E6, no Everyone, no logon SID (R44). */
    public static TokenObject anonymous(Kernel kernel) {
        List<TokenGroup> groups = List.of(new TokenGroup(Sid.UNTRUSTED_LABEL, INTEGRITY_GROUP));
        TokenContents contents = new TokenContents(new TokenGroup(Sid.ANONYMOUS_LOGON, 0), groups, List.of(),
                Sid.ANONYMOUS_LOGON, Sid.ANONYMOUS_LOGON, ObjectSecurity.defaultDaclFor(Sid.ANONYMOUS_LOGON, groups),
                new TokenSource("NtLmSsp", Luid.ZERO), TokenType.IMPERSONATION, ImpersonationLevel.IMPERSONATION,
                Luid.ANONYMOUS_LOGON, Luid.ZERO, Luid.ZERO, kernel.newLuid(), NEVER, 0, DEFAULT_MANDATORY_POLICY, List.of(),
                ElevationType.DEFAULT, false, null, 0);
        return kernel.createToken(contents, ObjectSecurity.defaultFor(contents, ObjectType.TOKEN));
    }

    private TokenObject create(Sid user, List<TokenGroup> groups, List<TokenPrivilege> privileges, Sid integrity, Sid owner,
                               Sid primaryGroup, Luid session, Luid origin, int sessionId, ElevationType elevationType,
                               boolean elevated, String sourceName) {
        return create(user, groups, privileges, integrity, owner, primaryGroup, session, origin, sessionId, elevationType,
                elevated, sourceName, TokenType.PRIMARY, ImpersonationLevel.ANONYMOUS);
    }

    /** A new token of {@code type} (a logon's first token: no parent) with its default DACL and descriptor (R14, R15). */
    TokenObject create(Sid user, List<TokenGroup> groups, List<TokenPrivilege> privileges, Sid integrity, Sid owner,
                       Sid primaryGroup, Luid session, Luid origin, int sessionId, ElevationType elevationType,
                       boolean elevated, String sourceName, TokenType type, ImpersonationLevel level) {
        return create(user, groups, privileges, integrity, owner, primaryGroup, session, origin, sessionId, elevationType,
                elevated, sourceName, type, level, null);
    }

    /** {@link #create} with the default DACL a host snapshot gave ({@code givenDacl}; null: derived, R15). */
    private TokenObject create(Sid user, List<TokenGroup> groups, List<TokenPrivilege> privileges, Sid integrity, Sid owner,
                               Sid primaryGroup, Luid session, Luid origin, int sessionId, ElevationType elevationType,
                               boolean elevated, String sourceName, TokenType type, ImpersonationLevel level,
                               Optional<Acl> givenDacl) {
        List<TokenGroup> all = new ArrayList<>();
        for (TokenGroup g : groups) {
            all.add(g.mandatory() ? g.withAttributes(g.attributes() | 0x4) : g);
        }
        all.add(new TokenGroup(integrity, INTEGRITY_GROUP));
        TokenContents contents = new TokenContents(new TokenGroup(user, 0), all, privileges, owner, primaryGroup,
                givenDacl != null ? givenDacl.orElse(null) : ObjectSecurity.defaultDaclFor(owner, all),
                new TokenSource(sourceName, kernel.newLuid()), type,
                level, session, Luid.ZERO, origin, kernel.newLuid(), NEVER, sessionId,
                DEFAULT_MANDATORY_POLICY, List.of(), elevationType, elevated, null, 0);
        return kernel.createToken(contents, ObjectSecurity.defaultFor(contents, ObjectType.TOKEN));
    }

    static void link(TokenObject a, TokenObject b) {
        a.setLinkedToken(b);
        b.setLinkedToken(a);
    }
}
