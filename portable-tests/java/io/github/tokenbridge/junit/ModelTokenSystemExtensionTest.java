package io.github.tokenbridge.junit;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.testing.CapturedOutput;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The JUnit extension: injection and presets directly, and (through the engine test kit) that leaks fail the test. */
@ModelPreset("elevated-admin")
class ModelTokenSystemExtensionTest {

    @Test // R11
    void inject_classPreset_elevatedAdminModel(TokenSystem tokens) {
        assertEquals(BackendKind.MODEL, tokens.backend());
        try (AccessToken t = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY))) {
            assertEquals(ElevationType.FULL, t.elevationType());
        }
    }

    @Test
    @ModelPreset("local-system")
    void inject_methodPresetOverridesClass_localSystem(TokenSystem tokens, ModelBackend backend) {
        assertEquals("local-system", backend.world().configuration().name());
        try (AccessToken t = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY))) {
            assertEquals("S-1-5-18", t.user().toString());
        }
    }

    @Nested
    class Inner {
        @Test
        void inject_enclosingClassPreset_applies(ModelBackend backend) {
            assertEquals("elevated-admin", backend.world().configuration().name());
        }
    }

    @Test
    void inject_system_recordsEveryOpeningStack(TokenSystem tokens) {
        assertEquals(io.github.tokenbridge.LeakDetection.FULL, tokens.leakDetection());
        try (AccessToken t = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY))) {
            assertTrue(tokens.openHandles().get(0).openedBy().contains("inject_system_recordsEveryOpeningStack"),
                    tokens.openHandles().get(0).openedBy());
        }
    }

    @Test
    void inject_twoParameters_sameSystemWithinOneTest(TokenSystem a, TokenSystem b) {
        assertSame(a, b);
    }

    // ------------------------------------------------------------ fixtures run through the engine test kit

    @ExtendWith(OnlyInTestKit.class)
    @ExtendWith(ModelTokenSystemExtension.class)
    static class Fixtures {
        @Test
        void clean(TokenSystem tokens) throws Exception {
            try (AccessToken t = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY));
                 ImpersonationScope s = tokens.impersonateSelf(ImpersonationLevel.IMPERSONATION)) {
                assertTrue(tokens.isImpersonating());
                assertFalse(t.user().toString().isEmpty());
            }
        }

        @Test
        void leaksHandle(TokenSystem tokens) {
            tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY));
        }

        @Test
        void leaksRawHandle(ModelBackend backend) {
            backend.openProcessToken(Handle.CURRENT_PROCESS, TokenAccess.QUERY.mask());
        }

        @Test
        void staysImpersonating(TokenSystem tokens) {
            tokens.impersonateSelf(ImpersonationLevel.IMPERSONATION);
        }

        @Test
        @ModelPreset("root")
        void unknownPreset(TokenSystem tokens) {
        }
    }

    /** Runs the fixtures; the one that leaks a token makes the extension's system log its leak report (captured and checked here). */
    private static Events run() {
        try (CapturedOutput output = CapturedOutput.capture()) {
            Events events = EngineTestKit.engine("junit-jupiter").configurationParameter(OnlyInTestKit.KEY, "true")
                    .selectors(selectClass(Fixtures.class)).execute().testEvents();
            String report = output.assertLogged(Level.WARNING, "TokenSystem closed with 1 leaked handle(s)", 1).get(0);
            assertTrue(report.contains("Fixtures.leaksHandle"), report);
            return events;
        }
    }

    private static Optional<Throwable> failure(Events events, String method) {
        List<Event> finished = events.finished().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "(")).toList();
        assertEquals(1, finished.size(), method + " should have run once");
        TestExecutionResult result = finished.get(0).getPayload(TestExecutionResult.class).orElseThrow();
        return result.getThrowable();
    }

    @Test
    void afterEach_cleanTest_passes() {
        assertEquals(Optional.empty(), failure(run(), "clean"));
    }

    @Test
    void afterEach_testLeavesTokenOpen_failsNamingTheHandle() {
        Throwable t = failure(run(), "leaksHandle").orElseThrow();
        assertTrue(t instanceof AssertionError, t.toString());
        assertTrue(t.getMessage().startsWith("tokenbridge model (standard-user): the test did not clean up:\n  - 1 handle(s) left open:"),
                t.getMessage());
    }

    @Test
    void afterEach_testLeavesRawBackendHandleOpen_fails() {
        Throwable t = failure(run(), "leaksRawHandle").orElseThrow();
        assertTrue(t.getMessage().contains("1 handle(s) opened directly through the backend left open"), t.getMessage());
    }

    @Test
    void afterEach_testLeavesThreadImpersonating_fails() {
        Throwable t = failure(run(), "staysImpersonating").orElseThrow();
        assertTrue(t.getMessage().contains("1 thread(s) still impersonating"), t.getMessage());
    }

    @Test
    void resolve_unknownPreset_failsNamingIt() {
        Throwable t = failure(run(), "unknownPreset").orElseThrow();
        assertTrue(t.getMessage().contains("@ModelPreset: unknown model preset \"root\""), t.getMessage());
    }

    @Test
    void fixtures_withoutTestKitParameter_areSkippedNotRun() {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Fixtures.class)).execute().containerEvents();
        assertEquals(1, events.skipped().count());
    }
}
