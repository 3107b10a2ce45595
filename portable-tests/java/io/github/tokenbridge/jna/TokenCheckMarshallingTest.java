package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PrivilegeCheckResult;
import io.github.tokenbridge.backend.Result;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Marshalling and error translation of AdjustTokenPrivileges/Groups, PrivilegeCheck, CheckTokenMembership and AccessCheck. */
class TokenCheckMarshallingTest {

    private static final Handle TOKEN = new Handle(0x3C);
    private final FakeNative fake = new FakeNative();

    @Test
    void adjustTokenPrivileges_missingPrivilege_succeedsWithLastErrorNotAllAssigned() { // R56
        when(fake.advapi32.AdjustTokenPrivileges(any(), anyBoolean(), any(), anyInt(), any(), any())).thenAnswer(i -> {
            Pointer state = i.getArgument(2);
            assertEquals(1, state.getInt(0));
            assertEquals(Privilege.SeDebugPrivilege.luid().lowPart(), state.getInt(4));
            assertEquals(2, state.getInt(12));
            fake.lastError = 1300;
            return true;
        });
        Result<AdjustResult<TokenPrivilege>> result = fake.backend.adjustTokenPrivileges(TOKEN, false,
                List.of(TokenPrivilege.of(Privilege.SeDebugPrivilege, 2)), -1);
        assertTrue(result.succeeded());
        assertEquals(Win32Error.ERROR_NOT_ALL_ASSIGNED.code(), result.win32Error());
        verify(fake.advapi32).AdjustTokenPrivileges(any(), eq(false), any(), eq(0), isNull(), isNull());
    }

    @Test
    void adjustTokenPrivileges_fullSuccess_isOkWithoutLastError() { // R56
        when(fake.advapi32.AdjustTokenPrivileges(any(), anyBoolean(), any(), anyInt(), any(), any())).thenAnswer(i -> {
            fake.lastError = 0;
            return true;
        });
        Result<AdjustResult<TokenPrivilege>> result = fake.backend.adjustTokenPrivileges(TOKEN, true, List.of(), -1);
        assertEquals(0, result.win32Error());
        assertTrue(result.succeeded());
    }

    @Test
    void adjustTokenPrivileges_previousState_decodesChangedEntries() { // R56
        when(fake.advapi32.AdjustTokenPrivileges(any(), anyBoolean(), any(), anyInt(), any(), any())).thenAnswer(i -> {
            Pointer previous = i.getArgument(4);
            previous.setInt(0, 1);
            previous.setInt(4, 19);
            previous.setInt(8, 0);
            previous.setInt(12, 0);
            i.getArgument(5, IntByReference.class).setValue(16);
            fake.lastError = 0;
            return true;
        });
        Result<AdjustResult<TokenPrivilege>> result = fake.backend.adjustTokenPrivileges(TOKEN, false,
                List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2)), 64);
        assertEquals(new AdjustResult<>(List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 0)), 16), result.value());
        verify(fake.advapi32).AdjustTokenPrivileges(any(), eq(false), any(), eq(64), any(), any());
    }

    @Test
    void adjustTokenPrivileges_previousStateTooSmall_failsWithRequiredLength() { // R56
        when(fake.advapi32.AdjustTokenPrivileges(any(), anyBoolean(), any(), anyInt(), any(), any())).thenAnswer(i -> {
            i.getArgument(5, IntByReference.class).setValue(16);
            fake.lastError = 122;
            return false;
        });
        Result<AdjustResult<TokenPrivilege>> result = fake.backend.adjustTokenPrivileges(TOKEN, false,
                List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2)), 0);
        assertFalse(result.succeeded());
        assertEquals(Win32Error.ERROR_INSUFFICIENT_BUFFER.code(), result.win32Error());
        assertEquals(16, result.value().returnLength());
    }

    @Test
    void adjustTokenGroups_disablingMandatory_failsWithErrorCantDisableMandatory() { // R57
        when(fake.advapi32.AdjustTokenGroups(any(), anyBoolean(), any(), anyInt(), any(), any())).thenAnswer(i -> {
            Pointer state = i.getArgument(2);
            assertEquals(1, state.getInt(0));
            assertEquals(Sid.EVERYONE, NativeDecoding.sid(state.getPointer(8)));
            assertEquals(0, state.getInt(16));
            fake.lastError = 1310;
            return false;
        });
        Result<AdjustResult<TokenGroup>> result = fake.backend.adjustTokenGroups(TOKEN, false,
                List.of(new TokenGroup(Sid.EVERYONE, 0)), -1);
        assertEquals(Win32Error.ERROR_CANT_DISABLE_MANDATORY.code(), result.win32Error());
    }

    @Test
    void adjustTokenGroups_previousState_decodesGroupsWithSids() { // R57
        when(fake.advapi32.AdjustTokenGroups(any(), anyBoolean(), any(), anyInt(), any(), any())).thenAnswer(i -> {
            Pointer previous = i.getArgument(4);
            previous.setInt(0, 1);
            previous.setPointer(8, previous.share(24));
            previous.setInt(16, 7);
            FakeNative.writeSid(previous, 24, Sid.BUILTIN_USERS);
            i.getArgument(5, IntByReference.class).setValue(24 + 16);
            fake.lastError = 0;
            return true;
        });
        Result<AdjustResult<TokenGroup>> result = fake.backend.adjustTokenGroups(TOKEN, false,
                List.of(new TokenGroup(Sid.BUILTIN_USERS, 0)), 128);
        assertEquals(List.of(new TokenGroup(Sid.BUILTIN_USERS, 7)), result.value().previousState());
        assertEquals(0, result.win32Error());
    }

    @Test
    void adjustTokenGroups_successLeavingLastErrorAlone_isNotReadAsAnEarlierNotAllAssigned() { // R57
        fake.lastError = Win32Error.ERROR_NOT_ALL_ASSIGNED.code(); // left by an earlier call on this thread
        when(fake.advapi32.AdjustTokenGroups(any(), anyBoolean(), any(), anyInt(), any(), any())).thenReturn(true);
        Result<AdjustResult<TokenGroup>> result = fake.backend.adjustTokenGroups(TOKEN, false,
                List.of(new TokenGroup(Sid.BUILTIN_USERS, 0)), -1);
        assertTrue(result.succeeded());
        assertEquals(0, result.win32Error());
        assertEquals(1, fake.lastErrorWrites);
    }

    @Test
    void adjustTokenPrivileges_successLeavingLastErrorAlone_isNotReadAsAnEarlierNotAllAssigned() { // R56
        fake.lastError = Win32Error.ERROR_NOT_ALL_ASSIGNED.code();
        when(fake.advapi32.AdjustTokenPrivileges(any(), anyBoolean(), any(), anyInt(), any(), any())).thenReturn(true);
        Result<AdjustResult<TokenPrivilege>> result = fake.backend.adjustTokenPrivileges(TOKEN, false,
                List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2)), -1);
        assertTrue(result.succeeded());
        assertEquals(0, result.win32Error());
    }

    @Test
    void accessCheck_denialWithoutLastError_doesNotReportAnEarlierError() { // R62
        fake.lastError = Win32Error.ERROR_NOT_ALL_ASSIGNED.code();
        when(fake.advapi32.AccessCheck(any(), any(), anyInt(), any(), any(), any(), any(), any())).thenReturn(true);
        Sid owner = Sid.parse("S-1-5-21-1-2-3-4");
        Result<AccessCheckResult> result = fake.backend.accessCheck(SecurityDescriptor.of(owner, owner, Acl.EMPTY), TOKEN, 1,
                GenericMapping.FILE, -1);
        assertTrue(result.succeeded());
        assertFalse(result.value().accessStatus());
        assertEquals(0, result.value().denialError());
    }

    @Test
    void privilegeCheck_requireAll_setsControlAndReadsUsedForAccess() { // R61
        when(fake.advapi32.PrivilegeCheck(any(), any(), any())).thenAnswer(i -> {
            Pointer set = i.getArgument(1);
            assertEquals(1, set.getInt(0));
            assertEquals(1, set.getInt(4), "PRIVILEGE_SET_ALL_NECESSARY");
            assertEquals(23, set.getInt(8));
            set.setInt(16, 0x80000000);
            i.getArgument(2, IntByReference.class).setValue(1);
            return true;
        });
        Result<PrivilegeCheckResult> result = fake.backend.privilegeCheck(TOKEN, List.of(Privilege.SeChangeNotifyPrivilege.luid()), true);
        assertEquals(new PrivilegeCheckResult(true, List.of(TokenPrivilege.of(Privilege.SeChangeNotifyPrivilege, 0x80000000))),
                result.value());
    }

    @Test
    void privilegeCheck_anonymousLevel_failsWithErrorBadImpersonationLevel() { // R61
        when(fake.advapi32.PrivilegeCheck(any(), any(), any())).thenAnswer(fake.fails(1346));
        Result<PrivilegeCheckResult> result = fake.backend.privilegeCheck(TOKEN, List.<Luid>of(), false);
        assertEquals(1346, result.win32Error());
        assertNull(result.value());
    }

    @Test
    void checkTokenMembership_nullToken_passesNullHandleAndTheSid() { // R60
        when(fake.advapi32.CheckTokenMembership(isNull(), any(), any())).thenAnswer(i -> {
            assertEquals(Sid.BUILTIN_USERS, NativeDecoding.sid(i.getArgument(1)));
            i.getArgument(2, IntByReference.class).setValue(1);
            return true;
        });
        assertEquals(true, fake.backend.checkTokenMembership(Handle.NULL, Sid.BUILTIN_USERS).value());
    }

    @Test
    void checkTokenMembership_primaryToken_failsWithErrorNoImpersonationToken() { // R60
        when(fake.advapi32.CheckTokenMembership(any(), any(), any())).thenAnswer(fake.fails(1309));
        assertEquals(1309, fake.backend.checkTokenMembership(TOKEN, Sid.EVERYONE).win32Error());
    }

    private static final SecurityDescriptor SD = SecurityDescriptor.of(Sid.BUILTIN_ADMINISTRATORS, Sid.BUILTIN_ADMINISTRATORS,
            Acl.EMPTY);

    @Test
    void accessCheck_granted_passesSelfRelativeSdAndMappingAndDecodesResult() { // R63
        byte[] sd = SecurityEncoding.selfRelative(SD);
        when(fake.advapi32.AccessCheck(any(), any(), anyInt(), any(), any(), any(), any(), any())).thenAnswer(i -> {
            assertArrayEquals(sd, i.getArgument(0, Pointer.class).getByteArray(0, sd.length));
            Pointer mapping = i.getArgument(3);
            assertEquals(GenericMapping.FILE.genericWrite(), mapping.getInt(4));
            assertEquals(TokenCheckOperations.INITIAL_PRIVILEGE_SET_LENGTH, i.getArgument(5, IntByReference.class).getValue());
            i.getArgument(4, Pointer.class).setInt(0, 0);
            i.getArgument(6, IntByReference.class).setValue(0x120089);
            i.getArgument(7, IntByReference.class).setValue(1);
            return true;
        });
        Result<AccessCheckResult> result = fake.backend.accessCheck(SD, TOKEN, 0x120089, GenericMapping.FILE, -1);
        assertEquals(new AccessCheckResult(true, 0x120089, List.of(), 0), result.value());
        assertEquals(0, fake.lastErrorReads);
    }

    @Test
    void accessCheck_denied_succeedsWithStatusFalseAndDenialError() { // R63
        when(fake.advapi32.AccessCheck(any(), any(), anyInt(), any(), any(), any(), any(), any())).thenAnswer(i -> {
            i.getArgument(7, IntByReference.class).setValue(0);
            fake.lastError = 5;
            return true;
        });
        Result<AccessCheckResult> result = fake.backend.accessCheck(SD, TOKEN, 1, GenericMapping.FILE, -1);
        assertTrue(result.succeeded());
        assertEquals(new AccessCheckResult(false, 0, List.of(), 5), result.value());
    }

    @Test
    void accessCheck_sizedPrivilegeSetTooSmall_retriesWithRequiredLength() { // R62
        doAnswer(i -> {
            IntByReference length = i.getArgument(5);
            if (length.getValue() < 200) {
                length.setValue(200);
                fake.lastError = 122;
                return false;
            }
            i.getArgument(7, IntByReference.class).setValue(1);
            i.getArgument(6, IntByReference.class).setValue(1);
            return true;
        }).when(fake.advapi32).AccessCheck(any(), any(), anyInt(), any(), any(), any(), any(), any());
        assertTrue(fake.backend.accessCheck(SD, TOKEN, 1, GenericMapping.FILE, -1).value().accessStatus());
        verify(fake.advapi32, times(2)).AccessCheck(any(), any(), anyInt(), any(), any(), any(), any(), any());
    }

    @Test
    void accessCheck_explicitTooSmallPrivilegeSet_failsWithErrorInsufficientBuffer() { // R62
        when(fake.advapi32.AccessCheck(any(), any(), anyInt(), any(), any(), any(), any(), any())).thenAnswer(fake.fails(122));
        Result<AccessCheckResult> result = fake.backend.accessCheck(SD, TOKEN, 1, GenericMapping.FILE, 4);
        assertEquals(122, result.win32Error());
        verify(fake.advapi32, times(1)).AccessCheck(any(), any(), anyInt(), any(), any(), any(), any(), any());
    }

    @Test
    void accessCheck_primaryToken_failsWithErrorNoImpersonationToken() { // R62
        when(fake.advapi32.AccessCheck(any(), any(), anyInt(), any(), any(), any(), any(), any())).thenAnswer(fake.fails(1309));
        Result<AccessCheckResult> result = fake.backend.accessCheck(SD, TOKEN, 1, GenericMapping.FILE, -1);
        assertFalse(result.succeeded());
        assertEquals(Win32Error.ERROR_NO_IMPERSONATION_TOKEN.code(), result.win32Error());
    }
}
