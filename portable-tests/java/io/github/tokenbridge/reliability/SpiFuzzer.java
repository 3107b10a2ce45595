package io.github.tokenbridge.reliability;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.LogonOrigin;
import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.ModelThread;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.io.IoDevices;
import io.github.tokenbridge.model.kernel.io.IoManager;
import io.github.tokenbridge.model.kernel.io.SynchronousIoTable;
import io.github.tokenbridge.model.kernel.io.npfs.NamedPipeFileSystem;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.ps.ImpersonationState;
import io.github.tokenbridge.model.kernel.Kernel;
import io.github.tokenbridge.model.kernel.ModelInvariants;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ProcessObject;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A seeded fuzzer of the model backend's SPI: random call sequences with valid, closed, wrong-type,
 * pseudo and garbage handles, unknown access bits, absurd lengths and levels, Java nulls, run as
 * threads of two processes; after every call it checks the SPI contract and the model's rules:
 *
 * <ul>
 *   <li>only {@link Result}s come back, with statuses from the tables; the one exception allowed is
 *       {@link NullPointerException} for a Java {@code null} where the SPI gives {@code null} no
 *       meaning (the documented choice: a programming error, thrown before any effect);</li>
 *   <li>the caller's handle table changes exactly as the call's outcome says: one new handle for a
 *       successful open, one fewer for a successful close, no change otherwise (nothing leaks on
 *       failure);</li>
 *   <li>a closed or never-opened handle, and a handle of the wrong object type, never make a call
 *       succeed (R19, R31);</li>
 *   <li>a thread impersonating below Impersonation level can never open an object (R20);</li>
 *   <li>a token handle opened on an existing token never holds more access than that token's DACL
 *       grants the caller's effective or primary token (R24);</li>
 *   <li>no model thread is left waiting for a synchronous request once a call returned (P27);</li>
 *   <li>the model's invariants ({@link ModelInvariants}) and the pipe file system's
 *       ({@link NamedPipeFileSystem#invariantViolations()}) hold after every sequence and every 256 calls.</li>
 * </ul>
 * The named-pipe calls come from {@link SpiFuzzPipeCalls}.
 */
final class SpiFuzzer {

    private static final List<String> PRESETS = List.of("standard-user", "elevated-admin", "local-system",
            "service-impersonate", "filtered-admin");

    /** How often (in calls) the invariants are checked within a sequence; 1 to pin a violation on its call. */
    private static final int CHECK_EVERY = Integer.getInteger("tokenbridge.fuzz.checkEvery", 256);

    private final long seed;
    private SplittableRandom random;
    private final ModelBackend model;
    private final Kernel kernel;
    private final List<ModelThread> callers = new ArrayList<>();
    private final List<Long> seenHandles = new ArrayList<>();
    private final SpiFuzzArguments args;
    private final SpiFuzzPipeCalls pipeCalls;
    private final NamedPipeFileSystem npfs;
    private final SynchronousIoTable synchronousIo;
    private final SpiFuzzOracles oracles;
    private final List<Integer> processIds = new ArrayList<>();
    private final List<Integer> threadIds = new ArrayList<>();
    private final StringBuilder trace = new StringBuilder();
    private long calls;
    private long successes;
    private long npes;
    /** How often each oracle actually judged a call (so that a vacuous oracle shows). */
    private final Map<String, Long> oracleChecks = new java.util.TreeMap<>();
    private long iaes;
    private final Map<String, Long> unsupported = new java.util.TreeMap<>();

    SpiFuzzer(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.args = new SpiFuzzArguments(seenHandles);
        args.use(random);
        this.model = ModelBackend.create(ModelConfiguration.preset(PRESETS.get(random.nextInt(PRESETS.size()))));
        this.kernel = ModelInternals.kernelServices(model.world()).kernel();
        this.pipeCalls = new SpiFuzzPipeCalls(model, args);
        pipeCalls.use(random);
        IoManager ioManager = ModelInternals.kernelServices(model.world()).io();
        this.npfs = (NamedPipeFileSystem) ioManager.driver(IoDevices.NAMED_PIPE_DEVICE);
        npfs.setBlockingCallsTimeOut(true); // one Java thread runs every model thread: a blocking call fails at once
        this.synchronousIo = ioManager.synchronousIo();
        this.oracles = new SpiFuzzOracles(kernel, seenHandles, this::fail, this::counted);
        ModelThread self = model.world().currentThread();
        callers.add(self);
        processIds.add(self.processId());
        threadIds.add(self.threadId());
        ModelThread sibling = model.world().createThread(Handle.CURRENT_PROCESS).value();
        callers.add(sibling);
        threadIds.add(sibling.threadId());
        Handle other = model.world().logon(LogonPrincipal.OTHER, LogonType.INTERACTIVE, LogonOrigin.SELF).value();
        Result<Handle> process = model.world().createProcess(other);
        if (process.succeeded()) {
            ModelThread foreign = model.world().createThread(process.value()).value();
            callers.add(foreign);
            processIds.add(foreign.processId());
            threadIds.add(foreign.threadId());
            model.closeHandle(process.value());
        }
        model.closeHandle(other);
    }

    long calls() {
        return calls;
    }

    long successes() {
        return successes;
    }

    /** UnsupportedOperationException messages (what the model does not cover) and how often each came. */
    Map<String, Long> unsupported() {
        return unsupported;
    }

    Map<String, Long> oracleChecks() {
        return oracleChecks;
    }

    private void counted(String oracle) {
        oracleChecks.merge(oracle, 1L, Long::sum);
    }

    long nullPointerExceptions() {
        return npes;
    }

    /** Runs {@code count} random calls, checking each; throws AssertionError with the seed and recent calls on a violation. */
    void run(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            ModelThread caller = random.nextInt(10) < 7 ? callers.get(0) : callers.get(random.nextInt(callers.size()));
            if (caller.equals(callers.get(0))) {
                step(caller);
            } else {
                model.world().runAs(caller, () -> {
                    step(caller);
                    return null;
                });
            }
            if ((i + 1) % CHECK_EVERY == 0) {
                checkInvariants();
            }
        }
        checkInvariants();
    }

    /**
     * Runs one call per element of {@code stepSeeds}, each drawing its arguments from its own seed,
     * checking everything {@link #run} checks; jqwik can then shrink a failing list to the few calls
     * that matter.
     */
    void runSteps(List<Long> stepSeeds) throws Exception {
        for (long stepSeed : stepSeeds) {
            random = new SplittableRandom(stepSeed);
            args.use(random);
            pipeCalls.use(random);
            ModelThread caller = random.nextInt(10) < 7 ? callers.get(0) : callers.get(random.nextInt(callers.size()));
            if (caller.equals(callers.get(0))) {
                step(caller);
            } else {
                model.world().runAs(caller, () -> {
                    step(caller);
                    return null;
                });
            }
            checkInvariants();
        }
    }

    private void checkInvariants() {
        List<String> violations = new ArrayList<>(ModelInvariants.of(kernel).check());
        violations.addAll(npfs.invariantViolations());
        if (!violations.isEmpty()) {
            fail("model invariants violated: " + violations);
        }
    }

    private void fail(String message) {
        throw new AssertionError("SPI fuzz seed " + seed + " after " + calls + " calls: " + message
                + "\nlast calls:\n" + trace);
    }

    private void record(String call) {
        if (trace.length() > 4000) {
            trace.delete(0, trace.indexOf("\n", 2000) + 1);
        }
        trace.append("  ").append(call).append('\n');
    }

    // ---------------------------------------------------------------- one call

    
    private void step(ModelThread modelCaller) {
        ThreadObject caller = kernel.findThread(modelCaller.threadId()).orElseThrow();
        ProcessObject process = caller.process();
        Map<Long, HandleEntry> before = process.handles().snapshot();
        Optional<ImpersonationState> active = caller.activeImpersonation();
        boolean belowImpersonation = active.isPresent() && active.get().level().isBelow(ImpersonationLevel.IMPERSONATION);
        TokenObject effective = caller.effectiveToken();
        boolean[] nulled = {false};
        boolean[] wrongJavaType = {false};
        List<SpiFuzzArguments.Arg> mustBeValid = new ArrayList<>();
        SpiFuzzOracles.Effect effect = SpiFuzzOracles.Effect.NONE;
        boolean opensExisting = false;
        ObjectType opened = null;
        SpiFuzzArguments.Arg closeArg = null;
        SpiFuzzArguments.Arg dupSource = null;
        SpiFuzzArguments.Arg derivedFrom = null;
        int dupOptions = 0;
        String call;
        java.util.function.Supplier<Result<?>> invoke;

        int op = random.nextInt(38 + SpiFuzzPipeCalls.OPERATIONS);
        if (op >= 38) { // ---- named pipes and overlapped I/O
            SpiFuzzPipeCalls.Call pipe = pipeCalls.next(op - 38, before);
            call = pipe.text();
            invoke = pipe.invoke();
            effect = pipe.effect();
            opened = pipe.opened();
            opensExisting = pipe.opensExisting();
            mustBeValid.addAll(pipe.mustBeValid());
        } else switch (op) {
            case 0 -> {
                int access = args.access();
                int pid = random.nextInt(4) == 0 ? random.nextInt() : processIds.get(random.nextInt(processIds.size()));
                call = "OpenProcess(0x" + Integer.toHexString(access) + ", " + pid + ")";
                invoke = () -> model.openProcess(access, pid);
                effect = SpiFuzzOracles.Effect.OPENS;
                opensExisting = true;
                opened = ObjectType.PROCESS;
            }
            case 1 -> {
                int access = args.access();
                int tid = random.nextInt(4) == 0 ? random.nextInt() : threadIds.get(random.nextInt(threadIds.size()));
                call = "OpenThread(0x" + Integer.toHexString(access) + ", " + tid + ")";
                invoke = () -> model.openThread(access, tid);
                effect = SpiFuzzOracles.Effect.OPENS;
                opensExisting = true;
                opened = ObjectType.THREAD;
            }
            case 2 -> {
                SpiFuzzArguments.Arg source = args.handle(before, null);
                int access = args.access();
                int options = random.nextInt(5) == 0 ? random.nextInt() : random.nextInt(4);
                Handle h = args.maybeNull(source.handle(), nulled);
                call = "DuplicateHandle(" + (h == null ? "null" : source) + ", 0x" + Integer.toHexString(access) + ", " + options + ")";
                invoke = () -> model.duplicateHandle(h, access, options);
                mustBeValid.add(source);
                effect = SpiFuzzOracles.Effect.DUPLICATES_HANDLE;
                dupSource = source;
                dupOptions = options;
            }
            case 3, 4 -> {
                SpiFuzzArguments.Arg target = args.handle(before, null);
                Handle h = args.maybeNull(target.handle(), nulled);
                boolean nt = op == 4;
                call = (nt ? "NtClose(" : "CloseHandle(") + (h == null ? "null" : target) + ")";
                invoke = () -> nt ? model.ntClose(h) : model.closeHandle(h);
                mustBeValid.add(target); // R19: only -1, -2, -4, -5, -6 are pseudo (CloseHandle: TRUE, no effect); other negatives are invalid
                effect = SpiFuzzOracles.Effect.CLOSES;
                closeArg = target;
            }
            case 5 -> {
                SpiFuzzArguments.Arg target = args.handle(before, null);
                call = "QueryGrantedAccess(" + target + ")";
                invoke = () -> model.queryGrantedAccess(target.handle());
                mustBeValid.add(target);
            }
            case 6, 7 -> {
                SpiFuzzArguments.Arg p = args.handle(before, ObjectType.PROCESS);
                int access = args.access();
                boolean nt = op == 7;
                int attributes = random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(3);
                Handle h = args.maybeNull(p.handle(), nulled);
                call = (nt ? "NtOpenProcessTokenEx(" : "OpenProcessToken(") + p + ", 0x" + Integer.toHexString(access) + ")";
                invoke = () -> nt ? model.ntOpenProcessTokenEx(h, access, attributes) : model.openProcessToken(h, access);
                mustBeValid.add(typed(p, ObjectType.PROCESS));
                effect = SpiFuzzOracles.Effect.OPENS;
                opensExisting = true;
                opened = ObjectType.TOKEN;
            }
            case 8, 9 -> {
                SpiFuzzArguments.Arg t = args.handle(before, ObjectType.THREAD);
                int access = args.access();
                boolean asSelf = random.nextBoolean();
                boolean nt = op == 9;
                Handle h = args.maybeNull(t.handle(), nulled);
                call = (nt ? "NtOpenThreadTokenEx(" : "OpenThreadToken(") + t + ", 0x" + Integer.toHexString(access) + ", self=" + asSelf + ")";
                invoke = () -> nt ? model.ntOpenThreadTokenEx(h, access, asSelf, 0) : model.openThreadToken(h, access, asSelf);
                mustBeValid.add(typed(t, ObjectType.THREAD));
                effect = SpiFuzzOracles.Effect.OPENS;
                opensExisting = !asSelf;
                opened = ObjectType.TOKEN;
            }
            case 10 -> {
                SpiFuzzArguments.Arg t = args.handle(before, ObjectType.TOKEN);
                ImpersonationLevel level = args.maybeNull(args.level(), nulled);
                call = "DuplicateToken(" + t + ", " + level + ")";
                invoke = () -> model.duplicateToken(t.handle(), level);
                derivedFrom = t;
                mustBeValid.add(typed(t, ObjectType.TOKEN));
                effect = SpiFuzzOracles.Effect.OPENS;
                opened = ObjectType.TOKEN;
            }
            case 11 -> {
                SpiFuzzArguments.Arg t = args.handle(before, ObjectType.TOKEN);
                int access = args.access();
                SecurityDescriptor sd = random.nextInt(4) == 0 ? SpiFuzzArguments.DESCRIPTORS.get(random.nextInt(SpiFuzzArguments.DESCRIPTORS.size())) : null;
                ImpersonationLevel level = args.level();
                TokenType type = args.maybeNull(args.type(), nulled);
                call = "DuplicateTokenEx(" + t + ", 0x" + Integer.toHexString(access) + ", sd=" + (sd != null) + ", " + level + ", " + type + ")";
                invoke = () -> model.duplicateTokenEx(t.handle(), access, sd, level, type);
                derivedFrom = t;
                mustBeValid.add(typed(t, ObjectType.TOKEN));
                effect = SpiFuzzOracles.Effect.OPENS;
                opened = ObjectType.TOKEN;
            }
            case 12 -> {
                SpiFuzzArguments.Arg t = args.handle(before, ObjectType.TOKEN);
                int access = args.access();
                ImpersonationLevel level = random.nextInt(4) == 0 ? null : args.level(); // null: no QoS (R53)
                boolean effectiveOnly = random.nextBoolean();
                TokenType type = args.type();
                call = "NtDuplicateToken(" + t + ", 0x" + Integer.toHexString(access) + ", " + level + ", eo=" + effectiveOnly + ", " + type + ")";
                invoke = () -> model.ntDuplicateToken(t.handle(), access, level, effectiveOnly, type);
                derivedFrom = t;
                mustBeValid.add(typed(t, ObjectType.TOKEN));
                effect = SpiFuzzOracles.Effect.OPENS;
                opened = ObjectType.TOKEN;
            }
            case 13 -> {
                ImpersonationLevel level = args.maybeNull(args.level(), nulled);
                call = "ImpersonateSelf(" + level + ")";
                invoke = () -> model.impersonateSelf(level);
            }
            case 14 -> {
                SpiFuzzArguments.Arg t = args.handle(before, ObjectType.TOKEN);
                call = "ImpersonateLoggedOnUser(" + t + ")";
                invoke = () -> model.impersonateLoggedOnUser(t.handle());
                mustBeValid.add(typed(t, ObjectType.TOKEN));
            }
            case 15, 16 -> {
                boolean nt = op == 16;
                SpiFuzzArguments.Arg thread = random.nextInt(3) == 0 && !nt ? null : args.handle(before, ObjectType.THREAD);
                SpiFuzzArguments.Arg token = args.handle(before, ObjectType.TOKEN);
                call = (nt ? "NtSetInformationThread(" : "SetThreadToken(") + thread + ", " + token + ")";
                invoke = () -> nt ? model.ntSetInformationThreadImpersonationToken(thread.handle(), token.handle())
                        : model.setThreadToken(thread == null ? null : thread.handle(), token.handle());
                if (thread != null) {
                    mustBeValid.add(typed(thread, ObjectType.THREAD));
                }
                if (!token.handle().isNull()) {
                    mustBeValid.add(typed(token, ObjectType.TOKEN));
                }
            }
            case 17, 18 -> {
                SpiFuzzArguments.Arg thread = args.handle(before, ObjectType.THREAD);
                boolean nt = op == 18;
                call = (nt ? "NtImpersonateAnonymousToken(" : "ImpersonateAnonymousToken(") + thread + ")";
                invoke = () -> nt ? model.ntImpersonateAnonymousToken(thread.handle()) : model.impersonateAnonymousToken(thread.handle());
                mustBeValid.add(typed(thread, ObjectType.THREAD));
            }
            case 19 -> {
                call = "RevertToSelf()";
                invoke = model::revertToSelf;
            }
            case 20, 21 -> {
                SpiFuzzArguments.Arg t = args.handle(before, ObjectType.TOKEN);
                TokenInformationClass c = args.maybeNull(args.infoClass(), nulled);
                int length = args.length();
                boolean nt = op == 21;
                call = (nt ? "NtQueryInformationToken(" : "GetTokenInformation(") + t + ", " + c + ", " + length + ")";
                invoke = () -> nt ? model.ntQueryInformationToken(t.handle(), c, length) : model.getTokenInformation(t.handle(), c, length);
                mustBeValid.add(typed(t, ObjectType.TOKEN));
                effect = c == TokenInformationClass.TokenLinkedToken ? SpiFuzzOracles.Effect.QUERIES : SpiFuzzOracles.Effect.NONE;
            }
            case 22 -> {
                SpiFuzzArguments.Arg t = args.handle(before, ObjectType.TOKEN);
                TokenInformationClass c = args.infoClass();
                Object value = args.infoValue(c);
                wrongJavaType[0] = !SpiFuzzArguments.rightJavaType(c, value);
                nulled[0] = value == null && c != TokenInformationClass.TokenDefaultDacl;
                call = "SetTokenInformation(" + t + ", " + c + ", " + value + ")";
                invoke = () -> model.setTokenInformation(t.handle(), c, value);
                mustBeValid.add(typed(t, ObjectType.TOKEN));
            }
            case 23 -> {
                SpiFuzzArguments.Arg t = args.handle(before, ObjectType.TOKEN);
                boolean disableAll = random.nextInt(6) == 0;
                List<TokenPrivilege> state = args.privileges();
                int length = random.nextBoolean() ? -1 : args.length();
                call = "AdjustTokenPrivileges(" + t + ", " + disableAll + ", " + state + ", " + length + ")";
                invoke = () -> model.adjustTokenPrivileges(t.handle(), disableAll, state, length);
                mustBeValid.add(typed(t, ObjectType.TOKEN));
            }
            case 24 -> {
                SpiFuzzArguments.Arg t = args.handle(before, ObjectType.TOKEN);
                boolean reset = random.nextInt(6) == 0;
                List<TokenGroup> state = args.groups();
                int length = random.nextBoolean() ? -1 : args.length();
                call = "AdjustTokenGroups(" + t + ", " + reset + ", " + state + ", " + length + ")";
                invoke = () -> model.adjustTokenGroups(t.handle(), reset, state, length);
                mustBeValid.add(typed(t, ObjectType.TOKEN));
            }
            case 25 -> {
                SpiFuzzArguments.Arg t = args.handle(before, ObjectType.TOKEN);
                List<Luid> privileges = args.luids();
                boolean all = random.nextBoolean();
                call = "PrivilegeCheck(" + t + ", " + privileges + ", " + all + ")";
                invoke = () -> model.privilegeCheck(t.handle(), privileges, all);
                mustBeValid.add(typed(t, ObjectType.TOKEN));
            }
            case 26 -> {
                SpiFuzzArguments.Arg t = args.handle(before, ObjectType.TOKEN);
                Sid s = args.maybeNull(args.sid(), nulled);
                call = "CheckTokenMembership(" + t + ", " + s + ")";
                invoke = () -> model.checkTokenMembership(t.handle(), s);
                if (!t.handle().isNull()) {
                    mustBeValid.add(typed(t, ObjectType.TOKEN));
                }
            }
            case 27 -> {
                SpiFuzzArguments.Arg t = args.handle(before, ObjectType.TOKEN);
                SecurityDescriptor sd = args.maybeNull(SpiFuzzArguments.DESCRIPTORS.get(random.nextInt(SpiFuzzArguments.DESCRIPTORS.size())), nulled);
                int access = args.access();
                GenericMapping mapping = args.mapping();
                int length = random.nextBoolean() ? -1 : args.length();
                call = "AccessCheck(sd, " + t + ", 0x" + Integer.toHexString(access) + ", " + length + ")";
                invoke = () -> model.accessCheck(sd, t.handle(), access, mapping, length);
                mustBeValid.add(typed(t, ObjectType.TOKEN));
            }
            case 28 -> {
                SpiFuzzArguments.Arg server = args.handle(before, ObjectType.THREAD);
                SpiFuzzArguments.Arg client = args.handle(before, ObjectType.THREAD);
                ImpersonationLevel level = args.maybeNull(args.level(), nulled);
                boolean dynamic = random.nextBoolean();
                boolean effectiveOnly = random.nextBoolean();
                call = "NtImpersonateThread(" + server + ", " + client + ", " + level + (dynamic ? ", dynamic" : ", static")
                        + (effectiveOnly ? ", effective-only" : "") + ")";
                invoke = () -> model.ntImpersonateThread(server.handle(), client.handle(), level, dynamic, effectiveOnly);
                mustBeValid.add(typed(server, ObjectType.THREAD));
                mustBeValid.add(typed(client, ObjectType.THREAD));
            }
            // ---- object security (objects): named files and keys, descriptors by handle
            case 30, 31 -> {
                String name = OBJECT_NAMES.get(random.nextInt(OBJECT_NAMES.size()));
                io.github.tokenbridge.backend.SeObjectType type = args.maybeNull(objectType(), nulled);
                int info = securityInformation();
                if (op == 30) {
                    call = "GetNamedSecurityInfoW(" + name + ", " + type + ", 0x" + Integer.toHexString(info) + ")";
                    invoke = () -> model.getNamedSecurityInfo(name, type, info);
                } else {
                    SecurityDescriptor sd = args.maybeNull(SpiFuzzArguments.DESCRIPTORS.get(random.nextInt(SpiFuzzArguments.DESCRIPTORS.size())), nulled);
                    call = "SetNamedSecurityInfoW(" + name + ", " + type + ", 0x" + Integer.toHexString(info) + ", sd)";
                    invoke = () -> model.setNamedSecurityInfo(name, type, info, sd);
                }
            }
            case 32, 33 -> {
                ObjectType wanted = List.of(ObjectType.TOKEN, ObjectType.PROCESS, ObjectType.THREAD, ObjectType.KEY, ObjectType.FILE)
                        .get(random.nextInt(5));
                SpiFuzzArguments.Arg h = args.handle(before, wanted);
                io.github.tokenbridge.backend.SeObjectType type = args.maybeNull(objectType(), nulled);
                int info = securityInformation();
                if (op == 32) {
                    call = "GetSecurityInfo(" + h + ", " + type + ", 0x" + Integer.toHexString(info) + ")";
                    invoke = () -> model.getSecurityInfo(h.handle(), type, info);
                } else {
                    SecurityDescriptor sd = args.maybeNull(SpiFuzzArguments.DESCRIPTORS.get(random.nextInt(SpiFuzzArguments.DESCRIPTORS.size())), nulled);
                    call = "SetSecurityInfo(" + h + ", " + type + ", 0x" + Integer.toHexString(info) + ", sd)";
                    invoke = () -> model.setSecurityInfo(h.handle(), type, info, sd);
                }
                if (h.handle() != null && h.invalid()) {
                    mustBeValid.add(h);
                }
            }
            case 34 -> {
                String name = "Software\\fuzz" + random.nextInt(4) + (random.nextInt(4) == 0 ? "\\deeper" : "");
                int access = args.access();
                SecurityDescriptor sd = random.nextBoolean() ? null
                        : SpiFuzzArguments.DESCRIPTORS.get(random.nextInt(SpiFuzzArguments.DESCRIPTORS.size()));
                call = "RegCreateKeyExW(HKCU, " + name + ", 0x" + Integer.toHexString(access) + ")";
                invoke = () -> model.regCreateKeyEx(io.github.tokenbridge.backend.PredefinedKey.HKEY_CURRENT_USER, name, 0, access, sd);
                effect = SpiFuzzOracles.Effect.OPENS;
                opensExisting = true;
                opened = ObjectType.KEY;
            }
            case 35 -> {
                String name = "C:\\Users\\fuzz" + random.nextInt(4);
                SecurityDescriptor sd = random.nextBoolean() ? null
                        : SpiFuzzArguments.DESCRIPTORS.get(random.nextInt(SpiFuzzArguments.DESCRIPTORS.size()));
                call = "CreateDirectoryW(" + name + ")";
                invoke = () -> model.createDirectory(name, sd);
            }
            // ---- processes under a token (processes, issue 20): queries that change no handle table
            case 36 -> {
                SpiFuzzArguments.Arg p = args.handle(before, ObjectType.PROCESS);
                call = "GetExitCodeProcess(" + p + ")";
                invoke = () -> model.getExitCodeProcess(p.handle());
                mustBeValid.add(typed(p, ObjectType.PROCESS));
            }
            case 37 -> {
                SpiFuzzArguments.Arg p = args.handle(before, ObjectType.PROCESS);
                call = "WaitForSingleObject(" + p + ", 0)";
                invoke = () -> model.waitForSingleObject(p.handle(), 0);
                // processes and (pipes) events are waitable; tokens and keys are not
                mustBeValid.add(p.type() == ObjectType.EVENT ? p : typed(p, ObjectType.PROCESS));
            }
            default -> {
                SpiFuzzArguments.Arg t = args.handle(before, ObjectType.TOKEN);
                int flags = random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(16);
                List<Sid> disable = args.sids();
                List<Luid> delete = args.luids();
                List<Sid> restrict = args.sids();
                call = "CreateRestrictedToken(" + t + ", 0x" + Integer.toHexString(flags) + ", " + disable + ", " + delete + ", " + restrict + ")";
                invoke = () -> model.createRestrictedToken(t.handle(), flags, disable, delete, restrict);
                derivedFrom = t;
                mustBeValid.add(typed(t, ObjectType.TOKEN));
                effect = SpiFuzzOracles.Effect.OPENS;
                opened = ObjectType.TOKEN;
            }
        }
        TokenObject sourceBefore = derivedFrom == null ? null : SpiFuzzOracles.tokenOf(before, derivedFrom, caller);
        io.github.tokenbridge.model.kernel.se.TokenContents sourceContents = sourceBefore == null ? null : sourceBefore.contents();
        String who = "T" + caller.threadId() + (active.isPresent() ? "@" + active.get().level() : "");
        record(who + " " + call);
        calls++;
        Result<?> result;
        try {
            result = invoke.get();
        } catch (NullPointerException e) {
            if (!nulled[0]) {
                fail(call + " threw " + e + " without a Java null argument");
            }
            npes++;
            oracles.assertTable(before, process.handles().snapshot(), "a call that threw NPE changed the handle table");
            return;
        } catch (IllegalArgumentException e) {
            if (!wrongJavaType[0]) {
                fail(call + " threw " + e + " without an argument of the wrong Java type");
            }
            iaes++;
            oracles.assertTable(before, process.handles().snapshot(), "a call that threw IllegalArgumentException changed the handle table");
            return;
        } catch (UnsupportedOperationException e) {
            // the project's rule for what the model does not cover: refused by name, without effect
            unsupported.merge(String.valueOf(e.getMessage()), 1L, Long::sum);
            oracles.assertTable(before, process.handles().snapshot(), "a refused (unsupported) call changed the handle table");
            return;
        } catch (RuntimeException | Error e) {
            AssertionError error = new AssertionError("SPI fuzz seed " + seed + ": " + call + " threw instead of returning a status"
                    + "\nlast calls:\n" + trace, e);
            throw error;
        }
        if (result == null) {
            fail(call + " returned a null Result");
        }
        record("    -> " + result.outcomeName(true));
        oracles.checkStatus(call, result);
        if (synchronousIo.waitingCount() != 0) {
            fail(call + " returned while a model thread still waits for a synchronous request (P27)");
        }
        if (op >= 38) {
            counted("no thread left waiting for synchronous I/O after a pipe call (P27)");
        }
        if (result.succeeded()) {
            successes++;
            for (SpiFuzzArguments.Arg a : mustBeValid) {
                if (a.invalid()) {
                    fail(call + " succeeded with the invalid or wrong-type handle " + a);
                }
            }
            if (belowImpersonation && opensExisting) {
                fail(call + " opened an object while impersonating at " + active.get().level() + " (R20)");
            }
        }
        if (belowImpersonation && opensExisting) {
            counted("no open below Impersonation level (R20)");
        }
        for (SpiFuzzArguments.Arg a : mustBeValid) {
            if (a.invalid()) {
                counted("invalid, closed or wrong-type handle never succeeds (R19, R31)");
                break;
            }
        }
        Map<Long, HandleEntry> after = process.handles().snapshot();
        TokenObject source = derivedFrom == null ? null : SpiFuzzOracles.tokenOf(before, derivedFrom, caller);
        if (result.succeeded() && source != null && result.value() instanceof Handle created) {
            HandleEntry entry = after.get(created.value());
            if (entry != null && entry.object() instanceof TokenObject derived) {
                oracles.checkDerived(call, sourceContents, source, derived);
            }
        }
        oracles.checkHandleEffect(call, result, effect, opened, opensExisting, before, after, closeArg, dupSource, dupOptions,
                effective, process.primaryToken(), caller);
    }

    /** Names the object-security calls use: existing, missing, malformed, registry and unknown roots (objects). */
    private static final List<String> OBJECT_NAMES = List.of("C:\\", "C:\\Windows", "C:\\Users", "C:\\Users\\fuzz0",
            "C:\\no\\such", "C:\\a<b", "", "\\\\?\\C:\\Windows", "MACHINE\\SOFTWARE", "CURRENT_USER\\Software",
            "CURRENT_USER\\Software\\fuzz1", "USERS\\.DEFAULT", "NOWHERE\\x", "MACHINE");

    private io.github.tokenbridge.backend.SeObjectType objectType() {
        io.github.tokenbridge.backend.SeObjectType[] all = io.github.tokenbridge.backend.SeObjectType.values();
        return all[random.nextInt(all.length)];
    }

    private int securityInformation() {
        int[] common = {0x1, 0x4, 0x7, 0x8, 0x10, 0x17, 0x80000004, 0x20000004};
        return random.nextInt(5) == 0 ? random.nextInt() : common[random.nextInt(common.length)];
    }

    /** The argument as the parameter's type sees it: another object type is invalid there. */
    private static SpiFuzzArguments.Arg typed(SpiFuzzArguments.Arg arg, ObjectType expected) {
        if (arg.handle() == null || arg.invalid() || arg.handle().isNull()) {
            return new SpiFuzzArguments.Arg(arg.handle(), arg.type(), arg.handle() != null);
        }
        return arg.type() == expected ? arg : new SpiFuzzArguments.Arg(arg.handle(), arg.type(), true);
    }

}
