package io.github.tokenbridge.processes;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.ProcessStartMethod;
import io.github.tokenbridge.RestrictedTokenFlag;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenProcess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.LogonOrigin;
import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.ModelProgram;
import io.github.tokenbridge.model.fault.FaultInjectingBackend;
import io.github.tokenbridge.model.fault.FaultPlan;
import io.github.tokenbridge.model.fault.SpiOperation;
import io.github.tokenbridge.model.internal.ModelInternals;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The process builder on the model (R18, R80-R85): who the child is, which function starts it, output
 * captured, refusals that name their rule and leave nothing behind.
 */
class TokenProcessBuilderTest {

    private static final Set<TokenAccess> QUERY_DUPLICATE = Set.of(TokenAccess.QUERY, TokenAccess.DUPLICATE);

    /**
     * A program that writes the user SID of its own process token, then whether Everyone is deny-only in it; it
     * reads through GetCurrentProcessToken() (R19), which needs no open of the token.
     */
    private static final ModelProgram WHOAMI = context -> {
        Handle token = Handle.CURRENT_PROCESS_TOKEN;
        {
            Object user = context.backend().getTokenInformation(token, TokenInformationClass.TokenUser, -1).value().value();
            @SuppressWarnings("unchecked")
            List<TokenGroup> groups = (List<TokenGroup>) context.backend()
                    .getTokenInformation(token, TokenInformationClass.TokenGroups, -1).value().value();
            boolean denyOnly = groups.stream().anyMatch(g -> g.sid().equals(Sid.EVERYONE) && (g.attributes() & 0x10) != 0);
            context.stdout().write((((TokenGroup) user).sid() + " " + (denyOnly ? "everyone-deny-only" : "everyone-enabled"))
                    .getBytes(StandardCharsets.UTF_8));
            return 7;
        }
    };

    private static ModelBackend model(ModelConfiguration configuration) {
        ModelBackend model = ModelBackend.create(configuration);
        model.registerProgram("whoami.exe", WHOAMI);
        return model;
    }

    private static String output(TokenProcess process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static AccessToken logonOther(ModelBackend model, TokenSystem system) {
        Handle h = model.world().logon(LogonPrincipal.OTHER, LogonType.INTERACTIVE, LogonOrigin.SYSTEM).value();
        return system.adopt(h.value(), "logon of the other user");
    }

    @Test
    void restrictedCopy_standardUser_runsAsUserWithOutputCaptured() throws Exception { // R82, R83
        ModelBackend model = model(ModelConfiguration.standardUser());
        try (TokenSystem system = Tokens.over(model);
             AccessToken own = system.openProcessToken(QUERY_DUPLICATE);
             AccessToken restricted = system.createRestricted(own, Set.<RestrictedTokenFlag>of(), List.of(Sid.EVERYONE),
                     List.of(), List.of())) {
            int processesBefore = ModelInternals.kernelServices(model.world()).kernel().processCount();
            TokenProcess p = system.processBuilder(restricted).command("whoami.exe").start();
            assertEquals(own.user() + " everyone-deny-only", output(p));
            assertEquals(7, p.waitFor());
            assertEquals("CreateProcessAsUserW", p.startedWith());
            assertEquals(processesBefore + 1, ModelInternals.kernelServices(model.world()).kernel().processCount());
            assertTrue(p.pid() > 0);
            assertThrows(UnsupportedOperationException.class, p::toHandle);
            assertFalse(p.isAlive());
        }
    }

    @Test
    void childProcess_whileImpersonatingAnotherUser_runsAsTheProcessToken() throws Exception { // R18
        ModelBackend model = model(ModelConfiguration.serviceImpersonate());
        try (TokenSystem system = Tokens.over(model); AccessToken other = logonOther(model, system);
             AccessToken own = system.openProcessToken(Set.of(TokenAccess.QUERY))) {
            TokenProcess p;
            try (var scope = system.impersonate(other)) {
                assertEquals(own.user(), system.childProcessBuilder().childUser());
                p = system.childProcessBuilder().command("whoami.exe").start();
            }
            assertEquals(own.user() + " everyone-enabled", output(p));
            assertEquals(7, p.waitFor());
            assertEquals("CreateProcessW", p.startedWith());
        }
    }

    @Test
    void otherUsersToken_standardUser_isRefusedNamingBothFunctionsAndLeavesNothing() { // R82, R84, L18
        ModelBackend model = model(ModelConfiguration.standardUser());
        try (TokenSystem system = Tokens.over(model); AccessToken other = logonOther(model, system)) {
            int processes = ModelInternals.kernelServices(model.world()).kernel().processCount();
            int handles = model.world().openHandleCount();
            WinTokenException e = assertThrows(WinTokenException.class,
                    () -> system.processBuilder(other).command("whoami.exe").start());
            assertEquals(1314, e.win32Error());
            assertTrue(e.getMessage().contains("CreateProcessAsUserW") && e.getMessage().contains("CreateProcessWithTokenW"),
                    e.getMessage());
            assertEquals(processes, ModelInternals.kernelServices(model.world()).kernel().processCount());
            assertEquals(handles, model.world().openHandleCount());
        }
    }

    @Test
    void otherUsersToken_asUserForced_failsWithPrivilegeNotHeld() { // R82, L18
        ModelBackend model = model(ModelConfiguration.standardUser());
        try (TokenSystem system = Tokens.over(model); AccessToken other = logonOther(model, system)) {
            WinTokenException e = assertThrows(WinTokenException.class, () -> system.processBuilder(other)
                    .method(ProcessStartMethod.AS_USER).command("whoami.exe").start());
            assertEquals("CreateProcessAsUserW", e.function());
            assertEquals(1314, e.win32Error());
        }
    }

    @Test
    void otherUsersToken_impersonatePrivilegeWithoutAssignPrimary_startsWithToken() throws Exception { // R84
        ModelConfiguration standard = ModelConfiguration.standardUser();
        List<io.github.tokenbridge.TokenPrivilege> privileges = new java.util.ArrayList<>(standard.privileges());
        privileges.add(new io.github.tokenbridge.TokenPrivilege(io.github.tokenbridge.Privilege.SeImpersonatePrivilege.luid(), 3));
        ModelBackend model = model(standard.toBuilder().privileges(privileges).build());
        try (TokenSystem system = Tokens.over(model); AccessToken other = logonOther(model, system)) {
            TokenProcess p = system.processBuilder(other).command("whoami.exe").start();
            assertEquals(other.user() + " everyone-enabled", output(p));
            assertEquals(7, p.waitFor());
            assertEquals("CreateProcessWithTokenW", p.startedWith());
        }
    }

    @Test
    void otherUsersToken_localSystem_startsAsUser() throws Exception { // R82 (SeAssignPrimaryTokenPrivilege)
        ModelBackend model = model(ModelConfiguration.localSystem());
        try (TokenSystem system = Tokens.over(model); AccessToken other = logonOther(model, system)) {
            TokenProcess p = system.processBuilder(other).command("whoami.exe").start();
            assertEquals(other.user() + " everyone-enabled", output(p));
            p.waitFor();
            assertEquals("CreateProcessAsUserW", p.startedWith());
        }
    }

    @Test
    void badInput_emptyCommandClosedTokenMissingDirectory_standardExceptionsAndNothingBehind() {
        ModelBackend model = model(ModelConfiguration.standardUser());
        try (TokenSystem system = Tokens.over(model)) {
            AccessToken own = system.openProcessToken(QUERY_DUPLICATE);
            assertThrows(IllegalArgumentException.class, () -> system.processBuilder(own).command());
            assertThrows(IllegalArgumentException.class, () -> system.processBuilder(own).command(""));
            assertThrows(NullPointerException.class, () -> system.processBuilder(own).command((String[]) null));
            assertThrows(IllegalStateException.class, () -> system.processBuilder(own).start());
            int processes = ModelInternals.kernelServices(model.world()).kernel().processCount();
            int handles = model.world().openHandleCount();
            WinTokenException missing = assertThrows(WinTokenException.class,
                    () -> system.processBuilder(own).command("whoami.exe").directory("C:\\no\\such\\dir").start());
            assertEquals(267, missing.win32Error()); // ERROR_DIRECTORY
            WinTokenException noProgram = assertThrows(WinTokenException.class,
                    () -> system.processBuilder(own).command("nosuchprogram.exe").start());
            assertEquals(2, noProgram.win32Error());
            assertEquals(processes, ModelInternals.kernelServices(model.world()).kernel().processCount());
            assertEquals(handles, model.world().openHandleCount());
            own.close();
            assertThrows(IllegalStateException.class, () -> system.processBuilder(own).command("whoami.exe").start());
        }
    }

    @Test
    void destroy_runningProgram_endsItAndClosesItsStreams() throws Exception {
        ModelBackend model = model(ModelConfiguration.standardUser());
        model.registerProgram("cat.exe", context -> {
            context.stdin().transferTo(context.stdout());
            return 0;
        });
        try (TokenSystem system = Tokens.over(model); AccessToken own = system.openProcessToken(QUERY_DUPLICATE)) {
            int handles = model.world().openHandleCount();
            TokenProcess p = system.processBuilder(own).command("cat.exe").start();
            p.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
            assertTrue(p.isAlive());
            p.destroy();
            assertEquals(1, p.waitFor());
            byte[] echoed = p.getInputStream().readAllBytes(); // ends: the child's end was closed by the termination
            assertTrue(echoed.length <= 5);
            assertEquals(handles, model.world().openHandleCount()); // the process and its duplicate token are closed
        }
    }

    @Test
    void profile_localSystem_loadedWhileRunningAndUnloadedAfter() throws Exception { // R85
        ModelBackend model = model(ModelConfiguration.localSystem());
        try (TokenSystem system = Tokens.over(model); AccessToken other = logonOther(model, system)) {
            TokenProcess p = system.processBuilder(other).command("cmd.exe", "/c", "echo", "hi").loadProfile("other")
                    .userEnvironment().start();
            assertEquals("hi\r\n", output(p));
            assertEquals(0, p.waitFor());
            assertEquals(0, model.loadedProfileCount());
        }
    }

    @Test
    void profile_standardUser_isRefusedAndNothingIsLoaded() { // R85
        ModelBackend model = model(ModelConfiguration.standardUser());
        try (TokenSystem system = Tokens.over(model); AccessToken own = system.openProcessToken(QUERY_DUPLICATE)) {
            WinTokenException e = assertThrows(WinTokenException.class,
                    () -> system.processBuilder(own).command("whoami.exe").loadProfile("me").start());
            assertEquals("LoadUserProfileW", e.function());
            assertEquals(0, model.loadedProfileCount());
        }
    }

    @Test
    void faultInjection_createProcessAsUserFails_surfacesAndLeavesNothing() {
        ModelBackend model = model(ModelConfiguration.standardUser());
        var faulty = FaultInjectingBackend.over(model, FaultPlan.builder().when(SpiOperation.CREATE_PROCESS_AS_USER).always()
                .failWith(io.github.tokenbridge.Win32Error.ERROR_ACCESS_DENIED).build());
        try (TokenSystem system = Tokens.over(faulty); AccessToken own = system.openProcessToken(QUERY_DUPLICATE)) {
            int processes = ModelInternals.kernelServices(model.world()).kernel().processCount();
            int handles = model.world().openHandleCount();
            WinTokenException e = assertThrows(WinTokenException.class,
                    () -> system.processBuilder(own).command("whoami.exe").start());
            assertEquals("CreateProcessAsUserW", e.function());
            assertEquals(processes, ModelInternals.kernelServices(model.world()).kernel().processCount());
            assertEquals(handles, model.world().openHandleCount());
        }
    }

    @Test
    void commandLine_argumentsWithBlanksAndQuotes_reachTheProgramIntact() throws Exception {
        ModelBackend model = model(ModelConfiguration.standardUser());
        model.registerProgram("args.exe", context -> {
            context.stdout().write(String.join("|", context.arguments()).getBytes(StandardCharsets.UTF_8));
            return 0;
        });
        try (TokenSystem system = Tokens.over(model); AccessToken own = system.openProcessToken(QUERY_DUPLICATE)) {
            TokenProcess p = system.processBuilder(own).command("args.exe", "a b", "c").start();
            assertEquals("a b|c", output(p));
            p.waitFor();
        }
    }
}
