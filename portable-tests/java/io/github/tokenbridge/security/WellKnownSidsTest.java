package io.github.tokenbridge.security;

import io.github.tokenbridge.Sid;
import io.github.tokenbridge.internal.SddlSidAlias;
import io.github.tokenbridge.internal.WellKnownSids;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenario SID names (scenarios.md "Values") and the SDDL aliases. */
class WellKnownSidsTest {

    @ParameterizedTest
    @CsvSource({
        "Everyone,S-1-1-0", "Administrators,S-1-5-32-544", "Users,S-1-5-32-545", "AuthenticatedUsers,S-1-5-11",
        "Interactive,S-1-5-4", "LocalSystem,S-1-5-18", "AnonymousLogon,S-1-5-7", "LowLabel,S-1-16-4096",
        "MediumLabel,S-1-16-8192", "HighLabel,S-1-16-12288", "SystemLabel,S-1-16-16384",
    })
    void parse_scenarioName_givesWellKnownSid(String name, String sid) {
        assertEquals(Sid.parse(sid), WellKnownSids.parse(name));
        assertEquals(name, WellKnownSids.nameOf(Sid.parse(sid)).orElseThrow());
    }

    @Test
    void parse_stringSidOrUnknown_parsesOrThrows() {
        assertEquals(Sid.parse("S-1-5-21-1-2-3-500"), WellKnownSids.parse("S-1-5-21-1-2-3-500"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WellKnownSids.parse("Admins"));
        assertTrue(e.getMessage().contains("Administrators"));
        assertEquals(11, WellKnownSids.all().size());
    }

    @ParameterizedTest
    @CsvSource({"WD,S-1-1-0", "BA,S-1-5-32-544", "BU,S-1-5-32-545", "SY,S-1-5-18", "LS,S-1-5-19", "NS,S-1-5-20",
        "AU,S-1-5-11", "IU,S-1-5-4", "AN,S-1-5-7", "CO,S-1-3-0", "OW,S-1-3-4", "RC,S-1-5-12", "LW,S-1-16-4096",
        "ME,S-1-16-8192", "MP,S-1-16-8448", "HI,S-1-16-12288", "SI,S-1-16-16384", "BG,S-1-5-32-546", "PU,S-1-5-32-547"})
    void sddlAlias_commonAliases_mapBothWays(String alias, String sid) {
        assertEquals(Sid.parse(sid), SddlSidAlias.fromAlias(alias).orElseThrow().sid());
        assertEquals(alias, SddlSidAlias.format(Sid.parse(sid)));
    }
}
