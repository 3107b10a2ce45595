package io.github.tokenbridge.model.kernel.ps;

import io.github.tokenbridge.model.kernel.ob.HandleTable;
import io.github.tokenbridge.model.kernel.ob.KernelObject;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import io.github.tokenbridge.SecurityDescriptor;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A process of the model: its id, its primary token (R16, R18) and its handle table.
 */
public final class ProcessObject extends KernelObject {

    private final int processId;
    private final HandleTable handles = new HandleTable();
    private volatile TokenObject primaryToken;

    public ProcessObject(int processId, TokenObject primaryToken, SecurityDescriptor securityDescriptor) {
        super(ObjectType.PROCESS, securityDescriptor);
        this.processId = processId;
        this.primaryToken = Objects.requireNonNull(primaryToken, "primaryToken");
    }

    /** The process id (a multiple of 4, as on Windows). */
    public int processId() {
        return processId;
    }

    /** The primary token object (PsReferencePrimaryToken). */
    public TokenObject primaryToken() {
        return primaryToken;
    }

    /** The process's handle table. */
    public HandleTable handles() {
        return handles;
    }

    // ---------------------------------------------------------------- life cycle (processes, issue 20)

    /** {@code STILL_ACTIVE}: the exit code of a process that has not ended. */
    public static final int STILL_ACTIVE = 259;

    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile ProcessStartRoutine startRoutine;

    /** The exit code: {@link #STILL_ACTIVE} while the process runs. */
    public int exitCode() {
        return exit.isDone() ? exit.join() : STILL_ACTIVE;
    }

    /** Completes when the process ends, with its exit code (the process object is signalled). */
    public CompletableFuture<Integer> exitFuture() {
        return exit;
    }

    /**
     * Ends the process with {@code exitCode} ({@code PspTerminateProcess}); the first end wins. The start
     * routine's termination hook runs (it closes the program's streams and interrupts its thread).
     *
     * @return true when this call ended the process
     */
    public boolean terminate(int exitCode) {
        ProcessStartRoutine routine = startRoutine;
        boolean ended = exit.complete(exitCode);
        if (ended && routine != null) {
            routine.terminated();
        }
        return ended;
    }

    /** Binds what the initial thread runs once resumed (set at creation, before any handle exists). */
    public void setStartRoutine(ProcessStartRoutine routine) {
        this.startRoutine = Objects.requireNonNull(routine, "routine");
    }

    /**
     * Resumes the initial thread of a process created suspended: runs its start routine once.
     *
     * @return the previous suspend count (1 the first time, then 0)
     */
    public int resumeInitialThread() {
        ProcessStartRoutine routine = startRoutine;
        return routine != null && !exit.isDone() && routine.start() ? 1 : 0;
    }

    @Override
    public String toString() {
        return "Process[" + processId + "]";
    }
}
