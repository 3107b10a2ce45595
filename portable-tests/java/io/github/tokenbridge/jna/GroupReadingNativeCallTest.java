package io.github.tokenbridge.jna;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 14, "Measured": reading a token's user and groups on the jna backend makes the same number
 * of native calls for a domain-joined shape with hundreds or thousands of groups as for forty (one
 * more than for two: the second, correctly sized TokenGroups query), because querying a
 * token never resolves names (what {@code whoami --all --no-names} reads; names, when asked, are one
 * LsaLookupSids batch: see NativeCallBudgetTest's lsaLookupSids row).
 */
class GroupReadingNativeCallTest {

    private static int callsToReadUserAndGroups(int groupCount) {
        SimulatedWindowsTokens windows = new SimulatedWindowsTokens();
        Sid[] groups = new Sid[groupCount];
        for (int i = 0; i < groupCount; i++) {
            groups[i] = Sid.parse("S-1-5-21-1004336348-1177238915-682003330-" + (10_000 + i)); // domain groups
        }
        windows.groups = groups;
        TokenSystem system = Tokens.over(windows.backend());
        try (AccessToken token = system.openProcessToken(EnumSet.of(TokenAccess.QUERY))) {
            windows.clearCalls();
            assertEquals(SimulatedWindowsTokens.USER, token.user());
            assertEquals(groupCount, token.groups().size());
            return windows.fake.nativeCalls();
        }
    }

    @Test // N9: no name is resolved by a query
    void readUserAndGroups_domainJoinedShape_callCountDoesNotGrowWithGroups() {
        int two = callsToReadUserAndGroups(2);
        int forty = callsToReadUserAndGroups(40);
        // past the first buffer guess, TokenGroups is asked once more at the size Windows gave: one call, not one per group
        assertEquals(two + 1, forty);
        assertEquals(forty, callsToReadUserAndGroups(400));
        assertEquals(forty, callsToReadUserAndGroups(2000));
    }
}
