package io.github.tokenbridge.jna;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jna backend's availability probe and its refusal to start where it cannot run. */
class JnaBackendAvailabilityTest {

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void create_offWindows_throwsUnsupportedOperationNamingTheOs() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, JnaBackend::create);
        assertTrue(e.getMessage().contains(System.getProperty("os.name")), e.getMessage());
        assertTrue(e.getMessage().contains("needs Windows"), e.getMessage());
        assertEquals(Optional.of(e.getMessage()), JnaBackend.availability());
    }

    @Test
    void availability_notWindows_namesTheOsAndTheModelBackend() {
        String cause = JnaBackend.availability("Linux", false, true).orElseThrow();
        assertTrue(cause.contains("Linux") && cause.contains("model backend"), cause);
    }

    @Test
    void availability_32BitWindows_isRefusedBecauseLayoutsAreX64() {
        String cause = JnaBackend.availability("Windows 10", true, false).orElseThrow();
        assertTrue(cause.contains("64-bit"), cause);
    }

    @Test
    void availability_thisHost_agreesWithThePlatform() {
        assertEquals(Platform.isWindows() && Platform.is64Bit(), JnaBackend.availability().isEmpty());
    }
}
