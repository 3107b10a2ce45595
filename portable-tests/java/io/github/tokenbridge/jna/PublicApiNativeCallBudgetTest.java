package io.github.tokenbridge.jna;

import com.sun.security.auth.NTDomainPrincipal;
import com.sun.security.auth.NTSidPrimaryGroupPrincipal;
import com.sun.security.auth.NTUserPrincipal;
import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.Account;
import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.NamedPipeClient;
import io.github.tokenbridge.NamedPipeServer;
import io.github.tokenbridge.PipeServerOptions;
import io.github.tokenbridge.OpenAs;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.PrivilegeScope;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.SidType;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.WinTokenException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Counts the native calls (on the mocked advapi32 / ntdll / kernel32 bindings, answering like a plausible
 * Windows: {@link SimulatedWindowsTokens}) each public operation makes when the public API runs over the
 * jna backend, and checks them against the table "Native calls per public operation" in BENCHMARKS.md,
 * which must list exactly these operations with these counts, each at or above its stated minimum.
 * Every operation is also checked for its result and for leaving no handle open.
 */
class PublicApiNativeCallBudgetTest {

    private static final Set<TokenAccess> ACCESS = EnumSet.of(TokenAccess.QUERY, TokenAccess.DUPLICATE,
            TokenAccess.IMPERSONATE, TokenAccess.ADJUST_PRIVILEGES);
    private static final SecurityDescriptor SD = SecurityDescriptor.of(Sid.BUILTIN_ADMINISTRATORS,
            Sid.BUILTIN_ADMINISTRATORS, Acl.EMPTY);

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface Operation {
        /** Sets up (uncounted), performs the public operation through {@link Run#calls}, cleans up; returns the count. */
        int measure(Run run) throws Exception;
    }

    /** One fresh simulated Windows thread and a token system over the jna backend on it. */
    private static final class Run {
        final SimulatedWindowsTokens windows = new SimulatedWindowsTokens();
        final TokenSystem system = Tokens.over(windows.backend());

        int calls(Action action) throws Exception {
            windows.clearCalls();
            action.run();
            return windows.fake.nativeCalls();
        }

        AccessToken processToken() {
            return system.openProcessToken(ACCESS);
        }

        AccessToken impersonationToken(ImpersonationLevel level) {
            try (AccessToken process = processToken()) {
                return process.duplicate(ACCESS, level, TokenType.IMPERSONATION);
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The operations measured, keyed like the table rows: the operation in backticks, then the condition. */
    static Map<String, Operation> operations() {
        Map<String, Operation> ops = new LinkedHashMap<>();
        ops.put("TokenSystem.currentProcessId()", r -> {
            int[] pid = new int[1];
            int n = r.calls(() -> pid[0] = r.system.currentProcessId());
            assertEquals(4242, pid[0]);
            return n;
        });
        ops.put("TokenSystem.openProcessToken(access)", r -> {
            AccessToken[] t = new AccessToken[1];
            int n = r.calls(() -> t[0] = r.processToken());
            t[0].close();
            return n;
        });
        ops.put("TokenSystem.openProcessToken(pid, access)", r -> {
            AccessToken[] t = new AccessToken[1];
            int n = r.calls(() -> t[0] = r.system.openProcessToken(4, ACCESS));
            t[0].close();
            return n;
        });
        ops.put("TokenSystem.openThreadToken(access, openAs) (not impersonating)", r -> {
            Optional<?>[] t = new Optional<?>[1];
            int n = r.calls(() -> t[0] = r.system.openThreadToken(ACCESS, OpenAs.SELF));
            assertEquals(Optional.empty(), t[0]); // R27: ERROR_NO_TOKEN
            return n;
        });
        ops.put("TokenSystem.openThreadToken(access, openAs) (impersonating)", r -> {
            try (ImpersonationScope ignored = r.system.impersonateSelf(ImpersonationLevel.IMPERSONATION)) {
                Optional<?>[] t = new Optional<?>[1];
                int n = r.calls(() -> t[0] = r.system.openThreadToken(ACCESS, OpenAs.SELF));
                ((AccessToken) t[0].orElseThrow()).close();
                return n;
            }
        });
        ops.put("TokenSystem.openEffectiveToken(access) (not impersonating)", r -> {
            AccessToken[] t = new AccessToken[1];
            int n = r.calls(() -> t[0] = r.system.openEffectiveToken(ACCESS));
            assertEquals(TokenType.PRIMARY, t[0].type());
            t[0].close();
            return n;
        });
        ops.put("TokenSystem.openEffectiveToken(access) (impersonating)", r -> {
            try (ImpersonationScope ignored = r.system.impersonateSelf(ImpersonationLevel.IMPERSONATION)) {
                AccessToken[] t = new AccessToken[1];
                int n = r.calls(() -> t[0] = r.system.openEffectiveToken(ACCESS));
                assertEquals(TokenType.IMPERSONATION, t[0].type());
                t[0].close();
                return n;
            }
        });
        ops.put("AccessToken.user()", r -> {
            try (AccessToken t = r.processToken()) {
                Sid[] user = new Sid[1];
                int n = r.calls(() -> user[0] = t.user());
                assertEquals(SimulatedWindowsTokens.USER, user[0]);
                return n;
            }
        });
        ops.put("AccessToken.groups()", r -> {
            try (AccessToken t = r.processToken()) {
                int n = r.calls(() -> assertEquals(5, t.groups().size()));
                return n;
            }
        });
        ops.put("AccessToken.privileges()", r -> {
            try (AccessToken t = r.processToken()) {
                return r.calls(() -> assertEquals(Privilege.SeChangeNotifyPrivilege, t.privileges().get(0).privilege().orElseThrow()));
            }
        });
        ops.put("AccessToken.statistics()", r -> {
            try (AccessToken t = r.processToken()) {
                return r.calls(() -> assertEquals(r.windows.processToken.id(), t.statistics().tokenId().value()));
            }
        });
        ops.put("AccessToken.type() (first call)", r -> {
            try (AccessToken t = r.processToken()) {
                return r.calls(() -> assertEquals(TokenType.PRIMARY, t.type()));
            }
        });
        ops.put("AccessToken.impersonationLevel() (first call, primary token)", r -> {
            try (AccessToken t = r.processToken()) {
                return r.calls(() -> assertEquals(Optional.empty(), t.impersonationLevel())); // R3
            }
        });
        ops.put("AccessToken.impersonationLevel() (first call, impersonation token)", r -> {
            try (AccessToken t = r.impersonationToken(ImpersonationLevel.IDENTIFICATION)) {
                return r.calls(() -> assertEquals(Optional.of(ImpersonationLevel.IDENTIFICATION), t.impersonationLevel()));
            }
        });
        ops.put("AccessToken.impersonationLevel() (later calls)", r -> {
            try (AccessToken t = r.impersonationToken(ImpersonationLevel.IDENTIFICATION)) {
                t.impersonationLevel();
                return r.calls(() -> assertEquals(Optional.of(ImpersonationLevel.IDENTIFICATION), t.impersonationLevel()));
            }
        });
        ops.put("AccessToken.duplicate(access, level, type)", r -> {
            try (AccessToken t = r.processToken()) {
                AccessToken[] copy = new AccessToken[1];
                int n = r.calls(() -> copy[0] = t.duplicate(ACCESS, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
                copy[0].close();
                return n;
            }
        });
        ops.put("AccessToken.close()", r -> {
            AccessToken t = r.processToken();
            int n = r.calls(t::close);
            assertFalse(t.isOpen());
            return n;
        });
        ops.put("TokenSystem.impersonate(token) (not impersonating, primary token, first use)", r -> {
            try (AccessToken t = r.processToken()) {
                ImpersonationScope[] s = new ImpersonationScope[1];
                int n = r.calls(() -> s[0] = r.system.impersonate(t));
                assertEquals(ImpersonationLevel.IMPERSONATION, s[0].obtainedLevel()); // R42
                s[0].close();
                return n;
            }
        });
        ops.put("TokenSystem.impersonate(token) (not impersonating, level already known)", r -> {
            try (AccessToken t = r.processToken()) {
                t.impersonationLevel();
                ImpersonationScope[] s = new ImpersonationScope[1];
                int n = r.calls(() -> s[0] = r.system.impersonate(t));
                s[0].close();
                return n;
            }
        });
        ops.put("ImpersonationScope.close() (restoring not impersonating)", r -> {
            try (AccessToken t = r.processToken()) {
                ImpersonationScope s = r.system.impersonate(t);
                assertNotNull(r.windows.threadToken);
                int n = r.calls(s::close);
                assertNull(r.windows.threadToken); // R45
                return n;
            }
        });
        ops.put("TokenSystem.impersonate(token) (impersonating, nested, level already known)", r -> {
            try (ImpersonationScope outer = r.system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
                 AccessToken t = r.impersonationToken(ImpersonationLevel.IMPERSONATION)) {
                t.impersonationLevel();
                ImpersonationScope[] s = new ImpersonationScope[1];
                int n = r.calls(() -> s[0] = r.system.impersonate(t));
                assertTrue(s[0].restoresPreviousImpersonation());
                s[0].close();
                return n;
            }
        });
        ops.put("ImpersonationScope.close() (restoring a previous token)", r -> {
            try (ImpersonationScope outer = r.system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
                 AccessToken t = r.impersonationToken(ImpersonationLevel.IMPERSONATION)) {
                SimulatedWindowsTokens.SimToken before = r.windows.threadToken;
                ImpersonationScope inner = r.system.impersonate(t);
                int n = r.calls(inner::close);
                assertEquals(before, r.windows.threadToken); // R46
                return n;
            }
        });
        ops.put("TokenSystem.impersonateSelf(level) (not impersonating)", r -> {
            ImpersonationScope[] s = new ImpersonationScope[1];
            int n = r.calls(() -> s[0] = r.system.impersonateSelf(ImpersonationLevel.IDENTIFICATION));
            assertEquals(ImpersonationLevel.IDENTIFICATION, s[0].obtainedLevel()); // R41
            s[0].close();
            return n;
        });
        ops.put("ImpersonationScope.close() (after impersonateSelf, restoring not impersonating)", r -> {
            ImpersonationScope s = r.system.impersonateSelf(ImpersonationLevel.IDENTIFICATION);
            int n = r.calls(s::close);
            assertNull(r.windows.threadToken);
            return n;
        });
        ops.put("TokenSystem.impersonateAnonymous() (not impersonating)", r -> {
            ImpersonationScope[] s = new ImpersonationScope[1];
            int n = r.calls(() -> s[0] = r.system.impersonateAnonymous());
            assertEquals(ImpersonationLevel.IMPERSONATION, s[0].obtainedLevel()); // R44
            s[0].close();
            return n;
        });
        ops.put("TokenSystem.runImpersonated(token, work) (not impersonating, level already known)", r -> {
            try (AccessToken t = r.processToken()) {
                t.impersonationLevel();
                boolean[] inside = new boolean[1];
                int n = r.calls(() -> r.system.runImpersonated(t, () -> inside[0] = r.windows.threadToken != null));
                assertTrue(inside[0]);
                assertNull(r.windows.threadToken);
                return n;
            }
        });
        ops.put("TokenSystem.revertToSelf()", r -> {
            r.windows.threadToken = r.windows.newToken(TokenType.IMPERSONATION, ImpersonationLevel.IMPERSONATION);
            int n = r.calls(r.system::revertToSelf);
            assertNull(r.windows.threadToken);
            return n;
        });
        ops.put("TokenSystem.isImpersonating() (not impersonating)", r ->
                r.calls(() -> assertFalse(r.system.isImpersonating())));
        ops.put("TokenSystem.isImpersonating() (impersonating)", r -> {
            try (ImpersonationScope ignored = r.system.impersonateSelf(ImpersonationLevel.IMPERSONATION)) {
                return r.calls(() -> assertTrue(r.system.isImpersonating()));
            }
        });
        ops.put("TokenSystem.enablePrivileges(token, privileges)", r -> {
            try (AccessToken t = r.processToken()) {
                PrivilegeScope[] s = new PrivilegeScope[1];
                int n = r.calls(() -> s[0] = r.system.enablePrivileges(t, Privilege.SeShutdownPrivilege));
                assertTrue(s[0].allAssigned());
                s[0].close();
                return n;
            }
        });
        ops.put("PrivilegeScope.close()", r -> {
            try (AccessToken t = r.processToken()) {
                PrivilegeScope s = r.system.enablePrivileges(t, Privilege.SeShutdownPrivilege);
                int n = r.calls(s::close);
                assertEquals(0, t.privileges().get(1).attributes()); // R56: back to disabled
                return n;
            }
        });
        ops.put("TokenSystem.privilegeCheck(token, requireAll, privileges)", r -> {
            try (AccessToken t = r.processToken()) {
                return r.calls(() -> assertTrue(r.system.privilegeCheck(t, true, Privilege.SeChangeNotifyPrivilege)));
            }
        });
        ops.put("TokenSystem.checkTokenMembership(token, sid)", r -> {
            try (AccessToken t = r.impersonationToken(ImpersonationLevel.IDENTIFICATION)) {
                return r.calls(() -> assertTrue(r.system.checkTokenMembership(t, Sid.EVERYONE)));
            }
        });
        ops.put("TokenSystem.checkTokenMembership(sid)", r ->
                r.calls(() -> assertTrue(r.system.checkTokenMembership(Sid.EVERYONE))));
        ops.put("TokenSystem.accessCheck(sd, token, desired, mapping)", r -> {
            try (AccessToken t = r.impersonationToken(ImpersonationLevel.IDENTIFICATION)) {
                AccessCheckResult[] result = new AccessCheckResult[1];
                int n = r.calls(() -> result[0] = r.system.accessCheck(SD, t, 1, GenericMapping.FILE));
                assertTrue(result[0].accessStatus());
                assertEquals(1, result[0].grantedAccess());
                return n;
            }
        });
        ops.put("TokenSystem.createRestricted(token, ...)", r -> {
            try (AccessToken t = r.processToken()) {
                AccessToken[] restricted = new AccessToken[1];
                int n = r.calls(() -> restricted[0] = r.system.createRestricted(t, Set.of(), List.of(Sid.EVERYONE),
                        List.of(), List.of(Sid.RESTRICTED_CODE)));
                restricted[0].close();
                return n;
            }
        });
        // ---- account names (issue 14; N1-N9): SimulatedWindowsAccounts, a workgroup computer SIMPC
        ops.put("TokenSystem.lookupAccount(sid) (uncached)", r -> {
            Account[] a = new Account[1];
            int n = r.calls(() -> a[0] = r.system.lookupAccount(SimulatedWindowsTokens.USER));
            assertEquals(new Account(SimulatedWindowsTokens.USER, "alice", "SIMPC", SidType.USER), a[0]);
            return n;
        });
        ops.put("TokenSystem.lookupAccount(sid) (cached)", r -> {
            r.system.lookupAccount(SimulatedWindowsAccounts.LOGON_SID);
            Account[] a = new Account[1];
            int n = r.calls(() -> a[0] = r.system.lookupAccount(SimulatedWindowsAccounts.LOGON_SID));
            assertEquals(new Account(SimulatedWindowsAccounts.LOGON_SID, "LogonSessionId_0_205547", "NT AUTHORITY",
                    SidType.LOGON_SESSION), a[0]); // N4 as decided
            return n;
        });
        ops.put("TokenSystem.lookupAccount(sid) (a SID with no name)", r -> {
            Sid unnamed = Sid.parse("S-1-5-21-1-2-3-4242");
            int n = r.calls(() -> assertEquals(Win32Error.ERROR_NONE_MAPPED.code(),
                    assertThrows(WinTokenException.class, () -> r.system.lookupAccount(unnamed)).win32Error())); // N2
            return n;
        });
        ops.put("TokenSystem.lookupAccounts(sids) (a token's user and groups, uncached)", r -> {
            List<Sid> sids = userAndGroups(r);
            Map<?, ?>[] names = new Map<?, ?>[1];
            int n = r.calls(() -> names[0] = r.system.lookupAccounts(sids));
            assertEquals(expectedNames(r, sids), names[0]);
            return n;
        });
        ops.put("TokenSystem.lookupAccounts(sids) (a token's user and groups, cached)", r -> {
            List<Sid> sids = userAndGroups(r);
            r.system.lookupAccounts(sids);
            Map<?, ?>[] names = new Map<?, ?>[1];
            int n = r.calls(() -> names[0] = r.system.lookupAccounts(sids));
            assertEquals(expectedNames(r, sids), names[0]);
            return n;
        });
        ops.put("TokenSystem.lookupAccounts(sids) (none mapped)", r -> {
            List<Sid> sids = List.of(Sid.parse("S-1-5-21-1-2-3-4242"), Sid.parse("S-1-5-21-1-2-3-4243"));
            Map<?, ?>[] names = new Map<?, ?>[1];
            int n = r.calls(() -> names[0] = r.system.lookupAccounts(sids)); // STATUS_NONE_MAPPED: no made-up names
            assertEquals(Map.of(), names[0]);
            return n;
        });
        ops.put("TokenSystem.accountNames(token) (uncached)", r -> {
            try (AccessToken t = r.processToken()) {
                Map<?, ?>[] names = new Map<?, ?>[1];
                int n = r.calls(() -> names[0] = r.system.accountNames(t));
                assertEquals(expectedNames(r, userAndGroups(r)), names[0]);
                return n;
            }
        });
        ops.put("TokenSystem.accountNames(token) (names cached)", r -> {
            try (AccessToken t = r.processToken()) {
                r.system.accountNames(t);
                Map<?, ?>[] names = new Map<?, ?>[1];
                int n = r.calls(() -> names[0] = r.system.accountNames(t));
                assertEquals(expectedNames(r, userAndGroups(r)), names[0]);
                return n;
            }
        });
        ops.put("TokenSystem.lookupAccount(name)", r -> {
            Account[] a = new Account[1];
            int n = r.calls(() -> a[0] = r.system.lookupAccount("builtin\\users")); // N8: case ignored
            assertEquals(new Account(Sid.BUILTIN_USERS, "users", "BUILTIN", SidType.ALIAS), a[0]);
            return n;
        });
        ops.put("TokenSystem.isMemberOf(token, groupName) (impersonation token, type known)", r -> {
            try (AccessToken t = r.impersonationToken(ImpersonationLevel.IDENTIFICATION)) {
                t.type();
                return r.calls(() -> assertTrue(r.system.isMemberOf(t, "Authenticated Users")));
            }
        });
        ops.put("TokenSystem.isMemberOf(token, groupName) (primary token, type known)", r -> {
            try (AccessToken t = r.processToken()) {
                t.type();
                return r.calls(() -> assertTrue(r.system.isMemberOf(t, "Users")));
            }
        });
        ops.put("TokenSystem.subject(token) (uncached)", r -> {
            try (AccessToken t = r.processToken()) {
                javax.security.auth.Subject[] subject = new javax.security.auth.Subject[1];
                int n = r.calls(() -> subject[0] = r.system.subject(t));
                assertTrue(subject[0].getPrincipals().contains(new NTUserPrincipal("alice")));
                assertTrue(subject[0].getPrincipals().contains(new NTDomainPrincipal("SIMPC")));
                assertTrue(subject[0].getPrincipals().contains(
                        new NTSidPrimaryGroupPrincipal(SimulatedWindowsTokens.PRIMARY_GROUP.toString())));
                assertEquals(2 + 1 + 1 + 5, subject[0].getPrincipals().size());
                return n;
            }
        });
        // ---- object security (objects)
        ops.put("ObjectSecurityAccess.fileSecurity(path, parts)", r -> r.calls(() ->
                r.system.objects().fileSecurity("C:\\x", EnumSet.of(io.github.tokenbridge.SecurityPart.DACL))));
        ops.put("ObjectSecurityAccess.checkFileAccess(path, desired) (not impersonating)", r -> {
            AccessCheckResult[] result = new AccessCheckResult[1];
            int n = r.calls(() -> result[0] = r.system.objects().checkFileAccess("C:\\x", 1));
            assertTrue(result[0].accessStatus());
            return n;
        });
        ops.put("ObjectSecurityAccess.checkFileAccess(client, path, desired) (impersonation token)", r -> {
            try (AccessToken t = r.impersonationToken(ImpersonationLevel.IDENTIFICATION)) {
                t.type();
                return r.calls(() -> assertTrue(r.system.objects().checkFileAccess(t, "C:\\x", 1).accessStatus()));
            }
        });
        // ---- named pipes (pipes): one connection of SimulatedWindowsPipes, its client connected at once
        ops.put("NamedPipeServer.create(system, name, options)", r -> {
            NamedPipeServer[] server = new NamedPipeServer[1];
            int n = r.calls(() -> server[0] = NamedPipeServer.create(r.system, "budget", PipeServerOptions.defaults()));
            server[0].close();
            return n;
        });
        ops.put("NamedPipeServer.close()", r -> {
            NamedPipeServer server = NamedPipeServer.create(r.system, "budget", PipeServerOptions.defaults());
            return r.calls(server::close);
        });
        ops.put("NamedPipeServer request on an open connection (read, impersonateClient, scope close, write reply)", r -> {
            try (NamedPipeServer server = NamedPipeServer.create(r.system, "budget", PipeServerOptions.defaults())) {
                assertTrue(server.accept(Duration.ZERO)); // P10: ERROR_PIPE_CONNECTED
                r.windows.pipes.clientWrites(bytes("request"));
                int n = r.calls(() -> {
                    assertArrayEquals(bytes("request"), server.read());
                    try (ImpersonationScope scope = server.impersonateClient()) {
                        assertEquals(ImpersonationLevel.IMPERSONATION, scope.obtainedLevel()); // P21
                    }
                    server.write(bytes("reply"));
                });
                assertArrayEquals(bytes("reply"), r.windows.pipes.replyToClient());
                return n;
            }
        });
        ops.put("NamedPipeServer.read(timeout) (a message is waiting)", r -> {
            try (NamedPipeServer server = NamedPipeServer.create(r.system, "budget", PipeServerOptions.defaults())) {
                r.windows.pipes.clientWrites(bytes("request"));
                return r.calls(() -> assertArrayEquals(bytes("request"), server.read(Duration.ofSeconds(30))));
            }
        });
        ops.put("NamedPipeServer.read(timeout) (nothing comes within Duration.ZERO)", r -> {
            try (NamedPipeServer server = NamedPipeServer.create(r.system, "budget", PipeServerOptions.defaults())) {
                return r.calls(() -> assertThrows(TimeoutException.class, () -> server.read(Duration.ZERO))); // P28
            }
        });
        ops.put("NamedPipeClient.open(system, name, sqos)", r -> {
            NamedPipeClient[] client = new NamedPipeClient[1];
            int n = r.calls(() -> client[0] = NamedPipeClient.open(r.system, "budget", null));
            client[0].close();
            return n;
        });
        ops.put("NamedPipeClient.write(message)", r -> {
            try (NamedPipeClient client = NamedPipeClient.open(r.system, "budget", null)) {
                return r.calls(() -> client.write(bytes("request")));
            }
        });
        ops.put("NamedPipeClient.read(timeout) (the reply is waiting)", r -> {
            try (NamedPipeClient client = NamedPipeClient.open(r.system, "budget", null)) {
                r.windows.pipes.serverWrites(bytes("reply"));
                return r.calls(() -> assertArrayEquals(bytes("reply"), client.read(Duration.ofSeconds(30))));
            }
        });
        ops.put("TokenSystem.close() (no handle open)", r -> r.calls(r.system::close));
        return ops;
    }

    /** The simulated token's user and groups, read before the counted part. */
    private static List<Sid> userAndGroups(Run r) {
        try (AccessToken t = r.processToken()) {
            List<Sid> sids = new java.util.ArrayList<>();
            sids.add(t.user());
            t.groups().forEach(g -> sids.add(g.sid()));
            return sids;
        }
    }

    /** What SimulatedWindowsAccounts names each of {@code sids} (every one of the token's SIDs has a name). */
    private static Map<Sid, Account> expectedNames(Run r, List<Sid> sids) {
        Map<Sid, Account> expected = new LinkedHashMap<>();
        for (Sid sid : sids) {
            SimulatedWindowsAccounts.SimAccount a = r.windows.accounts.account(sid).orElseThrow();
            expected.put(sid, new Account(sid, a.name(), a.domain(), a.use()));
        }
        assertEquals(6, expected.size());
        return expected;
    }

    private static Map<String, Integer> measured() throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (Map.Entry<String, Operation> op : operations().entrySet()) {
            Run run = new Run();
            counts.put(op.getKey(), op.getValue().measure(run));
            run.system.close();
            assertEquals(Map.of(), run.windows.handles, op.getKey() + " left handles open");
            assertEquals(Map.of(), run.windows.pipes.objects, op.getKey() + " left pipe or event handles open");
            assertTrue(run.system.leakReport().isEmpty(), op.getKey() + " leaked: " + run.system.leakReport());
            assertNull(run.windows.threadToken, op.getKey() + " left the thread impersonating");
            assertEquals(Set.of(), run.windows.accounts.openPolicies(), op.getKey() + " left LSA policy handles open");
            assertEquals(0, run.windows.accounts.unfreedBlocks(), op.getKey() + " left LSA memory unfreed");
        }
        return counts;
    }

    /** The rows of the table: operation (with its condition) to {calls, minimum}. */
    private static Map<String, int[]> documented() throws Exception {
        String text = Files.readString(Path.of("BENCHMARKS.md"));
        int section = text.indexOf("## Native calls per public operation");
        assertTrue(section >= 0, "BENCHMARKS.md has no section \"Native calls per public operation\"");
        int end = text.indexOf("\n## ", section + 1);
        String table = text.substring(section, end < 0 ? text.length() : end);
        Map<String, int[]> rows = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\| `([^`]+)`([^|]*)\\| (\\d+) \\| (\\d+) \\|").matcher(table);
        while (m.find()) {
            rows.put(m.group(1) + m.group(2).stripTrailing(), new int[]{Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))});
        }
        return rows;
    }

    @Test
    @DisplayName("every public operation makes exactly the native calls BENCHMARKS.md lists (R27, R38, R39, R45, R46, R56)")
    void nativeCalls_everyPublicOperation_matchesTheBenchmarksTable() throws Exception {
        Map<String, Integer> table = new TreeMap<>();
        documented().forEach((name, counts) -> table.put(name, counts[0]));
        assertEquals(table, measured());
    }

    @Test
    void budgetTable_everyRow_isAtOrAboveItsMinimum() throws Exception {
        Map<String, int[]> rows = documented();
        assertFalse(rows.isEmpty());
        rows.forEach((name, counts) -> assertTrue(counts[0] >= counts[1],
                name + ": " + counts[0] + " calls is below the stated minimum " + counts[1]));
    }
}
