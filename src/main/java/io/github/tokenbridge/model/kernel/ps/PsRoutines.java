package io.github.tokenbridge.model.kernel.ps;

import io.github.tokenbridge.model.kernel.se.ImpersonationDecision;
import io.github.tokenbridge.model.kernel.se.ImpersonationPolicy;
import io.github.tokenbridge.model.kernel.Kernel;
import io.github.tokenbridge.model.kernel.se.TokenDuplicator;
import io.github.tokenbridge.model.kernel.se.TokenObject;
import io.github.tokenbridge.model.kernel.se.TokenReference;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Result;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Optional;

/**
 * The process-manager token routines that drivers call (R45-R48): {@code PsImpersonateClient},
 * {@code PsRevertToSelf}, {@code PsReferenceImpersonationToken}, {@code PsReferenceEffectiveToken},
 * {@code PsReferencePrimaryToken} and {@code PsDereference*Token}. Every assignment of an
 * impersonation token in the model goes through {@link #impersonateClient}, and so through the one
 * impersonation decision (R38).
 */
public final class PsRoutines {

    private final ImpersonationPolicy policy = new ImpersonationPolicy();
    private final TokenDuplicator duplicator;
    /**
     * Outstanding Ps references per token object. Each count changes atomically under its own key (as
     * Windows counts references in each object's header), so threads referencing different tokens share
     * no lock (issue 17). TokenObject keeps Object's identity equals and hashCode.
     */
    private final Map<TokenObject, Integer> references = new ConcurrentHashMap<>();

    public PsRoutines(Kernel kernel) {
        this.duplicator = new TokenDuplicator(kernel);
    }

    /**
     * {@code PsImpersonateClient(Thread, Token, CopyOnOpen, EffectiveOnly, Level)} (R48): token null
     * ends impersonation; otherwise the decision (R38) either stores the token object itself (R34,
     * R40) or an Identification-level copy. Always STATUS_SUCCESS (the model has no job limits).
     *
     * @return the decision (null when the call reverted)
     */
    public Result<ImpersonationDecision> impersonateClient(ThreadObject thread, TokenObject token, boolean copyOnOpen,
                                                           boolean effectiveOnly, ImpersonationLevel level) {
        Objects.requireNonNull(thread, "thread");
        if (token == null) {
            thread.setImpersonation(null);
            return Result.ofStatus(NtStatus.STATUS_SUCCESS, null);
        }
        Objects.requireNonNull(level, "level");
        ImpersonationDecision decision = policy.decide(token, level, thread.process().primaryToken());
        if (decision.allowed()) {
            thread.setImpersonation(new ImpersonationState(token, copyOnOpen, effectiveOnly, level));
        } else {
            TokenObject copy = duplicator.duplicate(token, TokenType.IMPERSONATION, ImpersonationLevel.IDENTIFICATION,
                    false, token.securityDescriptor());
            thread.setImpersonation(new ImpersonationState(copy, false, effectiveOnly, ImpersonationLevel.IDENTIFICATION));
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, decision);
    }

    /** {@code PsRevertToSelf} / {@code PsRevertThreadToSelf}: ends impersonation; a no-op when not impersonating (R45). */
    public void revertToSelf(ThreadObject thread) {
        thread.setImpersonation(null);
    }

    /** {@code PsReferenceImpersonationToken} (R47): empty when the thread is not impersonating. */
    public Optional<TokenReference> referenceImpersonationToken(ThreadObject thread) {
        return thread.impersonation().map(s -> reference(new TokenReference(s.token(), TokenType.IMPERSONATION,
                s.copyOnOpen(), s.effectiveOnly(), s.level())));
    }

    /**
     * {@code PsReferenceEffectiveToken} (R47): the impersonation token with its values, else the
     * primary token with type Primary and EffectiveOnly false.
     */
    public TokenReference referenceEffectiveToken(ThreadObject thread) {
        return referenceImpersonationToken(thread).orElseGet(() -> referencePrimaryToken(thread.process()));
    }

    /** {@code PsReferencePrimaryToken}. */
    public TokenReference referencePrimaryToken(ProcessObject process) {
        TokenObject token = process.primaryToken();
        return reference(new TokenReference(token, TokenType.PRIMARY, false, false, token.level()));
    }

    /**
     * {@code PsDereferenceImpersonationToken} / {@code PsDereferencePrimaryToken}: releases one
     * reference. Releasing a reference that is not held is a programming error (Windows bugchecks).
     */
    public void dereference(TokenReference reference) {
        boolean[] held = new boolean[1];
        references.computeIfPresent(reference.token(), (token, count) -> {
            held[0] = true;
            return count == 1 ? null : count - 1;
        });
        if (!held[0]) {
            throw new IllegalStateException("dereferencing " + reference.token() + ", which holds no reference from a Ps routine");
        }
    }

    /** The number of references taken by Ps routines and not yet released (for leak checks). */
    public int outstandingReferences() {
        return references.values().stream().mapToInt(Integer::intValue).sum();
    }

    private TokenReference reference(TokenReference ref) {
        references.merge(ref.token(), 1, Integer::sum);
        return ref;
    }

    /**
     * Replaces a CopyOnOpen impersonation by the copy made when the thread token was opened (R33):
     * the thread now impersonates the copy with CopyOnOpen FALSE. Does nothing when the thread's
     * impersonation changed meanwhile.
     */
    public void replaceWithOpenedCopy(ThreadObject thread, ImpersonationState original, TokenObject copy) {
        thread.replaceImpersonation(original, new ImpersonationState(copy, false, original.effectiveOnly(), original.level()));
    }

    /** The duplicator shared with the Se routines. */
    public TokenDuplicator duplicator() {
        return duplicator;
    }
}
