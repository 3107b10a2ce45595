package io.github.tokenbridge.jna;

import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every function the jna backend binds, called once on the real DLLs through the backend's own SPI
 * methods (a recording proxy in front of each binding proves each was reached): a missing export,
 * a wrong name or a signature JNA cannot marshal fails here, not in a user's first call. Calls that
 * take a handle get a value that is not open, so they must fail with the invalid-handle error and
 * change nothing.
 */
@EnabledOnOs(OS.WINDOWS)
class JnaBindingsLiveTest {

    /** A handle value this test never opened (handle values are multiples of 4; this one is far above the JVM's). */
    private static final Handle NOT_OPEN = new Handle(0x7FFC);
    private static final int INVALID_HANDLE = Win32Error.ERROR_INVALID_HANDLE.code();
    private static final int STATUS_INVALID_HANDLE = NtStatus.STATUS_INVALID_HANDLE.code();

    private final Set<String> called = new TreeSet<>();

    @SuppressWarnings("unchecked")
    private <T> T recording(Class<T> binding, T real, String dll) {
        return (T) Proxy.newProxyInstance(binding.getClassLoader(), new Class<?>[] {binding}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == binding) {
                called.add(dll + "!" + method.getName());
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Test
    void everyBoundFunction_calledOnce_resolvesAndAnswers() {
        assertTrue(JnaBackend.availability().isEmpty(), JnaBackend.availability().orElse(""));
        NativeCalls real = NativeCalls.load();
        JnaBackend backend = new JnaBackend(new NativeCalls(recording(Advapi32Calls.class, real.advapi32(), "advapi32"),
                recording(NtdllCalls.class, real.ntdll(), "ntdll"), recording(Kernel32Calls.class, real.kernel32(), "kernel32"),
                real.lastError(), real.setLastError()));
        Map<String, Result<?>> win32 = new LinkedHashMap<>();
        Map<String, Result<?>> nt = new LinkedHashMap<>();

        assertTrue(backend.getCurrentProcessId() > 0 && backend.getCurrentThreadId() > 0);
        Result<Handle> process = backend.openProcess(0x1000, backend.getCurrentProcessId()); // PROCESS_QUERY_LIMITED_INFORMATION
        assertTrue(process.succeeded(), process.toString());
        assertTrue(backend.closeHandle(process.value()).succeeded());
        Result<Handle> thread = backend.openThread(0x0800, backend.getCurrentThreadId()); // THREAD_QUERY_LIMITED_INFORMATION
        assertTrue(thread.succeeded(), thread.toString());
        assertTrue(backend.ntClose(thread.value()).succeeded());
        assertTrue(backend.impersonateSelf(ImpersonationLevel.IMPERSONATION).succeeded());
        assertTrue(backend.revertToSelf().succeeded());

        win32.put("DuplicateHandle", backend.duplicateHandle(NOT_OPEN, 0, 2));
        win32.put("OpenProcessToken", backend.openProcessToken(NOT_OPEN, JnaBackendLiveTest.TOKEN_QUERY));
        win32.put("OpenThreadToken", backend.openThreadToken(NOT_OPEN, JnaBackendLiveTest.TOKEN_QUERY, true));
        win32.put("DuplicateToken", backend.duplicateToken(NOT_OPEN, ImpersonationLevel.IMPERSONATION));
        win32.put("DuplicateTokenEx", backend.duplicateTokenEx(NOT_OPEN, 0, null, ImpersonationLevel.IMPERSONATION,
                TokenType.IMPERSONATION));
        win32.put("ImpersonateLoggedOnUser", backend.impersonateLoggedOnUser(NOT_OPEN));
        win32.put("SetThreadToken", backend.setThreadToken(null, NOT_OPEN));
        win32.put("ImpersonateAnonymousToken", backend.impersonateAnonymousToken(NOT_OPEN));
        win32.put("GetTokenInformation", backend.getTokenInformation(NOT_OPEN, TokenInformationClass.TokenType, -1));
        win32.put("SetTokenInformation", backend.setTokenInformation(NOT_OPEN, TokenInformationClass.TokenIntegrityLevel,
                Sid.LOW_LABEL));
        win32.put("AdjustTokenPrivileges", backend.adjustTokenPrivileges(NOT_OPEN, false,
                List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2)), -1));
        win32.put("AdjustTokenGroups", backend.adjustTokenGroups(NOT_OPEN, false, List.of(new TokenGroup(Sid.BUILTIN_USERS, 0)), -1));
        win32.put("PrivilegeCheck", backend.privilegeCheck(NOT_OPEN, List.of(Privilege.SeChangeNotifyPrivilege.luid()), true));
        win32.put("CheckTokenMembership", backend.checkTokenMembership(NOT_OPEN, Sid.EVERYONE));
        Sid owner = Sid.parse("S-1-5-21-1-2-3-4");
        win32.put("AccessCheck", backend.accessCheck(SecurityDescriptor.of(owner, owner, Acl.EMPTY), NOT_OPEN, 1,
                GenericMapping.FILE, -1));
        win32.put("CreateRestrictedToken", backend.createRestrictedToken(NOT_OPEN, 0, List.of(), List.of(), List.of()));
        win32.put("CloseHandle", backend.closeHandle(NOT_OPEN));

        nt.put("NtQueryObject", backend.queryGrantedAccess(NOT_OPEN));
        nt.put("NtOpenProcessTokenEx", backend.ntOpenProcessTokenEx(NOT_OPEN, JnaBackendLiveTest.TOKEN_QUERY, 0));
        nt.put("NtOpenThreadTokenEx", backend.ntOpenThreadTokenEx(NOT_OPEN, JnaBackendLiveTest.TOKEN_QUERY, true, 0));
        nt.put("NtDuplicateToken", backend.ntDuplicateToken(NOT_OPEN, 0, ImpersonationLevel.IMPERSONATION, false,
                TokenType.IMPERSONATION));
        nt.put("NtSetInformationThread", backend.ntSetInformationThreadImpersonationToken(NOT_OPEN, Handle.NULL));
        nt.put("NtImpersonateAnonymousToken", backend.ntImpersonateAnonymousToken(NOT_OPEN));
        nt.put("NtImpersonateThread", backend.ntImpersonateThread(NOT_OPEN, NOT_OPEN, ImpersonationLevel.IMPERSONATION, false, false));
        nt.put("NtQueryInformationToken", backend.ntQueryInformationToken(NOT_OPEN, TokenInformationClass.TokenType, -1));
        nt.put("NtClose", backend.ntClose(NOT_OPEN));

        win32.forEach((name, r) -> assertEquals(INVALID_HANDLE, r.win32Error(), name + " on a handle that is not open: " + r));
        win32.forEach((name, r) -> assertTrue(!r.succeeded(), name + ": " + r));
        nt.forEach((name, r) -> assertEquals(STATUS_INVALID_HANDLE, r.ntStatus().orElse(0), name + " on a handle that is not open: " + r));

        Set<String> bound = new TreeSet<>();
        BoundExports.BINDINGS.forEach((binding, dll) -> BoundExports.functions(binding).forEach(f -> bound.add(dll + "!" + f)));
        assertEquals(bound, called, "every bound function is called by this test");
    }
}
