package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import org.mockito.Mockito;

import java.util.HashMap;
import java.util.Map;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;

/**
 * Mocked advapi32 / kernel32 bindings that behave like one thread of a plausible Windows process, for
 * measuring what the public API costs in native calls: a handle table, a primary process token, the
 * calling thread's impersonation token ({@code ERROR_NO_TOKEN} when there is none, R27;
 * {@code ERROR_CANT_OPEN_ANONYMOUS} for an Anonymous one, R28), token information laid out at the x64
 * offsets (sized like Windows: {@code ERROR_INSUFFICIENT_BUFFER} with the required length), and the
 * impersonation entry points changing the thread token. Not a security model: every access is granted.
 */
final class SimulatedWindowsTokens {

    /** A token object: its type, its level (meaningful for impersonation tokens, R3/R4) and its id. */
    record SimToken(long id, TokenType type, ImpersonationLevel level) {
    }

    static final Sid USER = Sid.parse("S-1-5-21-1004336348-1177238915-682003330-1001");

    final FakeNative fake = new FakeNative();
    final Map<Long, SimToken> handles = new HashMap<>();
    final SimToken processToken = new SimToken(0x1000, TokenType.PRIMARY, ImpersonationLevel.ANONYMOUS);
    /** The descriptor GetNamedSecurityInfoW returns for every object (objects). */
    static final io.github.tokenbridge.SecurityDescriptor DESCRIPTOR = io.github.tokenbridge.Sddl.parse(
            "O:BAG:BAD:(A;;FA;;;WD)");
    /** The primary group every token has: the computer's None group (N3). */
    static final Sid PRIMARY_GROUP = Sid.parse(SimulatedWindowsAccounts.MACHINE_DOMAIN + "-513");
    /** The names of the simulated computer's accounts and the LSA functions (N1-N9). */
    final SimulatedWindowsAccounts accounts = new SimulatedWindowsAccounts(fake, USER);
    /**
     * The groups every token holds, a standard user's core (a test may make them many, like a domain-joined
     * user's): Everyone, BUILTIN\Users, Authenticated Users, the logon SID and the Medium label.
     */
    Sid[] groups = {Sid.EVERYONE, Sid.BUILTIN_USERS, Sid.AUTHENTICATED_USERS, SimulatedWindowsAccounts.LOGON_SID,
            Sid.MEDIUM_LABEL};
    /** The calling thread's impersonation token; null when the thread is not impersonating. */
    SimToken threadToken;
    private final Map<Long, Integer> privilegeAttributes = new HashMap<>();
    /** One named pipe connection and its events (pipes). */
    SimulatedWindowsPipes pipes; // set at the end of the constructor (the CloseHandle stub reads it later)
    private long nextHandle = 0x100;
    private long nextTokenId = 0x2000;

    SimulatedWindowsTokens() {
        Advapi32Calls a = fake.advapi32;
        doAnswer(i -> newHandle(i.getArgument(2), processToken))
                .when(a).OpenProcessToken(any(), anyInt(), any());
        doAnswer(i -> {
            if (threadToken == null) {
                return fail(Win32Error.ERROR_NO_TOKEN);
            }
            if (threadToken.level() == ImpersonationLevel.ANONYMOUS) {
                return fail(Win32Error.ERROR_CANT_OPEN_ANONYMOUS);
            }
            return newHandle(i.getArgument(3), threadToken);
        }).when(a).OpenThreadToken(any(), anyInt(), anyBoolean(), any());
        doAnswer(i -> withToken(i.getArgument(0), t -> newHandle(i.getArgument(5),
                newToken(TokenType.fromCode(i.getArgument(4)), ImpersonationLevel.fromCode(i.getArgument(3))))))
                .when(a).DuplicateTokenEx(any(), anyInt(), any(), anyInt(), anyInt(), any());
        doAnswer(i -> withToken(i.getArgument(0), t -> newHandle(i.getArgument(8), newToken(t.type(), t.level()))))
                .when(a).CreateRestrictedToken(any(), anyInt(), anyInt(), any(), anyInt(), any(), anyInt(), any(), any());
        doAnswer(i -> assign(newToken(TokenType.IMPERSONATION, ImpersonationLevel.fromCode(i.getArgument(0)))))
                .when(a).ImpersonateSelf(anyInt());
        doAnswer(i -> withToken(i.getArgument(0), t -> assign(t.type() == TokenType.PRIMARY
                ? newToken(TokenType.IMPERSONATION, ImpersonationLevel.IMPERSONATION) : t)))
                .when(a).ImpersonateLoggedOnUser(any());
        doAnswer(i -> assign(newToken(TokenType.IMPERSONATION, ImpersonationLevel.IMPERSONATION))) // R44: ANONYMOUS LOGON at Impersonation level
                .when(a).ImpersonateAnonymousToken(any());
        doAnswer(i -> {
            HANDLE token = i.getArgument(1);
            if (token == null) {
                return assign(null);
            }
            return withToken(token, t -> t.type() == TokenType.PRIMARY ? fail(Win32Error.ERROR_BAD_TOKEN_TYPE) : assign(t));
        }).when(a).SetThreadToken(any(), any());
        doAnswer(i -> assign(null)).when(a).RevertToSelf();
        doAnswer(i -> withToken(i.getArgument(0), t -> tokenInformation(t, i.getArgument(1), i.getArgument(2),
                i.getArgument(3), i.getArgument(4))))
                .when(a).GetTokenInformation(any(), anyInt(), any(), anyInt(), any());
        doAnswer(i -> withToken(i.getArgument(0), t -> adjustPrivileges(i.getArgument(2), i.getArgument(4), i.getArgument(5))))
                .when(a).AdjustTokenPrivileges(any(), anyBoolean(), any(), anyInt(), any(), any());
        doAnswer(i -> withToken(i.getArgument(0), t -> {
            i.getArgument(2, IntByReference.class).setValue(1);
            return true;
        })).when(a).PrivilegeCheck(any(), any(), any());
        doAnswer(i -> {
            i.getArgument(2, IntByReference.class).setValue(1);
            return true;
        }).when(a).CheckTokenMembership(any(), any(), any());
        doAnswer(i -> withToken(i.getArgument(1), t -> {
            i.getArgument(6, IntByReference.class).setValue(i.getArgument(2));
            i.getArgument(7, IntByReference.class).setValue(1);
            return true;
        })).when(a).AccessCheck(any(), any(), anyInt(), any(), any(), any(), any(), any());

        // ---- object security (objects): every named object has the descriptor DESCRIPTOR, freed with LocalFree
        doAnswer(i -> {
            byte[] bytes = SecurityEncoding.selfRelative(DESCRIPTOR);
            com.sun.jna.Memory block = new com.sun.jna.Memory(bytes.length);
            block.write(0, bytes, 0, bytes.length);
            i.getArgument(7, com.sun.jna.ptr.PointerByReference.class).setValue(block);
            return 0;
        }).when(a).GetNamedSecurityInfoW(any(), anyInt(), anyInt(), any(), any(), any(), any(), any());

        Kernel32Calls k = fake.kernel32;
        doAnswer(i -> 4242).when(k).GetCurrentProcessId();
        doAnswer(i -> new HANDLE(Pointer.createConstant(0x88))).when(k).OpenProcess(anyInt(), anyBoolean(), anyInt());
        doAnswer(i -> {
            long value = FakeNative.value(i.getArgument(0));
            return value == 0x88 || handles.remove(value) != null || this.pipes.close(value) || fail(Win32Error.ERROR_INVALID_HANDLE);
        }).when(k).CloseHandle(any());
        pipes = new SimulatedWindowsPipes(this);
    }

    /** ImpersonateNamedPipeClient: the thread gets the client's token (same user here) at Impersonation level (P21). */
    boolean impersonatePipeClient() {
        return assign(newToken(TokenType.IMPERSONATION, ImpersonationLevel.IMPERSONATION));
    }

    /** A new token object with a fresh id. */
    SimToken newToken(TokenType type, ImpersonationLevel level) {
        return new SimToken(nextTokenId++, type, level);
    }

    /** The JNA backend over these bindings. */
    JnaBackend backend() {
        return fake.backend;
    }

    /** Forgets the calls made so far (the stubs stay). */
    void clearCalls() {
        Mockito.clearInvocations(fake.advapi32, fake.ntdll, fake.kernel32);
    }

    private boolean fail(Win32Error error) {
        fake.lastError = error.code();
        return false;
    }

    private boolean assign(SimToken token) {
        threadToken = token;
        return true;
    }

    private boolean newHandle(HANDLEByReference out, SimToken token) {
        long value = nextHandle;
        nextHandle += 4;
        handles.put(value, token);
        out.getPointer().setLong(0, value);
        return true;
    }

    @FunctionalInterface
    private interface TokenCall {
        boolean call(SimToken token);
    }

    private boolean withToken(HANDLE handle, TokenCall call) {
        SimToken token = handles.get(FakeNative.value(handle));
        return token == null ? fail(Win32Error.ERROR_INVALID_HANDLE) : call.call(token);
    }

    private boolean tokenInformation(SimToken t, int infoClass, Pointer buffer, int length, IntByReference returnLength) {
        Privilege[] privileges = {Privilege.SeChangeNotifyPrivilege, Privilege.SeShutdownPrivilege};
        int required = switch (infoClass) {
            case 1 -> 16 + USER.byteLength();
            case 5 -> 8 + PRIMARY_GROUP.byteLength();
            case 2 -> 8 + 16 * groups.length + java.util.Arrays.stream(groups).mapToInt(Sid::byteLength).sum();
            case 3 -> 4 + 12 * privileges.length;
            case 8, 9 -> 4;
            case 10 -> 56;
            default -> throw new UnsupportedOperationException("the simulated GetTokenInformation has no class " + infoClass);
        };
        if (infoClass == 9 && t.type() == TokenType.PRIMARY) {
            return fail(Win32Error.ERROR_INVALID_PARAMETER); // R3
        }
        returnLength.setValue(required);
        if (length < required) {
            return fail(Win32Error.ERROR_INSUFFICIENT_BUFFER);
        }
        switch (infoClass) {
            case 1 -> {
                buffer.setPointer(0, buffer.share(16));
                buffer.setInt(8, 0);
                FakeNative.writeSid(buffer, 16, USER);
            }
            case 5 -> {
                buffer.setPointer(0, buffer.share(8));
                FakeNative.writeSid(buffer, 8, PRIMARY_GROUP);
            }
            case 2 -> {
                buffer.setInt(0, groups.length);
                long sidOffset = 8 + 16L * groups.length;
                for (int g = 0; g < groups.length; g++) {
                    buffer.setPointer(8 + 16L * g, buffer.share(sidOffset));
                    buffer.setInt(8 + 16L * g + 8, groupAttributes(groups[g]));
                    sidOffset += FakeNative.writeSid(buffer, sidOffset, groups[g]);
                }
            }
            case 3 -> {
                buffer.setInt(0, privileges.length);
                for (int p = 0; p < privileges.length; p++) {
                    buffer.setLong(4 + 12L * p, privileges[p].luid().value());
                    buffer.setInt(4 + 12L * p + 8, privilegeAttributes.getOrDefault(privileges[p].luid().value(), 0));
                }
            }
            case 8 -> buffer.setInt(0, t.type().code());
            case 9 -> buffer.setInt(0, t.level().code());
            default -> {
                buffer.clear(56);
                buffer.setLong(0, t.id());
                buffer.setLong(8, 0x3E7);
                buffer.setLong(16, Long.MAX_VALUE);
                buffer.setInt(24, t.type().code());
                buffer.setInt(28, t.level().code());
                buffer.setInt(40, groups.length);
                buffer.setInt(44, privileges.length);
                buffer.setLong(48, t.id());
            }
        }
        return true;
    }

    /** SE_GROUP_* as Windows gives them: the label INTEGRITY + INTEGRITY_ENABLED, the logon SID LOGON_ID too. */
    private static int groupAttributes(Sid group) {
        if (group.authority() == 16) {
            return 0x60;
        }
        return group.equals(SimulatedWindowsAccounts.LOGON_SID) ? 0xC0000007 : 7;
    }

    /** Sets the attributes in {@code newState} (TOKEN_PRIVILEGES) and writes the ones they replace. */
    private boolean adjustPrivileges(Pointer newState, Pointer previous, IntByReference returnLength) {
        int count = newState.getInt(0);
        if (previous != null) {
            previous.setInt(0, count);
        }
        for (int p = 0; p < count; p++) {
            long luid = newState.getLong(4 + 12L * p);
            int old = privilegeAttributes.getOrDefault(luid, 0);
            privilegeAttributes.put(luid, newState.getInt(4 + 12L * p + 8));
            if (previous != null) {
                previous.setLong(4 + 12L * p, luid);
                previous.setInt(4 + 12L * p + 8, old);
            }
        }
        if (returnLength != null) {
            returnLength.setValue(4 + 12 * count);
        }
        fake.lastError = 0; // ERROR_SUCCESS: every privilege was assigned
        return true;
    }
}
