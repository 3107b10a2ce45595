package io.github.tokenbridge;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs only on Windows: the host really is Windows (skipped, never passed, elsewhere). */
@EnabledOnOs(OS.WINDOWS)
class WindowsHostTest {

    @Test
    void platform_onWindowsRunner_isWindows() {
        assertTrue(Platform.isWindows());
    }
}
