package io.github.tokenbridge.security;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.internal.SddlAccessRights;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SDDL reading and canonical writing (design.md "SecurityDescriptor and Sid parse and print SDDL"; R14, R63). */
class SddlTest {

    @Test
    void parse_fullDescriptor_readsEveryComponent() {
        SecurityDescriptor sd = Sddl.parse("O:BAG:SYD:PAI(D;;WD;;;BG)(A;OICI;FA;;;S-1-5-21-1-2-3-1001)S:(AU;SAFA;0x1200a9;;;WD)(ML;;NW;;;LW)");
        assertEquals(Sid.BUILTIN_ADMINISTRATORS, sd.owner());
        assertEquals(Sid.LOCAL_SYSTEM, sd.group());
        assertTrue(sd.daclPresent());
        assertEquals(SecurityDescriptor.DACL_PROTECTED | SecurityDescriptor.DACL_AUTO_INHERITED, sd.control());
        assertEquals(new Ace(AceType.ACCESS_DENIED, 0, 0x40000, Sid.parse("S-1-5-32-546")), sd.dacl().aces().get(0));
        assertEquals(new Ace(AceType.ACCESS_ALLOWED, Ace.OBJECT_INHERIT | Ace.CONTAINER_INHERIT, 0x1F01FF, Sid.parse("S-1-5-21-1-2-3-1001")),
                sd.dacl().aces().get(1));
        assertEquals(new Ace(AceType.SYSTEM_AUDIT, Ace.SUCCESSFUL_ACCESS | Ace.FAILED_ACCESS, 0x1200A9, Sid.EVERYONE), sd.sacl().aces().get(0));
        assertEquals(new Ace(AceType.SYSTEM_MANDATORY_LABEL, 0, Ace.NO_WRITE_UP, Sid.LOW_LABEL), sd.sacl().aces().get(1));
    }

    @Test
    @DisplayName("R63: NO_ACCESS_CONTROL is a present NULL DACL; D: alone is an empty DACL; no D: is an absent DACL")
    void parse_daclStates_distinguished() {
        SecurityDescriptor nullDacl = Sddl.parse("O:BAG:BAD:NO_ACCESS_CONTROL");
        assertTrue(nullDacl.daclPresent());
        assertNull(nullDacl.dacl());
        SecurityDescriptor empty = Sddl.parse("O:BAG:BAD:");
        assertEquals(Acl.EMPTY, empty.dacl());
        SecurityDescriptor absent = Sddl.parse("O:BAG:BA");
        assertEquals(false, absent.daclPresent());
        assertEquals(SecurityDescriptor.withNullDacl(Sid.BUILTIN_ADMINISTRATORS, Sid.BUILTIN_ADMINISTRATORS), nullDacl);
    }

    @Test
    void parse_nullSacl_representedBySaclPresentControl() {
        SecurityDescriptor sd = Sddl.parse("S:PNO_ACCESS_CONTROL");
        assertNull(sd.sacl());
        assertEquals(SecurityDescriptor.SACL_PRESENT | SecurityDescriptor.SACL_PROTECTED, sd.control());
        assertEquals("S:PNO_ACCESS_CONTROL", Sddl.format(sd));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "O:BAG:SYD:(A;;FA;;;WD)",
        "O:SYG:SYD:PAI(A;OICIID;FA;;;SY)(A;OICIIOID;GA;;;CO)(A;;0x1200a9;;;BU)",
        "D:PARAI(D;NP;WDWO;;;AN)(A;CIIO;GXGR;;;IU)",
        "O:S-1-5-21-1004336348-1177238915-682003330-512G:DUD:",
        "D:NO_ACCESS_CONTROL",
        "D:PNO_ACCESS_CONTROLS:(ML;;NWNR;;;HI)",
        "D:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;BA)(A;;KR;;;RC)(A;;KA;;;OW)",
        "S:AI(AU;SA;FW;;;WD)(AU;FA;FX;;;AU)(ML;OICI;NWNRNX;;;SI)",
        "D:(A;;CC;;;S-1-0x123456789ABC-7)(A;;0x1f0000;;;S-1-5-21-4294967295-1)",
        "O:LSG:NSD:(A;;RC;;;ME)(A;;SD;;;MP)(D;;0x100000;;;LW)",
        "D:",
        "",
    })
    void formatParse_canonicalString_roundTrips(String sddl) {
        if (sddl.contains("DU")) {
            assertThrows(IllegalArgumentException.class, () -> Sddl.parse(sddl), "domain-relative aliases are refused");
            return;
        }
        assertEquals(sddl, Sddl.format(Sddl.parse(sddl)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "D:(A;;0x1F01FF;;;WD)|D:(A;;FA;;;WD)",
        "D:(A;;KX;;;WD)|D:(A;;KR;;;WD)",
        "D:(A;;GAGR;;;S-1-5-32-544)|D:(A;;GAGR;;;BA)",
        "D:(A;;GRGA;;;S-1-1-0)|D:(A;;GAGR;;;WD)",
        "S:(ML;;0x1;;;S-1-16-4096)D:(A;CIOI;131072;;;SY)G:SYO:BA|O:BAG:SYD:(A;OICI;RC;;;SY)S:(ML;;NW;;;LW)",
        "D:AIP(A;;0x3;;;WD)|D:PAI(A;;CCDC;;;WD)",
        "D:(A;;0x1200A9;;;WD)|D:(A;;0x1200a9;;;WD)",
    })
    void format_nonCanonicalInput_printsCanonicalForm(String input, String canonical) {
        assertEquals(canonical, Sddl.format(Sddl.parse(input)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "X:BA|0|expected a component",
        "O:ZZ|2|unknown or domain-relative SID alias",
        "O:S-1-x|2|malformed string SID",
        "D:(A;;FA;;;WD|2|not closed",
        "D:(Q;;FA;;;WD)|3|ACE type \"Q\" is not supported",
        "D:(A;XX;FA;;;WD)|5|unknown ACE flag",
        "D:(A;;QQ;;;WD)|6|unknown access right",
        "D:(A;;FA;;WD)|10|too few fields",
        "D:(A;;FA;abc;;WD)|9|object ACE GUIDs",
        "D:(A;;FA;;;)|11|ACE has no SID",
        "D:Q(A;;FA;;;WD)|2|unknown ACL flag",
        "D:(A;;FA;;;WD)x|14|expected an ACE",
        "O:BAO:SY|4|owner is given twice",
        "D:PP|3|ACL flag given twice",
        "D:(A;;0xZZ;;;WD)|6|bad hexadecimal",
        "D:(A;;FA;;;WD;(x))|13|resource attributes",
    })
    void parse_malformed_throwsNamingPositionAndProblem(String input, int position, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sddl.parse(input));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().contains("at position " + position + " "), e.getMessage());
    }

    @ParameterizedTest
    @DisplayName("O23: white space ConvertStringSecurityDescriptor skips is skipped (W-SEC test_ConvertStringSecurityDescriptor)")
    @ValueSource(strings = {" D:(D;;GA;;;WD)", "D: (D;;GA;;;WD)", "D:( D;;GA;;;WD)", "D:(D; ;GA;;;WD)", "D:(D;; GA;;;WD)",
        "D:(D;;GA; ;;WD)", "D:(D;;GA;; ;WD)", "D:(D;;GA;;; WD)", "D:(D;;GA;;;WD )"})
    void parse_spacesWindowsAccepts_sameAceAsWithout(String sddl) {
        assertEquals(Sddl.parse("D:(D;;GA;;;WD)"), Sddl.parse(sddl));
    }

    @ParameterizedTest
    @DisplayName("O23: a space after the ACE type or the rights, a bad right, a name for a SID and a bad component fail as on Windows")
    @ValueSource(strings = {"D:(D ;;GA;;;WD)", "D:(D;;GA ;;;WD)", "D:(A;;ROB;;;WD)", "D:(D;;GA;;;Nonexistent account)", "ERROR:(D;;GA;;;WD)"})
    void parse_spacesOrNamesWindowsRefuses_throw(String sddl) {
        assertThrows(IllegalArgumentException.class, () -> Sddl.parse(sddl));
    }

    @Test
    @DisplayName("O23: the empty string is a descriptor with no parts; D: and S: are empty ACLs")
    void parse_emptyStringAndEmptyAcls() {
        SecurityDescriptor none = Sddl.parse("");
        assertNull(none.owner());
        assertTrue(!none.daclPresent() && none.sacl() == null);
        assertEquals(0, Sddl.parse("D:").dacl().aces().size());
        assertEquals(0, Sddl.parse("S:").sacl().aces().size());
    }

    @Test
    void format_daclFlagsWithoutDacl_throws() {
        SecurityDescriptor sd = new SecurityDescriptor(null, null, false, null, null, SecurityDescriptor.DACL_PROTECTED);
        assertThrows(IllegalArgumentException.class, () -> Sddl.format(sd));
        SecurityDescriptor selfRelative = new SecurityDescriptor(null, null, false, null, null, 0x8000);
        assertThrows(IllegalArgumentException.class, () -> Sddl.format(selfRelative));
    }

    @Test
    void rightsFormat_bitsWithoutNames_printHex() {
        assertEquals("0x100000", SddlAccessRights.format(0x100000, false));
        assertEquals("CC", SddlAccessRights.format(0x1, false));
        assertEquals("NW", SddlAccessRights.format(0x1, true));
        assertEquals("", SddlAccessRights.format(0, false));
    }

    @Test
    void sddl_oneEntryPoint_descriptorToStringIsSddl() {
        SecurityDescriptor sd = Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)");
        assertEquals("O:BAG:SYD:(A;;FA;;;WD)", Sddl.format(sd));
        assertEquals("O:BAG:SYD:(A;;FA;;;WD)", sd.toString(), "toString is the SDDL");
        assertEquals(Sid.BUILTIN_USERS, Sddl.parseSid("BU"));
        assertEquals(Sid.parse("S-1-5-21-9-9-9-500"), Sddl.parseSid("S-1-5-21-9-9-9-500"));
    }
}
