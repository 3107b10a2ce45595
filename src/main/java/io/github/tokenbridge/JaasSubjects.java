package io.github.tokenbridge;

import com.sun.security.auth.NTDomainPrincipal;
import com.sun.security.auth.NTSidGroupPrincipal;
import com.sun.security.auth.NTSidPrimaryGroupPrincipal;
import com.sun.security.auth.NTSidUserPrincipal;
import com.sun.security.auth.NTUserPrincipal;

import javax.security.auth.Subject;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the JAAS {@link Subject} for a token with the principals the JDK's own
 * {@code com.sun.security.auth.module.NTLoginModule} puts there (module {@code jdk.security.auth}):
 * the user's name and domain, the user SID, the primary group SID and a group principal per token
 * group, so code written against NTLoginModule works unchanged with another identity.
 */
final class JaasSubjects {

    private JaasSubjects() {
    }

    static Subject subjectOf(AccessToken token, AccountLookup names) {
        Sid user = token.user();
        Sid primaryGroup = token.primaryGroup();
        List<TokenGroup> groups = token.groups();
        Account account = names.find(user).orElse(null);
        Subject subject = new Subject();
        if (account != null) {
            subject.getPrincipals().add(new NTUserPrincipal(account.name()));
            if (!account.domain().isEmpty()) {
                subject.getPrincipals().add(new NTDomainPrincipal(account.domain()));
            }
        }
        subject.getPrincipals().add(new NTSidUserPrincipal(user.toString()));
        subject.getPrincipals().add(new NTSidPrimaryGroupPrincipal(primaryGroup.toString()));
        List<String> seen = new ArrayList<>();
        for (TokenGroup g : groups) {
            String sid = g.sid().toString();
            if (!seen.contains(sid)) {
                seen.add(sid);
                subject.getPrincipals().add(new NTSidGroupPrincipal(sid));
            }
        }
        return subject;
    }
}
