package io.github.tokenbridge.security;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Windows' size limits on security descriptors (an ACL's {@code AclSize} and an ACE's {@code AceSize}
 * are WORDs, a SID has at most 15 sub-authorities), enforced by SDDL parsing and by the records.
 */
class SddlLimitsTest {

    /** {@code (A;;FA;;;WD)}: 8 bytes of ACE header and mask plus a 12-byte SID. */
    private static final String EVERYONE_ACE = "(A;;FA;;;WD)";
    private static final int EVERYONE_ACE_BYTES = 20;

    private static String daclOf(int aces) {
        StringBuilder sb = new StringBuilder("O:BAG:BAD:");
        for (int i = 0; i < aces; i++) {
            sb.append(EVERYONE_ACE);
        }
        return sb.toString();
    }

    @Test
    @DisplayName("a DACL of 100,000 ACEs (2 MB as binary) fails at the first ACE past 64 KiB, naming the limit")
    void parse_hundredThousandAces_failsAtTheAceThatCrossesTheAclSizeLimit() {
        String sddl = daclOf(100_000);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sddl.parse(sddl));

        assertTrue(e.getMessage().contains("65535"), e.getMessage());
        assertTrue(e.getMessage().contains("AclSize"), e.getMessage());
        int firstTooMany = (0xFFFF - 8) / EVERYONE_ACE_BYTES; // 0-based index of the ACE that does not fit
        int position = "O:BAG:BAD:".length() + firstTooMany * EVERYONE_ACE.length();
        assertTrue(e.getMessage().contains("position " + position + " "), e.getMessage());
        assertTrue(e.getMessage().length() < 1_000, "the message does not quote a 1.2 MB input");
    }

    @Test
    @DisplayName("the largest DACL that fits in 64 KiB parses; one more ACE does not")
    void parse_aclAtTheLimit_parsesAndOneMoreAceFails() {
        int fitting = (0xFFFF - 8) / EVERYONE_ACE_BYTES;
        SecurityDescriptor sd = Sddl.parse(daclOf(fitting));
        assertEquals(fitting, sd.dacl().aces().size());
        assertTrue(sd.dacl().byteLength() <= 0xFFFF);
        assertThrows(IllegalArgumentException.class, () -> Sddl.parse(daclOf(fitting + 1)));
    }

    @Test
    @DisplayName("a SACL over 64 KiB fails as the DACL does")
    void parse_oversizedSacl_fails() {
        StringBuilder sb = new StringBuilder("S:");
        for (int i = 0; i < 5_000; i++) {
            sb.append("(AU;SA;FA;;;WD)");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sddl.parse(sb.toString()));
        assertTrue(e.getMessage().contains("AclSize"), e.getMessage());
    }

    @Test
    @DisplayName("a string SID of 100,000 sub-authorities fails naming the limit of 15, without splitting it all")
    void parse_sidWithHundredThousandSubAuthorities_failsNamingLimit() {
        StringBuilder sid = new StringBuilder("S-1-5");
        for (int i = 0; i < 100_000; i++) {
            sid.append("-1");
        }
        IllegalArgumentException inSddl = assertThrows(IllegalArgumentException.class,
                () -> Sddl.parse("O:" + sid + "G:BA"));
        assertTrue(inSddl.getMessage().contains("at most 15"), inSddl.getMessage());
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class, () -> Sid.parse(sid.toString()));
        assertTrue(alone.getMessage().contains("at most 15"), alone.getMessage());
        assertTrue(alone.getMessage().length() < 1_000, "the message does not quote a 200 KB input");
    }

    @Test
    @DisplayName("building an ACL over 64 KiB from code fails naming the limit")
    void acl_overSizeLimitFromCode_illegalArgument() {
        List<Ace> aces = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            aces.add(Ace.allow(0x1F01FF, Sid.EVERYONE));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Acl(aces));
        assertTrue(e.getMessage().contains("AclSize"), e.getMessage());
        assertTrue(e.getMessage().contains("65535"), e.getMessage());
    }

    @Test
    @DisplayName("a SID with 16 sub-authorities from code fails naming the limit")
    void sidOf_sixteenSubAuthorities_illegalArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sid.of(5, new int[16]));
        assertTrue(e.getMessage().contains("at most 15"), e.getMessage());
    }
}
