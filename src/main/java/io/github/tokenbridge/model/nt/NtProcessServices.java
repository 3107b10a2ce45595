package io.github.tokenbridge.model.nt;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.ob.ObjectSecurity;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ImageLoader;
import io.github.tokenbridge.model.kernel.ps.ProcessObject;
import io.github.tokenbridge.model.kernel.ps.ProcessParameters;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.ProcessTokenRules;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The process services of the model's Nt layer: {@code NtCreateUserProcess} (with or without a token,
 * the token rules of {@link ProcessTokenRules}), {@code NtResumeThread}, {@code NtTerminateProcess},
 * the exit status of {@code NtQueryInformationProcess(ProcessBasicInformation)} and
 * {@code NtWaitForSingleObject} on a process.
 *
 * <p>A refused creation leaves nothing behind: every check runs before the process, its token copy and its
 * handles exist.
 */
public final class NtProcessServices {

    /** TOKEN_ASSIGN_PRIMARY. */
    public static final int TOKEN_ASSIGN_PRIMARY = 0x0001;
    /** TOKEN_DUPLICATE. */
    public static final int TOKEN_DUPLICATE = 0x0002;
    /** TOKEN_QUERY. */
    public static final int TOKEN_QUERY = 0x0008;
    /** PROCESS_TERMINATE. */
    public static final int PROCESS_TERMINATE = 0x0001;
    /** PROCESS_QUERY_LIMITED_INFORMATION. */
    public static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    /** THREAD_SUSPEND_RESUME. */
    public static final int THREAD_SUSPEND_RESUME = 0x0002;
    /** SYNCHRONIZE. */
    public static final int SYNCHRONIZE = 0x00100000;
    /** WAIT_TIMEOUT as a wait's value. */
    public static final int WAIT_TIMEOUT = 258;
    private static final int PROCESS_ALL_ACCESS = 0x001FFFFF;
    private static final int THREAD_ALL_ACCESS = 0x001FFFFF;

    /** What a creation gives: the process and thread handles in the caller's process and the ids. */
    public record Created(long processHandle, long threadHandle, int processId, int threadId) {
    }

    private final KernelServices k;

    public NtProcessServices(KernelServices k) {
        this.k = Objects.requireNonNull(k, "k");
    }

    /**
     * The token rules for {@code tokenHandle} as the caller would meet them: the handle reference (its access,
     * R80) and then {@link ProcessTokenRules#decide}. Used by creation and by {@code explain process}.
     *
     * @param requiredAccess the rights the handle must grant
     */
    public Result<ProcessTokenRules.Decision> checkToken(ThreadObject caller, long tokenHandle, int requiredAccess,
                                                         ProcessTokenRules.Entry entry) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, tokenHandle, ObjectType.TOKEN, requiredAccess);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        TokenObject token = (TokenObject) ref.value().object();
        TokenObject processToken = caller.process().primaryToken();
        ProcessTokenRules.Decision decision = ProcessTokenRules.decide(entry, token.contents(), token.tokenId(),
                processToken.contents(), processToken.tokenId(), caller.effectiveToken().contents());
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, decision);
    }

    /**
     * {@code NtCreateUserProcess}. With {@code tokenHandle} 0 the child gets a primary copy of the caller's
     * process token, never the thread's impersonation token (R18); otherwise the handle must grant
     * {@code requiredAccess} and the token pass the rules for {@code entry}, and the child gets a new primary
     * copy of that token (R83: new TokenId; user, groups, privileges, integrity, session and ParentTokenId kept).
     *
     * @param image     the image, already found
     * @param suspended CREATE_SUSPENDED
     */
    public Result<Created> createUserProcess(ThreadObject caller, long tokenHandle, int requiredAccess,
                                             ProcessTokenRules.Entry entry, ImageLoader.Image image,
                                             ProcessParameters parameters, boolean suspended) {
        TokenObject source;
        if (tokenHandle == 0) {
            source = caller.process().primaryToken();
        } else {
            Result<ProcessTokenRules.Decision> decision = checkToken(caller, tokenHandle, requiredAccess, entry);
            if (!decision.succeeded()) {
                return decision.withValue(null);
            }
            if (!decision.value().allowed()) {
                return Result.failure(decision.value().status());
            }
            source = (TokenObject) k.objects().referenceByHandle(caller, tokenHandle, ObjectType.TOKEN, 0).value().object();
        }
        // The copy's own descriptor: without a token, from the creator's effective token (R18, as ModelWorld does);
        // with one, from that token's own default DACL, so that the child's user can open its process token
        // (reasoned, R83: a process started under another user's token can query its own token on Windows).
        TokenObject primary = k.duplicator().duplicate(source, TokenType.PRIMARY, source.contents().level(), false,
                ObjectSecurity.defaultFor(tokenHandle == 0 ? caller.effectiveToken().contents() : source.contents(),
                        ObjectType.TOKEN));
        Result<ProcessObject> created = k.kernel().createProcess(primary);
        if (!created.succeeded()) {
            return created.withValue(null);
        }
        ProcessObject process = created.value();
        ThreadObject thread = k.kernel().createThread(process);
        process.setStartRoutine(image.bind(thread, parameters));
        long processHandle = k.objects().insertHandle(caller.process(), process, PROCESS_ALL_ACCESS, 0);
        long threadHandle = k.objects().insertHandle(caller.process(), thread, THREAD_ALL_ACCESS, 0);
        if (!suspended) {
            process.resumeInitialThread();
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS,
                new Created(processHandle, threadHandle, process.processId(), thread.threadId()));
    }

    /** {@code NtResumeThread}: needs THREAD_SUSPEND_RESUME; the value is the previous suspend count. */
    public Result<Integer> resumeThread(ThreadObject caller, long threadHandle) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, threadHandle, ObjectType.THREAD, THREAD_SUSPEND_RESUME);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        ThreadObject thread = (ThreadObject) ref.value().object();
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, thread.process().resumeInitialThread());
    }

    /** {@code NtTerminateProcess}: needs PROCESS_TERMINATE; ending an ended process succeeds and changes nothing. */
    public Result<Void> terminateProcess(ThreadObject caller, long processHandle, int exitCode) {
        Result<ProcessObject> process = process(caller, processHandle, PROCESS_TERMINATE);
        if (!process.succeeded()) {
            return process.withValue(null);
        }
        process.value().terminate(exitCode);
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, null);
    }

    /** The exit status ({@code ProcessBasicInformation.ExitStatus}): needs PROCESS_QUERY_LIMITED_INFORMATION. */
    public Result<Integer> exitStatus(ThreadObject caller, long processHandle) {
        Result<ProcessObject> process = process(caller, processHandle, PROCESS_QUERY_LIMITED_INFORMATION);
        return process.succeeded() ? Result.ofStatus(NtStatus.STATUS_SUCCESS, process.value().exitCode()) : process.withValue(null);
    }

    /**
     * {@code NtWaitForSingleObject} on a process (SYNCHRONIZE): the value is 0 when it has ended, WAIT_TIMEOUT
     * when {@code milliseconds} passed first (negative: wait without a time-out).
     */
    public Result<Integer> waitForProcess(ThreadObject caller, long processHandle, long milliseconds) {
        Result<ProcessObject> process = process(caller, processHandle, SYNCHRONIZE);
        if (!process.succeeded()) {
            return process.withValue(null);
        }
        try {
            if (milliseconds < 0) {
                process.value().exitFuture().get();
            } else {
                process.value().exitFuture().get(milliseconds, TimeUnit.MILLISECONDS);
            }
            return Result.ofStatus(NtStatus.STATUS_SUCCESS, 0);
        } catch (TimeoutException e) {
            return Result.ofStatus(NtStatus.STATUS_SUCCESS, WAIT_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failure(NtStatus.STATUS_CANCELLED);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a process exit never fails", e);
        }
    }

    private Result<ProcessObject> process(ThreadObject caller, long handle, int access) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, handle, ObjectType.PROCESS, access);
        return ref.succeeded() ? ref.withValue((ProcessObject) ref.value().object()) : ref.withValue(null);
    }

    /** The process object behind a handle, for the Win32 layer (no access needed). */
    public Optional<ProcessObject> processOf(ThreadObject caller, long handle) {
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, handle, ObjectType.PROCESS, 0);
        return ref.succeeded() ? Optional.of((ProcessObject) ref.value().object()) : Optional.empty();
    }
}
