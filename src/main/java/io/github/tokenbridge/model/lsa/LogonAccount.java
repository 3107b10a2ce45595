package io.github.tokenbridge.model.lsa;

import io.github.tokenbridge.Sid;
import io.github.tokenbridge.model.UserAccount;

import java.util.List;

/**
 * A user found for a logon: the account, its SID, whether it is a local (SAM) account, its
 * primary group ({@code <COMPUTER>\None} or {@code Domain Users}) and the SIDs of the groups and
 * aliases it is a member of.
 */
record LogonAccount(UserAccount account, Sid sid, boolean local, Sid primaryGroup, List<Sid> memberOf) {

    LogonAccount {
        memberOf = List.copyOf(memberOf);
    }

    boolean builtInAdministrator() {
        return local && account.rid() == 500;
    }
}
