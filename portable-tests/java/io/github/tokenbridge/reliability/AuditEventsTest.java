package io.github.tokenbridge.reliability;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.LeakDetection;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.PrivilegeScope;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenAccess;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tokenbridge's JFR events, recorded with {@code jdk.jfr.Recording} over the model and read back with
 * {@code jdk.jfr.consumer}: impersonate and revert (R42, R44, R46), privilege enable and restore (R56),
 * denied access checks (R63) and handle leaks with their opening site; all disabled by default.
 */
class AuditEventsTest {

    private static final List<String> EVENTS = List.of("io.github.tokenbridge.Impersonate", "io.github.tokenbridge.Revert",
            "io.github.tokenbridge.Privilege", "io.github.tokenbridge.AccessDenied", "io.github.tokenbridge.HandleLeak");

    @TempDir
    Path dir;

    private List<RecordedEvent> record(Callable<?> work) throws Exception {
        Path file = dir.resolve("tokenbridge.jfr");
        try (Recording recording = new Recording()) {
            for (String event : EVENTS) {
                recording.enable(event);
            }
            recording.start();
            FaultWorld.runOnOwnThread(work);
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("io.github.tokenbridge."))
                .collect(Collectors.toList());
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String simpleName) {
        return events.stream().filter(e -> e.getEventType().getName().equals("io.github.tokenbridge." + simpleName))
                .collect(Collectors.toList());
    }

    @Test
    @DisplayName("R44/R46: impersonate and revert events carry the thread, the user SID, the level and whether downgraded")
    void impersonateAndRevert_recorded_threadUserLevelAndRestore() throws Exception {
        try (FaultWorld world = FaultWorld.standardUser()) {
            List<RecordedEvent> events = record(() -> {
                try (ImpersonationScope ignored = world.system.impersonateSelf(ImpersonationLevel.IMPERSONATION);
                     ImpersonationScope nested = world.system.impersonateAnonymous()) {
                    return nested.obtainedLevel();
                }
            });
            List<RecordedEvent> entered = named(events, "Impersonate");
            assertEquals(2, entered.size(), events.toString());
            RecordedEvent self = entered.get(0);
            assertEquals("ImpersonateSelf", self.getString("function"));
            assertTrue(self.getString("userSid").startsWith("S-1-5-21-"), self.getString("userSid"));
            RecordedEvent anonymous = entered.get(1);
            assertEquals("ImpersonateAnonymousToken", anonymous.getString("function"));
            assertEquals(Sid.ANONYMOUS_LOGON.toString(), anonymous.getString("userSid"));
            assertEquals("IMPERSONATION", anonymous.getString("obtainedLevel"));
            assertFalse(anonymous.getBoolean("downgraded"));
            assertEquals("fault-test", anonymous.getThread().getJavaName());

            List<RecordedEvent> reverted = named(events, "Revert");
            assertEquals(2, reverted.size(), events.toString());
            assertEquals("SetThreadToken", reverted.get(0).getString("function"));
            assertTrue(reverted.get(0).getString("restoredTo").startsWith("Impersonation token"), reverted.get(0).getString("restoredTo"));
            assertEquals("RevertToSelf", reverted.get(1).getString("function"));
            assertEquals("not impersonating", reverted.get(1).getString("restoredTo"));
            assertTrue(reverted.get(1).getBoolean("succeeded"));
            world.assertNoLeaks();
        }
    }

    @Test
    @DisplayName("R56/R63: privilege enable and restore, and a denying access check, are recorded; a granting one is not")
    void privilegesAndDeniedAccessCheck_recorded() throws Exception {
        try (FaultWorld world = FaultWorld.standardUser()) {
            List<RecordedEvent> events = record(() -> {
                try (AccessToken token = world.system.openProcessToken(EnumSet.of(TokenAccess.QUERY, TokenAccess.ADJUST_PRIVILEGES,
                        TokenAccess.DUPLICATE));
                     AccessToken impersonation = token.duplicate(EnumSet.of(TokenAccess.QUERY), ImpersonationLevel.IDENTIFICATION,
                             io.github.tokenbridge.TokenType.IMPERSONATION)) {
                    try (PrivilegeScope ignored = world.system.enablePrivileges(token, Privilege.SeShutdownPrivilege)) {
                        world.system.accessCheck(Sddl.parse("O:BAG:BAD:(A;;0x20008;;;BU)"), impersonation, 0x20008, GenericMapping.TOKEN);
                        world.system.accessCheck(Sddl.parse("O:BAG:BAD:(D;;0x8;;;BU)(A;;0x20008;;;BU)"), impersonation, 0x20008,
                                GenericMapping.TOKEN);
                    }
                }
                return null;
            });
            List<RecordedEvent> privileges = named(events, "Privilege");
            assertEquals(List.of("enable", "restore"), privileges.stream().map(e -> e.getString("action")).collect(Collectors.toList()));
            assertTrue(privileges.get(0).getString("privileges").contains("SeShutdownPrivilege"));
            assertTrue(privileges.get(0).getBoolean("allAssigned"));
            List<RecordedEvent> denied = named(events, "AccessDenied");
            assertEquals(1, denied.size(), events.toString());
            assertEquals("0x00020008", denied.get(0).getString("desiredAccess"));
            assertTrue(denied.get(0).getString("error").contains("ERROR_ACCESS_DENIED"), denied.get(0).getString("error"));
            assertTrue(denied.get(0).getString("securityDescriptor").contains("(D;;"), denied.get(0).getString("securityDescriptor"));
            world.assertNoLeaks();
        }
    }

    @Test
    @DisplayName("a handle the system closed for the caller is recorded with its opening site")
    void handleLeak_recordedWithOpeningSite() throws Exception {
        FaultWorld world = FaultWorld.standardUser();
        world.system.leakDetection(LeakDetection.FULL);
        List<RecordedEvent> events = record(() -> {
            openAndForget(world);
            silenced(world::close);
            return null;
        });
        List<RecordedEvent> leaks = named(events, "HandleLeak");
        assertEquals(1, leaks.size(), events.toString());
        assertEquals("OPEN_WHEN_SYSTEM_CLOSED", leaks.get(0).getString("reason"));
        assertTrue(leaks.get(0).getString("openedAt").contains("AuditEventsTest.openAndForget"), leaks.get(0).getString("openedAt"));
        assertEquals("FULL", leaks.get(0).getString("detection"));
        assertEquals("fault-test", leaks.get(0).getString("openedOnThread"));
    }

    private static void openAndForget(FaultWorld world) {
        world.system.openProcessToken(Set.of(TokenAccess.QUERY));
    }

    /** Runs {@code action} with tokenbridge's warning log (the leak report of a system closed with open handles) silenced. */
    private static void silenced(Runnable action) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.github.tokenbridge.TokenSystem");
        java.util.logging.Level before = logger.getLevel();
        logger.setLevel(java.util.logging.Level.OFF);
        try {
            action.run();
        } finally {
            logger.setLevel(before);
        }
    }

    @Test
    @DisplayName("every tokenbridge event is disabled by default: a recording must ask for it")
    void eventTypes_registered_disabledByDefault() throws Exception {
        try (FaultWorld world = FaultWorld.standardUser()) {
            FaultWorld.runOnOwnThread(() -> {
                world.system.impersonateSelf(ImpersonationLevel.IMPERSONATION).close();
                return null;
            });
        }
        List<EventType> types = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .filter(t -> t.getName().startsWith("io.github.tokenbridge.")).collect(Collectors.toList());
        assertTrue(types.size() >= 2, types.toString());
        for (EventType type : types) {
            assertFalse(type.isEnabled(), type.getName() + " is enabled without a recording setting");
        }
    }
}
