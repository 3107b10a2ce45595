package io.github.tokenbridge.security;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.internal.SddlSidAlias;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SDDL round trips: parse(format(sd)) == sd, and format is a fixed point of parse. */
class SddlPropertyTest {

    @Property(tries = 500)
    void parseFormat_anyExpressibleDescriptor_roundTrips(@ForAll("descriptors") SecurityDescriptor sd) {
        String text = Sddl.format(sd);
        assertEquals(sd, Sddl.parse(text), text);
        assertEquals(text, Sddl.format(Sddl.parse(text)));
    }

    @Provide
    Arbitrary<SecurityDescriptor> descriptors() {
        Arbitrary<Sid> sid = sids();
        Arbitrary<Acl> acl = aces(sid).list().ofMaxSize(6).map(Acl::new);
        Arbitrary<Integer> daclState = Arbitraries.integers().between(0, 2);   // absent, NULL, present
        Arbitrary<Integer> saclState = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> flags = Arbitraries.integers().between(0, 7);
        return Combinators.combine(sid.injectNull(0.2), sid.injectNull(0.2), daclState, acl, saclState, acl, flags, flags)
                .as((owner, group, ds, dacl, ss, sacl, df, sf) -> {
                    int control = 0;
                    if (ds != 0) {
                        control |= ((df & 1) != 0 ? SecurityDescriptor.DACL_PROTECTED : 0)
                                | ((df & 2) != 0 ? SecurityDescriptor.DACL_AUTO_INHERIT_REQ : 0)
                                | ((df & 4) != 0 ? SecurityDescriptor.DACL_AUTO_INHERITED : 0);
                    }
                    if (ss != 0) {
                        control |= ((sf & 1) != 0 ? SecurityDescriptor.SACL_PROTECTED : 0)
                                | ((sf & 2) != 0 ? SecurityDescriptor.SACL_AUTO_INHERIT_REQ : 0)
                                | ((sf & 4) != 0 ? SecurityDescriptor.SACL_AUTO_INHERITED : 0);
                    }
                    if (ss == 1) {
                        control |= SecurityDescriptor.SACL_PRESENT;
                    }
                    return new SecurityDescriptor(owner, group, ds != 0, ds == 2 ? dacl : null, ss == 2 ? sacl : null, control);
                });
    }

    private static Arbitrary<Sid> sids() {
        Arbitrary<Sid> aliases = Arbitraries.of(Arrays.asList(SddlSidAlias.values())).map(SddlSidAlias::sid);
        Arbitrary<Sid> random = Combinators.combine(
                Arbitraries.longs().between(0, 0xFFFF_FFFF_FFFFL),
                Arbitraries.integers().list().ofMaxSize(Sid.MAX_SUB_AUTHORITIES))
                .as((authority, subs) -> Sid.of(authority, subs.stream().mapToInt(Integer::intValue).toArray()));
        return Arbitraries.oneOf(aliases, random);
    }

    private static Arbitrary<Ace> aces(Arbitrary<Sid> sid) {
        Arbitrary<AceType> type = Arbitraries.of(AceType.values());
        Arbitrary<Integer> flags = Arbitraries.integers().between(0, 0xFF).map(f -> f & ~0x20);
        Arbitrary<Integer> mask = Arbitraries.oneOf(Arbitraries.integers(),
                Arbitraries.of(0, 1, 2, 4, 7, 0x1F01FF, 0x120089, 0x20019, 0x10000000, 0x80000000, 0x30000000, 0xF0000000, 0x1FF));
        return Combinators.combine(type, flags, mask, sid).as(Ace::new);
    }
}
