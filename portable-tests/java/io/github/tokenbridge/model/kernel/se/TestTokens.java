package io.github.tokenbridge.model.kernel.se;


import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;

import java.util.ArrayList;
import java.util.List;

/** A builder of {@link TokenState}s for the security-model tests. */
final class TestTokens {

    static final Sid ALICE = Sid.parse("S-1-5-21-1000-2000-3000-1001");
    static final Sid BOB = Sid.parse("S-1-5-21-1000-2000-3000-1002");
    static final Sid LOGON = Sid.parse("S-1-5-5-0-99999");
    static final int ENABLED_GROUP = 0x7;          // MANDATORY | ENABLED_BY_DEFAULT | ENABLED
    static final int OPTIONAL_ENABLED = 0x6;       // ENABLED_BY_DEFAULT | ENABLED
    static final int DISABLED = 0x0;
    static final int DENY_ONLY = 0x10;

    private TokenGroup user = new TokenGroup(ALICE, 0);
    private final List<TokenGroup> groups = new ArrayList<>();
    private final List<TokenGroup> restricted = new ArrayList<>();
    private final List<TokenPrivilege> privileges = new ArrayList<>();
    private Sid integrity = Sid.MEDIUM_LABEL;
    private int policy = ClientToken.POLICY_NO_WRITE_UP | ClientToken.POLICY_NEW_PROCESS_MIN;
    private TokenType type = TokenType.IMPERSONATION;
    private ImpersonationLevel level = ImpersonationLevel.IMPERSONATION;
    private boolean writeRestricted;

    static TestTokens alice() {
        return new TestTokens()
                .group(Sid.EVERYONE, ENABLED_GROUP)
                .group(Sid.BUILTIN_USERS, ENABLED_GROUP)
                .group(Sid.INTERACTIVE, ENABLED_GROUP)
                .group(Sid.AUTHENTICATED_USERS, ENABLED_GROUP)
                .group(LOGON, 0xC0000007)
                .privilege(Privilege.SeChangeNotifyPrivilege, 0x3);
    }

    TestTokens user(Sid sid, int attributes) {
        user = new TokenGroup(sid, attributes);
        return this;
    }

    TestTokens group(Sid sid, int attributes) {
        groups.add(new TokenGroup(sid, attributes));
        return this;
    }

    TestTokens restrictedSid(Sid sid) {
        restricted.add(new TokenGroup(sid, RestrictedTokens.RESTRICTED_SID_ATTRIBUTES));
        return this;
    }

    TestTokens privilege(Privilege privilege, int attributes) {
        privileges.add(TokenPrivilege.of(privilege, attributes));
        return this;
    }

    TestTokens integrity(Sid label) {
        integrity = label;
        return this;
    }

    TestTokens policy(int mandatoryPolicy) {
        policy = mandatoryPolicy;
        return this;
    }

    TestTokens primary() {
        type = TokenType.PRIMARY;
        return this;
    }

    TestTokens level(ImpersonationLevel newLevel) {
        level = newLevel;
        return this;
    }

    TestTokens writeRestricted() {
        writeRestricted = true;
        return this;
    }

    TokenState build() {
        return new TokenState(user, groups, restricted, privileges, integrity, policy, type, level, writeRestricted);
    }
}
