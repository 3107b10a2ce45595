package io.github.tokenbridge.cli;

import io.github.tokenbridge.conformance.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokenbridge lookup}: names to SIDs and back on the model (rules N2, N3, N8). */
class LookupCommandTest {

    @Test // N3
    void lookupSid_wellKnownAlias_printsQualifiedNameSidAndType() {
        CliRun r = CliRun.of("lookup", "--backend", "model", "S-1-5-32-544");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("Name     BUILTIN\\Administrators", r.line("Name"));
        assertEquals("SID      S-1-5-32-544", r.line("SID"));
        assertEquals("Type     Alias", r.line("Type"));
    }

    @Test // N8: case ignored, DOMAIN\name accepted
    void lookupName_qualifiedAnyCase_givesTheSid() {
        CliRun r = CliRun.of("lookup", "--backend", "model", "--json", "nt authority\\network service");
        assertEquals(0, r.exit(), r.toString());
        Map<String, Object> json = Json.parseObject(r.out().strip());
        assertEquals("lookup", json.get("command"));
        assertEquals("name", json.get("by"));
        assertEquals("S-1-5-20", json.get("sid"));
        assertEquals("NT AUTHORITY", json.get("domain"));
        assertEquals("WELL_KNOWN_GROUP", json.get("type"));
    }

    @Test // N3: the conformance accounts are in every preset
    void lookupName_conformanceAccount_isAUserOfThisComputer() {
        CliRun r = CliRun.of("lookup", "--backend", "model", "--json", "tb-user");
        assertEquals(0, r.exit(), r.toString());
        Map<String, Object> json = Json.parseObject(r.out().strip());
        assertEquals("USER", json.get("type"));
        assertTrue(((String) json.get("sid")).startsWith("S-1-5-21-"), r.out());
        assertEquals(json.get("domain") + "\\tb-user", json.get("qualifiedName"));
    }

    @Test // N2: never a made-up name
    void lookup_unknownNameOrSid_exitsOneWithNoneMapped() {
        CliRun name = CliRun.of("lookup", "--backend", "model", "no-such-account");
        assertEquals(1, name.exit(), name.toString());
        assertTrue(name.err().startsWith("tokenbridge lookup: ") && name.err().contains("ERROR_NONE_MAPPED"), name.err());
        CliRun sid = CliRun.of("lookup", "--backend", "model", "S-1-5-21-1-2-3-4242");
        assertEquals(1, sid.exit(), sid.toString());
        assertTrue(sid.err().contains("ERROR_NONE_MAPPED"), sid.err());
        assertEquals("", sid.out());
    }

    @Test
    void lookup_malformedSid_isAUsageError() {
        CliRun r = CliRun.of("lookup", "--backend", "model", "S-1-x");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge lookup: NAME|SID: malformed SID 'S-1-x'"), r.err());
    }
}
