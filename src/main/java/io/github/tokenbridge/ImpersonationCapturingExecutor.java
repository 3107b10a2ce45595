package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The context-capturing {@link Executor} of {@link TokenSystem#capturingImpersonation}: each task
 * runs under the impersonation its submitter had when it called {@code execute}.
 *
 * <p>At submission the submitter's thread token is opened ({@code OpenThreadToken}, OpenAsSelf) and
 * duplicated at its own level ({@code DuplicateTokenEx} with the impersonation suspended, R20, R29, R53:
 * an Identification-level submitter gives an Identification-level task), and the opened handle is closed; the duplicate belongs to the task, which
 * impersonates it on the pooled thread and closes it afterwards. A submitter that is not impersonating
 * gives a task that runs as the process (an impersonation left on the pooled thread is reverted for
 * the task and put back after it). A submitter impersonating at Anonymous level is refused, because
 * its token cannot be opened (R28), and so is a virtual thread, submitting or running: its
 * impersonation would be its carrier's.
 */
final class ImpersonationCapturingExecutor implements Executor {

    private static final Set<TokenAccess> TASK_ACCESS = EnumSet.of(TokenAccess.IMPERSONATE, TokenAccess.QUERY);

    private final TokenSystem system;
    private final Executor delegate;

    ImpersonationCapturingExecutor(TokenSystem system, Executor delegate) {
        this.system = system;
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        system.ensureUsable();
        VirtualThreads.refuseImpersonation("capturing the submitter's impersonation");
        AccessToken captured = capture();
        Runnable task = captured == null
                ? () -> AsyncImpersonation.callAsProcess(system, () -> run(command))
                : () -> {
                    try (captured) {
                        AsyncImpersonation.callImpersonating(system, captured, () -> run(command));
                    }
                };
        try {
            delegate.execute(task);
        } catch (RuntimeException | Error rejected) {
            if (captured != null) {
                captured.close();
            }
            throw rejected;
        }
    }

    private static Void run(Runnable command) {
        command.run();
        return null;
    }

    /** The submitter's impersonation token duplicated at its level, or null when it is not impersonating. */
    private AccessToken capture() {
        Handle copy = system.impersonator().captureDuplicate(TokenAccess.toMask(TASK_ACCESS), "a task of " + this);
        return copy == null ? null : system.adopt(copy, "captured impersonation token",
                TokenAccess.toMask(TASK_ACCESS));
    }

    @Override
    public String toString() {
        return "ImpersonationCapturingExecutor[" + delegate + "]";
    }
}
