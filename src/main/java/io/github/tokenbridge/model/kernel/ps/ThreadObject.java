package io.github.tokenbridge.model.kernel.ps;

import io.github.tokenbridge.model.kernel.ob.KernelObject;
import io.github.tokenbridge.model.kernel.ModelInvariants;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import io.github.tokenbridge.SecurityDescriptor;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * A thread of the model: its id, its process, and its impersonation state (R16, R17, R45-R48).
 * While impersonation is suspended ({@code PsDisableImpersonation}, used by OpenAsSelf, R29/R32)
 * the thread's effective token is its process's primary token.
 */
public final class ThreadObject extends KernelObject {

    private static final AtomicIntegerFieldUpdater<ThreadObject> DISABLED =
            AtomicIntegerFieldUpdater.newUpdater(ThreadObject.class, "impersonationDisabled");
    private static final AtomicReferenceFieldUpdater<ThreadObject, ImpersonationState> IMPERSONATION =
            AtomicReferenceFieldUpdater.newUpdater(ThreadObject.class, ImpersonationState.class, "impersonation");

    private final int threadId;
    private final ProcessObject process;
    // One volatile reference to an immutable state, so no lock at all (issue 17): a write replaces the
    // whole state at once, a conditional replace is a CAS, and every reader sees one consistent state.
    // Windows likewise swaps a thread's impersonation information under the thread's own (per-thread)
    // lock only, and reads its token without one.
    private volatile ImpersonationState impersonation;
    private volatile int impersonationDisabled;

    public ThreadObject(int threadId, ProcessObject process, SecurityDescriptor securityDescriptor) {
        super(ObjectType.THREAD, securityDescriptor);
        this.threadId = threadId;
        this.process = Objects.requireNonNull(process, "process");
    }

    /** The thread id. */
    public int threadId() {
        return threadId;
    }

    /** The process that owns the thread. */
    public ProcessObject process() {
        return process;
    }

    /** The impersonation state, if the thread is impersonating (R47). */
    public Optional<ImpersonationState> impersonation() {
        return Optional.ofNullable(impersonation);
    }

    /** Sets (or, with null, ends) the impersonation; no checks (those are PsImpersonateClient's). */
    void setImpersonation(ImpersonationState state) {
        this.impersonation = state;
    }

    /** Replaces the impersonation with {@code replacement} only if it is still {@code expected}; true when it was. */
    boolean replaceImpersonation(ImpersonationState expected, ImpersonationState replacement) {
        return IMPERSONATION.compareAndSet(this, expected, replacement);
    }

    /**
     * The impersonation state that takes part in access decisions: none while impersonation is
     * suspended.
     */
    public Optional<ImpersonationState> activeImpersonation() {
        return Optional.ofNullable(activeImpersonationOrNull());
    }

    /** {@link #activeImpersonation()} without the Optional, for the object-open hot path; null when none. */
    public ImpersonationState activeImpersonationOrNull() {
        return impersonationDisabled > 0 ? null : impersonation;
    }

    /** The token used for access decisions (R16): the active impersonation token, else the primary token. */
    public TokenObject effectiveToken() {
        ImpersonationState active = activeImpersonationOrNull();
        return active != null ? active.token() : process.primaryToken();
    }

    /** {@code PsDisableImpersonation}: suspends impersonation until {@link #restoreImpersonation()}. */
    public void disableImpersonation() {
        DISABLED.incrementAndGet(this);
    }

    /** {@code PsRestoreImpersonation}. */
    public void restoreImpersonation() {
        int depth;
        do {
            depth = impersonationDisabled;
            if (depth == 0) {
                throw new IllegalStateException("impersonation of " + this + " is not disabled");
            }
        } while (!DISABLED.compareAndSet(this, depth, depth - 1));
    }

    /** How many {@link #disableImpersonation()} calls are not yet undone (read-only use by {@link ModelInvariants}). */
    public int impersonationDisabledDepth() {
        return impersonationDisabled;
    }

    @Override
    public String toString() {
        return "Thread[" + threadId + " of " + process + "]";
    }
}
