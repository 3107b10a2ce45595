package io.github.tokenbridge.api;

import io.github.tokenbridge.IntegrityLevel;
import io.github.tokenbridge.OpenAs;
import io.github.tokenbridge.RestrictedTokenFlag;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.Tokens;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small public types of the API and the entry point's refusals. */
class PublicTypesTest {

    @Test
    @DisplayName("R8: label RIDs map to integrity levels, in-between RIDs to the level below")
    void integrityLevel_fromSid_mapsRids() {
        assertEquals(IntegrityLevel.MEDIUM, IntegrityLevel.fromSid(Sid.MEDIUM_LABEL));
        assertEquals(IntegrityLevel.SYSTEM, IntegrityLevel.fromSid(Sid.SYSTEM_LABEL));
        assertEquals(IntegrityLevel.UNTRUSTED, IntegrityLevel.fromSid(Sid.UNTRUSTED_LABEL));
        assertEquals(IntegrityLevel.MEDIUM_PLUS, IntegrityLevel.fromSid(Sid.parse("S-1-16-9472"))); // 0x2500
        assertEquals(Sid.HIGH_LABEL, IntegrityLevel.HIGH.sid());
        assertTrue(IntegrityLevel.LOW.compareTo(IntegrityLevel.MEDIUM) < 0);
        assertThrows(IllegalArgumentException.class, () -> IntegrityLevel.fromSid(Sid.EVERYONE));
    }

    @Test
    @DisplayName("R29: OpenAs maps to the OpenAsSelf argument")
    void openAs_openAsSelf_matchesWindowsArgument() {
        assertTrue(OpenAs.SELF.openAsSelf());
        assertFalse(OpenAs.THREAD.openAsSelf());
    }

    @Test
    void restrictedTokenFlag_toMask_combinesWinntBits() {
        assertEquals(0x9, RestrictedTokenFlag.toMask(EnumSet.of(RestrictedTokenFlag.DISABLE_MAX_PRIVILEGE,
                RestrictedTokenFlag.WRITE_RESTRICTED)));
        assertEquals(0, RestrictedTokenFlag.toMask(Set.of()));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void windows_offWindows_failsFastNamingTheCause() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, Tokens::windows);
        assertTrue(e.getMessage().contains("needs a Windows host"), e.getMessage());
        assertTrue(e.getMessage().contains(System.getProperty("os.name")), e.getMessage());
    }

    @Test
    void model_nullConfiguration_nullPointer() {
        assertThrows(NullPointerException.class, () -> Tokens.model(null));
        assertThrows(NullPointerException.class, () -> Tokens.over(null));
    }
}
