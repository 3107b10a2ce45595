package io.github.tokenbridge;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the status tables of docs/rules.md section 7. */
class NtStatusTableTest {

    @Test
    void toWin32_everyTableStatus_mapsToANamedWin32Error() {
        for (NtStatus status : NtStatus.values()) {
            assertTrue(Win32Error.fromCode(status.win32Error()).isPresent(),
                    status + " maps to " + status.win32Error() + ", which has no name");
        }
    }

    @Test
    void toWin32_section7Samples_matchRtlNtStatusToDosError() {
        assertEquals(1008, NtStatus.toWin32Error(0xC000007C));
        assertEquals(6, NtStatus.toWin32Error(0xC0000024));
        assertEquals(1300, NtStatus.toWin32Error(0x00000106));
        assertEquals(24, NtStatus.toWin32Error(0xC0000004));
        assertEquals(629, NtStatus.toWin32Error(0xC00002B3));
        assertEquals(317, NtStatus.toWin32Error(0xC0DEC0DE));
    }

    @Test
    void isSuccess_informationalNotAllAssigned_isSuccess() {
        assertTrue(NtStatus.STATUS_NOT_ALL_ASSIGNED.isSuccess());
        assertEquals(false, NtStatus.STATUS_NO_TOKEN.isSuccess());
    }

    @Test
    void describe_unknownCodes_printHexAndNumber() {
        assertEquals("0xC0DEC0DE", NtStatus.describe(0xC0DEC0DE));
        assertEquals("ERROR_4242", Win32Error.describe(4242));
    }
}
