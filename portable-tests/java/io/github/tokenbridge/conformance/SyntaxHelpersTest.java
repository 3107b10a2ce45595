package io.github.tokenbridge.conformance;

import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Sid;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SDDL, JSON and value syntax used by scenarios and transcripts. */
class SyntaxHelpersTest {

    @Test
    void sddl_scenarioForms_areParsedBySharedSddl() {
        var sd = io.github.tokenbridge.Sddl.parse("O:BAG:SYD:(D;OICI;KW;;;WD)(A;IO;0x1f01ff;;;S-1-5-32-545)S:(ML;;NW;;;ME)");
        assertEquals(Sid.BUILTIN_ADMINISTRATORS, sd.owner());
        assertEquals(Sid.LOCAL_SYSTEM, sd.group());
        assertEquals(2, sd.dacl().aces().size());
        assertEquals(AceType.ACCESS_DENIED, sd.dacl().aces().get(0).type());
        assertEquals(0x20006, sd.dacl().aces().get(0).mask());
        assertTrue(sd.dacl().aces().get(1).inheritOnly());
        assertEquals(AceType.SYSTEM_MANDATORY_LABEL, sd.sacl().aces().get(0).type());
        assertEquals(Sid.MEDIUM_LABEL, sd.sacl().aces().get(0).sid());
    }

    @Test
    void sddl_nullAbsentAndEmptyDacl_areDistinguished() {
        assertEquals(1, ValueSyntax.acl("D:(A;;GA;;;WD)").aces().size());
        assertThrows(IllegalArgumentException.class, () -> ValueSyntax.acl("D:NO_ACCESS_CONTROL"));
        var nullDacl = io.github.tokenbridge.Sddl.parse("O:BAG:BAD:NO_ACCESS_CONTROL");
        assertTrue(nullDacl.daclPresent());
        assertNull(nullDacl.dacl());
        assertFalse(io.github.tokenbridge.Sddl.parse("O:BAG:BA").daclPresent());
        assertEquals(0, io.github.tokenbridge.Sddl.parse("O:BAG:BAD:").dacl().aces().size());
        assertThrows(IllegalArgumentException.class, () -> io.github.tokenbridge.Sddl.parse("O:BAG:BAD:(X;;KA;;;WD)"));
    }

    @Test
    void json_roundTrip_keepsOrderAndTypes() {
        String text = "{\"a\":1,\"b\":[true,null,\"x\\\"y\"],\"c\":{\"d\":-2}}";
        Map<String, Object> parsed = Json.parseObject(text);
        assertEquals(List.of("a", "b", "c"), List.copyOf(parsed.keySet()));
        assertEquals(text, Json.write(parsed));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1,}"));
    }

    @Test
    void values_accessMasksAndFields_normalise() {
        assertEquals(0x2000A, ValueSyntax.accessMask("TOKEN_QUERY|TOKEN_DUPLICATE|READ_CONTROL"));
        assertEquals(0x20019, ValueSyntax.accessMask("0x20019"));
        assertEquals("0x20019", StepFields.normalise("granted", "KEY_READ"));
        assertEquals("0x0", StepFields.normalise("granted", "0"));
        assertEquals("44", StepFields.normalise("length", "0x2c"));
        assertEquals("Medium", ValueSyntax.integrityName(ValueSyntax.integrityLabel("MediumLabel")));
        assertThrows(IllegalArgumentException.class, () -> ValueSyntax.accessMask("TOKEN_QUERY|"));
    }
}
