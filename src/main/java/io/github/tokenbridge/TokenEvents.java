package io.github.tokenbridge;

import java.util.List;

/**
 * Where tokenbridge emits its audit trail: JFR events ({@link ImpersonateEvent}, {@link RevertEvent},
 * {@link PrivilegeEvent}, {@link AccessDeniedEvent}, {@link HandleLeakEvent}; every one disabled unless
 * a recording enables it) and {@code System.Logger} debug lines for impersonate and revert. Each
 * method asks {@code shouldCommit()} / {@code isLoggable} first and computes nothing else when
 * neither is on; what costs a call (the impersonated user's SID) is asked for only then.
 */
final class TokenEvents {

    private static final System.Logger LOG = System.getLogger(TokenSystem.class.getName());
    private static final int OPENING_FRAMES = 8;

    private TokenEvents() {
    }

    /** After a thread entered an impersonation; {@code impersonator} reads the thread's user if needed. */
    static void impersonated(Impersonator impersonator, ImpersonationScope scope, String function) {
        ImpersonateEvent event = new ImpersonateEvent();
        boolean commit = event.shouldCommit();
        boolean log = LOG.isLoggable(System.Logger.Level.DEBUG);
        if (!commit && !log) {
            return;
        }
        String user = impersonator.threadUserForAudit();
        if (commit) {
            event.function = function;
            event.userSid = user;
            event.requestedLevel = scope.requestedLevel().name();
            event.obtainedLevel = scope.obtainedLevel().name();
            event.downgraded = scope.wasDowngraded();
            event.commit();
        }
        if (log) {
            LOG.log(System.Logger.Level.DEBUG, "impersonate: thread \"{0}\" entered {1} as {2} at {3}{4}",
                    Thread.currentThread().getName(), function, user, scope.obtainedLevel().scenarioName(),
                    scope.wasDowngraded() ? " (downgraded from " + scope.requestedLevel().scenarioName() + ")" : "");
        }
    }

    /** After a restore or revert; {@code failure} is null when it succeeded. */
    static void reverted(String function, Object restoredTo, String reason, Throwable failure) {
        RevertEvent event = new RevertEvent();
        boolean commit = event.shouldCommit();
        if (commit) {
            event.function = function;
            event.restoredTo = String.valueOf(restoredTo);
            event.reason = reason;
            event.succeeded = failure == null;
            event.commit();
        }
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, "revert: thread \"{0}\" {1} to {2} ({3}){4}",
                    Thread.currentThread().getName(), function, restoredTo, reason,
                    failure == null ? "" : " FAILED: " + failure.getMessage());
        }
    }

    /** After {@code AdjustTokenPrivileges} enabled ({@code enable}) or put back privileges. */
    static void privileges(boolean enable, Object privileges, boolean allAssigned, AccessToken token) {
        PrivilegeEvent event = new PrivilegeEvent();
        if (event.shouldCommit()) {
            event.action = enable ? "enable" : "restore";
            event.privileges = String.valueOf(privileges);
            event.allAssigned = allAssigned;
            event.token = token.toString();
            event.commit();
        }
    }

    /** After an {@code AccessCheck} that denied. */
    static void accessDenied(SecurityDescriptor sd, AccessToken token, int desired, AccessCheckResult result) {
        AccessDeniedEvent event = new AccessDeniedEvent();
        if (event.shouldCommit()) {
            event.desiredAccess = String.format("0x%08X", desired);
            event.error = Win32Error.describe(result.denialError());
            event.token = token.toString();
            event.securityDescriptor = describe(sd);
            event.commit();
        }
    }

    private static String describe(SecurityDescriptor sd) {
        try {
            return Sddl.format(sd);
        } catch (IllegalArgumentException notExpressible) {
            return sd.toString();
        }
    }

    /** After tokenbridge closed a leaked handle. */
    static void handleLeaked(OpenHandle handle, LeakReport.Reason reason) {
        HandleLeakEvent event = new HandleLeakEvent();
        if (event.shouldCommit()) {
            event.handle = handle.description() + " " + handle.handle();
            event.reason = reason.name();
            event.openedOnThread = handle.openedOnThread();
            event.openedAt = openingSite(handle);
            event.detection = handle.detection().name();
            event.commit();
        }
    }

    private static String openingSite(OpenHandle handle) {
        List<StackTraceElement> stack = handle.openedAt();
        if (stack.isEmpty()) {
            return handle.openedBy();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(OPENING_FRAMES, stack.size()); i++) {
            sb.append(i == 0 ? "" : "\n").append(stack.get(i));
        }
        return sb.toString();
    }
}
