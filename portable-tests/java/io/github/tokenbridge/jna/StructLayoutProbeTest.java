package io.github.tokenbridge.jna;

import io.github.tokenbridge.AceType;
import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares the structure layouts JNA computes for the bindings ({@link NativeLayout}) and the
 * constants they use with the truth of the Windows x64 headers: {@code native/probe/probe.c},
 * compiled with mingw-w64 and run under Wine (directly on Windows), prints sizeof/offsetof/values.
 *
 * <p>Why JNA's layouts computed on Linux x86-64 can be compared at all: every field the bindings
 * declare is a fixed-width type (int/DWORD 4, short 2, byte 1, long/LARGE_INTEGER 8, pointers and
 * HANDLE 8) whose size and natural alignment are the same under the SysV and Win64 ABIs; no field
 * is a C {@code long} / {@code NativeLong} (4 bytes on Windows, 8 on Linux). The probe would catch
 * one that slipped in. On Windows the same comparison holds by construction.
 */
class StructLayoutProbeTest {

    /** Names the probe reports absent from the mingw-w64 headers, with why. */
    private static final Map<String, String> KNOWN_ABSENT = Map.of(
            "ERROR_CANT_ENABLE_DENY_ONLY", "629 is in the Windows SDK's winerror.h but not in mingw-w64's");

    private static final Map<String, Long> sizes = new HashMap<>();
    private static final Map<String, Long> offsets = new HashMap<>();
    private static final Map<String, Integer> constants = new HashMap<>();
    private static final Set<String> absent = new TreeSet<>();

    @BeforeAll
    static void runProbe() throws Exception {
        Path gcc = CrossTools.require("x86_64-w64-mingw32-gcc");
        boolean windows = com.sun.jna.Platform.isWindows();
        List<String> runner = windows ? List.of() : List.of(CrossTools.require("wine").toString());
        Path out = Path.of("target", "probe");
        Files.createDirectories(out);
        Path exe = out.resolve("probe.exe");
        CrossTools.run(List.of(gcc.toString(), "-O0", "-Wall", "-Werror", "-o", exe.toString(),
                Path.of("native", "probe", "probe.c").toString()), Map.of(), 120);
        List<String> command = new ArrayList<>(runner);
        command.add(exe.toAbsolutePath().toString());
        String output = CrossTools.run(command, Map.of("WINEDEBUG", "-all"), 300);
        for (String line : output.split("\\R")) {
            String[] parts = line.trim().split(" ");
            switch (parts[0]) {
                case "size" -> sizes.put(parts[1], Long.parseLong(parts[2]));
                case "offset" -> offsets.put(parts[1], Long.parseLong(parts[2]));
                case "const" -> constants.put(parts[1], (int) Long.parseLong(parts[2].substring(2), 16));
                case "absent" -> absent.add(parts[1]);
                default -> {
                }
            }
        }
        assertTrue(sizes.size() > 20, "the probe printed too little: " + output);
    }

    @Test
    @DisplayName("layouts: every structure the backend reads or writes has the Windows x64 sizeof and offsetof")
    void nativeLayout_everyStructure_matchesWindowsHeaders() {
        List<String> mismatches = new ArrayList<>();
        for (StructLayout layout : NativeLayout.ALL) {
            Long size = sizes.get(layout.cName());
            if (size == null || size != layout.size()) {
                mismatches.add("sizeof(" + layout.cName() + "): JNA " + layout.size() + ", Windows " + size);
            }
            layout.offsets().forEach((field, offset) -> {
                Long expected = offsets.get(layout.cName() + "." + field);
                if (expected == null || expected.longValue() != offset) {
                    mismatches.add("offsetof(" + layout.cName() + ", " + field + "): JNA " + offset + ", Windows " + expected);
                }
            });
            offsets.keySet().stream().filter(k -> k.startsWith(layout.cName() + "."))
                    .map(k -> k.substring(layout.cName().length() + 1))
                    .filter(f -> !layout.offsets().containsKey(f))
                    .forEach(f -> mismatches.add(layout.cName() + "." + f + " is not declared on the JNA side"));
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void aceLayout_maskAndSid_followTheAceHeader() {
        int header = NativeLayout.ACE_HEADER.size();
        for (String ace : List.of("ACCESS_ALLOWED_ACE", "SYSTEM_MANDATORY_LABEL_ACE")) {
            assertEquals(header, offsets.get(ace + ".Mask"), ace);
            assertEquals(header + 4, offsets.get(ace + ".SidStart"), ace);
        }
    }

    @Test
    @DisplayName("OVERLAPPED, as PipeOperations lays it out for ConnectNamedPipe / ReadFile / WriteFile / CancelIoEx, is the x64 one")
    void overlapped_pipeOperationsLayout_isTheWindowsX64One() {
        assertEquals(32L, sizes.get("OVERLAPPED"));
        assertEquals(0L, offsets.get("OVERLAPPED.Internal"));
        assertEquals(8L, offsets.get("OVERLAPPED.InternalHigh")); // the bytes transferred, read after completion
        assertEquals(16L, offsets.get("OVERLAPPED.Offset"));
        assertEquals(20L, offsets.get("OVERLAPPED.OffsetHigh"));
        assertEquals(24L, offsets.get("OVERLAPPED.hEvent")); // the event the server waits on
        assertEquals(NativeLayout.OVERLAPPED.offsets(), Map.of("Internal", 0, "InternalHigh", 8, "Offset", 16,
                "OffsetHigh", 20, "hEvent", 24));
    }

    @Test
    void primitiveSizes_asTheBindingsPassThem_matchWindows() {
        assertEquals(8, sizes.get("HANDLE"), "HANDLE, PVOID: JNA pointers on a 64-bit JVM");
        assertEquals(4, sizes.get("BOOL"), "BOOL: Java boolean, which JNA passes as a 32-bit int");
        assertEquals(1, sizes.get("BOOLEAN"), "BOOLEAN: Java byte");
        assertEquals(4, sizes.get("DWORD"));
        assertEquals(4, sizes.get("ULONG"), "ULONG: Java int (a C long is 32-bit on Windows)");
        assertEquals(4, sizes.get("NTSTATUS"));
    }

    @Test
    void nativeConstants_everyOne_matchesWindowsHeaders() {
        NativeConstants.BY_NAME.forEach((name, value) -> assertEquals(constants.get(name), value, name));
    }

    @Test
    void duplicateOptions_documentedInTheSpi_matchWindowsHeaders() {
        assertEquals(1, constants.get("DUPLICATE_CLOSE_SOURCE"));
        assertEquals(2, constants.get("DUPLICATE_SAME_ACCESS"));
    }

    @Test
    void enumCodes_tokenInformationClassTypeLevelElevationAce_matchWindowsHeaders() { // R5
        int lastInHeaders = constants.get("TokenIsRestricted");
        for (TokenInformationClass c : TokenInformationClass.values()) {
            if (c.code() <= lastInHeaders) {
                assertEquals(constants.get(c.name()), c.code(), c.name());
            } else {
                // mingw-w64 stops at TokenIsRestricted (40); Microsoft's enum page numbers the rest on from it
                assertEquals(c.ordinal() + 1, c.code(), c.name() + " continues the enumeration");
            }
        }
        assertEquals(constants.get("TokenPrimary"), TokenType.PRIMARY.code());
        assertEquals(constants.get("TokenImpersonation"), TokenType.IMPERSONATION.code());
        for (ImpersonationLevel level : ImpersonationLevel.values()) {
            assertEquals(constants.get("Security" + level.scenarioName()), level.code(), level.name());
        }
        for (ElevationType type : ElevationType.values()) {
            String name = "TokenElevationType" + type.name().charAt(0) + type.name().substring(1).toLowerCase(java.util.Locale.ROOT);
            assertEquals(constants.get(name), type.code(), name);
        }
        for (AceType type : AceType.values()) {
            assertEquals(constants.get(type.name() + "_ACE_TYPE"), type.code(), type.name());
        }
    }

    @Test
    void statusTables_everyNtStatusAndWin32Error_matchWindowsHeaders() { // section 7
        for (NtStatus status : NtStatus.values()) {
            assertEquals(constants.get(status.name()), status.code(), status.name());
        }
        for (Win32Error error : Win32Error.values()) {
            if (!KNOWN_ABSENT.containsKey(error.name())) {
                assertEquals(constants.get(error.name()), error.code(), error.name());
            }
        }
        assertEquals(KNOWN_ABSENT.keySet(), absent, "names the headers lack");
    }
}
