package io.github.tokenbridge.objects;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.SecurityPart;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.jna.JnaBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a Windows host: "check as the client" agrees with a real open of the same file wherever the
 * check's omissions (rights through the parent, traverse, backup intent, share access) do not
 * apply (docs/rules.md "Checking access as a client"; O9, R63). The directory's DACL is protected
 * and grants the parent nothing beyond what the file grants, so no right comes from the parent.
 */
@EnabledOnOs(OS.WINDOWS)
class CheckAsClientLiveTest {

    /** Generic read and write, their specific forms, WRITE_DAC, WRITE_OWNER; not DELETE, which NTFS also grants through the parent. */
    private static final int[] MASKS = {0x80000000, 0x40000000, 0x00120089, 0x00120116, 0x00040000, 0x00080000};

    @Test
    void checkFileAccess_variousMasks_agreesWithCreateFile() throws Exception {
        Path dir = Files.createTempDirectory("tokenbridge-check");
        Path file = dir.resolve("f.txt");
        Files.writeString(file, "x");
        TokenBackend backend = JnaBackend.create();
        try (TokenSystem tokens = Tokens.over(backend)) {
            String user = tokens.openProcessToken(EnumSet.of(io.github.tokenbridge.TokenAccess.QUERY)).user().toString();
            tokens.objects().setFileSecurity(dir, io.github.tokenbridge.Sddl.parse("D:PAI(A;OICI;FA;;;" + user + ")"),
                    EnumSet.of(SecurityPart.DACL, SecurityPart.PROTECTED_DACL));
            tokens.objects().setFileSecurity(file, io.github.tokenbridge.Sddl.parse("D:P(A;;FR;;;" + user + ")"),
                    EnumSet.of(SecurityPart.DACL, SecurityPart.PROTECTED_DACL));
            for (int mask : MASKS) {
                AccessCheckResult check = tokens.objects().checkFileAccess(file, mask);
                Result<Handle> open = backend.createFile(file.toString(), mask, 7, null, 3, 0);
                if (open.succeeded()) {
                    backend.closeHandle(open.value());
                }
                assertEquals(open.succeeded(), check.accessStatus(), () -> "mask 0x" + Integer.toHexString(mask)
                        + ": open " + open + ", check " + check);
            }
            tokens.objects().setFileSecurity(file, io.github.tokenbridge.Sddl.parse("D:(A;;FA;;;" + user + ")"),
                    EnumSet.of(SecurityPart.DACL, SecurityPart.PROTECTED_DACL));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
        assertTrue(Files.notExists(dir));
    }
}
