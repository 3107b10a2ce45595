package io.github.tokenbridge.api;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.LeakDetection;
import io.github.tokenbridge.LeakReport;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.OpenAs;
import io.github.tokenbridge.OpenHandle;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.testing.CapturedOutput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** Handle ownership: exactly-once close, use after close, foreign tokens, leak reports, exceptions. */
class HandleOwnershipPolicyTest {

    private final FakeThreadTokens fake = new FakeThreadTokens();

    private static Handle handleOf(TokenSystem system) {
        OpenHandle open = system.openHandles().get(0);
        return new Handle(Long.decode(open.handle()));
    }

    @Test
    void close_manyThreadsRacing_closesHandleExactlyOnce() throws Exception {
        try (TokenSystem system = Tokens.over(fake.backend)) {
            for (int round = 0; round < 20; round++) {
                AccessToken token = system.openProcessToken(Set.of(TokenAccess.QUERY));
                Handle handle = handleOf(system);
                int threads = 16;
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Thread> closers = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    Thread t = new Thread(() -> {
                        try {
                            start.await();
                            token.close();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    closers.add(t);
                    t.start();
                }
                for (Thread t : closers) {
                    t.join();
                }
                verify(fake.backend, times(1)).closeHandle(handle);
                assertFalse(token.isOpen());
                assertTrue(system.openHandles().isEmpty());
            }
            assertTrue(system.leakReport().isEmpty());
        }
    }

    @Test
    void close_whileACallIsInProgress_closesHandleWhenTheCallReturns() throws Exception {
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (TokenSystem system = Tokens.over(fake.backend)) {
            AccessToken token = system.openProcessToken(Set.of(TokenAccess.QUERY));
            Handle handle = handleOf(system);
            doAnswer(a -> {
                inCall.countDown();
                release.await(10, TimeUnit.SECONDS);
                return Result.ok(new TokenInformation(TokenInformationClass.TokenSessionId, 4, 7));
            }).when(fake.backend).getTokenInformation(any(), eq(TokenInformationClass.TokenSessionId), anyInt());
            int[] session = new int[1];
            Thread caller = new Thread(() -> session[0] = token.sessionId());
            caller.start();
            assertTrue(inCall.await(10, TimeUnit.SECONDS));

            token.close();
            verify(fake.backend, never()).closeHandle(handle);
            assertThrows(IllegalStateException.class, token::type);

            release.countDown();
            caller.join();
            assertEquals(7, session[0]);
            verify(fake.backend, times(1)).closeHandle(handle);
        }
    }

    @Test
    void use_afterClose_throwsIllegalState() {
        try (TokenSystem system = Tokens.over(fake.backend)) {
            AccessToken token = system.openProcessToken(Set.of(TokenAccess.QUERY));
            token.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, token::statistics);
            assertTrue(e.getMessage().contains("is closed"), e.getMessage());
            assertThrows(IllegalStateException.class,
                    () -> token.duplicate(Set.of(), ImpersonationLevel.IDENTIFICATION, TokenType.IMPERSONATION));
        }
    }

    @Test
    void operations_afterSystemClose_throwIllegalStateAndTokensAreClosed() {
        TokenSystem system = Tokens.over(fake.backend);
        AccessToken token = system.openProcessToken(Set.of(TokenAccess.QUERY));
        try (CapturedOutput output = CapturedOutput.capture()) {
            system.close();
            output.assertLogged(Level.WARNING, "TokenSystem closed with 1 leaked handle(s)", 1);
        }
        assertThrows(IllegalStateException.class, () -> system.openProcessToken(Set.of(TokenAccess.QUERY)));
        assertThrows(IllegalStateException.class, token::type);
        verify(fake.backend).close();
    }

    @Test
    void openProcessToken_nullAccess_throwsNullPointer() {
        try (TokenSystem system = Tokens.over(fake.backend)) {
            assertThrows(NullPointerException.class, () -> system.openProcessToken(null));
            assertThrows(NullPointerException.class, () -> system.openThreadToken(Set.of(), null));
        }
    }

    @Test
    @DisplayName("R27: ERROR_NO_TOKEN is an empty Optional; another error is a WinTokenException")
    void openThreadToken_noToken_isEmptyOtherErrorsThrow() {
        try (TokenSystem system = Tokens.over(fake.backend)) {
            assertEquals(Optional.empty(), system.openThreadToken(Set.of(TokenAccess.QUERY), OpenAs.SELF));
            doReturn(Result.failure(NtStatus.STATUS_ACCESS_DENIED)).when(fake.backend)
                    .openThreadToken(any(), anyInt(), eq(false));
            WinTokenException e = assertThrows(WinTokenException.class,
                    () -> system.openThreadToken(Set.of(TokenAccess.QUERY), OpenAs.THREAD));
            assertEquals("OpenThreadToken", e.function());
            assertEquals("ERROR_ACCESS_DENIED", e.win32ErrorName());
            assertEquals(Optional.of("STATUS_ACCESS_DENIED"), e.ntStatusName());
            assertEquals(BackendKind.MODEL, e.backend());
        }
    }

    @Test
    void openProcessToken_win32FailureWithoutStatus_exceptionHasNoNtStatus() {
        doReturn(Result.win32Failure(5)).when(fake.backend).openProcessToken(any(), anyInt());
        try (TokenSystem system = Tokens.over(fake.backend)) {
            WinTokenException e = assertThrows(WinTokenException.class,
                    () -> system.openProcessToken(Set.of(TokenAccess.QUERY)));
            assertEquals("OpenProcessToken failed: ERROR_ACCESS_DENIED (5) [model]", e.getMessage());
            assertTrue(e.ntStatus().isEmpty());
        }
    }

    @Test
    @DisplayName("R3: a primary token has no impersonation level; the API does not ask the backend")
    void impersonationLevel_primaryToken_isEmpty() {
        try (TokenSystem system = Tokens.over(fake.backend);
             AccessToken token = system.openProcessToken(Set.of(TokenAccess.QUERY))) {
            assertEquals(Optional.empty(), token.impersonationLevel());
            verify(fake.backend, never()).getTokenInformation(any(), eq(TokenInformationClass.TokenImpersonationLevel), anyInt());
        }
    }

    @Test
    void close_systemWithOpenToken_reportsLeakWithOpeningSite() {
        TokenSystem system = Tokens.over(fake.backend);
        system.leakDetection(LeakDetection.FULL);
        system.openProcessToken(Set.of(TokenAccess.QUERY));
        assertEquals(1, system.openHandles().size());
        assertTrue(system.openHandles().get(0).openedBy().contains("close_systemWithOpenToken_reportsLeakWithOpeningSite"));

        try (CapturedOutput output = CapturedOutput.capture()) {
            system.close();
            String logged = output.assertLogged(Level.WARNING, "TokenSystem closed with 1 leaked handle(s)");
            assertTrue(logged.contains("HandleOwnershipPolicyTest.close_systemWithOpenToken"), logged);
        }

        LeakReport report = system.leakReport();
        assertEquals(1, report.leaks().size());
        LeakReport.Leak leak = report.leaks().get(0);
        assertEquals(LeakReport.Reason.OPEN_WHEN_SYSTEM_CLOSED, leak.reason());
        assertTrue(leak.handle().openedBy().contains("HandleOwnershipPolicyTest.close_systemWithOpenToken"),
                leak.handle().openedBy());
        assertTrue(report.toString().contains("process token [QUERY]"), report.toString());
        assertTrue(report.toString().contains("[leak detection FULL]"), report.toString());
        assertTrue(system.openHandles().isEmpty());
        assertEquals(0, fake.handles.size(), "every fake handle was closed");
    }

    private static void openAndForget(TokenSystem system) {
        system.openProcessToken(Set.of(TokenAccess.QUERY));
    }

    @Test
    void leakReport_tokenGarbageCollectedUnclosed_namesWhereItWasOpened() throws Exception {
        try (CapturedOutput output = CapturedOutput.capture()) {
            TokenSystem system = Tokens.over(fake.backend);
            system.leakDetection(LeakDetection.FULL);
            openAndForget(system);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (system.leakReport().isEmpty() && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
            LeakReport report = system.leakReport();
            assertEquals(1, report.leaks().size(), "the Cleaner did not run within 20 s");
            assertEquals(LeakReport.Reason.GARBAGE_COLLECTED_WITHOUT_CLOSE, report.leaks().get(0).reason());
            assertTrue(report.leaks().get(0).handle().openedBy().contains("openAndForget"));
            assertEquals(0, fake.handles.size(), "the Cleaner closed the handle");
            String logged = output.assertLogged(Level.WARNING, "tokenbridge closed a leaked handle: process token [QUERY]", 1).get(0);
            assertTrue(logged.contains("openAndForget"), logged);
            system.close();
            output.assertLogged(Level.WARNING, "TokenSystem closed with 1 leaked handle(s)", 1); // the report keeps the leak
        }
    }

    @Test
    @DisplayName("leak detection OFF records no stack; the report says so and how to get one")
    void leakReport_detectionOff_noStackAndReportNamesLevel() {
        TokenSystem system = Tokens.over(fake.backend);
        system.leakDetection(LeakDetection.OFF);
        system.openProcessToken(Set.of(TokenAccess.QUERY));
        try (CapturedOutput output = CapturedOutput.capture()) {
            system.close();
            output.assertLogged(Level.WARNING, "not recorded at leak detection OFF", 1);
        }

        LeakReport.Leak leak = system.leakReport().leaks().get(0);
        assertEquals(LeakDetection.OFF, leak.handle().detection());
        assertFalse(leak.handle().siteRecorded());
        assertTrue(leak.handle().openedBy().contains("not recorded at leak detection OFF"), leak.handle().openedBy());
        String report = system.leakReport().toString();
        assertTrue(report.contains("[leak detection OFF: opening stack not recorded; -Dtokenbridge.leakDetection=full"), report);
        assertTrue(report.contains("process token [QUERY]"), report);
    }

    @Test
    @DisplayName("the default level SAMPLED records the opening stack of a small share of handles, and says which")
    void openHandles_defaultSampled_recordsSomeStacksNotAll() {
        try (TokenSystem system = Tokens.over(fake.backend)) {
            assertEquals(LeakDetection.SAMPLED, system.leakDetection(), "no -Dtokenbridge.leakDetection in this build");
            List<AccessToken> tokens = new ArrayList<>();
            for (int i = 0; i < 20 * LeakDetection.SAMPLE_INTERVAL; i++) {
                tokens.add(system.openProcessToken(Set.of(TokenAccess.QUERY)));
            }
            long recorded = system.openHandles().stream().filter(OpenHandle::siteRecorded).count();
            assertTrue(recorded > 0 && recorded < tokens.size() / 4, recorded + " of " + tokens.size() + " recorded");
            assertTrue(system.openHandles().stream().filter(OpenHandle::siteRecorded)
                    .allMatch(h -> h.openedBy().contains("openHandles_defaultSampled")));
            tokens.forEach(AccessToken::close);
        }
    }

    @Test
    @DisplayName("an unknown -Dtokenbridge.leakDetection value is refused naming the property and the levels")
    void leakDetectionProperty_unknownValue_illegalArgument() throws Exception {
        java.lang.reflect.Method parse = LeakDetection.class.getDeclaredMethod("fromProperty", String.class);
        parse.setAccessible(true);
        assertEquals(LeakDetection.FULL, parse.invoke(null, " Full "));
        Throwable e = assertThrows(java.lang.reflect.InvocationTargetException.class, () -> parse.invoke(null, "paranoid")).getCause();
        assertInstanceOf(IllegalArgumentException.class, e);
        assertTrue(e.getMessage().contains("tokenbridge.leakDetection=paranoid"), e.getMessage());
    }
}
