package io.github.tokenbridge.reliability;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.SecurityPart;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.model.fault.SpiOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static io.github.tokenbridge.reliability.FaultAssertions.assertWinFailure;
import static io.github.tokenbridge.reliability.FaultAssertions.failing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The failure paths of the object-security API ({@code TokenSystem.objects()}): each failed SPI call
 * is an exception naming the function and status, a failed set changes nothing, and the tokens a
 * check opens are closed (no leaks).
 */
class ObjectSecurityFaultTest {

    private static final Set<SecurityPart> DACL = EnumSet.of(SecurityPart.DACL);
    private final FaultWorld world = FaultWorld.standardUser();
    private final String windows = "C:\\Windows";

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void fileSecurity_getNamedSecurityInfoFails_exceptionNamesIt() {
        world.inject(failing(SpiOperation.GET_NAMED_SECURITY_INFO, 1, NtStatus.STATUS_INSUFFICIENT_RESOURCES));
        assertWinFailure(assertThrows(RuntimeException.class, () -> world.system.objects().fileSecurity(windows, DACL)),
                "GetNamedSecurityInfoW", NtStatus.STATUS_INSUFFICIENT_RESOURCES);
        world.assertNoLeaks();
    }

    @Test
    void setFileSecurity_setFails_nothingChanged() {
        String temp = world.model.getTempPath().value() + "f";
        world.model.createDirectory(temp, null);
        SecurityDescriptor before = world.system.objects().fileSecurity(temp, DACL);
        world.inject(failing(SpiOperation.SET_NAMED_SECURITY_INFO, 1, NtStatus.STATUS_ACCESS_DENIED));
        assertWinFailure(assertThrows(RuntimeException.class, () -> world.system.objects().setFileSecurity(temp,
                io.github.tokenbridge.Sddl.parse("D:P"), EnumSet.of(SecurityPart.DACL, SecurityPart.PROTECTED_DACL))),
                "SetNamedSecurityInfoW", NtStatus.STATUS_ACCESS_DENIED);
        assertEquals(before, world.system.objects().fileSecurity(temp, DACL));
        world.assertNoLeaks();
    }

    @Test
    void checkFileAccess_accessCheckFails_tokensClosed() {
        world.inject(failing(SpiOperation.ACCESS_CHECK, 1, NtStatus.STATUS_NO_MEMORY));
        assertWinFailure(assertThrows(RuntimeException.class,
                () -> world.system.objects().checkFileAccess(windows, GenericMapping.GENERIC_READ)),
                "AccessCheck", NtStatus.STATUS_NO_MEMORY);
        world.assertNoLeaks();
    }

    @Test
    void checkFileAccess_duplicateFails_effectiveTokenClosed() {
        world.inject(failing(SpiOperation.DUPLICATE_TOKEN_EX, 1, NtStatus.STATUS_NO_MEMORY));
        assertThrows(RuntimeException.class, () -> world.system.objects().checkFileAccess(windows, GenericMapping.GENERIC_READ));
        world.assertNoLeaks();
    }

    @Test
    void tokenSecurity_getAndSetSecurityInfoFail_exceptionsNameThem() {
        try (AccessToken token = world.system.openProcessToken(EnumSet.of(TokenAccess.QUERY, TokenAccess.DUPLICATE))) {
            world.inject(failing(SpiOperation.GET_SECURITY_INFO, 1, NtStatus.STATUS_ACCESS_DENIED));
            assertWinFailure(assertThrows(RuntimeException.class, () -> world.system.objects().tokenSecurity(token, DACL)),
                    "GetSecurityInfo", NtStatus.STATUS_ACCESS_DENIED);
            world.inject(failing(SpiOperation.SET_SECURITY_INFO, 1, NtStatus.STATUS_ACCESS_DENIED));
            assertWinFailure(assertThrows(RuntimeException.class, () -> world.system.objects().setTokenSecurity(token,
                    io.github.tokenbridge.Sddl.parse("D:"), DACL)), "SetSecurityInfo", NtStatus.STATUS_ACCESS_DENIED);
        }
        world.assertNoLeaks();
    }
}
