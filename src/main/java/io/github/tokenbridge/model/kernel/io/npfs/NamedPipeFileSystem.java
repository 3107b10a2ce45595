package io.github.tokenbridge.model.kernel.io.npfs;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.io.FileObject;
import io.github.tokenbridge.model.kernel.io.FileOpen;
import io.github.tokenbridge.model.kernel.io.FileSystemDriver;
import io.github.tokenbridge.model.kernel.io.IoDevices;
import io.github.tokenbridge.model.kernel.io.IoManager;
import io.github.tokenbridge.model.kernel.io.IoOpenRequest;
import io.github.tokenbridge.model.kernel.io.IoRequest;
import io.github.tokenbridge.model.kernel.ob.ObjectSecurity;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.ClientSecurityContext;
import io.github.tokenbridge.model.kernel.se.ImpersonationDecision;
import io.github.tokenbridge.model.kernel.se.SeClientSecurity;
import io.github.tokenbridge.model.kernel.se.SecurityQualityOfService;
import io.github.tokenbridge.model.kernel.se.TokenContents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The model's named-pipe file system on {@code \Device\NamedPipe} (docs/rules.md part P):
 * creating pipes and instances (P1-P9), clients opening them under the pipe's DACL (P7, P11), the
 * connection states and their errors (P10-P12), message and byte reads, and the client's security:
 * captured at open with static tracking, with each client write otherwise, made current when the
 * server reads that write, and impersonated through {@code SeImpersonateClientEx} (P13-P25); its
 * root, on which FSCTL_PIPE_WAIT (WaitNamedPipeW) waits for an instance to listen (P11).
 *
 * <p>A call that would block (a listen with no client, a read with no data) blocks the calling
 * Java thread on the pipe until the state changes, is left pending on an overlapped request, or,
 * when {@link #setBlockingCallsTimeOut} is on (scenario runs), fails at once with
 * STATUS_IO_TIMEOUT. Writes never block: the model's pipe buffers are unbounded.
 */
public final class NamedPipeFileSystem implements FileSystemDriver {

    /** FILE_CREATE_PIPE_INSTANCE (= FILE_APPEND_DATA, P7). */
    public static final int FILE_CREATE_PIPE_INSTANCE = 0x0004;
    /** The quality of service npfs uses for a client that gives none (P14; ReactOS npfs NpSecurityQos). */
    public static final SecurityQualityOfService DEFAULT_CLIENT_QOS =
            new SecurityQualityOfService(ImpersonationLevel.IMPERSONATION, true, true);
    private static final int FILE_READ_DATA = 0x0001;
    private static final long MEDIUM_RID = 0x2000;
    private static final int FILE_WRITE_DATA = 0x0002;
    private static final Result<?> WOULD_BLOCK = Result.ofStatus(NtStatus.STATUS_PENDING, null);

    private final SeClientSecurity se;
    private final Map<String, NamedPipe> pipes = new ConcurrentHashMap<>();
    private final PipeRootDirectory root = new PipeRootDirectory();
    /** The FSCTL_PIPE_WAIT queue by lower-case pipe name (npfs keeps one wait queue, matched by name); lock order: pipe, then this. */
    private final Map<String, List<PipeWaiter>> waiters = new java.util.HashMap<>();
    private volatile boolean blockingCallsTimeOut;

    public NamedPipeFileSystem(SeClientSecurity se) {
        this.se = Objects.requireNonNull(se, "se");
    }

    @Override
    public String deviceName() {
        return IoDevices.NAMED_PIPE_DEVICE;
    }

    /** With {@code on}, a call that would block fails at once with STATUS_IO_TIMEOUT (scenario runs; scenarios.md). */
    public void setBlockingCallsTimeOut(boolean on) {
        blockingCallsTimeOut = on;
    }

    /** The number of pipes that exist (for leak checks). */
    public int pipeCount() {
        return pipes.size();
    }

    /**
     * What must hold between calls, whatever came before (for the SPI fuzzer's oracles): every named
     * pipe has an instance and no more than its limit; every queued request is still pending and
     * belongs to that pipe; an instance that is listening or disconnected holds no client security,
     * no queued data and no client process id; a closed server instance is no longer listed.
     */
    public List<String> invariantViolations() {
        List<String> violations = new ArrayList<>();
        synchronized (waiters) {
            for (Map.Entry<String, List<PipeWaiter>> queued : waiters.entrySet()) {
                for (PipeWaiter w : queued.getValue()) {
                    if (!w.request.isPending() || !w.open.waits.contains(w) || !w.key.equals(queued.getKey())) {
                        violations.add("the pipe wait queue of " + queued.getKey() + " keeps a completed or foreign wait");
                    }
                }
            }
        }
        for (Map.Entry<String, NamedPipe> named : pipes.entrySet()) {
            NamedPipe pipe = named.getValue();
            synchronized (pipe) {
                if (!named.getKey().equals(pipe.name.toLowerCase(Locale.ROOT))) {
                    violations.add(pipe + " is listed under " + named.getKey());
                }
                if (pipe.instances.isEmpty()) {
                    violations.add(pipe + " has no instance but keeps its name");
                }
                if (pipe.maxInstances > 0 && pipe.instances.size() > pipe.maxInstances) {
                    violations.add(pipe + " has " + pipe.instances.size() + " instances, over its limit " + pipe.maxInstances);
                }
                for (PendingRequest p : pipe.pending) {
                    if (!p.request().isPending()) {
                        violations.add(pipe + " keeps a completed request queued");
                    }
                    if (((PipeEnd) p.request().file().context()).instance().pipe != pipe) {
                        violations.add(pipe + " queues a request of another pipe");
                    }
                }
                for (PipeInstance instance : pipe.instances) {
                    boolean idle = instance.state == PipeInstance.State.LISTENING || instance.state == PipeInstance.State.DISCONNECTED;
                    if (idle && (instance.clientContext != null || !instance.toServer.isEmpty() || !instance.toClient.isEmpty()
                            || instance.clientProcessIdKnown)) {
                        violations.add(pipe + " has a " + instance.state + " instance that keeps client state");
                    }
                    if (instance.serverClosed) {
                        violations.add(pipe + " lists an instance whose server end was closed");
                    }
                }
            }
        }
        return violations;
    }

    // ---------------------------------------------------------------- IRP_MJ_CREATE / IRP_MJ_CREATE_NAMED_PIPE

    @Override
    public Result<FileOpen> create(IoOpenRequest request, IoManager io) {
        String name = request.remainingName().startsWith("\\") ? request.remainingName().substring(1) : request.remainingName();
        if (name.isEmpty() && !(request.createParameters() instanceof NamedPipeCreateParameters)) {
            return openRoot(request, io);
        }
        if (name.isEmpty()) {
            return Result.failure(NtStatus.STATUS_OBJECT_NAME_INVALID);
        }
        if (request.createParameters() instanceof NamedPipeCreateParameters parameters) {
            return createInstance(request, io, name, parameters);
        }
        return openClient(request, io, name);
    }

    /**
     * Opens the file system's root ({@code \\.\pipe\}, as WaitNamedPipeW does, P11) through the one
     * open-time check against the root's descriptor, which has no DACL in the model (UNVERIFIED): an
     * Identification-level impersonator is still refused (R20).
     */
    private Result<FileOpen> openRoot(IoOpenRequest request, IoManager io) {
        Result<Integer> granted = io.checkOpenAccess(request.caller(), root.securityDescriptor(), request.desiredAccess());
        if (!granted.succeeded()) {
            return granted.withValue(null);
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, new FileOpen(root, new PipeRootOpen(), granted.value()));
    }

    /** The pipe end behind {@code file}, or null for an open of the file system's root. */
    private static PipeEnd endOf(FileObject file) {
        return file.context() instanceof PipeEnd end ? end : null;
    }

    private Result<FileOpen> createInstance(IoOpenRequest request, IoManager io, String name, NamedPipeCreateParameters p) {
        int disposition = request.disposition();
        if (disposition != IoOpenRequest.FILE_CREATE && disposition != IoOpenRequest.FILE_OPEN
                && disposition != IoOpenRequest.FILE_OPEN_IF) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER); // P4: FILE_OVERWRITE(_IF), FILE_SUPERSEDE
        }
        if (request.shareAccess() == 0 || (!p.messageType() && p.readModeMessage()) || p.maxInstances() == 0
                || (!p.inbound() && !p.outbound())) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER); // P1, P4
        }
        String key = name.toLowerCase(Locale.ROOT);
        int desired = GenericMapping.FILE.map(request.desiredAccess());
        while (true) {
            NamedPipe pipe = pipes.get(key);
            if (pipe == null) {
                if (disposition == IoOpenRequest.FILE_OPEN) {
                    return Result.failure(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
                }
                NamedPipe created = new NamedPipe(name, p, assignSecurity(request));
                synchronized (created) {
                    if (pipes.putIfAbsent(key, created) != null) {
                        continue; // another creator won the name
                    }
                    PipeInstance instance = new PipeInstance(created, p.readModeMessage());
                    created.instances.add(instance);
                    wakeWaiters(created); // P11: waits for the name outlive an earlier pipe of that name
                    return Result.ofStatus(NtStatus.STATUS_SUCCESS, new FileOpen(created,
                            new PipeEnd(instance, true, p.readModeMessage(), 0), desired & ObjectType.FILE.allAccess()
                                    | (desired & 0x01000000)));
                }
            }
            synchronized (pipe) {
                if (pipes.get(key) != pipe) {
                    continue; // its last instance closed meanwhile
                }
                if (disposition == IoOpenRequest.FILE_CREATE) {
                    return Result.failure(NtStatus.STATUS_ACCESS_DENIED); // P4: FILE_FLAG_FIRST_PIPE_INSTANCE
                }
                Result<Integer> granted = io.checkOpenAccess(request.caller(), pipe.securityDescriptor(),
                        desired | FILE_CREATE_PIPE_INSTANCE); // P7
                if (!granted.succeeded()) {
                    return granted.withValue(null);
                }
                if (p.inbound() != pipe.inbound || p.outbound() != pipe.outbound) {
                    return Result.failure(NtStatus.STATUS_ACCESS_DENIED); // P5
                }
                if (pipe.maxInstances > 0 && pipe.instances.size() >= pipe.maxInstances) {
                    return Result.failure(NtStatus.STATUS_INSTANCE_NOT_AVAILABLE); // P5: ERROR_PIPE_BUSY
                }
                PipeInstance instance = new PipeInstance(pipe, p.readModeMessage());
                pipe.instances.add(instance);
                changed(pipe);
                return Result.ofStatus(NtStatus.STATUS_SUCCESS, new FileOpen(pipe,
                        new PipeEnd(instance, true, p.readModeMessage(), 0), granted.value() & ~FILE_CREATE_PIPE_INSTANCE
                                | (desired & FILE_CREATE_PIPE_INSTANCE)));
            }
        }
    }

    /**
     * The new pipe's descriptor ({@code SeAssignSecurity}): the one given, with owner and group
     * filled from the creator's token when absent; without one, the creator's defaults (R15). A
     * creator at Medium or above adds no label, one below Medium its own (O18).
     */
    private static SecurityDescriptor assignSecurity(IoOpenRequest request) {
        TokenContents creator = request.caller().effectiveToken().contents();
        SecurityDescriptor withLabel = ObjectSecurity.defaultFor(creator, ObjectType.FILE);
        SecurityDescriptor defaults = creator.integrity().rid() < MEDIUM_RID ? withLabel
                : new SecurityDescriptor(withLabel.owner(), withLabel.group(), withLabel.daclPresent(), withLabel.dacl(),
                null, withLabel.control());
        SecurityDescriptor given = request.securityDescriptor();
        if (given == null) {
            return defaults;
        }
        return new SecurityDescriptor(given.owner() != null ? given.owner() : defaults.owner(),
                given.group() != null ? given.group() : defaults.group(),
                given.daclPresent(), given.daclPresent() ? given.dacl() : null,
                given.sacl() != null ? given.sacl() : defaults.sacl(), given.control());
    }

    private Result<FileOpen> openClient(IoOpenRequest request, IoManager io, String name) {
        NamedPipe pipe = pipes.get(name.toLowerCase(Locale.ROOT));
        if (pipe == null) {
            return Result.failure(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND); // P11
        }
        synchronized (pipe) {
            Result<Integer> granted = io.checkOpenAccess(request.caller(), pipe.securityDescriptor(), request.desiredAccess());
            if (!granted.succeeded()) {
                return granted.withValue(null); // P7
            }
            int access = granted.value();
            if ((!pipe.outbound && (access & FILE_READ_DATA) != 0) || (!pipe.inbound && (access & FILE_WRITE_DATA) != 0)) {
                return Result.failure(NtStatus.STATUS_ACCESS_DENIED); // P11: the pipe's direction
            }
            PipeInstance instance = null;
            for (PipeInstance candidate : pipe.instances) {
                if (candidate.state == PipeInstance.State.LISTENING
                        && (instance == null || candidate.listenSequence < instance.listenSequence)) {
                    instance = candidate;
                }
            }
            if (instance == null) {
                return Result.failure(NtStatus.STATUS_PIPE_NOT_AVAILABLE); // P11: ERROR_PIPE_BUSY
            }
            SecurityQualityOfService qos = request.qos() != null ? request.qos() : DEFAULT_CLIENT_QOS;
            ClientSecurityContext context = null;
            if (!qos.dynamicTracking()) {
                Result<ClientSecurityContext> captured = se.createClientSecurity(request.caller(), qos); // P16, P20
                if (!captured.succeeded()) {
                    return captured.withValue(null);
                }
                context = captured.value();
            }
            instance.state = PipeInstance.State.CONNECTED;
            instance.generation++;
            instance.clientQos = qos;
            instance.clientContext = context;
            instance.clientProcessId = request.caller().process().processId();
            instance.clientProcessIdKnown = true;
            changed(pipe);
            return Result.ofStatus(NtStatus.STATUS_SUCCESS,
                    new FileOpen(pipe, new PipeEnd(instance, false, false, instance.generation), access));
        }
    }

    // ---------------------------------------------------------------- IRP_MJ_CLEANUP

    @Override
    public void cleanup(FileObject file) {
        if (file.context() instanceof PipeRootOpen open) {
            cancelWaits(open, null); // the I/O manager cancels what is still queued on the file object
            return;
        }
        PipeEnd end = (PipeEnd) file.context();
        PipeInstance instance = end.instance();
        NamedPipe pipe = instance.pipe;
        synchronized (pipe) {
            for (Iterator<PendingRequest> it = pipe.pending.iterator(); it.hasNext(); ) {
                PendingRequest p = it.next();
                if (p.request().file() == file) {
                    it.remove();
                    p.request().complete(Result.failure(NtStatus.STATUS_PIPE_BROKEN));
                }
            }
            if (end.server()) {
                instance.serverClosed = true;
                pipe.instances.remove(instance);
                dropClientSecurity(instance);
                discard(instance.toServer);
                if (pipe.instances.isEmpty()) {
                    pipes.remove(pipe.name.toLowerCase(Locale.ROOT), pipe); // P4: the name is free again
                }
            } else if (instance.isCurrentClient(end) && instance.state == PipeInstance.State.CONNECTED) {
                instance.state = PipeInstance.State.CLOSING; // P21: the context stays
            }
            changed(pipe);
        }
    }

    // ---------------------------------------------------------------- pending requests


    /** After a state change (under the pipe's lock): wakes blocked callers and completes pending requests that can complete. */
    private void changed(NamedPipe pipe) {
        pipe.notifyAll();
        wakeWaiters(pipe);
        for (Iterator<PendingRequest> it = new ArrayList<>(pipe.pending).iterator(); it.hasNext(); ) {
            PendingRequest p = it.next();
            if (!pipe.pending.contains(p)) {
                continue;
            }
            Result<?> r = p.attempt().get();
            if (r != WOULD_BLOCK) {
                pipe.pending.remove(p);
                p.request().complete(r);
            }
        }
    }

    /**
     * Runs {@code attempt} now, then, while it would block: left pending on the request (the I/O
     * manager waits for a synchronous one, which CancelSynchronousIo can cancel), timed out
     * (scenario runs), or, without a request (an in-kernel caller), waiting on the pipe.
     */
    @SuppressWarnings("unchecked")
    private <T> Result<T> perform(NamedPipe pipe, IoRequest request, Supplier<Result<?>> attempt) {
        synchronized (pipe) {
            Result<?> r = attempt.get();
            if (r != WOULD_BLOCK) {
                if (request != null) {
                    request.complete(r);
                }
                return (Result<T>) r;
            }
            if (blockingCallsTimeOut && (request == null || request.isSynchronous())) {
                return Result.failure(NtStatus.STATUS_IO_TIMEOUT);
            }
            if (request != null) {
                pipe.pending.add(new PendingRequest(request, attempt));
                return Result.failure(NtStatus.STATUS_PENDING);
            }
            while (true) {
                try {
                    pipe.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Result.failure(NtStatus.STATUS_CANCELLED);
                }
                r = attempt.get();
                if (r != WOULD_BLOCK) {
                    return (Result<T>) r;
                }
            }
        }
    }

    @Override
    public Result<Void> cancel(FileObject file, IoRequest request) {
        if (file.context() instanceof PipeRootOpen open) {
            return cancelWaits(open, request) ? Result.ofStatus(NtStatus.STATUS_SUCCESS, null)
                    : Result.failure(NtStatus.STATUS_NOT_FOUND);
        }
        NamedPipe pipe = ((PipeEnd) file.context()).instance().pipe;
        synchronized (pipe) {
            boolean found = false;
            for (Iterator<PendingRequest> it = pipe.pending.iterator(); it.hasNext(); ) {
                PendingRequest p = it.next();
                if (p.request().file() == file && (request == null || p.request() == request)) {
                    it.remove();
                    p.request().complete(Result.failure(NtStatus.STATUS_CANCELLED));
                    found = true;
                }
            }
            return found ? Result.ofStatus(NtStatus.STATUS_SUCCESS, null) : Result.failure(NtStatus.STATUS_NOT_FOUND);
        }
    }

    // ---------------------------------------------------------------- FSCTL_PIPE_WAIT

    /**
     * {@code FSCTL_PIPE_WAIT} on an open of the root (WaitNamedPipeW, P11): STATUS_OBJECT_NAME_NOT_FOUND
     * when no pipe has {@code name}; STATUS_SUCCESS at once when one of its instances listens (a new
     * instance does, P10); else the request waits in the file system's queue for that name until an
     * instance listens (STATUS_SUCCESS), its time-out passes (STATUS_IO_TIMEOUT, ERROR_SEM_TIMEOUT),
     * or it is cancelled (STATUS_CANCELLED). Success reserves nothing: a client may take the instance
     * first. On a pipe end: STATUS_ILLEGAL_FUNCTION.
     *
     * @param timeoutSpecified false for the pipe's default time-out (NMPWAIT_USE_DEFAULT_WAIT)
     * @param timeoutMillis    the time-out when specified; negative waits forever
     * @param request          the request (WaitNamedPipeW's is synchronous)
     */
    public Result<Void> waitForInstance(FileObject file, String name, boolean timeoutSpecified, long timeoutMillis,
                                        IoRequest request) {
        Objects.requireNonNull(request, "request");
        if (!(file.context() instanceof PipeRootOpen open)) {
            return Result.failure(NtStatus.STATUS_ILLEGAL_FUNCTION);
        }
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            return Result.failure(NtStatus.STATUS_OBJECT_NAME_INVALID);
        }
        String key = name.toLowerCase(Locale.ROOT);
        while (true) {
            NamedPipe pipe = pipes.get(key);
            if (pipe == null) {
                return Result.failure(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND); // P11: ERROR_FILE_NOT_FOUND
            }
            synchronized (pipe) {
                if (pipes.get(key) != pipe) {
                    continue; // its last instance closed meanwhile
                }
                if (hasListeningInstance(pipe)) {
                    request.complete(Result.ofStatus(NtStatus.STATUS_SUCCESS, null));
                    return Result.ofStatus(NtStatus.STATUS_SUCCESS, null);
                }
                long millis = timeoutSpecified ? timeoutMillis : pipe.defaultTimeoutMillis;
                if (millis == 0 || (blockingCallsTimeOut && request.isSynchronous())) {
                    return Result.failure(NtStatus.STATUS_IO_TIMEOUT);
                }
                synchronized (waiters) {
                    PipeWaiter waiter = new PipeWaiter(request, key, open);
                    waiters.computeIfAbsent(key, n -> new ArrayList<>()).add(waiter);
                    open.waits.add(waiter);
                    if (millis > 0) {
                        waiter.timer = PipeWaitTimers.schedule(millis, () -> expire(waiter));
                    }
                }
                return Result.failure(NtStatus.STATUS_PENDING);
            }
        }
    }

    private static boolean hasListeningInstance(NamedPipe pipe) {
        for (PipeInstance instance : pipe.instances) {
            if (instance.state == PipeInstance.State.LISTENING) {
                return true;
            }
        }
        return false;
    }

    /** Under the pipe's lock: completes every wait for its name once one of its instances listens. */
    private void wakeWaiters(NamedPipe pipe) {
        if (!hasListeningInstance(pipe)) {
            return;
        }
        synchronized (waiters) {
            List<PipeWaiter> queued = waiters.remove(pipe.name.toLowerCase(Locale.ROOT));
            if (queued != null) {
                for (PipeWaiter w : queued) {
                    finish(w, Result.ofStatus(NtStatus.STATUS_SUCCESS, null));
                }
            }
        }
    }

    private void expire(PipeWaiter waiter) {
        synchronized (waiters) {
            if (dequeue(waiter)) {
                finish(waiter, Result.failure(NtStatus.STATUS_IO_TIMEOUT));
            }
        }
    }

    /** Cancels the waits of {@code open} ({@code request}, or every one when null); true when one was queued. */
    private boolean cancelWaits(PipeRootOpen open, IoRequest request) {
        boolean found = false;
        synchronized (waiters) {
            for (PipeWaiter w : new ArrayList<>(open.waits)) {
                if ((request == null || w.request == request) && dequeue(w)) {
                    finish(w, Result.failure(NtStatus.STATUS_CANCELLED));
                    found = true;
                }
            }
        }
        return found;
    }

    /** Under the wait queue's lock: takes {@code waiter} off its name's queue; false when it was no longer there. */
    private boolean dequeue(PipeWaiter waiter) {
        List<PipeWaiter> queued = waiters.get(waiter.key);
        if (queued == null || !queued.remove(waiter)) {
            return false;
        }
        if (queued.isEmpty()) {
            waiters.remove(waiter.key);
        }
        return true;
    }

    private static void finish(PipeWaiter waiter, Result<?> outcome) {
        if (waiter.timer != null) {
            waiter.timer.cancel(false);
        }
        waiter.open.waits.remove(waiter);
        waiter.request.complete(outcome);
    }

    /** The number of FSCTL_PIPE_WAIT requests queued now (0 whenever no WaitNamedPipeW is in progress). */
    public int waitingForInstanceCount() {
        synchronized (waiters) {
            int n = 0;
            for (List<PipeWaiter> queued : waiters.values()) {
                n += queued.size();
            }
            return n;
        }
    }

    // ---------------------------------------------------------------- FSCTL_PIPE_LISTEN / DISCONNECT / IMPERSONATE

    /**
     * {@code FSCTL_PIPE_LISTEN} (ConnectNamedPipe, P10): STATUS_SUCCESS once a client connects,
     * STATUS_PIPE_CONNECTED when one already is, STATUS_PIPE_CLOSING when it connected and closed,
     * STATUS_PIPE_LISTENING for a non-blocking pipe with no client; a disconnected instance listens
     * again. On a client end: STATUS_ILLEGAL_FUNCTION.
     */
    public Result<Void> listen(FileObject file, IoRequest request) {
        PipeEnd end = endOf(file);
        if (end == null || !end.server()) {
            return Result.failure(NtStatus.STATUS_ILLEGAL_FUNCTION);
        }
        PipeInstance instance = end.instance();
        boolean[] waited = {false};
        return perform(instance.pipe, request, () -> {
            switch (instance.state) {
                case CONNECTED:
                    return waited[0] ? Result.ofStatus(NtStatus.STATUS_SUCCESS, null) : Result.failure(NtStatus.STATUS_PIPE_CONNECTED);
                case CLOSING:
                    return waited[0] ? Result.ofStatus(NtStatus.STATUS_SUCCESS, null) : Result.failure(NtStatus.STATUS_PIPE_CLOSING);
                case DISCONNECTED:
                    instance.state = PipeInstance.State.LISTENING;
                    instance.listenSequence = instance.pipe.nextListenSequence();
                    wakeWaiters(instance.pipe); // P11: WaitNamedPipeW returns once an instance listens
                    waited[0] = true;
                    return WOULD_BLOCK;
                default:
                    waited[0] = true;
                    return WOULD_BLOCK;
            }
        });
    }

    /**
     * {@code FSCTL_PIPE_DISCONNECT} (DisconnectNamedPipe, P12): the client end is cut off, queued
     * data and the client's captured security are dropped; STATUS_PIPE_DISCONNECTED when already
     * disconnected; STATUS_ILLEGAL_FUNCTION on a client end.
     */
    public Result<Void> disconnect(FileObject file) {
        PipeEnd end = endOf(file);
        if (end == null || !end.server()) {
            return Result.failure(NtStatus.STATUS_ILLEGAL_FUNCTION);
        }
        PipeInstance instance = end.instance();
        synchronized (instance.pipe) {
            if (instance.state == PipeInstance.State.DISCONNECTED) {
                return Result.failure(NtStatus.STATUS_PIPE_DISCONNECTED);
            }
            instance.state = PipeInstance.State.DISCONNECTED;
            discard(instance.toServer);
            discard(instance.toClient);
            dropClientSecurity(instance);
            instance.clientProcessIdKnown = false;
            changed(instance.pipe);
            return Result.ofStatus(NtStatus.STATUS_SUCCESS, null);
        }
    }

    /**
     * {@code FSCTL_PIPE_IMPERSONATE} (ImpersonateNamedPipeClient): STATUS_CANNOT_IMPERSONATE while
     * no context is current (P20), else {@code SeImpersonateClientEx} on {@code server} with the
     * usual decision (R38, P24); STATUS_ILLEGAL_FUNCTION on a client end.
     */
    public Result<ImpersonationDecision> impersonate(ThreadObject server, FileObject file) {
        PipeEnd end = endOf(file);
        if (end == null || !end.server()) {
            return Result.failure(NtStatus.STATUS_ILLEGAL_FUNCTION);
        }
        synchronized (end.instance().pipe) {
            ClientSecurityContext context = end.instance().clientContext;
            if (context == null) {
                return Result.failure(NtStatus.STATUS_CANNOT_IMPERSONATE);
            }
            return se.impersonateClient(context, server);
        }
    }

    /**
     * {@code FSCTL_PIPE_GET_PIPE_ATTRIBUTE "ClientProcessId"} (P26): the client's pid on either end;
     * the server end of a disconnected (or never connected) instance gives STATUS_NOT_FOUND, a
     * client end of an older connection STATUS_PIPE_DISCONNECTED.
     */
    public Result<Integer> clientProcessId(FileObject file) {
        PipeEnd end = endOf(file);
        if (end == null) {
            return Result.failure(NtStatus.STATUS_ILLEGAL_FUNCTION);
        }
        PipeInstance instance = end.instance();
        synchronized (instance.pipe) {
            if (!end.server() && end.generation() != instance.generation) {
                return Result.failure(NtStatus.STATUS_PIPE_DISCONNECTED);
            }
            if (!instance.clientProcessIdKnown) {
                return Result.failure(end.server() ? NtStatus.STATUS_NOT_FOUND : NtStatus.STATUS_PIPE_DISCONNECTED);
            }
            return Result.ofStatus(NtStatus.STATUS_SUCCESS, instance.clientProcessId);
        }
    }

    /** {@code FilePipeInformation} ReadMode (SetNamedPipeHandleState): the end's file object context cannot change, so the mode is kept per end. */
    public Result<Void> setReadMode(FileObject file, boolean message) {
        PipeEnd end = endOf(file);
        if (end == null) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        if (message && !end.instance().pipe.messageType) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        synchronized (end.instance().pipe) {
            readModes.put(file, message);
            return Result.ofStatus(NtStatus.STATUS_SUCCESS, null);
        }
    }

    private final Map<FileObject, Boolean> readModes = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private boolean readsMessages(FileObject file, PipeEnd end) {
        Boolean set = readModes.get(file);
        return set != null ? set : end.readModeMessage();
    }

    // ---------------------------------------------------------------- IRP_MJ_READ / IRP_MJ_WRITE

    @Override
    public Result<byte[]> read(ThreadObject caller, FileObject file, int length) {
        return read(caller, file, length, null);
    }

    @Override
    public Result<byte[]> read(ThreadObject caller, FileObject file, int length, IoRequest request) {
        PipeEnd end = endOf(file);
        if (end == null) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER); // the root is a directory
        }
        PipeInstance instance = end.instance();
        return perform(instance.pipe, request, () -> {
            boolean message = readsMessages(file, end);
            if (end.server()) {
                switch (instance.state) {
                    case LISTENING:
                        return Result.failure(NtStatus.STATUS_PIPE_LISTENING);
                    case DISCONNECTED:
                        return Result.failure(NtStatus.STATUS_PIPE_DISCONNECTED);
                    case CLOSING:
                        return instance.toServer.isEmpty() ? Result.failure(NtStatus.STATUS_PIPE_BROKEN)
                                : take(instance, instance.toServer, length, message, true);
                    default:
                        return instance.toServer.isEmpty() ? WOULD_BLOCK : take(instance, instance.toServer, length, message, true);
                }
            }
            if (!instance.isCurrentClient(end)) {
                return Result.failure(NtStatus.STATUS_PIPE_DISCONNECTED);
            }
            if (!instance.toClient.isEmpty()) {
                return take(instance, instance.toClient, length, message, false);
            }
            return instance.serverClosed ? Result.failure(NtStatus.STATUS_PIPE_BROKEN) : WOULD_BLOCK;
        });
    }

    @Override
    public Result<Integer> write(ThreadObject caller, FileObject file, byte[] data) {
        return write(caller, file, data, null);
    }

    @Override
    public Result<Integer> write(ThreadObject caller, FileObject file, byte[] data, IoRequest request) {
        PipeEnd end = endOf(file);
        if (end == null) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        PipeInstance instance = end.instance();
        byte[] copy = data.clone();
        return perform(instance.pipe, request, () -> {
            if (end.server()) {
                switch (instance.state) {
                    case LISTENING:
                        return Result.failure(NtStatus.STATUS_PIPE_LISTENING);
                    case DISCONNECTED:
                        return Result.failure(NtStatus.STATUS_PIPE_DISCONNECTED);
                    case CLOSING:
                        return Result.failure(NtStatus.STATUS_PIPE_CLOSING);
                    default:
                        instance.toClient.add(new PipeMessage(copy, null));
                        changed(instance.pipe);
                        return Result.ofStatus(NtStatus.STATUS_SUCCESS, copy.length);
                }
            }
            if (!instance.isCurrentClient(end)) {
                return Result.failure(NtStatus.STATUS_PIPE_DISCONNECTED);
            }
            if (instance.serverClosed) {
                return Result.failure(NtStatus.STATUS_PIPE_CLOSING);
            }
            ClientSecurityContext context = null;
            SecurityQualityOfService qos = instance.clientQos;
            if (qos != null && qos.dynamicTracking()) {
                // per-message capture (P17, P18): the client's context at this write, current once the server reads it
                Result<ClientSecurityContext> captured = se.createClientSecurity(caller,
                        new SecurityQualityOfService(qos.level(), false, qos.effectiveOnly()));
                if (!captured.succeeded()) {
                    return captured.withValue(null);
                }
                context = captured.value();
            }
            instance.toServer.add(new PipeMessage(copy, context));
            changed(instance.pipe);
            return Result.ofStatus(NtStatus.STATUS_SUCCESS, copy.length);
        });
    }

    /** Takes up to {@code length} bytes: one message (STATUS_BUFFER_OVERFLOW with the part when longer) or a byte stream. */
    private Result<?> take(PipeInstance instance, java.util.Deque<PipeMessage> queue, int length, boolean message,
                           boolean serverReads) {
        if (message) {
            PipeMessage m = queue.peekFirst();
            if (serverReads && m.clientContext() != null) {
                makeCurrent(instance, m.takeClientContext());
            }
            int n = Math.min(length, m.remaining());
            byte[] out = Arrays.copyOfRange(m.data, m.consumed, m.consumed + n);
            m.consumed += n;
            if (m.remaining() == 0) {
                queue.pollFirst();
                return Result.ofStatus(NtStatus.STATUS_SUCCESS, out);
            }
            return Result.ofStatus(NtStatus.STATUS_BUFFER_OVERFLOW, out);
        }
        byte[] out = new byte[length];
        int filled = 0;
        while (filled < length && !queue.isEmpty()) {
            PipeMessage m = queue.peekFirst();
            if (serverReads && m.clientContext() != null) {
                makeCurrent(instance, m.takeClientContext());
            }
            int n = Math.min(length - filled, m.remaining());
            System.arraycopy(m.data, m.consumed, out, filled, n);
            m.consumed += n;
            filled += n;
            if (m.remaining() == 0) {
                queue.pollFirst();
            }
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, Arrays.copyOf(out, filled));
    }

    /** {@code NpCopyClientContext}: the context of the message the server reads becomes the one it impersonates. */
    private void makeCurrent(PipeInstance instance, ClientSecurityContext context) {
        if (instance.clientContext != null && instance.clientContext != context) {
            se.deleteClientSecurity(instance.clientContext);
        }
        instance.clientContext = context;
    }

    private void dropClientSecurity(PipeInstance instance) {
        if (instance.clientContext != null) {
            se.deleteClientSecurity(instance.clientContext);
            instance.clientContext = null;
        }
        instance.clientQos = null;
    }

    private void discard(java.util.Deque<PipeMessage> queue) {
        for (PipeMessage m : queue) {
            ClientSecurityContext owned = m.takeClientContext();
            if (owned != null) {
                se.deleteClientSecurity(owned);
            }
        }
        queue.clear();
    }
}
