package io.github.tokenbridge;

import java.util.Objects;

/**
 * An impersonation entered by {@link TokenSystem#impersonate}, {@link TokenSystem#impersonateSelf}
 * or {@link TokenSystem#impersonateAnonymous}: closing it puts the thread back under the
 * impersonation it had before (or none), not a blind {@code RevertToSelf} (R45, R46).
 *
 * <p>A scope is bound to the thread that opened it (closing it elsewhere is an
 * {@link IllegalStateException}) and scopes nest: only the innermost open scope of a thread may be
 * closed (closing another is an {@link IllegalStateException} that changes nothing). Closing twice
 * is harmless. If the previous impersonation cannot be restored, {@code close()} throws
 * {@link ImpersonationRestoreError} and the thread is refused every later tokenbridge call.
 */
public final class ImpersonationScope implements AutoCloseable {

    private final Impersonator impersonator;
    private final Thread owner;
    private final SavedImpersonation saved;
    private final String function;
    private final ImpersonationLevel requested;
    private final ImpersonationLevel obtained;
    private boolean closed;

    ImpersonationScope(Impersonator impersonator, SavedImpersonation saved, String function,
                       ImpersonationLevel requested, ImpersonationLevel obtained) {
        this.impersonator = impersonator;
        this.owner = Thread.currentThread();
        this.saved = saved;
        this.function = function;
        this.requested = Objects.requireNonNull(requested, "requested");
        this.obtained = Objects.requireNonNull(obtained, "obtained");
    }

    /** The level asked for. */
    public ImpersonationLevel requestedLevel() {
        return requested;
    }

    /** The level the thread token has, read back after entering (R39). */
    public ImpersonationLevel obtainedLevel() {
        return obtained;
    }

    /** True when Windows assigned a lower level than asked (only with {@link DowngradePolicy#ACCEPT}). */
    public boolean wasDowngraded() {
        return obtained.isBelow(requested);
    }

    /** True when the thread was impersonating before this scope (and will again after it). */
    public boolean restoresPreviousImpersonation() {
        return saved.wasImpersonating();
    }

    /** The thread the scope belongs to. */
    public Thread thread() {
        return owner;
    }

    /** True until closed. */
    public boolean isOpen() {
        synchronized (this) {
            return !closed;
        }
    }

    /**
     * Restores the thread's previous impersonation.
     *
     * @throws IllegalStateException      on another thread, or when an inner scope is still open
     * @throws ImpersonationRestoreError  when the previous identity could not be restored
     */
    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("an impersonation scope must be closed on the thread that opened it ("
                    + owner.getName() + "), not on " + Thread.currentThread().getName());
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            ThreadPoison.check();
            ImpersonationScope top = ScopeStack.top();
            if (top != this) {
                throw new IllegalStateException("impersonation scopes close in LIFO order: an inner scope ("
                        + top + ") is still open on this thread; nothing was changed");
            }
            closed = true;
            ScopeStack.pop(this);
        }
        impersonator.ended(this);
        impersonator.restore(saved, function);
    }

    Impersonator impersonator() {
        return impersonator;
    }

    boolean openedBy(Impersonator candidate) {
        return impersonator == candidate;
    }

    /** Marks the scope closed without restoring (the thread was already reverted), and frees its saved token. */
    void abandon() {
        synchronized (this) {
            closed = true;
        }
        impersonator.ended(this);
        impersonator.discard(saved, null);
    }

    @Override
    public String toString() {
        return "ImpersonationScope[" + function + ", " + obtained.scenarioName() + (wasDowngraded() ? " (downgraded)" : "")
                + ", thread " + owner.getName() + (isOpen() ? "" : ", closed") + "]";
    }
}
