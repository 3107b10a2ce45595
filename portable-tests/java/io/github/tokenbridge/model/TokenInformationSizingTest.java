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
        // 10 groups (None 28 (L5), Everyone 12, Users 16, Interactive 12, Console 12, AuthUsers 12, ThisOrg 12, logon 20,
        // Local 12, Medium 12)
        assertEquals(8 + 16 * 10 + 148, required(TokenInformationClass.TokenGroups));
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
    void queryExactSizeClass_shortNonZeroLength_infoLengthMismatchButLargerAccepted() {
        Result<TokenInformation> r = backend.getTokenInformation(token, TokenInformationClass.TokenSessionId, 2);
        fails(NtStatus.STATUS_INFO_LENGTH_MISMATCH, r);
        assertEquals(Win32Error.ERROR_BAD_LENGTH.code(), r.win32Error());
        assertEquals(4, ok(backend.getTokenInformation(token, TokenInformationClass.TokenSessionId, 100)).returnLength());
    }

    @Test // R59 (corrected: TokenSource, TokenType and TokenStatistics are size-variable for queries)
    void querySizeVariableFixedClass_shortNonZeroLength_bufferTooSmallWithSize() {
        for (TokenInformationClass c : java.util.List.of(TokenInformationClass.TokenStatistics,
                TokenInformationClass.TokenType, TokenInformationClass.TokenSource)) {
            Result<TokenInformation> r = backend.getTokenInformation(token, c, 3);
            fails(NtStatus.STATUS_BUFFER_TOO_SMALL, r);
            assertEquals(Win32Error.ERROR_INSUFFICIENT_BUFFER.code(), r.win32Error(), c.name());
            assertEquals(required(c), r.value().returnLength(), c.name());
        }
    }

    @Test // R59
    void querySessionReference_notQueryable_invalidInfoClass() {
        fails(NtStatus.STATUS_INVALID_INFO_CLASS, backend.getTokenInformation(token, TokenInformationClass.TokenSessionReference, -1));
    }

    // --- classes 13 and 29-49 (docs/token-information-classes.md) ---

    @Test // R5, R59
    void queryGroupsAndPrivileges_zeroLength_headerPlusUserGroupsAndPrivileges() {
        // 56-byte header; user 16+28; 10 groups 16*10+148 (None first, L5); no restricted SIDs; 5 privileges 12*5 (ReactOS layout)
        assertEquals(56 + (16 + 28) + (16 * 10 + 148) + 12 * 5, required(TokenInformationClass.TokenGroupsAndPrivileges));
        Result<TokenInformation> shortBy1 = backend.getTokenInformation(token, TokenInformationClass.TokenGroupsAndPrivileges,
                56 + 44 + 308 + 60 - 1);
        assertEquals(Win32Error.ERROR_INSUFFICIENT_BUFFER.code(), shortBy1.win32Error(), "variable-size class: never BAD_LENGTH");
    }

    @Test // R5, R10
    void queryGroupsAndPrivileges_restrictedToken_userFirstThenGroupsAndRestrictedSids() {
        Handle dup = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY | TOKEN_DUPLICATE));
        Handle restricted = ok(backend.createRestrictedToken(dup, 0, java.util.List.of(), java.util.List.of(),
                java.util.List.of(io.github.tokenbridge.Sid.EVERYONE)));
        io.github.tokenbridge.TokenGroupsAndPrivileges all = query(backend, restricted,
                TokenInformationClass.TokenGroupsAndPrivileges, io.github.tokenbridge.TokenGroupsAndPrivileges.class);
        assertEquals(query(backend, restricted, TokenInformationClass.TokenUser, io.github.tokenbridge.TokenGroup.class), all.user());
        assertEquals(query(backend, restricted, TokenInformationClass.TokenGroups, java.util.List.class), all.groups());
        assertEquals(query(backend, restricted, TokenInformationClass.TokenRestrictedSids, java.util.List.class), all.restrictedSids());
        assertEquals(query(backend, restricted, TokenInformationClass.TokenPrivileges, java.util.List.class), all.privileges());
        Result<TokenInformation> sized = backend.ntQueryInformationToken(restricted, TokenInformationClass.TokenGroupsAndPrivileges, 0);
        assertEquals(required(TokenInformationClass.TokenGroupsAndPrivileges) + 16 + 12, sized.value().returnLength(),
                "one restricting SID (Everyone, 12 bytes) adds its SID_AND_ATTRIBUTES and SID");
        assertEquals(true, query(backend, restricted, TokenInformationClass.TokenIsRestricted, Boolean.class));
        assertEquals(false, query(backend, token, TokenInformationClass.TokenIsRestricted, Boolean.class));
    }

    @Test // R5, R59
    void queryAppContainerAndTrustClasses_ordinaryToken_emptyAnswersWithTheirSizes() {
        assertEquals(8, required(TokenInformationClass.TokenCapabilities), "an empty TOKEN_GROUPS");
        assertEquals(8, required(TokenInformationClass.TokenAppContainerSid), "TOKEN_APPCONTAINER_INFORMATION, NULL SID");
        assertEquals(8, required(TokenInformationClass.TokenProcessTrustLevel), "TOKEN_PROCESS_TRUST_LEVEL, NULL SID");
        assertEquals(16, required(TokenInformationClass.TokenUserClaimAttributes), "CLAIM_SECURITY_ATTRIBUTES_INFORMATION");
        assertEquals(16, required(TokenInformationClass.TokenDeviceClaimAttributes));
        assertEquals(16, required(TokenInformationClass.TokenBnoIsolation), "TOKEN_BNO_ISOLATION_INFORMATION");
        for (TokenInformationClass dword : java.util.List.of(TokenInformationClass.TokenIsAppContainer,
                TokenInformationClass.TokenAppContainerNumber, TokenInformationClass.TokenIsRestricted,
                TokenInformationClass.TokenPrivateNameSpace, TokenInformationClass.TokenIsLessPrivilegedAppContainer)) {
            assertEquals(4, required(dword), dword.name());
            fails(NtStatus.STATUS_INFO_LENGTH_MISMATCH, backend.ntQueryInformationToken(token, dword, 2));
        }
        assertEquals(java.util.List.of(), query(backend, token, TokenInformationClass.TokenCapabilities, java.util.List.class));
        assertEquals(java.util.Optional.empty(), query(backend, token, TokenInformationClass.TokenAppContainerSid, java.util.Optional.class));
        assertEquals(java.util.Optional.empty(), query(backend, token, TokenInformationClass.TokenProcessTrustLevel, java.util.Optional.class));
        assertEquals(java.util.Optional.empty(), query(backend, token, TokenInformationClass.TokenBnoIsolation, java.util.Optional.class));
        assertEquals(0, query(backend, token, TokenInformationClass.TokenAppContainerNumber, Integer.class));
        assertEquals(0, query(backend, token, TokenInformationClass.TokenUserClaimAttributes, Integer.class));
        assertEquals(false, query(backend, token, TokenInformationClass.TokenIsAppContainer, Boolean.class));
        assertEquals(false, query(backend, token, TokenInformationClass.TokenPrivateNameSpace, Boolean.class));
        assertEquals(false, query(backend, token, TokenInformationClass.TokenIsLessPrivilegedAppContainer, Boolean.class));
    }

    @org.junit.jupiter.params.ParameterizedTest // design.md: behaviour not modelled throws, naming it
    @org.junit.jupiter.params.provider.EnumSource(value = TokenInformationClass.class, names = {"TokenAuditPolicy",
            "TokenAccessInformation", "TokenRestrictedUserClaimAttributes", "TokenRestrictedDeviceClaimAttributes",
            "TokenDeviceGroups", "TokenRestrictedDeviceGroups", "TokenSecurityAttributes", "TokenSingletonAttributes",
            "TokenChildProcessFlags", "TokenIsSandboxed", "TokenIsAppSilo", "TokenLoggingInformation"})
    void queryUnmodelledClass_unsupportedNamingTheClass(TokenInformationClass unmodelled) {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> backend.getTokenInformation(token, unmodelled, -1));
        assertTrue(e.getMessage().contains(unmodelled.name()), e.getMessage());
    }
}
