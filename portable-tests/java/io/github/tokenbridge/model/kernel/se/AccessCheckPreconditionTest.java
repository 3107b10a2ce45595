package io.github.tokenbridge.model.kernel.se;


import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.Precondition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R62 (AccessCheck preconditions) and R64 (Identification is enough). */
class AccessCheckPreconditionTest {

    private static final SecurityDescriptor OPEN = Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)");

    private static AccessDecision run(SecurityDescriptor sd, TokenState token, int desired, int privilegeSetLength) {
        AccessDecision out = new AccessDecision();
        AccessCheck.evaluate(sd, token, desired, GenericMapping.FILE, privilegeSetLength, 0, null, out);
        return out;
    }

    @Test
    @DisplayName("R62: a primary token fails with STATUS_NO_IMPERSONATION_TOKEN")
    void accessCheck_primaryToken_failsNoImpersonationToken() {
        AccessDecision out = run(OPEN, TestTokens.alice().primary().build(), 0x1, -1);
        assertEquals(NtStatus.STATUS_NO_IMPERSONATION_TOKEN.code(), out.callStatus());
        assertEquals(1309, NtStatus.toWin32Error(out.callStatus()));
        assertFalse(out.accessGranted());
    }

    @Test
    @DisplayName("R62: an Anonymous-level token fails with STATUS_BAD_IMPERSONATION_LEVEL")
    void accessCheck_anonymousLevel_failsBadImpersonationLevel() {
        AccessDecision out = run(OPEN, TestTokens.alice().level(ImpersonationLevel.ANONYMOUS).build(), 0x1, -1);
        assertEquals(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL.code(), out.callStatus());
    }

    @Test
    @DisplayName("R62: a descriptor without owner fails with STATUS_INVALID_SECURITY_DESCR (1338)")
    void accessCheck_noOwner_failsInvalidSecurityDescr() {
        AccessDecision out = run(Sddl.parse("G:SYD:(A;;FA;;;WD)"), TestTokens.alice().build(), 0x1, -1);
        assertEquals(NtStatus.STATUS_INVALID_SECURITY_DESCR.code(), out.callStatus());
        assertEquals(1338, NtStatus.toWin32Error(out.callStatus()));
    }

    @Test
    @DisplayName("R62: a descriptor without group fails with STATUS_INVALID_SECURITY_DESCR")
    void accessCheck_noGroup_failsInvalidSecurityDescr() {
        AccessTrace trace = new AccessTrace();
        AccessDecision out = new AccessDecision();
        AccessCheck.evaluate(Sddl.parse("O:BAD:(A;;FA;;;WD)"), TestTokens.alice().build(), 0x1, GenericMapping.FILE, -1, 0, trace.trace, out);
        assertEquals(NtStatus.STATUS_INVALID_SECURITY_DESCR.code(), out.callStatus());
        assertEquals(new AccessCheckStep.PreconditionFailed(Precondition.NO_GROUP, NtStatus.STATUS_INVALID_SECURITY_DESCR),
                trace.trace.steps().get(0));
    }

    @Test
    @DisplayName("R62: generic bits in the desired mask fail with STATUS_GENERIC_NOT_MAPPED (1360)")
    void accessCheck_genericBits_failsGenericNotMapped() {
        AccessDecision out = run(OPEN, TestTokens.alice().build(), GenericMapping.GENERIC_READ, -1);
        assertEquals(NtStatus.STATUS_GENERIC_NOT_MAPPED.code(), out.callStatus());
        assertEquals(1360, NtStatus.toWin32Error(out.callStatus()));
    }

    @Test
    @DisplayName("R62: a privilege-set buffer below sizeof(PRIVILEGE_SET) fails, required length 20")
    void accessCheck_privilegeSetTooSmall_failsBufferTooSmallWith20() {
        AccessDecision out = run(OPEN, TestTokens.alice().build(), 0x1, 8);
        assertEquals(NtStatus.STATUS_BUFFER_TOO_SMALL.code(), out.callStatus());
        assertEquals(122, NtStatus.toWin32Error(out.callStatus()));
        assertEquals(20, out.requiredPrivilegeSetLength());
    }

    @Test
    @DisplayName("R62: two privileges used need 32 bytes; a 20-byte buffer fails with the required length")
    void accessCheck_twoPrivilegesUsedIn20Bytes_failsBufferTooSmallWith32() {
        TokenState token = TestTokens.alice().privilege(Privilege.SeSecurityPrivilege, 0x2)
                .privilege(Privilege.SeTakeOwnershipPrivilege, 0x2).build();
        AccessDecision out = run(Sddl.parse("O:BAG:SYD:"), token, AccessCheck.ACCESS_SYSTEM_SECURITY | AccessCheck.WRITE_OWNER, 20);
        assertEquals(NtStatus.STATUS_BUFFER_TOO_SMALL.code(), out.callStatus());
        assertEquals(32, out.requiredPrivilegeSetLength());
        AccessDecision sized = run(Sddl.parse("O:BAG:SYD:"), token, AccessCheck.ACCESS_SYSTEM_SECURITY | AccessCheck.WRITE_OWNER, 32);
        assertTrue(sized.accessGranted());
        assertEquals(2, sized.privilegesUsed().size());
    }

    @Test
    @DisplayName("R64: an Identification-level token is enough for AccessCheck")
    void accessCheck_identificationLevel_evaluates() {
        AccessDecision out = run(OPEN, TestTokens.alice().level(ImpersonationLevel.IDENTIFICATION).build(), 0x1, -1);
        assertEquals(0, out.callStatus());
        assertTrue(out.accessGranted());
        assertEquals(0x1, out.granted());
    }

    /** Holder so the trace can be created inline. */
    private static final class AccessTrace {
        final AccessCheckTrace trace = new AccessCheckTrace();
    }
}
