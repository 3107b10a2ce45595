package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.internal.ModelInternals;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Object opens in the model run through the one access check, SeAccessCheck (R21, R24, R25, R63). */
class ObjectOpenAccessCheckTest {

    private static TokenObject processToken(ModelBackend backend) {
        return ModelInternals.kernelServices(backend.world()).kernel().findProcess(backend.getCurrentProcessId()).orElseThrow().primaryToken();
    }

    @Test
    @DisplayName("R63: an object open by a Low primary token is denied GenericWrite on an unlabelled object, read is granted")
    void check_lowPrimaryTokenOnUnlabelledObject_noWriteUp() {
        try (ModelBackend backend = ModelBackend.create(ModelConfiguration.builder().integrity(Sid.LOW_LABEL).build())) {
            TokenObject subject = processToken(backend);
            Result<Integer> write = AccessCheck.checkObjectOpen(Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)"), subject, 0x2, GenericMapping.FILE);
            assertEquals(NtStatus.STATUS_ACCESS_DENIED.code(), write.ntStatus().getAsInt());
            Result<Integer> read = AccessCheck.checkObjectOpen(Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)"), subject, 0x1, GenericMapping.FILE);
            assertEquals(0x1, read.value());
        }
    }

    @Test
    @DisplayName("R25: ACCESS_SYSTEM_SECURITY without SeSecurityPrivilege -> STATUS_PRIVILEGE_NOT_HELD; MAXIMUM_ALLOWED sums the DACL")
    void check_systemSecurityAndMaximumAllowed_asWindows() {
        try (ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser())) {
            TokenObject subject = processToken(backend);
            assertEquals(NtStatus.STATUS_PRIVILEGE_NOT_HELD.code(),
                    AccessCheck.checkObjectOpen(Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)"), subject, 0x01000000, GenericMapping.FILE).ntStatus().getAsInt());
            assertEquals(0x120089,
                    AccessCheck.checkObjectOpen(Sddl.parse("O:BAG:SYD:(A;;FR;;;BU)"), subject, 0x02000000, GenericMapping.FILE).value());
        }
    }
}
