package io.github.tokenbridge.model;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.Test;

import static io.github.tokenbridge.model.ModelAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/** Buffer sizing of GetTokenInformation / NtQueryInformationToken with x64 layouts (R5, R59). */
class TokenInformationSizingTest {

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
    private final Handle token = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY | TOKEN_QUERY_SOURCE));

    private int required(TokenInformationClass c) {
        Result<TokenInformation> r = backend.ntQueryInformationToken(token, c, 0);
        fails(NtStatus.STATUS_BUFFER_TOO_SMALL, r);
        assertNull(r.value().value());
        return r.value().returnLength();
    }

    @Test // R59
    void queryUser_zeroLength_bufferTooSmallWithSidAndAttributesPlusSid() {
        assertEquals(16 + 28, required(TokenInformationClass.TokenUser));
        Result<TokenInformation> r = backend.getTokenInformation(token, TokenInformationClass.TokenUser, 43);
        assertEquals(Win32Error.ERROR_INSUFFICIENT_BUFFER.code(), r.win32Error());
        assertEquals(44, ok(backend.getTokenInformation(token, TokenInformationClass.TokenUser, 44)).returnLength());
    }

    @Test // R5, R59
    void queryRequiredLengths_x64Layouts_match() {
        // 9 groups (Everyone 12, Users 16, Interactive 12, Console 12, AuthUsers 12, ThisOrg 12, logon 20, Local 12, Medium 12)
        assertEquals(8 + 16 * 9 + 120, required(TokenInformationClass.TokenGroups));
        assertEquals(4 + 12 * 5, required(TokenInformationClass.TokenPrivileges));
        assertEquals(8 + 28, required(TokenInformationClass.TokenOwner));
        assertEquals(8 + 8 + (8 + 28) + (8 + 12) + (8 + 20), required(TokenInformationClass.TokenDefaultDacl));
        assertEquals(16 + 12, required(TokenInformationClass.TokenIntegrityLevel));
        assertEquals(8 + 16 + 20, required(TokenInformationClass.TokenLogonSid));
        assertEquals(8, required(TokenInformationClass.TokenRestrictedSids));
        assertEquals(56, required(TokenInformationClass.TokenStatistics));
        assertEquals(16, required(TokenInformationClass.TokenSource));
        assertEquals(4, required(TokenInformationClass.TokenType));
        assertEquals(8, required(TokenInformationClass.TokenOrigin));
    }

    @Test // R59
    void queryFixedClass_shortNonZeroLength_infoLengthMismatchButLargerAccepted() {
        Result<TokenInformation> r = backend.getTokenInformation(token, TokenInformationClass.TokenStatistics, 20);
        fails(NtStatus.STATUS_INFO_LENGTH_MISMATCH, r);
        assertEquals(Win32Error.ERROR_BAD_LENGTH.code(), r.win32Error());
        assertEquals(56, ok(backend.getTokenInformation(token, TokenInformationClass.TokenStatistics, 100)).returnLength());
    }

    @Test // R59
    void querySessionReference_notQueryable_invalidInfoClass() {
        fails(NtStatus.STATUS_INVALID_INFO_CLASS, backend.getTokenInformation(token, TokenInformationClass.TokenSessionReference, -1));
    }

    @Test // R59
    void queryUnmodelledClass_groupsAndPrivileges_unsupported() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> backend.getTokenInformation(token, TokenInformationClass.TokenGroupsAndPrivileges, -1));
        assertTrue(e.getMessage().contains("TokenGroupsAndPrivileges"));
    }
}
