package io.github.tokenbridge.jna;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PrivilegeCheckResult;
import io.github.tokenbridge.backend.Result;

import java.util.List;
import java.util.Objects;

/**
 * The jna backend's privilege, group and access-check functions: {@code AdjustTokenPrivileges} (R56),
 * {@code AdjustTokenGroups} (R57), {@code PrivilegeCheck} (R61), {@code CheckTokenMembership} (R60)
 * and {@code AccessCheck} (R62, R63).
 */
final class TokenCheckOperations extends NativeOperations {

    /** The first PRIVILEGE_SET size tried by a sized AccessCheck: the header and three entries. */
    static final int INITIAL_PRIVILEGE_SET_LENGTH = 56;

    TokenCheckOperations(NativeCalls calls) {
        super(calls);
    }

    Result<AdjustResult<TokenPrivilege>> adjustTokenPrivileges(Handle token, boolean disableAll, List<TokenPrivilege> newState,
                                                               int previousStateLength) {
        try (Memory state = newState == null ? null : NativeEncoding.tokenPrivileges(newState);
             Memory previous = previousBuffer(previousStateLength)) {
            IntByReference returnLength = previous == null ? null : new IntByReference();
            HANDLE h = handle(token);
            int bufferLength = Math.max(0, previousStateLength);
            clearLastError();
            boolean ok = calls.advapi32().AdjustTokenPrivileges(h, disableAll, state, bufferLength, previous,
                    returnLength);
            if (!ok) {
                return Result.win32Failure(lastError(), new AdjustResult<>(List.of(), length(returnLength)));
            }
            int notAllAssigned = notAllAssigned();
            List<TokenPrivilege> old = previous == null ? List.of() : NativeDecoding.tokenPrivileges(previous);
            return adjusted(new AdjustResult<>(old, length(returnLength)), notAllAssigned);
        }
    }

    Result<AdjustResult<TokenGroup>> adjustTokenGroups(Handle token, boolean resetToDefault, List<TokenGroup> newState,
                                                       int previousStateLength) {
        try (Memory state = newState == null ? null : NativeEncoding.tokenGroups(newState);
             Memory previous = previousBuffer(previousStateLength)) {
            IntByReference returnLength = previous == null ? null : new IntByReference();
            HANDLE h = handle(token);
            int bufferLength = Math.max(0, previousStateLength);
            clearLastError();
            boolean ok = calls.advapi32().AdjustTokenGroups(h, resetToDefault, state, bufferLength, previous,
                    returnLength);
            if (!ok) {
                return Result.win32Failure(lastError(), new AdjustResult<>(List.of(), length(returnLength)));
            }
            int notAllAssigned = notAllAssigned();
            List<TokenGroup> old = previous == null ? List.of() : NativeDecoding.tokenGroups(previous);
            return adjusted(new AdjustResult<>(old, length(returnLength)), notAllAssigned);
        }
    }

    /** The PreviousState buffer: null for -1 (a NULL pointer), else that many bytes (a 1-byte block for 0). */
    private static Memory previousBuffer(int length) {
        if (length < -1) {
            throw new IllegalArgumentException("previousStateLength must be -1 (NULL) or >= 0: " + length);
        }
        if (length == -1) {
            return null;
        }
        Memory memory = new Memory(Math.max(1, length));
        memory.clear();
        return memory;
    }

    private static int length(IntByReference returnLength) {
        return returnLength == null ? 0 : returnLength.getValue();
    }

    private static <T> Result<T> adjusted(T value, int lastError) {
        return lastError == 0 ? Result.ok(value) : Result.okWithLastError(value, lastError);
    }

    Result<PrivilegeCheckResult> privilegeCheck(Handle token, List<Luid> privileges, boolean requireAll) {
        try (Memory set = NativeEncoding.privilegeSet(privileges, requireAll ? NativeConstants.PRIVILEGE_SET_ALL_NECESSARY : 0)) {
            IntByReference result = new IntByReference();
            if (!calls.advapi32().PrivilegeCheck(handle(token), set, result)) {
                return Result.win32Failure(lastError());
            }
            return Result.ok(new PrivilegeCheckResult(result.getValue() != 0, NativeDecoding.privilegeSet(set)));
        }
    }

    Result<Boolean> checkTokenMembership(Handle token, Sid sid) {
        Objects.requireNonNull(sid, "sid");
        try (Memory sidMemory = NativeEncoding.sid(sid)) {
            IntByReference isMember = new IntByReference();
            if (!calls.advapi32().CheckTokenMembership(handle(token), sidMemory, isMember)) {
                return Result.win32Failure(lastError());
            }
            return Result.ok(isMember.getValue() != 0);
        }
    }

    Result<AccessCheckResult> accessCheck(SecurityDescriptor securityDescriptor, Handle token, int desiredAccess,
                                          GenericMapping mapping, int privilegeSetLength) {
        if (privilegeSetLength < -1) {
            throw new IllegalArgumentException("privilegeSetLength must be -1 (sized by the backend) or >= 0: " + privilegeSetLength);
        }
        boolean sized = privilegeSetLength == -1;
        int length = sized ? INITIAL_PRIVILEGE_SET_LENGTH : privilegeSetLength;
        try (Memory sd = NativeEncoding.bytes(SecurityEncoding.selfRelative(securityDescriptor));
             Memory genericMapping = NativeEncoding.genericMapping(mapping)) {
            for (int attempt = 1; ; attempt++) {
                try (Memory privilegeSet = new Memory(Math.max(1, length))) {
                    privilegeSet.clear();
                    IntByReference setLength = new IntByReference(length);
                    IntByReference granted = new IntByReference();
                    IntByReference status = new IntByReference();
                    HANDLE h = handle(token);
                    clearLastError();
                    boolean ok = calls.advapi32().AccessCheck(sd, h, desiredAccess, genericMapping, privilegeSet,
                            setLength, granted, status);
                    int error = ok && status.getValue() != 0 ? 0 : lastError();
                    if (!ok) {
                        if (sized && attempt < TokenInformationQuery.MAX_ATTEMPTS
                                && error == NativeConstants.ERROR_INSUFFICIENT_BUFFER && setLength.getValue() > length) {
                            length = setLength.getValue();
                            continue;
                        }
                        return Result.win32Failure(error);
                    }
                    boolean accessStatus = status.getValue() != 0;
                    List<TokenPrivilege> used = length >= NativeLayout.PRIVILEGE_SET.offset("Privilege")
                            ? NativeDecoding.privilegeSet(privilegeSet) : List.of();
                    return Result.ok(new AccessCheckResult(accessStatus, granted.getValue(), used, accessStatus ? 0 : error));
                }
            }
        }
    }
}
