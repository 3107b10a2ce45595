package io.github.tokenbridge.model.kernel.se;


import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R63 properties over random DACLs and tokens. */
class AccessCheckPropertyTest {

    private static final List<Sid> POOL = List.of(TestTokens.ALICE, Sid.EVERYONE, Sid.BUILTIN_USERS,
            Sid.BUILTIN_ADMINISTRATORS, Sid.INTERACTIVE, Sid.NETWORK, Sid.OWNER_RIGHTS, TestTokens.BOB);
    private static final int RC_WD = AccessCheck.READ_CONTROL | AccessCheck.WRITE_DAC;

    @Property(tries = 1000)
    void maximumAllowed_neverExceedsAllowAcesAndOwnerRights(@ForAll("dacls") Acl dacl, @ForAll("tokens") TokenState token,
                                                           @ForAll("owners") Sid owner) {
        SecurityDescriptor sd = SecurityDescriptor.of(owner, Sid.LOCAL_SYSTEM, dacl);
        AccessDecision out = AccessCheck.check(sd, token, AccessCheck.MAXIMUM_ALLOWED, GenericMapping.FILE, null);
        int bound = RC_WD;
        for (Ace ace : dacl.aces()) {
            if (ace.type() == AceType.ACCESS_ALLOWED && !ace.inheritOnly()) {
                bound |= GenericMapping.FILE.map(ace.mask());
            }
        }
        assertEquals(0, out.granted() & ~bound);
    }

    @Property(tries = 1000)
    void explicitRequest_grantedExactlyWhenWithinMaximumAllowed(@ForAll("dacls") Acl dacl, @ForAll("tokens") TokenState token,
                                                               @ForAll("owners") Sid owner, @ForAll("masks") int desired) {
        SecurityDescriptor sd = SecurityDescriptor.of(owner, Sid.LOCAL_SYSTEM, dacl);
        int max = AccessCheck.check(sd, token, AccessCheck.MAXIMUM_ALLOWED, GenericMapping.FILE, null).granted();
        AccessDecision out = AccessCheck.check(sd, token, desired, GenericMapping.FILE, null);
        boolean expected = desired != 0 && (desired & ~max) == 0;
        assertEquals(expected, out.accessGranted(), () -> String.format("desired 0x%X, max 0x%X", desired, max));
        assertEquals(expected ? desired : 0, out.granted());
        if (token.restrictedSidCount() == 0) {
            assertTrue(out.callSucceeded());
        }
    }

    @Provide
    Arbitrary<Integer> masks() {
        return Arbitraries.integers().between(0, 0x1F01FF).map(m -> m & 0x1F01FF);
    }

    @Provide
    Arbitrary<Sid> owners() {
        return Arbitraries.of(POOL);
    }

    @Provide
    Arbitrary<Acl> dacls() {
        Arbitrary<Ace> ace = Combinators.combine(
                Arbitraries.of(AceType.ACCESS_ALLOWED, AceType.ACCESS_DENIED, AceType.SYSTEM_AUDIT),
                Arbitraries.of(0, 0, 0, Ace.INHERIT_ONLY, Ace.INHERITED, Ace.OBJECT_INHERIT | Ace.CONTAINER_INHERIT),
                Arbitraries.oneOf(Arbitraries.integers().between(0, 0x1F01FF),
                        Arbitraries.of(0x1, 0x2, 0x3, 0x20000, 0x40000, GenericMapping.GENERIC_READ, GenericMapping.GENERIC_ALL)),
                Arbitraries.of(POOL)).as(Ace::new);
        return ace.list().ofMaxSize(16).map(Acl::new);
    }

    @Provide
    Arbitrary<TokenState> tokens() {
        Arbitrary<Integer> attributes = Arbitraries.of(TestTokens.ENABLED_GROUP, TestTokens.OPTIONAL_ENABLED, TestTokens.DISABLED,
                TestTokens.DENY_ONLY, -1, -1);
        return Combinators.combine(attributes.list().ofSize(POOL.size() - 1), Arbitraries.of(0, 0x10),
                Arbitraries.of(POOL).list().ofMaxSize(3).injectDuplicates(0.1))
                .as((groupAttributes, userAttributes, restricted) -> {
                    TestTokens builder = new TestTokens().user(TestTokens.ALICE, userAttributes);
                    for (int i = 1; i < POOL.size(); i++) {
                        int a = groupAttributes.get(i - 1);
                        if (a >= 0 && !POOL.get(i).equals(Sid.OWNER_RIGHTS)) {
                            builder.group(POOL.get(i), a);
                        }
                    }
                    restricted.stream().distinct().forEach(builder::restrictedSid);
                    return builder.build();
                });
    }
}
