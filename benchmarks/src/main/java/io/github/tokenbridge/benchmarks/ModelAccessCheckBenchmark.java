package io.github.tokenbridge.benchmarks;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.model.kernel.se.AccessCheck;
import io.github.tokenbridge.model.kernel.se.AccessDecision;
import io.github.tokenbridge.model.kernel.se.TokenState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;

/**
 * The model's AccessCheck over a 16-ACE DACL against a token with 32 groups, paired with a
 * minimal hand-written loop over the same data (the least any DACL walk can do: match each ACE's
 * SID against the user and enabled groups, then allow or deny bits). The granting ACE is the last
 * one, so both walk the whole DACL; the token holds none of the ACEs' other SIDs.
 */
@State(Scope.Thread)
public class ModelAccessCheckBenchmark {

    private static final int DESIRED = 0x00020019;

    private SecurityDescriptor descriptor;
    private TokenState token;
    private final AccessDecision decision = new AccessDecision();

    private Ace[] aces;
    private Sid[] tokenSids;

    @Setup
    public void setUp() {
        Sid domain = Sid.parse("S-1-5-21-1111-2222-3333");
        Sid user = domain.withRid(1000);
        List<TokenGroup> groups = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            groups.add(new TokenGroup(domain.withRid(2000 + i), 0x7));
        }
        List<Ace> entries = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            entries.add(i % 4 == 0 ? Ace.deny(0x1, domain.withRid(3000 + i)) : Ace.allow(0x1F01FF, domain.withRid(3000 + i)));
        }
        entries.add(Ace.allow(DESIRED, domain.withRid(2031)));
        descriptor = SecurityDescriptor.of(user, domain.withRid(513), new Acl(entries));
        token = new TokenState(new TokenGroup(user, 0), groups, List.of(), List.of(), Sid.MEDIUM_LABEL, 0x1,
                TokenType.IMPERSONATION, ImpersonationLevel.IMPERSONATION, false);

        aces = entries.toArray(new Ace[0]);
        tokenSids = new Sid[33];
        tokenSids[0] = user;
        for (int i = 0; i < 32; i++) {
            tokenSids[i + 1] = groups.get(i).sid();
        }
    }

    /** The model's full AccessCheck (preconditions, integrity, DACL, privileges), no trace. */
    @Benchmark
    public int accessCheck() {
        AccessCheck.evaluate(descriptor, token, DESIRED, GenericMapping.KEY, -1, 0, null, decision);
        return decision.granted();
    }

    /** The baseline: the bare DACL walk over the same ACEs and SIDs. */
    @Benchmark
    public int handWrittenLoop() {
        int granted = 0;
        int denied = 0;
        for (Ace ace : aces) {
            Sid sid = ace.sid();
            boolean match = false;
            for (Sid held : tokenSids) {
                if (held.equals(sid)) {
                    match = true;
                    break;
                }
            }
            if (match) {
                if (ace.type() == io.github.tokenbridge.AceType.ACCESS_ALLOWED) {
                    granted |= ace.mask() & ~denied;
                } else {
                    denied |= ace.mask() & ~granted;
                }
            }
        }
        return (granted & DESIRED) == DESIRED ? granted & DESIRED : 0;
    }
}
