package io.github.tokenbridge.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.SeObjectType;

import java.util.Objects;

/**
 * The object-security functions of the jna backend: advapi32's GetNamedSecurityInfoW,
 * SetNamedSecurityInfoW, GetSecurityInfo, SetSecurityInfo, RegCreateKeyExW, RegOpenKeyExW,
 * RegCloseKey, RegDeleteTreeW and kernel32's CreateDirectoryW, RemoveDirectoryW, DeleteFileW and
 * GetTempPathW. A returned descriptor is decoded from the self-relative block and freed with
 * LocalFree; descriptors and ACLs passed in are encoded into memory freed after the call.
 */
final class ObjectSecurityOperations extends NativeOperations {

    private static final int ERROR_SUCCESS = 0;
    private static final int MAX_PATH_BUFFER = 32768;

    ObjectSecurityOperations(NativeCalls calls) {
        super(calls);
    }

    Result<Void> createDirectory(String path, SecurityDescriptor sd) {
        Objects.requireNonNull(path, "path");
        try (Memory attributes = sd == null ? null : TokenCreation.securityAttributes(sd)) {
            return win32(calls.kernel32().CreateDirectoryW(new WString(path), attributes), null);
        }
    }

    Result<Void> removeDirectory(String path) {
        return win32(calls.kernel32().RemoveDirectoryW(new WString(Objects.requireNonNull(path, "path"))), null);
    }

    Result<Void> deleteFile(String path) {
        return win32(calls.kernel32().DeleteFileW(new WString(Objects.requireNonNull(path, "path"))), null);
    }

    Result<String> getTempPath() {
        char[] buffer = new char[MAX_PATH_BUFFER];
        int length = calls.kernel32().GetTempPathW(buffer.length, buffer);
        return length == 0 ? Result.win32Failure(lastError()) : Result.ok(new String(buffer, 0, length));
    }

    Result<Handle> regCreateKeyEx(Handle key, String subKey, int options, int desiredAccess, SecurityDescriptor sd) {
        Objects.requireNonNull(subKey, "subKey");
        HANDLEByReference result = new HANDLEByReference();
        try (Memory attributes = sd == null ? null : TokenCreation.securityAttributes(sd)) {
            int status = calls.advapi32().RegCreateKeyExW(handle(key), new WString(subKey), 0, null, options, desiredAccess,
                    attributes, result, new IntByReference());
            return status == ERROR_SUCCESS ? Result.ok(handle(result)) : Result.win32Failure(status);
        }
    }

    Result<Handle> regOpenKeyEx(Handle key, String subKey, int options, int desiredAccess) {
        HANDLEByReference result = new HANDLEByReference();
        int status = calls.advapi32().RegOpenKeyExW(handle(key), new WString(Objects.requireNonNull(subKey, "subKey")), options,
                desiredAccess, result);
        return status == ERROR_SUCCESS ? Result.ok(handle(result)) : Result.win32Failure(status);
    }

    Result<Void> regCloseKey(Handle key) {
        return code(calls.advapi32().RegCloseKey(handle(key)));
    }

    Result<Void> regDeleteTree(Handle key, String subKey) {
        return code(calls.advapi32().RegDeleteTreeW(handle(key), subKey == null ? null : new WString(subKey)));
    }

    Result<SecurityDescriptor> getNamedSecurityInfo(String name, SeObjectType type, int info) {
        PointerByReference sd = new PointerByReference();
        int status = calls.advapi32().GetNamedSecurityInfoW(new WString(Objects.requireNonNull(name, "name")), type.code(), info,
                new PointerByReference(), new PointerByReference(), new PointerByReference(), new PointerByReference(), sd);
        return decoded(status, sd);
    }

    Result<SecurityDescriptor> getSecurityInfo(Handle handle, SeObjectType type, int info) {
        PointerByReference sd = new PointerByReference();
        int status = calls.advapi32().GetSecurityInfo(handle(handle), type.code(), info, new PointerByReference(),
                new PointerByReference(), new PointerByReference(), new PointerByReference(), sd);
        return decoded(status, sd);
    }

    Result<Void> setNamedSecurityInfo(String name, SeObjectType type, int info, SecurityDescriptor parts) {
        Objects.requireNonNull(name, "name");
        try (Memory owner = sid(parts.owner()); Memory group = sid(parts.group()); Memory dacl = acl(parts.dacl());
             Memory sacl = acl(parts.sacl())) {
            return code(calls.advapi32().SetNamedSecurityInfoW(new WString(name), type.code(), info, owner, group, dacl, sacl));
        }
    }

    Result<Void> setSecurityInfo(Handle handle, SeObjectType type, int info, SecurityDescriptor parts) {
        try (Memory owner = sid(parts.owner()); Memory group = sid(parts.group()); Memory dacl = acl(parts.dacl());
             Memory sacl = acl(parts.sacl())) {
            return code(calls.advapi32().SetSecurityInfo(handle(handle), type.code(), info, owner, group, dacl, sacl));
        }
    }

    private static Memory sid(Sid sid) {
        return sid == null ? null : NativeEncoding.sid(sid);
    }

    private static Memory acl(Acl acl) {
        return acl == null ? null : NativeEncoding.bytes(SecurityEncoding.acl(acl));
    }

    private static Result<Void> code(int status) {
        return status == ERROR_SUCCESS ? Result.ok(null) : Result.win32Failure(status);
    }

    /** Decodes the self-relative descriptor the call returned and frees it. */
    private Result<SecurityDescriptor> decoded(int status, PointerByReference sd) {
        if (status != ERROR_SUCCESS) {
            return Result.win32Failure(status);
        }
        Pointer block = sd.getValue();
        try {
            return Result.ok(SecurityDecoding.selfRelative(block));
        } finally {
            if (block != null) {
                calls.kernel32().LocalFree(block);
            }
        }
    }
}
