package io.github.tokenbridge;

import java.util.concurrent.ExecutorService;

/**
 * An {@link ExecutorService} that makes sure no task runs under an identity another task left behind
 * and no task returns its pooled thread impersonating ({@link TokenSystem#guard}).
 *
 * <p>Before every task the pooled thread is checked: if it is impersonating (left by code the guard
 * did not run), its open scopes are abandoned, it is reverted to its process token, the leak is
 * reported ({@link ImpersonationLeak.Kind#FOUND_BEFORE_TASK}) and the task then runs as the process;
 * it is not blamed. After every task the thread is checked again: a task that left it impersonating is
 * a leak ({@link ImpersonationLeak.Kind#LEFT_BY_TASK}) and the thread is reverted. If a revert fails,
 * the thread is poisoned ({@link ImpersonationRestoreError}), the task does not run (or fails), and
 * the error escapes to the pool so that the thread is discarded.
 *
 * <h2>Who hears of a leak</h2>
 * <table>
 * <caption>How each submission form reports a leak</caption>
 * <tr><th>submission</th><th>leak left by the task</th><th>leak found before the task</th></tr>
 * <tr><td>{@code submit}, {@code invokeAll}, {@code invokeAny}</td>
 *     <td>its {@code Future} fails with an {@link IllegalStateException} (the task's own failure, if any,
 *     suppressed in it); listener; {@link #leakCount()}</td>
 *     <td>listener; {@link #leakCount()}; the task runs normally</td></tr>
 * <tr><td>{@code execute(Runnable)}, {@code CompletableFuture.runAsync(task, guard)},
 *     {@code supplyAsync(..., guard)} and every other use as a plain {@code Executor}</td>
 *     <td>listener; {@link #leakCount()}; the {@link IllegalStateException} reaches the pool thread's
 *     uncaught-exception handler. A {@code CompletableFuture} is completed by its task before the check and
 *     so does <em>not</em> fail: use the listener, or {@link TokenSystem#runAsyncImpersonating} which
 *     closes its scope itself</td>
 *     <td>listener; {@link #leakCount()}; the task runs normally</td></tr>
 * </table>
 *
 * <p>{@link #shutdown()} logs the leak count found so far as a warning when it is not zero;
 * {@link #close()} waits for the tasks to finish, logs the final count the same way, and throws an {@link IllegalStateException} with the count when there were
 * leaks and no listener was given to hear of them.
 */
public interface GuardedExecutorService extends ExecutorService, AutoCloseable {

    /** The leaks found so far, before or after tasks. */
    long leakCount();

    /**
     * Shuts the pool down and waits for its tasks to finish (interrupting them if this thread is
     * interrupted while waiting), as {@code ExecutorService.close()} of JDK 19+ does.
     *
     * @throws IllegalStateException when leaks were found and no listener was given, naming how many
     */
    @Override
    void close();
}
