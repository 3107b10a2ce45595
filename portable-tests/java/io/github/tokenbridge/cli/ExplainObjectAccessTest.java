package io.github.tokenbridge.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code explain access --file / --key}: the check against a named object of the model world (O9, R63). */
class ExplainObjectAccessTest {

    @Test
    void explainAccess_fileOfTheWindowsDirectory_standardUserMayReadNotWrite() {
        CliRun read = CliRun.of("explain", "access", "--file", "C:\\Windows", "--desired", "GENERIC_READ");
        assertEquals(0, read.exit(), read.toString());
        assertTrue(read.out().contains("file: C:\\Windows"), read.out());
        assertTrue(read.out().strip().endsWith("result: access granted, 0x120089"), read.out());
        CliRun write = CliRun.of("explain", "access", "--file", "C:\\Windows", "--desired", "GENERIC_WRITE");
        assertTrue(write.out().strip().endsWith("result: access denied (ERROR_ACCESS_DENIED)"), write.out());
    }

    @Test
    void explainAccess_keyWithHkeyName_usesTheKeyMapping() {
        CliRun r = CliRun.of("explain", "access", "--key", "HKEY_LOCAL_MACHINE\\SOFTWARE", "--desired", "GENERIC_READ");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("mapped through the key mapping to 0x20019"), r.out());
        assertTrue(r.out().strip().endsWith("result: access granted, 0x20019"), r.out());
    }

    @Test
    void explainAccess_missingFileOrTwoSources_usageError() {
        assertEquals(2, CliRun.of("explain", "access", "--file", "C:\\nothing", "--desired", "GR").exit());
        assertEquals(2, CliRun.of("explain", "access", "--file", "C:\\Windows", "--sd", "D:", "--desired", "GR").exit());
    }
}
