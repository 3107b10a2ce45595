package io.github.tokenbridge.jna;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;

import java.util.List;
import java.util.Objects;

/**
 * The jna backend's functions that produce a token handle: opening a process or thread token
 * (Win32 and Nt), duplicating (R52-R55) and {@code CreateRestrictedToken}.
 */
final class TokenCreation extends NativeOperations {

    TokenCreation(NativeCalls calls) {
        super(calls);
    }

    Result<Handle> openProcessToken(Handle process, int desiredAccess) {
        HANDLEByReference token = new HANDLEByReference();
        return win32Handle(calls.advapi32().OpenProcessToken(handle(process), desiredAccess, token), token);
    }

    Result<Handle> openThreadToken(Handle thread, int desiredAccess, boolean openAsSelf) {
        HANDLEByReference token = new HANDLEByReference();
        return win32Handle(calls.advapi32().OpenThreadToken(handle(thread), desiredAccess, openAsSelf, token), token);
    }

    Result<Handle> ntOpenProcessTokenEx(Handle process, int desiredAccess, int handleAttributes) {
        HANDLEByReference token = new HANDLEByReference();
        return ntHandle(calls.ntdll().NtOpenProcessTokenEx(handle(process), desiredAccess, handleAttributes, token), token);
    }

    Result<Handle> ntOpenThreadTokenEx(Handle thread, int desiredAccess, boolean openAsSelf, int handleAttributes) {
        HANDLEByReference token = new HANDLEByReference();
        return ntHandle(calls.ntdll().NtOpenThreadTokenEx(handle(thread), desiredAccess, (byte) (openAsSelf ? 1 : 0),
                handleAttributes, token), token);
    }

    Result<Handle> duplicateToken(Handle token, ImpersonationLevel level) {
        HANDLEByReference duplicate = new HANDLEByReference();
        return win32Handle(calls.advapi32().DuplicateToken(handle(token), level.code(), duplicate), duplicate);
    }

    Result<Handle> duplicateTokenEx(Handle token, int desiredAccess, SecurityDescriptor securityDescriptor,
                                    ImpersonationLevel level, TokenType type) {
        HANDLEByReference duplicate = new HANDLEByReference();
        try (Memory attributes = securityDescriptor == null ? null : securityAttributes(securityDescriptor)) {
            boolean ok = calls.advapi32().DuplicateTokenEx(handle(token), desiredAccess, attributes, level.code(), type.code(),
                    duplicate);
            return win32Handle(ok, duplicate);
        }
    }

    /** {@code SECURITY_ATTRIBUTES} (not inheritable) with the self-relative descriptor after it. */
    static Memory securityAttributes(SecurityDescriptor descriptor) {
        StructLayout layout = NativeLayout.SECURITY_ATTRIBUTES;
        byte[] sd = SecurityEncoding.selfRelative(descriptor);
        Memory memory = new Memory(layout.size() + sd.length);
        memory.clear();
        memory.write(layout.size(), sd, 0, sd.length);
        memory.setInt(layout.offset("nLength"), layout.size());
        memory.setPointer(layout.offset("lpSecurityDescriptor"), memory.share(layout.size()));
        return memory;
    }

    Result<Handle> ntDuplicateToken(Handle token, int desiredAccess, ImpersonationLevel level, boolean effectiveOnly,
                                    TokenType type) {
        Objects.requireNonNull(type, "type");
        HANDLEByReference duplicate = new HANDLEByReference();
        try (Memory attributes = objectAttributes(level)) {
            int status = calls.ntdll().NtDuplicateToken(handle(token), desiredAccess, attributes,
                    (byte) (effectiveOnly ? 1 : 0), type.code(), duplicate);
            return ntHandle(status, duplicate);
        }
    }

    /**
     * {@code OBJECT_ATTRIBUTES} with, when {@code level} is given, a {@code SECURITY_QUALITY_OF_SERVICE}
     * (static tracking, not effective-only) after it; without a level no SQOS (R53: the duplicate is Anonymous).
     */
    private static Memory objectAttributes(ImpersonationLevel level) {
        StructLayout oa = NativeLayout.OBJECT_ATTRIBUTES;
        StructLayout qos = NativeLayout.SECURITY_QUALITY_OF_SERVICE;
        Memory memory = new Memory(oa.size() + qos.size());
        memory.clear();
        memory.setInt(oa.offset("Length"), oa.size());
        if (level != null) {
            memory.setInt(oa.size() + qos.offset("Length"), qos.size());
            memory.setInt(oa.size() + qos.offset("ImpersonationLevel"), level.code());
            memory.setByte(oa.size() + qos.offset("ContextTrackingMode"), (byte) NativeConstants.SECURITY_STATIC_TRACKING);
            memory.setPointer(oa.offset("SecurityQualityOfService"), memory.share(oa.size()));
        }
        return memory;
    }

    Result<Handle> createRestrictedToken(Handle token, int flags, List<Sid> sidsToDisable, List<Luid> privilegesToDelete,
                                         List<Sid> sidsToRestrict) {
        HANDLEByReference restricted = new HANDLEByReference();
        try (Memory disable = NativeEncoding.sidAndAttributesArray(sidsToDisable);
             Memory delete = NativeEncoding.luidAndAttributesArray(privilegesToDelete);
             Memory restrict = NativeEncoding.sidAndAttributesArray(sidsToRestrict)) {
            boolean ok = calls.advapi32().CreateRestrictedToken(handle(token), flags, sidsToDisable.size(), disable,
                    privilegesToDelete.size(), delete, sidsToRestrict.size(), restrict, restricted);
            return win32Handle(ok, restricted);
        }
    }
}
