package io.github.tokenbridge.conformance;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;

/**
 * The model-only verbs of the scenario language ({@code requires model} / {@code requires kernel}):
 * world building as LogonUser and CreateProcessAsUser would do it, and the kernel routines
 * drivers call (PsImpersonateClient, PsReferenceImpersonationToken, SeCreateClientSecurity, ...).
 * Threads, kernel token references and client security contexts are opaque model objects;
 * calls act on the calling Java thread's model thread where the kernel routine does.
 */
public interface ModelVerbs {

    /** What {@code PsReferenceImpersonationToken} reports (R47). */
    record ImpersonationInfo(Object token, boolean copyOnOpen, boolean effectiveOnly, ImpersonationLevel level) {
    }

    /** A thread made by {@link #createThread}: the model thread and, when one could be opened, a handle to it. */
    record CreatedThread(Object thread, Handle handle) {
    }

    /** The model thread of the calling Java thread. */
    Object currentThread();

    /** Logs a principal on ({@code self}, {@code other}, {@code admin}); a primary token handle, TOKEN_ALL_ACCESS. */
    Result<Handle> logon(String user, String logonType, String origin);

    /**
     * A new process running with the primary token behind {@code token}, or with NULL a new primary
     * token duplicated from the caller's process token (R18); a process handle.
     */
    Result<Handle> createProcess(Handle token);

    /** A new thread in the process behind {@code process}. */
    Result<CreatedThread> createThread(Handle process);

    /** {@code PsImpersonateClient}; {@code token} is a kernel reference, a token handle, or null for NULL (R48). */
    Result<Void> psImpersonateClient(Object thread, Object token, boolean copyOnOpen, boolean effectiveOnly,
                                     ImpersonationLevel level);

    /** {@code PsReferenceImpersonationToken}: the value is null when the thread is not impersonating (R47). */
    Result<ImpersonationInfo> psReferenceImpersonationToken(Object thread);

    /** {@code PsRevertToSelf} on the calling thread. */
    Result<Void> psRevertToSelf();

    /** {@code PsReferencePrimaryToken}. */
    Result<Object> psReferencePrimaryToken(Handle process);

    /** {@code PsDereference*Token} on a kernel reference. */
    Result<Void> psDereference(Object token);

    /** {@code SeCreateClientSecurity} for the client thread, with its SQOS (R49, R51). */
    Result<Object> seCreateClientSecurity(Object clientThread, ImpersonationLevel level, boolean effectiveOnly,
                                          boolean dynamicTracking);

    /** {@code SeImpersonateClientEx}; {@code serverThread} null means the calling thread. */
    Result<Void> seImpersonateClientEx(Object context, Object serverThread);

    /** {@code SeDeleteClientSecurity}. */
    Result<Void> seDeleteClientSecurity(Object context);

    /** A handle with {@code access} to the token behind a kernel reference (no access check, as a driver's ObOpenObjectByPointer). */
    Result<Handle> openKernelToken(Object token, int access);

    /** Runs {@code work} on the calling Java thread as the model thread {@code thread} (named pipes, issue 13). */
    <T> T runAs(Object thread, java.util.concurrent.Callable<T> work) throws Exception;
}
