package io.github.tokenbridge.model.security;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.kernel.AccessDecision;
import io.github.tokenbridge.model.kernel.TokenObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Object opens in the model run through the full engine (R21, R24, R25, R63). */
class EngineObjectAccessEvaluatorTest {

    private static TokenObject processToken(ModelBackend backend) {
        return backend.world().kernelServices().kernel().findProcess(backend.getCurrentProcessId()).orElseThrow().primaryToken();
    }

    @Test
    @DisplayName("R63: an object open by a Low primary token is denied GenericWrite on an unlabelled object, read is granted")
    void check_lowPrimaryTokenOnUnlabelledObject_noWriteUp() {
        try (ModelBackend backend = ModelBackend.create(ModelConfiguration.builder().integrity(Sid.LOW_LABEL).build())) {
            assertTrue(backend.world().kernelServices().kernel().evaluator() instanceof EngineObjectAccessEvaluator);
            TokenObject subject = processToken(backend);
            EngineObjectAccessEvaluator evaluator = new EngineObjectAccessEvaluator();
            AccessDecision write = evaluator.check(Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)"), subject, 0x2, GenericMapping.FILE);
            assertEquals(AccessDecision.denied(NtStatus.STATUS_ACCESS_DENIED), write);
            AccessDecision read = evaluator.check(Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)"), subject, 0x1, GenericMapping.FILE);
            assertEquals(AccessDecision.granted(0x1), read);
        }
    }

    @Test
    @DisplayName("R25: ACCESS_SYSTEM_SECURITY without SeSecurityPrivilege -> STATUS_PRIVILEGE_NOT_HELD; MAXIMUM_ALLOWED sums the DACL")
    void check_systemSecurityAndMaximumAllowed_asWindows() {
        try (ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser())) {
            TokenObject subject = processToken(backend);
            EngineObjectAccessEvaluator evaluator = new EngineObjectAccessEvaluator();
            assertEquals(AccessDecision.denied(NtStatus.STATUS_PRIVILEGE_NOT_HELD),
                    evaluator.check(Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)"), subject, 0x01000000, GenericMapping.FILE));
            assertEquals(AccessDecision.granted(0x120089),
                    evaluator.check(Sddl.parse("O:BAG:SYD:(A;;FR;;;BU)"), subject, 0x02000000, GenericMapping.FILE));
        }
    }
}
