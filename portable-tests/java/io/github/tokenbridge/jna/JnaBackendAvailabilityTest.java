package io.github.tokenbridge.jna;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void missingExports_oneFunctionDoesNotResolve_isNamedWithItsDll() {
        List<String> missing = BoundExports.missing((dll, function) -> {
            if (function.equals("NtImpersonateThread")) {
                throw new UnsatisfiedLinkError("Error looking up function '" + function + "'");
            }
        });
        assertEquals(List.of("ntdll!NtImpersonateThread"), missing);
        String cause = BoundExports.describe(missing);
        assertTrue(cause.contains("ntdll!NtImpersonateThread") && cause.contains("does not export"), cause);
    }

    @Test
    void missingExports_everyBoundFunction_isAskedForOnce() {
        List<String> asked = new ArrayList<>();
        assertEquals(List.of(), BoundExports.missing((dll, function) -> asked.add(dll + "!" + function)));
        // distinct dll!function pairs: the process bindings declare some kernel32/advapi32 functions again
        int declared = (int) BoundExports.BINDINGS.entrySet().stream()
                .flatMap(b -> BoundExports.functions(b.getKey()).stream().map(f -> b.getValue() + "!" + f)).distinct().count();
        assertEquals(declared, asked.size());
        assertEquals(declared, new HashSet<>(asked).size());
        assertTrue(asked.contains("advapi32!AdjustTokenGroups") && asked.contains("kernel32!DuplicateHandle"), asked.toString());
        assertNull(BoundExports.describe(List.of()));
    }

    @Test
    void availability_thisHost_agreesWithThePlatform() {
        assertEquals(Platform.isWindows() && Platform.is64Bit(), JnaBackend.availability().isEmpty());
    }
}
