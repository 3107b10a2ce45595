package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.github.tokenbridge.Ace;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenSource;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.Test;
import org.mockito.stubbing.Answer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Token information through the jna backend (mocked DLLs): the one sizing routine (R59) and the
 * typed decoding of each class from buffers laid out at the Windows x64 offsets (written here as
 * literal numbers, as the Windows headers give them), and SetTokenInformation's encoding (R58).
 */
class TokenInformationMarshallingTest {

    private static final Sid USER = Sid.parse("S-1-5-21-1-2-3-1001");
    private final FakeNative fake = new FakeNative();
    private final List<Integer> lengthsSeen = new ArrayList<>();

    /** GetTokenInformation answers: writes via {@code writer} when the buffer holds {@code required} bytes. */
    private void getTokenInformationAnswers(int required, BufferWriter writer) {
        doAnswer(i -> {
            int length = i.getArgument(3);
            lengthsSeen.add(length);
            i.getArgument(4, IntByReference.class).setValue(required);
            if (length < required) {
                fake.lastError = Win32Error.ERROR_INSUFFICIENT_BUFFER.code();
                return false;
            }
            writer.write(i.getArgument(2));
            return true;
        }).when(fake.advapi32).GetTokenInformation(any(), anyInt(), any(), anyInt(), any());
    }

    @FunctionalInterface
    private interface BufferWriter {
        void write(Pointer buffer);
    }

    private Object query(TokenInformationClass infoClass, int required, BufferWriter writer) {
        getTokenInformationAnswers(required, writer);
        Result<TokenInformation> result = fake.backend.getTokenInformation(new Handle(0x3C), infoClass, -1);
        assertTrue(result.succeeded(), result.toString());
        assertEquals(required, result.value().returnLength());
        return result.value().value();
    }

    @Test
    void getTokenInformation_user_decodesSidAndAttributesInOneCall() { // R5
        Object value = query(TokenInformationClass.TokenUser, 16 + USER.byteLength(), p -> {
            p.setPointer(0, p.share(16));
            p.setInt(8, 0);
            FakeNative.writeSid(p, 16, USER);
        });
        assertEquals(new TokenGroup(USER, 0), value);
        assertEquals(List.of(1024), lengthsSeen);
        verify(fake.advapi32).GetTokenInformation(any(), eq(1), any(), eq(1024), any());
    }

    @Test
    void getTokenInformation_sizedAndTooSmall_retriesOnceWithTheReturnedLength() { // R59
        int required = 8 + 16 * 100 + 100 * 16;
        Object value = query(TokenInformationClass.TokenGroups, required, p -> {
            p.setInt(0, 100);
            for (int g = 0; g < 100; g++) {
                int sidOffset = 8 + 16 * 100 + g * 16;
                p.setPointer(8 + 16L * g, p.share(sidOffset));
                p.setInt(8 + 16L * g + 8, 7);
                FakeNative.writeSid(p, sidOffset, Sid.of(5, 32, g));
            }
        });
        assertEquals(List.of(1024, required), lengthsSeen);
        @SuppressWarnings("unchecked") List<TokenGroup> groups = (List<TokenGroup>) value;
        assertEquals(100, groups.size());
        assertEquals(new TokenGroup(Sid.of(5, 32, 99), 7), groups.get(99));
    }

    @Test
    void getTokenInformation_explicitZeroLength_oneCallWithNullBufferAndRequiredLength() { // R59
        getTokenInformationAnswers(44, p -> {
        });
        Result<TokenInformation> result = fake.backend.getTokenInformation(new Handle(0x3C), TokenInformationClass.TokenUser, 0);
        assertFalse(result.succeeded());
        assertEquals(Win32Error.ERROR_INSUFFICIENT_BUFFER.code(), result.win32Error());
        assertEquals(44, result.value().returnLength());
        assertNull(result.value().value());
        verify(fake.advapi32).GetTokenInformation(any(), eq(1), eq((Pointer) null), eq(0), any());
    }

    @Test
    void getTokenInformation_fixedClassWrongLength_failsWithErrorBadLength() { // R59
        when(fake.advapi32.GetTokenInformation(any(), anyInt(), any(), anyInt(), any())).thenAnswer(i -> {
            i.getArgument(4, IntByReference.class).setValue(4);
            fake.lastError = Win32Error.ERROR_BAD_LENGTH.code();
            return false;
        });
        Result<TokenInformation> result = fake.backend.getTokenInformation(new Handle(0x3C), TokenInformationClass.TokenType, 3);
        assertEquals(24, result.win32Error());
        verify(fake.advapi32, times(1)).GetTokenInformation(any(), anyInt(), any(), anyInt(), any());
    }

    @Test
    void getTokenInformation_alwaysGrowing_stopsAfterFourCalls() { // R59
        int[] required = {2000};
        when(fake.advapi32.GetTokenInformation(any(), anyInt(), any(), anyInt(), any())).thenAnswer(i -> {
            required[0] += 100;
            i.getArgument(4, IntByReference.class).setValue(required[0]);
            fake.lastError = 122;
            return false;
        });
        Result<TokenInformation> result = fake.backend.getTokenInformation(new Handle(0x3C), TokenInformationClass.TokenGroups, -1);
        assertEquals(122, result.win32Error());
        verify(fake.advapi32, times(TokenInformationQuery.MAX_ATTEMPTS)).GetTokenInformation(any(), anyInt(), any(), anyInt(), any());
    }

    @Test
    void getTokenInformation_accessDenied_failsWithoutRetry() { // R59 (TOKEN_QUERY)
        when(fake.advapi32.GetTokenInformation(any(), anyInt(), any(), anyInt(), any())).thenAnswer(fake.fails(5));
        Result<TokenInformation> result = fake.backend.getTokenInformation(new Handle(0x3C), TokenInformationClass.TokenGroups, -1);
        assertEquals(5, result.win32Error());
        assertEquals(1, fake.nativeCalls());
    }

    @Test
    void ntQueryInformationToken_bufferTooSmallThenFits_retriesAndKeepsStatusSuccess() { // R59
        when(fake.ntdll.NtQueryInformationToken(any(), anyInt(), any(), anyInt(), any())).thenAnswer(i -> {
            int length = i.getArgument(3);
            i.getArgument(4, IntByReference.class).setValue(1100);
            if (length < 1100) {
                return NtStatus.STATUS_BUFFER_TOO_SMALL.code();
            }
            Pointer p = i.getArgument(2);
            p.setPointer(0, p.share(8));
            FakeNative.writeSid(p, 8, USER);
            return 0;
        });
        Result<TokenInformation> result = fake.backend.ntQueryInformationToken(new Handle(0x3C), TokenInformationClass.TokenOwner, -1);
        assertEquals(USER, result.value().value());
        assertEquals(0, result.ntStatus().getAsInt());
        verify(fake.ntdll, times(2)).NtQueryInformationToken(any(), eq(4), any(), anyInt(), any());
    }

    @Test
    void ntQueryInformationToken_explicitWrongLength_keepsInfoLengthMismatch() { // R59
        when(fake.ntdll.NtQueryInformationToken(any(), anyInt(), any(), anyInt(), any()))
                .thenReturn(NtStatus.STATUS_INFO_LENGTH_MISMATCH.code());
        Result<TokenInformation> result = fake.backend.ntQueryInformationToken(new Handle(0x3C),
                TokenInformationClass.TokenStatistics, 8);
        assertEquals(NtStatus.STATUS_INFO_LENGTH_MISMATCH.code(), result.ntStatus().getAsInt());
        assertEquals(24, result.win32Error());
    }

    @Test
    void getTokenInformation_statistics_decodesEveryFieldAtX64Offsets() { // R5, R9
        Object value = query(TokenInformationClass.TokenStatistics, 56, p -> {
            p.setInt(0, 0x1111); p.setInt(4, 1);
            p.setInt(8, 0x3E7); p.setInt(12, 0);
            p.setLong(16, Long.MAX_VALUE);
            p.setInt(24, 2); p.setInt(28, 1);
            p.setInt(32, 4096); p.setInt(36, 3000);
            p.setInt(40, 12); p.setInt(44, 24);
            p.setInt(48, 0x2222); p.setInt(52, 0);
        });
        assertEquals(new TokenStatistics(Luid.of(1, 0x1111), Luid.SYSTEM_LOGON, Long.MAX_VALUE, TokenType.IMPERSONATION,
                ImpersonationLevel.IDENTIFICATION, 4096, 3000, 12, 24, new Luid(0x2222)), value);
        assertEquals(List.of(56), lengthsSeen, "a fixed-size class is asked for with its size: one call");
    }

    @Test
    void getTokenInformation_privileges_decodesLuidAndAttributes() {
        Object value = query(TokenInformationClass.TokenPrivileges, 4 + 24, p -> {
            p.setInt(0, 2);
            p.setInt(4, 23); p.setInt(8, 0); p.setInt(12, 3);
            p.setInt(16, 19); p.setInt(20, 0); p.setInt(24, 0);
        });
        assertEquals(List.of(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 3),
                TokenPrivilege.of(Privilege.SeShutdownPrivilege, 0)), value);
    }

    @Test
    void getTokenInformation_defaultDaclNull_decodesEmptyOptional() { // R15
        assertEquals(Optional.empty(), query(TokenInformationClass.TokenDefaultDacl, 8, p -> p.setPointer(0, null)));
    }

    @Test
    void getTokenInformation_defaultDacl_decodesAces() {
        Acl acl = Acl.of(Ace.allow(0x10000000, USER), Ace.allow(0x10000000, Sid.LOCAL_SYSTEM));
        byte[] bytes = SecurityEncoding.acl(acl);
        Object value = query(TokenInformationClass.TokenDefaultDacl, 8 + bytes.length, p -> {
            p.write(8, bytes, 0, bytes.length);
            p.setPointer(0, p.share(8));
        });
        assertEquals(Optional.of(acl), value);
    }

    @Test
    void getTokenInformation_source_decodesNameAndIdentifier() {
        Object value = query(TokenInformationClass.TokenSource, 16, p -> {
            p.write(0, "User32 \0".getBytes(StandardCharsets.US_ASCII), 0, 8);
            p.setInt(8, 0xABC);
            p.setInt(12, 0);
        });
        assertEquals(new TokenSource("User32 ", new Luid(0xABC)), value);
    }

    @Test
    void getTokenInformation_scalars_decodeToTheirEnumsAndValues() {
        assertEquals(TokenType.PRIMARY, query(TokenInformationClass.TokenType, 4, p -> p.setInt(0, 1)));
        assertEquals(ElevationType.LIMITED, query(TokenInformationClass.TokenElevationType, 4, p -> p.setInt(0, 3)));
        assertEquals(true, query(TokenInformationClass.TokenElevation, 4, p -> p.setInt(0, 1)));
        assertEquals(1, query(TokenInformationClass.TokenSessionId, 4, p -> p.setInt(0, 1)));
        assertEquals(new Luid(0x3E7), query(TokenInformationClass.TokenOrigin, 8, p -> p.setLong(0, 0x3E7)));
    }

    @Test
    void getTokenInformation_linkedToken_returnsTheNewHandle() { // R11
        assertEquals(new Handle(0x1A8), query(TokenInformationClass.TokenLinkedToken, 8, p -> p.setLong(0, 0x1A8)));
    }

    @Test
    void getTokenInformation_integrityLevel_decodesMandatoryLabel() {
        Object value = query(TokenInformationClass.TokenIntegrityLevel, 16 + 12, p -> {
            p.setPointer(0, p.share(16));
            p.setInt(8, 0x20);
            FakeNative.writeSid(p, 16, Sid.MEDIUM_LABEL);
        });
        assertEquals(new TokenGroup(Sid.MEDIUM_LABEL, 0x20), value);
    }

    // --- classes 13 and 30-49 (docs/token-information-classes.md) ---

    @Test
    void getTokenInformation_groupsAndPrivileges_decodesTheThreeArraysThroughTheirPointers() { // R5, R59
        // header 56 | Sids[2] at 56 | their SIDs | RestrictedSids[1] | its SID | Privileges[1]; x64 offsets per winnt.h
        int sids = 56, sidData = sids + 32, restricted = sidData + USER.byteLength() + 12, restrictedData = restricted + 16;
        int privileges = restrictedData + 12, required = privileges + 12;
        Object value = query(TokenInformationClass.TokenGroupsAndPrivileges, required, p -> {
            p.setInt(0, 2); p.setInt(4, 32 + USER.byteLength() + 12); p.setPointer(8, p.share(sids));
            p.setInt(16, 1); p.setInt(20, 16 + 12); p.setPointer(24, p.share(restricted));
            p.setInt(32, 1); p.setInt(36, 12); p.setPointer(40, p.share(privileges));
            p.setInt(48, 0x3E7); p.setInt(52, 0);
            p.setPointer(sids, p.share(sidData)); p.setInt(sids + 8, 0);
            FakeNative.writeSid(p, sidData, USER);
            p.setPointer(sids + 16, p.share(sidData + USER.byteLength())); p.setInt(sids + 24, 7);
            FakeNative.writeSid(p, sidData + USER.byteLength(), Sid.EVERYONE);
            p.setPointer(restricted, p.share(restrictedData)); p.setInt(restricted + 8, 7);
            FakeNative.writeSid(p, restrictedData, Sid.EVERYONE);
            p.setInt(privileges, 23); p.setInt(privileges + 4, 0); p.setInt(privileges + 8, 3);
        });
        assertEquals(new io.github.tokenbridge.TokenGroupsAndPrivileges(
                List.of(new TokenGroup(USER, 0), new TokenGroup(Sid.EVERYONE, 7)), List.of(new TokenGroup(Sid.EVERYONE, 7)),
                List.of(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 3)), Luid.SYSTEM_LOGON), value);
        verify(fake.advapi32).GetTokenInformation(any(), eq(13), any(), eq(1024), any());
    }

    @Test
    void getTokenInformation_appContainerSidAndTrustLevel_nullPointerIsEmptyElseTheSid() {
        assertEquals(Optional.empty(), query(TokenInformationClass.TokenAppContainerSid, 8, p -> p.setPointer(0, null)));
        Sid package_ = Sid.parse("S-1-15-2-1-2-3-4-5-6-7");
        Object value = query(TokenInformationClass.TokenAppContainerSid, 8 + package_.byteLength(), p -> {
            p.setPointer(0, p.share(8));
            FakeNative.writeSid(p, 8, package_);
        });
        assertEquals(Optional.of(package_), value);
        assertEquals(Optional.empty(), query(TokenInformationClass.TokenProcessTrustLevel, 8, p -> p.setPointer(0, null)));
        verify(fake.advapi32, times(2)).GetTokenInformation(any(), eq(31), any(), anyInt(), any());
        verify(fake.advapi32).GetTokenInformation(any(), eq(41), any(), anyInt(), any());
    }

    @Test
    void getTokenInformation_claimAttributes_decodesAttributeCountAtOffset4() {
        assertEquals(3, query(TokenInformationClass.TokenUserClaimAttributes, 16, p -> {
            p.setShort(0, (short) 1);
            p.setInt(4, 3);
        }));
        verify(fake.advapi32).GetTokenInformation(any(), eq(33), any(), eq(1024), any());
    }

    @Test
    void getTokenInformation_bnoIsolation_prefixOnlyWhenEnabled() {
        assertEquals(Optional.empty(), query(TokenInformationClass.TokenBnoIsolation, 16, p -> {
            p.setPointer(0, null);
            p.setByte(8, (byte) 0);
        }));
        assertEquals(Optional.of("Isolated"), query(TokenInformationClass.TokenBnoIsolation, 16 + 18, p -> {
            p.setPointer(0, p.share(16));
            p.setByte(8, (byte) 1);
            p.setWideString(16, "Isolated");
        }));
    }

    @Test
    void getTokenInformation_dwordClasses30To47_decodeToTheirValues() {
        assertEquals(List.of(), query(TokenInformationClass.TokenCapabilities, 8, p -> p.setInt(0, 0)));
        assertEquals(5, query(TokenInformationClass.TokenAppContainerNumber, 4, p -> p.setInt(0, 5)));
        assertEquals(true, query(TokenInformationClass.TokenIsRestricted, 4, p -> p.setInt(0, 1)));
        assertEquals(false, query(TokenInformationClass.TokenPrivateNameSpace, 4, p -> p.setInt(0, 0)));
        assertEquals(true, query(TokenInformationClass.TokenIsLessPrivilegedAppContainer, 4, p -> p.setInt(0, 1)));
        assertEquals(true, query(TokenInformationClass.TokenIsSandboxed, 4, p -> p.setInt(0, 1)));
        assertEquals(List.of(4, 4, 4, 4, 4), lengthsSeen.subList(1, 6), "fixed DWORD classes: one call with 4 bytes");
    }

    @Test
    void getTokenInformation_undecodedClass_succeedsWithNullValueAndTheLength() { // R59
        assertNull(query(TokenInformationClass.TokenSecurityAttributes, 16, p -> p.setInt(4, 2)));
    }

    @Test
    void layouts_notInMingwHeaders_followMicrosoftsStructPages() {
        assertEquals(8, NativeLayout.TOKEN_PROCESS_TRUST_LEVEL.size());
        assertEquals(0, NativeLayout.TOKEN_PROCESS_TRUST_LEVEL.offset("TrustLevelSid"));
        assertEquals(16, NativeLayout.TOKEN_BNO_ISOLATION_INFORMATION.size());
        assertEquals(8, NativeLayout.TOKEN_BNO_ISOLATION_INFORMATION.offset("IsolationEnabled"));
        assertEquals(List.of(NativeLayout.TOKEN_PROCESS_TRUST_LEVEL, NativeLayout.TOKEN_BNO_ISOLATION_INFORMATION),
                NativeLayout.NOT_IN_MINGW_HEADERS);
    }

    private Answer<Boolean> captureSet(List<byte[]> captured) {
        return i -> {
            Pointer p = i.getArgument(2);
            int length = i.getArgument(3);
            captured.add(p.getByteArray(0, length));
            if (length >= 16) {
                Pointer sid = p.getPointer(0);
                captured.add(sid == null ? new byte[0] : NativeDecoding.sid(sid).toBytes());
            }
            return true;
        };
    }

    @Test
    void setTokenInformation_integrityLevel_passesMandatoryLabelWithIntegrityAttribute() { // R58
        List<byte[]> captured = new ArrayList<>();
        when(fake.advapi32.SetTokenInformation(any(), eq(25), any(), anyInt())).thenAnswer(captureSet(captured));
        assertTrue(fake.backend.setTokenInformation(new Handle(0x3C), TokenInformationClass.TokenIntegrityLevel, Sid.LOW_LABEL)
                .succeeded());
        byte[] block = captured.get(0);
        assertEquals(16 + 12, block.length);
        assertEquals(0x20, block[8]);
        assertEquals(Sid.LOW_LABEL, Sid.fromBytes(captured.get(1)));
    }

    @Test
    void setTokenInformation_nullDefaultDacl_passesNullDaclPointer() { // R15, R58
        when(fake.advapi32.SetTokenInformation(any(), eq(6), any(), eq(8))).thenAnswer(i -> {
            assertNull(i.getArgument(2, Pointer.class).getPointer(0));
            return true;
        });
        assertTrue(fake.backend.setTokenInformation(new Handle(0x3C), TokenInformationClass.TokenDefaultDacl, null).succeeded());
    }

    @Test
    void setTokenInformation_sessionId_passesDword() { // R58
        when(fake.advapi32.SetTokenInformation(any(), eq(12), any(), eq(4))).thenAnswer(i -> {
            assertEquals(3, i.getArgument(2, Pointer.class).getInt(0));
            fake.lastError = 1314;
            return false;
        });
        Result<Void> result = fake.backend.setTokenInformation(new Handle(0x3C), TokenInformationClass.TokenSessionId, 3);
        assertEquals(Win32Error.ERROR_PRIVILEGE_NOT_HELD.code(), result.win32Error());
    }

    @Test
    void setTokenInformation_ownerNotInToken_failsWithErrorInvalidOwner() { // R58
        when(fake.advapi32.SetTokenInformation(any(), eq(4), any(), eq(8 + USER.byteLength()))).thenAnswer(fake.fails(1307));
        assertEquals(1307, fake.backend.setTokenInformation(new Handle(0x3C), TokenInformationClass.TokenOwner, USER).win32Error());
    }

    @Test
    void setTokenInformation_valueOfWrongType_throwsIllegalArgumentWithoutCalling() {
        assertThrows(IllegalArgumentException.class,
                () -> fake.backend.setTokenInformation(new Handle(0x3C), TokenInformationClass.TokenOwner, 5));
        assertEquals(0, fake.nativeCalls());
    }

    @Test
    void setTokenInformation_groupsClass_isRefusedAsNotEncoded() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> fake.backend.setTokenInformation(new Handle(0x3C), TokenInformationClass.TokenGroups, List.of()));
        assertTrue(e.getMessage().contains("TokenGroups"));
    }
}
