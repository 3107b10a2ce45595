package io.github.tokenbridge.jna;

import com.sun.jna.ptr.IntByReference;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformationClass;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;

/**
 * Counts the native calls (on the mocked bindings) each SPI operation makes on its success path,
 * and checks the counts against the table "Native calls per operation" in BENCHMARKS.md, which
 * must list exactly these operations. Every one is at the minimum Windows allows: one call per SPI
 * call, two only when a token's information outgrows the first buffer (and for CreateEnvironmentBlock, whose
 * block is freed with DestroyEnvironmentBlock before the SPI returns).
 */
class NativeCallBudgetTest {

    private static final Handle TOKEN = new Handle(0x3C);
    private static final SecurityDescriptor SD = SecurityDescriptor.of(Sid.BUILTIN_ADMINISTRATORS, Sid.BUILTIN_ADMINISTRATORS,
            Acl.EMPTY);

    /** The operations measured, each on a fresh set of mocks; each returns what the SPI returned. */
    static Map<String, Function<FakeNative, Object>> operations() {
        Map<String, Function<FakeNative, Object>> ops = new LinkedHashMap<>();
        ops.put("getCurrentProcessId", f -> f.backend.getCurrentProcessId());
        ops.put("getCurrentThreadId", f -> f.backend.getCurrentThreadId());
        ops.put("openProcess", f -> f.backend.openProcess(0x1000, 4));
        ops.put("openThread", f -> f.backend.openThread(0x40, 4));
        ops.put("duplicateHandle", f -> f.backend.duplicateHandle(TOKEN, 0, 2));
        ops.put("closeHandle", f -> f.backend.closeHandle(TOKEN));
        ops.put("ntClose", f -> f.backend.ntClose(TOKEN));
        ops.put("queryGrantedAccess", f -> f.backend.queryGrantedAccess(TOKEN));
        ops.put("openProcessToken", f -> f.backend.openProcessToken(Handle.CURRENT_PROCESS, 8));
        ops.put("openThreadToken", f -> f.backend.openThreadToken(Handle.CURRENT_THREAD, 8, true));
        ops.put("ntOpenProcessTokenEx", f -> f.backend.ntOpenProcessTokenEx(Handle.CURRENT_PROCESS, 8, 0));
        ops.put("ntOpenThreadTokenEx", f -> f.backend.ntOpenThreadTokenEx(Handle.CURRENT_THREAD, 8, true, 0));
        ops.put("duplicateToken", f -> f.backend.duplicateToken(TOKEN, ImpersonationLevel.IMPERSONATION));
        ops.put("duplicateTokenEx", f -> f.backend.duplicateTokenEx(TOKEN, 0, SD, ImpersonationLevel.IMPERSONATION,
                TokenType.IMPERSONATION));
        ops.put("ntDuplicateToken", f -> f.backend.ntDuplicateToken(TOKEN, 0, ImpersonationLevel.IMPERSONATION, false,
                TokenType.IMPERSONATION));
        ops.put("impersonateSelf", f -> f.backend.impersonateSelf(ImpersonationLevel.IMPERSONATION));
        ops.put("impersonateLoggedOnUser", f -> f.backend.impersonateLoggedOnUser(TOKEN));
        ops.put("setThreadToken", f -> f.backend.setThreadToken(null, TOKEN));
        ops.put("impersonateAnonymousToken", f -> f.backend.impersonateAnonymousToken(Handle.CURRENT_THREAD));
        ops.put("revertToSelf", f -> f.backend.revertToSelf());
        ops.put("ntSetInformationThreadImpersonationToken",
                f -> f.backend.ntSetInformationThreadImpersonationToken(Handle.CURRENT_THREAD, TOKEN));
        ops.put("ntImpersonateAnonymousToken", f -> f.backend.ntImpersonateAnonymousToken(Handle.CURRENT_THREAD));
        ops.put("ntImpersonateThread", f -> f.backend.ntImpersonateThread(Handle.CURRENT_THREAD, Handle.CURRENT_THREAD,
                ImpersonationLevel.IMPERSONATION, false, false));
        ops.put("getTokenInformation (fixed-size class)",
                f -> f.backend.getTokenInformation(TOKEN, TokenInformationClass.TokenSessionId, -1));
        ops.put("getTokenInformation (variable class, fits 1024 bytes)",
                f -> f.backend.getTokenInformation(TOKEN, TokenInformationClass.TokenGroups, -1));
        ops.put("getTokenInformation (variable class, outgrows 1024 bytes)", f -> {
            doAnswer(i -> {
                i.getArgument(4, IntByReference.class).setValue(3000);
                if ((int) i.getArgument(3) < 3000) {
                    f.lastError = 122;
                    return false;
                }
                return true;
            }).when(f.advapi32).GetTokenInformation(any(), anyInt(), any(), anyInt(), any());
            return f.backend.getTokenInformation(TOKEN, TokenInformationClass.TokenGroups, -1);
        });
        ops.put("ntQueryInformationToken (fixed-size class)",
                f -> f.backend.ntQueryInformationToken(TOKEN, TokenInformationClass.TokenSessionId, -1));
        ops.put("setTokenInformation", f -> f.backend.setTokenInformation(TOKEN, TokenInformationClass.TokenIntegrityLevel,
                Sid.LOW_LABEL));
        ops.put("adjustTokenPrivileges", f -> f.backend.adjustTokenPrivileges(TOKEN, false,
                List.of(TokenPrivilege.of(Privilege.SeShutdownPrivilege, 2)), 64));
        ops.put("adjustTokenGroups", f -> f.backend.adjustTokenGroups(TOKEN, false, List.of(new TokenGroup(Sid.EVERYONE, 4)), -1));
        ops.put("privilegeCheck", f -> f.backend.privilegeCheck(TOKEN, List.of(Privilege.SeShutdownPrivilege.luid()), true));
        ops.put("checkTokenMembership", f -> f.backend.checkTokenMembership(Handle.NULL, Sid.EVERYONE));
        ops.put("accessCheck", f -> f.backend.accessCheck(SD, TOKEN, 1, GenericMapping.FILE, -1));
        ops.put("createRestrictedToken", f -> f.backend.createRestrictedToken(TOKEN, 0, List.of(Sid.EVERYONE), List.of(),
                List.of(Sid.RESTRICTED_CODE)));
        // ---- files and devices (io-skeleton)
        ops.put("createFile", f -> f.backend.createFile("\\\\.\\pipe\\x", 0xC0000000, 0, SD, 3, 0x00120000));
        // accounts and logons (issue 14)
        ops.put("lookupAccountSid", f -> f.backend.lookupAccountSid(null, Sid.EVERYONE));
        ops.put("lookupAccountName", f -> {
            doAnswer(i -> {
                i.getArgument(2, com.sun.jna.Pointer.class).write(0, Sid.EVERYONE.toBytes(), 0, 12);
                return true;
            }).when(f.advapi32).LookupAccountNameW(any(), any(), any(), any(), any(), any(), any());
            return f.backend.lookupAccountName(null, "Everyone");
        });
        ops.put("lsaLookupSids (batch: LsaOpenPolicy, LsaLookupSids, LsaClose)",
                f -> f.backend.lsaLookupSids(List.of(Sid.EVERYONE, Sid.BUILTIN_USERS)));
        ops.put("logonUser", f -> f.backend.logonUser("tb-user", ".", "x".toCharArray(), 2, 0));
        ops.put("lsaLogonUserS4U (not bound in jna)", f -> {
            try {
                return f.backend.lsaLogonUserS4U("tb-user", "HOST");
            } catch (UnsupportedOperationException notBound) {
                return null;
            }
        });
        // ---- named pipes and overlapped I/O (pipes)
        ops.put("createNamedPipe", f -> f.backend.createNamedPipe("\\\\.\\pipe\\x", 3, 6, 255, 4096, 4096, 5000, null));
        ops.put("connectNamedPipe", f -> f.backend.connectNamedPipe(TOKEN, null));
        ops.put("disconnectNamedPipe", f -> f.backend.disconnectNamedPipe(TOKEN));
        ops.put("waitNamedPipe", f -> f.backend.waitNamedPipe("\\\\.\\pipe\\budget", 0));
        ops.put("setNamedPipeHandleState", f -> f.backend.setNamedPipeHandleState(TOKEN, 2));
        ops.put("impersonateNamedPipeClient", f -> f.backend.impersonateNamedPipeClient(TOKEN));
        ops.put("getNamedPipeClientProcessId", f -> f.backend.getNamedPipeClientProcessId(TOKEN));
        ops.put("readFile", f -> f.backend.readFile(TOKEN, 64, null));
        ops.put("writeFile", f -> f.backend.writeFile(TOKEN, new byte[] {1, 2}, null));
        ops.put("createEvent", f -> f.backend.createEvent(true, false));
        ops.put("waitForSingleObject", f -> f.backend.waitForSingleObject(TOKEN, 0));
        ops.put("cancelIoEx", f -> {
            try (io.github.tokenbridge.backend.Overlapped ov = new io.github.tokenbridge.backend.Overlapped(Handle.NULL)) {
                return f.backend.cancelIoEx(TOKEN, ov);
            }
        });
        ops.put("cancelSynchronousIo", f -> f.backend.cancelSynchronousIo(TOKEN));
        ops.put("getOverlappedResult", f -> {
            try (io.github.tokenbridge.backend.Overlapped ov = new io.github.tokenbridge.backend.Overlapped(Handle.NULL)) {
                return f.backend.getOverlappedResult(TOKEN, ov, false);
            }
        });
        // ---- processes under a token (processes, issue 20); streams inherited, so no pipe calls
        io.github.tokenbridge.backend.ProcessStart start = io.github.tokenbridge.backend.ProcessStart.of("cmd.exe", 4);
        ops.put("createProcess", f -> f.backend.createProcess(start));
        ops.put("createProcessAsUser", f -> f.backend.createProcessAsUser(TOKEN, start));
        ops.put("createProcessWithToken", f -> f.backend.createProcessWithToken(TOKEN, 0, start));
        ops.put("resumeThread", f -> f.backend.resumeThread(TOKEN));
        ops.put("terminateProcess", f -> f.backend.terminateProcess(TOKEN, 1));
        ops.put("getExitCodeProcess", f -> f.backend.getExitCodeProcess(TOKEN));
        ops.put("loadUserProfile", f -> f.backend.loadUserProfile(TOKEN, "user"));
        ops.put("unloadUserProfile", f -> f.backend.unloadUserProfile(TOKEN, TOKEN));
        ops.put("createEnvironmentBlock (and its DestroyEnvironmentBlock)", f -> {
            com.sun.jna.Memory block = new com.sun.jna.Memory(16);
            block.clear();
            block.setWideString(0, "A=1");
            org.mockito.Mockito.when(f.userenv.CreateEnvironmentBlock(any(), any(), org.mockito.ArgumentMatchers.anyBoolean()))
                    .thenAnswer(inv -> {
                        inv.getArgument(0, com.sun.jna.ptr.PointerByReference.class).setValue(block);
                        return true;
                    });
            Object r = f.backend.createEnvironmentBlock(TOKEN, false);
            assertEquals(Map.of("A", "1"), ((io.github.tokenbridge.backend.Result<?>) r).value());
            return r;
        });
        // ---- object security (objects): a returned descriptor is freed with LocalFree (the second call)
        ops.put("createDirectory", f -> f.backend.createDirectory("C:\\d", SD));
        ops.put("removeDirectory", f -> f.backend.removeDirectory("C:\\d"));
        ops.put("deleteFile", f -> f.backend.deleteFile("C:\\d\\f"));
        ops.put("getTempPath", f -> {
            if (f.succeedingMode) {
                doAnswer(i -> 5).when(f.kernel32).GetTempPathW(anyInt(), any());
            }
            return f.backend.getTempPath();
        });
        ops.put("regCreateKeyEx", f -> f.backend.regCreateKeyEx(io.github.tokenbridge.backend.PredefinedKey.HKEY_CURRENT_USER,
                "Software\\x", 0, 0xF003F, SD));
        ops.put("regOpenKeyEx", f -> f.backend.regOpenKeyEx(io.github.tokenbridge.backend.PredefinedKey.HKEY_CURRENT_USER,
                "Software", 0, 0x20019));
        ops.put("regCloseKey", f -> f.backend.regCloseKey(TOKEN));
        ops.put("regDeleteTree", f -> f.backend.regDeleteTree(TOKEN, "x"));
        ops.put("getNamedSecurityInfo (descriptor freed with LocalFree)", f -> {
            returnsDescriptor(f, true);
            return f.backend.getNamedSecurityInfo("C:\\d", io.github.tokenbridge.backend.SeObjectType.SE_FILE_OBJECT, 0x4);
        });
        ops.put("setNamedSecurityInfo", f -> f.backend.setNamedSecurityInfo("C:\\d",
                io.github.tokenbridge.backend.SeObjectType.SE_FILE_OBJECT, 0x5, SD));
        ops.put("getSecurityInfo (descriptor freed with LocalFree)", f -> {
            returnsDescriptor(f, false);
            return f.backend.getSecurityInfo(TOKEN, io.github.tokenbridge.backend.SeObjectType.SE_KERNEL_OBJECT, 0x4);
        });
        ops.put("setSecurityInfo", f -> f.backend.setSecurityInfo(TOKEN, io.github.tokenbridge.backend.SeObjectType.SE_KERNEL_OBJECT,
                0x4, SD));
        return ops;
    }

    /** On a succeeding mock, GetNamedSecurityInfoW / GetSecurityInfo return a real self-relative descriptor (objects). */
    private static void returnsDescriptor(FakeNative f, boolean named) {
        if (!f.succeedingMode) {
            return;
        }
        byte[] bytes = SecurityEncoding.selfRelative(SD);
        com.sun.jna.Memory block = new com.sun.jna.Memory(bytes.length);
        block.write(0, bytes, 0, bytes.length);
        org.mockito.stubbing.Answer<Integer> answer = i -> {
            i.getArgument(7, com.sun.jna.ptr.PointerByReference.class).setValue(block);
            return 0;
        };
        if (named) {
            doAnswer(answer).when(f.advapi32).GetNamedSecurityInfoW(any(), anyInt(), anyInt(), any(), any(), any(), any(), any());
        } else {
            doAnswer(answer).when(f.advapi32).GetSecurityInfo(any(), anyInt(), anyInt(), any(), any(), any(), any(), any());
        }
    }

    private static Map<String, Integer> measured() {
        Map<String, Integer> counts = new TreeMap<>();
        operations().forEach((name, operation) -> {
            FakeNative fake = FakeNative.succeeding();
            operation.apply(fake);
            counts.put(name, fake.nativeCalls());
        });
        return counts;
    }

    private static Map<String, Integer> documented() throws Exception {
        String text = Files.readString(Path.of("BENCHMARKS.md"));
        int section = text.indexOf("## Native calls per operation");
        assertTrue(section >= 0, "BENCHMARKS.md has no section \"Native calls per operation\"");
        int end = text.indexOf("\n## ", section + 1); // the section ends where the next one begins
        Map<String, Integer> rows = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\| `([^`]+)`([^|]*)\\| (\\d+) \\|")
                .matcher(text.substring(section, end < 0 ? text.length() : end));
        while (m.find()) {
            rows.put(m.group(1) + m.group(2).stripTrailing(), Integer.parseInt(m.group(3)));
        }
        return rows;
    }

    @Test
    void nativeCalls_everySpiOperation_matchesTheBenchmarksTable() throws Exception {
        assertEquals(documented(), measured());
    }

    @Test
    void nativeCalls_everySpiOperation_isAtTheMinimum() {
        measured().forEach((name, count) -> assertEquals(
                name.contains("outgrows") || name.contains("DestroyEnvironmentBlock") || name.contains("LocalFree") ? 2 : name.contains("batch") ? 3
                : name.contains("not bound") ? 0 : 1, count, name));
    }

    @Test
    void budgetTable_everySpiMethod_isMeasured() {
        Set<String> measuredNames = new TreeSet<>();
        operations().keySet().forEach(n -> measuredNames.add(n.split(" ")[0]));
        Set<String> spi = new TreeSet<>();
        Arrays.stream(TokenBackend.class.getMethods()).map(Method::getName)
                .filter(n -> !n.equals("kind") && !n.equals("close")).forEach(spi::add);
        assertEquals(spi, measuredNames);
    }
}
