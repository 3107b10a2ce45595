package io.github.tokenbridge.jna;

import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Live tests that need an elevated administrator (UAC split token); skipped by assumption otherwise. */
@EnabledOnOs(OS.WINDOWS)
@Tag("admin")
class JnaBackendElevatedLiveTest {

    @Test
    void getTokenInformation_elevatedFullToken_linkedTokenIsTheLimitedHalf() { // R11
        try (JnaBackend backend = JnaBackend.create()) {
            Handle token = backend.openProcessToken(Handle.CURRENT_PROCESS, JnaBackendLiveTest.TOKEN_QUERY).value();
            try {
                assumeTrue((Boolean) backend.getTokenInformation(token, TokenInformationClass.TokenElevation, -1).value().value(),
                        "needs an elevated process");
                Object type = backend.getTokenInformation(token, TokenInformationClass.TokenElevationType, -1).value().value();
                assumeTrue(type == ElevationType.FULL, "needs a UAC split token, got " + type);
                Result<?> linked = backend.getTokenInformation(token, TokenInformationClass.TokenLinkedToken, -1);
                Handle limited = (Handle) ((io.github.tokenbridge.backend.TokenInformation) linked.value()).value();
                try {
                    assertEquals(ElevationType.LIMITED,
                            backend.getTokenInformation(limited, TokenInformationClass.TokenElevationType, -1).value().value());
                } finally {
                    assertTrue(backend.closeHandle(limited).succeeded());
                }
            } finally {
                backend.closeHandle(token);
            }
        }
    }
}
