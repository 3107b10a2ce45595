package io.github.tokenbridge.reliability;

import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.LogonOrigin;
import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.ModelThread;
import io.github.tokenbridge.model.kernel.AccessDecision;
import io.github.tokenbridge.model.kernel.HandleEntry;
import io.github.tokenbridge.model.kernel.ImpersonationState;
import io.github.tokenbridge.model.kernel.Kernel;
import io.github.tokenbridge.model.kernel.ModelInvariants;
import io.github.tokenbridge.model.kernel.ObjectType;
import io.github.tokenbridge.model.kernel.ProcessObject;
import io.github.tokenbridge.model.kernel.ThreadObject;
import io.github.tokenbridge.model.kernel.TokenObject;

import java.util.ArrayList;
import java.util.HashMap;
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
 *   <li>the model's invariants ({@link ModelInvariants}) hold after every sequence and every 256 calls.</li>
 * </ul>
 */
final class SpiFuzzer {

    private static final List<String> PRESETS = List.of("standard-user", "elevated-admin", "local-system",
            "service-impersonate", "filtered-admin");
    private static final int MAXIMUM_ALLOWED = 0x02000000;
    private static final int ACCESS_SYSTEM_SECURITY = 0x01000000;
    private static final List<SecurityDescriptor> DESCRIPTORS = List.of(
            Sddl.parse("O:BAG:BAD:(A;;0x20008;;;BU)(D;;0x20;;;WD)"),
            Sddl.parse("O:SYG:SYD:(A;;GA;;;SY)(A;;GR;;;WD)"),
            Sddl.parse("O:BAG:BAD:"),
            Sddl.parse("O:BAG:BA"),
            Sddl.parse("O:BAG:BAD:(A;;GA;;;WD)S:(ML;;NW;;;HI)"),
            SecurityDescriptor.of(null, null, null));
    private static final Sid[] SIDS = {Sid.EVERYONE, Sid.BUILTIN_ADMINISTRATORS, Sid.BUILTIN_USERS, Sid.LOCAL_SYSTEM,
            Sid.ANONYMOUS_LOGON, Sid.LOW_LABEL, Sid.MEDIUM_LABEL, Sid.HIGH_LABEL, Sid.SYSTEM_LABEL, Sid.UNTRUSTED_LABEL,
            Sid.AUTHENTICATED_USERS, Sid.INTERACTIVE, Sid.parse("S-1-5-21-1-2-3-1001"), Sid.parse("S-1-5-21-9-9-9-500")};
    private static final int[] ACCESS_SAMPLES = {0, 0x8, 0xA, 0xE, 0x2A, 0x20008, 0xF01FF, 0x000F01FF | ACCESS_SYSTEM_SECURITY,
            MAXIMUM_ALLOWED, 0x80000000, 0x40000000, 0x20000000, 0x10000000, 0xFFFFFFFF, 0x00100000, 0x1000, 0x400,
            0x1FFFFF, 0x04000000, 0x8000};
    private static final int[] LENGTHS = {-1, 0, 1, 3, 4, 8, 12, 16, 56, 100, 4096, Integer.MAX_VALUE, Integer.MIN_VALUE, -2};

    /** How often (in calls) the invariants are checked within a sequence; 1 to pin a violation on its call. */
    private static final int CHECK_EVERY = Integer.getInteger("tokenbridge.fuzz.checkEvery", 256);

    private final long seed;
    private SplittableRandom random;
    private final ModelBackend model;
    private final Kernel kernel;
    private final List<ModelThread> callers = new ArrayList<>();
    private final List<Long> seenHandles = new ArrayList<>();
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
        this.model = ModelBackend.create(ModelConfiguration.preset(PRESETS.get(random.nextInt(PRESETS.size()))));
        this.kernel = model.kernelServices().kernel();
        ModelThread self = model.currentThread();
        callers.add(self);
        processIds.add(self.processId());
        threadIds.add(self.threadId());
        ModelThread sibling = model.createThread(Handle.CURRENT_PROCESS).value();
        callers.add(sibling);
        threadIds.add(sibling.threadId());
        Handle other = model.logon(LogonPrincipal.OTHER, LogonType.INTERACTIVE, LogonOrigin.SELF).value();
        Result<Handle> process = model.createProcess(other);
        if (process.succeeded()) {
            ModelThread foreign = model.createThread(process.value()).value();
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
                model.runAs(caller, () -> {
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
            ModelThread caller = random.nextInt(10) < 7 ? callers.get(0) : callers.get(random.nextInt(callers.size()));
            if (caller.equals(callers.get(0))) {
                step(caller);
            } else {
                model.runAs(caller, () -> {
                    step(caller);
                    return null;
                });
            }
            checkInvariants();
        }
    }

    private void checkInvariants() {
        List<String> violations = ModelInvariants.of(kernel).check();
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

    // ---------------------------------------------------------------- argument generators

    /** A handle argument and what it is, for the oracles. */
    private record Arg(Handle handle, ObjectType type, boolean invalid) {
        @Override
        public String toString() {
            return handle == null ? "null" : handle + (invalid ? "(invalid)" : type == null ? "" : "(" + type + ")");
        }
    }

    private Arg handle(Map<Long, HandleEntry> table, ObjectType wanted) {
        int pick = random.nextInt(100);
        List<Long> open = new ArrayList<>(table.keySet());
        if (pick < 25 && !open.isEmpty()) {
            return describe(table, open.get(random.nextInt(open.size())));
        }
        if (pick < 50 && wanted != null) {
            List<Long> typed = new ArrayList<>();
            table.forEach((v, e) -> {
                if (e.object().objectType() == wanted) {
                    typed.add(v);
                }
            });
            if (!typed.isEmpty()) {
                return describe(table, typed.get(random.nextInt(typed.size())));
            }
        }
        if (pick < 68) {
            long[] pseudo = {-1, -2, -4, -5, -6};
            return describe(table, pseudo[random.nextInt(pseudo.length)]);
        }
        if (pick < 80 && !seenHandles.isEmpty()) {
            return describe(table, seenHandles.get(random.nextInt(seenHandles.size())));
        }
        if (pick < 88) {
            return describe(table, 0);
        }
        long[] garbage = {3, 5, 0x7FFC, 0x10000, -3, -7, Long.MAX_VALUE, Long.MIN_VALUE, 0xFFFFFFFFL, 6};
        return describe(table, garbage[random.nextInt(garbage.length)]);
    }

    private Arg describe(Map<Long, HandleEntry> table, long value) {
        Handle h = new Handle(value);
        if (value > 0) {
            HandleEntry e = table.get(value & ~3L);
            return e == null ? new Arg(h, null, true) : new Arg(h, e.object().objectType(), false);
        }
        if (value == -1) {
            return new Arg(h, ObjectType.PROCESS, false);
        }
        if (value == -2) {
            return new Arg(h, ObjectType.THREAD, false);
        }
        if (value == -4 || value == -5 || value == -6) {
            return new Arg(h, ObjectType.TOKEN, false);
        }
        return new Arg(h, null, value != 0); // NULL: meaningful for some parameters
    }

    private int access() {
        int pick = random.nextInt(10);
        if (pick < 7) {
            return ACCESS_SAMPLES[random.nextInt(ACCESS_SAMPLES.length)];
        }
        if (pick < 9) {
            return ACCESS_SAMPLES[random.nextInt(ACCESS_SAMPLES.length)] | ACCESS_SAMPLES[random.nextInt(ACCESS_SAMPLES.length)];
        }
        return random.nextInt();
    }

    private int length() {
        return random.nextInt(3) == 0 ? random.nextInt(-10, 5000) : LENGTHS[random.nextInt(LENGTHS.length)];
    }

    private ImpersonationLevel level() {
        ImpersonationLevel[] all = ImpersonationLevel.values();
        return all[random.nextInt(all.length)];
    }

    private TokenType type() {
        return random.nextBoolean() ? TokenType.PRIMARY : TokenType.IMPERSONATION;
    }

    private Sid sid() {
        return SIDS[random.nextInt(SIDS.length)];
    }

    private List<Sid> sids() {
        List<Sid> list = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            list.add(sid());
        }
        return list;
    }

    private Luid luid() {
        Privilege[] all = Privilege.values();
        return random.nextInt(8) == 0 ? new Luid(random.nextInt(0, 100)) : all[random.nextInt(all.length)].luid();
    }

    private List<Luid> luids() {
        List<Luid> list = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            list.add(luid());
        }
        return list;
    }

    private List<TokenPrivilege> privileges() {
        List<TokenPrivilege> list = new ArrayList<>();
        int n = random.nextInt(4);
        int[] attributes = {0, 2, 4, 1, 3, 0x80000000, 0x7FFFFFFF};
        for (int i = 0; i < n; i++) {
            list.add(new TokenPrivilege(luid(), attributes[random.nextInt(attributes.length)]));
        }
        return list;
    }

    private List<TokenGroup> groups() {
        List<TokenGroup> list = new ArrayList<>();
        int n = random.nextInt(4);
        int[] attributes = {0, 4, 7, 0x10, 0x14, 0x60, 0xFFFFFFFF};
        for (int i = 0; i < n; i++) {
            list.add(new TokenGroup(sid(), attributes[random.nextInt(attributes.length)]));
        }
        return list;
    }

    private Object infoValue(TokenInformationClass c) {
        if (random.nextInt(10) == 0) {
            Object[] wrong = {"junk", 42, Sid.EVERYONE, null, List.of()};
            return wrong[random.nextInt(wrong.length)];
        }
        return switch (c) {
            case TokenIntegrityLevel, TokenOwner, TokenPrimaryGroup -> sid();
            case TokenSessionId -> random.nextInt(-1, 5);
            case TokenDefaultDacl -> random.nextInt(3) == 0 ? null : DESCRIPTORS.get(random.nextInt(3)).dacl();
            default -> random.nextBoolean() ? Integer.valueOf(random.nextInt()) : (Object) Boolean.TRUE;
        };
    }

    /** Whether {@code value} has the Java type SetTokenInformation documents for {@code c} (other classes: any). */
    private static boolean rightJavaType(TokenInformationClass c, Object value) {
        return switch (c) {
            case TokenIntegrityLevel, TokenOwner, TokenPrimaryGroup -> value == null || value instanceof Sid;
            case TokenSessionId, TokenMandatoryPolicy -> value == null || value instanceof Integer;
            case TokenDefaultDacl -> value == null || value instanceof Acl;
            default -> true;
        };
    }

    private TokenInformationClass infoClass() {
        TokenInformationClass[] all = TokenInformationClass.values();
        return all[random.nextInt(all.length)];
    }

    private GenericMapping mapping() {
        return random.nextInt(8) == 0 ? new GenericMapping(0x1, 0x2, 0x4, 0xFFFFFFFF) : GenericMapping.TOKEN;
    }

    /** Occasionally a Java null in place of {@code value}. */
    private <T> T maybeNull(T value, boolean[] nulled) {
        if (random.nextInt(300) == 0) {
            nulled[0] = true;
            return null;
        }
        return value;
    }

    // ---------------------------------------------------------------- one call

    private enum Effect { NONE, OPENS, CLOSES, DUPLICATES_HANDLE, QUERIES }

    private void step(ModelThread modelCaller) {
        ThreadObject caller = kernel.findThread(modelCaller.threadId()).orElseThrow();
        ProcessObject process = caller.process();
        Map<Long, HandleEntry> before = process.handles().snapshot();
        Optional<ImpersonationState> active = caller.activeImpersonation();
        boolean belowImpersonation = active.isPresent() && active.get().level().isBelow(ImpersonationLevel.IMPERSONATION);
        TokenObject effective = caller.effectiveToken();
        boolean[] nulled = {false};
        boolean[] wrongJavaType = {false};
        List<Arg> mustBeValid = new ArrayList<>();
        Effect effect = Effect.NONE;
        boolean opensExisting = false;
        ObjectType opened = null;
        Arg closeArg = null;
        Arg dupSource = null;
        Arg derivedFrom = null;
        int dupOptions = 0;
        String call;
        java.util.function.Supplier<Result<?>> invoke;

        int op = random.nextInt(29);
        switch (op) {
            case 0 -> {
                int access = access();
                int pid = random.nextInt(4) == 0 ? random.nextInt() : processIds.get(random.nextInt(processIds.size()));
                call = "OpenProcess(0x" + Integer.toHexString(access) + ", " + pid + ")";
                invoke = () -> model.openProcess(access, pid);
                effect = Effect.OPENS;
                opensExisting = true;
                opened = ObjectType.PROCESS;
            }
            case 1 -> {
                int access = access();
                int tid = random.nextInt(4) == 0 ? random.nextInt() : threadIds.get(random.nextInt(threadIds.size()));
                call = "OpenThread(0x" + Integer.toHexString(access) + ", " + tid + ")";
                invoke = () -> model.openThread(access, tid);
                effect = Effect.OPENS;
                opensExisting = true;
                opened = ObjectType.THREAD;
            }
            case 2 -> {
                Arg source = handle(before, null);
                int access = access();
                int options = random.nextInt(5) == 0 ? random.nextInt() : random.nextInt(4);
                Handle h = maybeNull(source.handle(), nulled);
                call = "DuplicateHandle(" + (h == null ? "null" : source) + ", 0x" + Integer.toHexString(access) + ", " + options + ")";
                invoke = () -> model.duplicateHandle(h, access, options);
                mustBeValid.add(source);
                effect = Effect.DUPLICATES_HANDLE;
                dupSource = source;
                dupOptions = options;
            }
            case 3, 4 -> {
                Arg target = handle(before, null);
                Handle h = maybeNull(target.handle(), nulled);
                boolean nt = op == 4;
                call = (nt ? "NtClose(" : "CloseHandle(") + (h == null ? "null" : target) + ")";
                invoke = () -> nt ? model.ntClose(h) : model.closeHandle(h);
                if (nt || target.handle().value() >= 0) {
                    mustBeValid.add(target); // the model's CloseHandle takes any negative value as a pseudo handle: no-op TRUE
                }
                effect = Effect.CLOSES;
                closeArg = target;
            }
            case 5 -> {
                Arg target = handle(before, null);
                call = "QueryGrantedAccess(" + target + ")";
                invoke = () -> model.queryGrantedAccess(target.handle());
                mustBeValid.add(target);
            }
            case 6, 7 -> {
                Arg p = handle(before, ObjectType.PROCESS);
                int access = access();
                boolean nt = op == 7;
                int attributes = random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(3);
                Handle h = maybeNull(p.handle(), nulled);
                call = (nt ? "NtOpenProcessTokenEx(" : "OpenProcessToken(") + p + ", 0x" + Integer.toHexString(access) + ")";
                invoke = () -> nt ? model.ntOpenProcessTokenEx(h, access, attributes) : model.openProcessToken(h, access);
                mustBeValid.add(typed(p, ObjectType.PROCESS));
                effect = Effect.OPENS;
                opensExisting = true;
                opened = ObjectType.TOKEN;
            }
            case 8, 9 -> {
                Arg t = handle(before, ObjectType.THREAD);
                int access = access();
                boolean asSelf = random.nextBoolean();
                boolean nt = op == 9;
                Handle h = maybeNull(t.handle(), nulled);
                call = (nt ? "NtOpenThreadTokenEx(" : "OpenThreadToken(") + t + ", 0x" + Integer.toHexString(access) + ", self=" + asSelf + ")";
                invoke = () -> nt ? model.ntOpenThreadTokenEx(h, access, asSelf, 0) : model.openThreadToken(h, access, asSelf);
                mustBeValid.add(typed(t, ObjectType.THREAD));
                effect = Effect.OPENS;
                opensExisting = !asSelf;
                opened = ObjectType.TOKEN;
            }
            case 10 -> {
                Arg t = handle(before, ObjectType.TOKEN);
                ImpersonationLevel level = maybeNull(level(), nulled);
                call = "DuplicateToken(" + t + ", " + level + ")";
                invoke = () -> model.duplicateToken(t.handle(), level);
                derivedFrom = t;
                mustBeValid.add(typed(t, ObjectType.TOKEN));
                effect = Effect.OPENS;
                opened = ObjectType.TOKEN;
            }
            case 11 -> {
                Arg t = handle(before, ObjectType.TOKEN);
                int access = access();
                SecurityDescriptor sd = random.nextInt(4) == 0 ? DESCRIPTORS.get(random.nextInt(DESCRIPTORS.size())) : null;
                ImpersonationLevel level = level();
                TokenType type = maybeNull(type(), nulled);
                call = "DuplicateTokenEx(" + t + ", 0x" + Integer.toHexString(access) + ", sd=" + (sd != null) + ", " + level + ", " + type + ")";
                invoke = () -> model.duplicateTokenEx(t.handle(), access, sd, level, type);
                derivedFrom = t;
                mustBeValid.add(typed(t, ObjectType.TOKEN));
                effect = Effect.OPENS;
                opened = ObjectType.TOKEN;
            }
            case 12 -> {
                Arg t = handle(before, ObjectType.TOKEN);
                int access = access();
                ImpersonationLevel level = random.nextInt(4) == 0 ? null : level(); // null: no QoS (R53)
                boolean effectiveOnly = random.nextBoolean();
                TokenType type = type();
                call = "NtDuplicateToken(" + t + ", 0x" + Integer.toHexString(access) + ", " + level + ", eo=" + effectiveOnly + ", " + type + ")";
                invoke = () -> model.ntDuplicateToken(t.handle(), access, level, effectiveOnly, type);
                derivedFrom = t;
                mustBeValid.add(typed(t, ObjectType.TOKEN));
                effect = Effect.OPENS;
                opened = ObjectType.TOKEN;
            }
            case 13 -> {
                ImpersonationLevel level = maybeNull(level(), nulled);
                call = "ImpersonateSelf(" + level + ")";
                invoke = () -> model.impersonateSelf(level);
            }
            case 14 -> {
                Arg t = handle(before, ObjectType.TOKEN);
                call = "ImpersonateLoggedOnUser(" + t + ")";
                invoke = () -> model.impersonateLoggedOnUser(t.handle());
                mustBeValid.add(typed(t, ObjectType.TOKEN));
            }
            case 15, 16 -> {
                boolean nt = op == 16;
                Arg thread = random.nextInt(3) == 0 && !nt ? null : handle(before, ObjectType.THREAD);
                Arg token = handle(before, ObjectType.TOKEN);
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
                Arg thread = handle(before, ObjectType.THREAD);
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
                Arg t = handle(before, ObjectType.TOKEN);
                TokenInformationClass c = maybeNull(infoClass(), nulled);
                int length = length();
                boolean nt = op == 21;
                call = (nt ? "NtQueryInformationToken(" : "GetTokenInformation(") + t + ", " + c + ", " + length + ")";
                invoke = () -> nt ? model.ntQueryInformationToken(t.handle(), c, length) : model.getTokenInformation(t.handle(), c, length);
                mustBeValid.add(typed(t, ObjectType.TOKEN));
                effect = c == TokenInformationClass.TokenLinkedToken ? Effect.QUERIES : Effect.NONE;
            }
            case 22 -> {
                Arg t = handle(before, ObjectType.TOKEN);
                TokenInformationClass c = infoClass();
                Object value = infoValue(c);
                wrongJavaType[0] = !rightJavaType(c, value);
                nulled[0] = value == null && c != TokenInformationClass.TokenDefaultDacl;
                call = "SetTokenInformation(" + t + ", " + c + ", " + value + ")";
                invoke = () -> model.setTokenInformation(t.handle(), c, value);
                mustBeValid.add(typed(t, ObjectType.TOKEN));
            }
            case 23 -> {
                Arg t = handle(before, ObjectType.TOKEN);
                boolean disableAll = random.nextInt(6) == 0;
                List<TokenPrivilege> state = privileges();
                int length = random.nextBoolean() ? -1 : length();
                call = "AdjustTokenPrivileges(" + t + ", " + disableAll + ", " + state + ", " + length + ")";
                invoke = () -> model.adjustTokenPrivileges(t.handle(), disableAll, state, length);
                mustBeValid.add(typed(t, ObjectType.TOKEN));
            }
            case 24 -> {
                Arg t = handle(before, ObjectType.TOKEN);
                boolean reset = random.nextInt(6) == 0;
                List<TokenGroup> state = groups();
                int length = random.nextBoolean() ? -1 : length();
                call = "AdjustTokenGroups(" + t + ", " + reset + ", " + state + ", " + length + ")";
                invoke = () -> model.adjustTokenGroups(t.handle(), reset, state, length);
                mustBeValid.add(typed(t, ObjectType.TOKEN));
            }
            case 25 -> {
                Arg t = handle(before, ObjectType.TOKEN);
                List<Luid> privileges = luids();
                boolean all = random.nextBoolean();
                call = "PrivilegeCheck(" + t + ", " + privileges + ", " + all + ")";
                invoke = () -> model.privilegeCheck(t.handle(), privileges, all);
                mustBeValid.add(typed(t, ObjectType.TOKEN));
            }
            case 26 -> {
                Arg t = handle(before, ObjectType.TOKEN);
                Sid s = maybeNull(sid(), nulled);
                call = "CheckTokenMembership(" + t + ", " + s + ")";
                invoke = () -> model.checkTokenMembership(t.handle(), s);
                if (!t.handle().isNull()) {
                    mustBeValid.add(typed(t, ObjectType.TOKEN));
                }
            }
            case 27 -> {
                Arg t = handle(before, ObjectType.TOKEN);
                SecurityDescriptor sd = maybeNull(DESCRIPTORS.get(random.nextInt(DESCRIPTORS.size())), nulled);
                int access = access();
                GenericMapping mapping = mapping();
                int length = random.nextBoolean() ? -1 : length();
                call = "AccessCheck(sd, " + t + ", 0x" + Integer.toHexString(access) + ", " + length + ")";
                invoke = () -> model.accessCheck(sd, t.handle(), access, mapping, length);
                mustBeValid.add(typed(t, ObjectType.TOKEN));
            }
            default -> {
                Arg t = handle(before, ObjectType.TOKEN);
                int flags = random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(16);
                List<Sid> disable = sids();
                List<Luid> delete = luids();
                List<Sid> restrict = sids();
                call = "CreateRestrictedToken(" + t + ", 0x" + Integer.toHexString(flags) + ", " + disable + ", " + delete + ", " + restrict + ")";
                invoke = () -> model.createRestrictedToken(t.handle(), flags, disable, delete, restrict);
                derivedFrom = t;
                mustBeValid.add(typed(t, ObjectType.TOKEN));
                effect = Effect.OPENS;
                opened = ObjectType.TOKEN;
            }
        }
        TokenObject sourceBefore = derivedFrom == null ? null : tokenOf(before, derivedFrom, caller);
        io.github.tokenbridge.model.kernel.TokenContents sourceContents = sourceBefore == null ? null : sourceBefore.contents();
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
            assertTable(before, process.handles().snapshot(), "a call that threw NPE changed the handle table");
            return;
        } catch (IllegalArgumentException e) {
            if (!wrongJavaType[0]) {
                fail(call + " threw " + e + " without an argument of the wrong Java type");
            }
            iaes++;
            assertTable(before, process.handles().snapshot(), "a call that threw IllegalArgumentException changed the handle table");
            return;
        } catch (UnsupportedOperationException e) {
            // the project's rule for what the model does not cover: refused by name, without effect
            unsupported.merge(String.valueOf(e.getMessage()), 1L, Long::sum);
            assertTable(before, process.handles().snapshot(), "a refused (unsupported) call changed the handle table");
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
        checkStatus(call, result);
        if (result.succeeded()) {
            successes++;
            for (Arg a : mustBeValid) {
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
        for (Arg a : mustBeValid) {
            if (a.invalid()) {
                counted("invalid, closed or wrong-type handle never succeeds (R19, R31)");
                break;
            }
        }
        Map<Long, HandleEntry> after = process.handles().snapshot();
        TokenObject source = derivedFrom == null ? null : tokenOf(before, derivedFrom, caller);
        if (result.succeeded() && source != null && result.value() instanceof Handle created) {
            HandleEntry entry = after.get(created.value());
            if (entry != null && entry.object() instanceof TokenObject derived) {
                checkDerived(call, sourceContents, source, derived);
            }
        }
        checkHandleEffect(call, result, effect, opened, opensExisting, before, after, closeArg, dupSource, dupOptions,
                effective, process.primaryToken(), caller);
    }

    /** The argument as the parameter's type sees it: another object type is invalid there. */
    private static Arg typed(Arg arg, ObjectType expected) {
        if (arg.handle() == null || arg.invalid() || arg.handle().isNull()) {
            return new Arg(arg.handle(), arg.type(), arg.handle() != null);
        }
        return arg.type() == expected ? arg : new Arg(arg.handle(), arg.type(), true);
    }

    private void checkStatus(String call, Result<?> result) {
        Optional<NtStatus> nt = result.ntStatus().isPresent() ? NtStatus.fromCode(result.ntStatus().getAsInt()) : Optional.empty();
        if (result.ntStatus().isPresent() && nt.isEmpty()) {
            fail(call + " returned an NTSTATUS outside the table: " + result);
        }
        if (result.succeeded()) {
            // TRUE with a last error happens: ERROR_NOT_ALL_ASSIGNED (R56), AccessCheck's denial reason (R63)
            if (result.win32Error() != 0 && Win32Error.fromCode(result.win32Error()).isEmpty()) {
                fail(call + " succeeded with an unknown last error " + result);
            }
            if (nt.isPresent() && !nt.get().isSuccess()) {
                fail(call + " succeeded with a failure NTSTATUS: " + result);
            }
            return;
        }
        if (result.win32Error() == 0 || Win32Error.fromCode(result.win32Error()).isEmpty()) {
            fail(call + " failed without a known Win32 error: " + result);
        }
        if (nt.isPresent() && nt.get().isSuccess()) {
            fail(call + " failed with a success NTSTATUS: " + result);
        }
    }

    private void checkHandleEffect(String call, Result<?> result, Effect effect, ObjectType opened, boolean opensExisting,
                                   Map<Long, HandleEntry> before, Map<Long, HandleEntry> after, Arg closeArg, Arg dupSource,
                                   int dupOptions, TokenObject effective, TokenObject primary, ThreadObject caller) {
        boolean ok = result.succeeded();
        switch (effect) {
            case NONE -> assertTable(before, after, call + " changed the handle table");
            case CLOSES -> {
                Map<Long, HandleEntry> expected = new HashMap<>(before);
                if (ok) {
                    expected.remove(closeArg.handle().value() & ~3L);
                }
                assertTable(expected, after, call + " did not close exactly its handle");
            }
            case OPENS, QUERIES, DUPLICATES_HANDLE -> {
                Map<Long, HandleEntry> rest = new HashMap<>(after);
                Long created = null;
                if (ok) {
                    Object value = effect == Effect.QUERIES
                            ? ((io.github.tokenbridge.backend.TokenInformation) result.value()).value() : result.value();
                    if (!(value instanceof Handle h) || h.value() <= 0) {
                        fail(call + " succeeded without a new handle: " + result);
                        return;
                    }
                    created = h.value();
                    HandleEntry entry = rest.remove(created);
                    if (entry == null) {
                        fail(call + " returned " + h + ", which is not in the handle table");
                        return;
                    }
                    int valid = entry.object().objectType().allAccess() | ACCESS_SYSTEM_SECURITY;
                    if ((entry.grantedAccess() & ~valid) != 0) {
                        fail(call + " created a handle granting 0x" + Integer.toHexString(entry.grantedAccess())
                                + ", beyond the " + entry.object().objectType() + " rights 0x" + Integer.toHexString(valid));
                    }
                    if (opened != null && entry.object().objectType() != opened) {
                        fail(call + " returned a handle to a " + entry.object().objectType() + " instead of a " + opened);
                    }
                    if (effect == Effect.DUPLICATES_HANDLE && entry.object() != objectOf(before, dupSource, caller)) {
                        fail(call + " duplicated a handle to another object");
                    }
                    if (opensExisting && opened == ObjectType.TOKEN) {
                        checkGrantBound(call, entry, effective, primary);
                    }
                }
                Map<Long, HandleEntry> expected = new HashMap<>(before);
                if (effect == Effect.DUPLICATES_HANDLE && (dupOptions & 1) != 0 && dupSource.handle().value() > 0) {
                    long source = dupSource.handle().value() & ~3L;
                    if (!rest.containsKey(source)) {
                        expected.remove(source); // DUPLICATE_CLOSE_SOURCE closes the source even on failure
                    }
                }
                if (created != null && !before.containsKey(created)) {
                    assertTable(expected, rest, call + " changed other handles");
                } else if (created != null) {
                    expected.remove(created); // the value was reused after DUPLICATE_CLOSE_SOURCE freed it
                    assertTable(expected, rest, call + " changed other handles");
                } else {
                    assertTable(expected, rest, call + " failed but changed the handle table");
                }
                if (created != null) {
                    seenHandles.add(created);
                    if (seenHandles.size() > 64) {
                        seenHandles.remove(0);
                    }
                }
            }
            default -> throw new IllegalStateException(effect.name());
        }
    }

    private static Object objectOf(Map<Long, HandleEntry> before, Arg arg, ThreadObject caller) {
        long v = arg.handle().value();
        if (v == -1) {
            return caller.process();
        }
        if (v == -2) {
            return caller;
        }
        HandleEntry e = before.get(v & ~3L);
        return e == null ? null : e.object();
    }

    /** The token object a token-handle argument names (pseudo handles resolved as the object manager does), or null. */
    private static TokenObject tokenOf(Map<Long, HandleEntry> table, Arg arg, ThreadObject caller) {
        long v = arg.handle().value();
        if (v > 0) {
            HandleEntry e = table.get(v & ~3L);
            return e != null && e.object() instanceof TokenObject t ? t : null;
        }
        if (v == -4) {
            return caller.process().primaryToken();
        }
        if (v == -5 || v == -6) {
            return caller.impersonation().map(ImpersonationState::token)
                    .orElse(v == -6 ? caller.process().primaryToken() : null);
        }
        return null;
    }

    /**
     * R10/R53-R55: a token made from another (duplicate, restricted copy) never has more than its
     * source: the same user and logon session, no group or privilege the source lacks, no group
     * freed from deny-only, no higher integrity level, and as an impersonation token made from an
     * impersonation token no higher level.
     */
    private void checkDerived(String call, io.github.tokenbridge.model.kernel.TokenContents source, TokenObject sourceObject,
                              TokenObject derived) {
        io.github.tokenbridge.model.kernel.TokenContents d = derived.contents();
        counted("derived token never exceeds its source (R10, R53-R55)");
        if (derived == sourceObject) {
            fail(call + " returned the source token object itself instead of a new token");
        }
        if (!d.user().sid().equals(source.user().sid()) || !d.authenticationId().equals(source.authenticationId())) {
            fail(call + " changed the user or logon session: " + d.user() + " / " + d.authenticationId());
        }
        Map<Sid, Integer> sourceGroups = new HashMap<>();
        source.groups().forEach(g -> sourceGroups.put(g.sid(), g.attributes()));
        for (TokenGroup g : d.groups()) {
            Integer was = sourceGroups.get(g.sid());
            if ((g.attributes() & 0x20) != 0) {
                if (g.sid().rid() > source.integrity().rid()) {
                    fail(call + " raised the integrity level to " + g.sid() + " from " + source.integrity());
                }
                continue;
            }
            if (was == null) {
                fail(call + " added the group " + g + " that the source does not have");
            } else if ((was & 0x10) != 0 && (g.attributes() & 0x10) == 0) {
                fail(call + " freed the deny-only group " + g + " from deny-only");
            }
        }
        java.util.Set<Luid> sourcePrivileges = new java.util.HashSet<>();
        source.privileges().forEach(p -> sourcePrivileges.add(p.luid()));
        for (TokenPrivilege p : d.privileges()) {
            if (!sourcePrivileges.contains(p.luid())) {
                fail(call + " added the privilege " + p + " that the source does not have");
            }
        }
        if (source.type() == TokenType.IMPERSONATION && d.type() == TokenType.IMPERSONATION && source.level().isBelow(d.level())) {
            fail(call + " raised the impersonation level from " + source.level() + " to " + d.level() + " (R53)");
        }
        if (source.type() == TokenType.IMPERSONATION && d.type() == TokenType.PRIMARY
                && source.level().isBelow(ImpersonationLevel.IMPERSONATION)) {
            fail(call + " made a primary token from a " + source.level() + "-level token (R53)");
        }
    }

    /** R24: an opened token handle holds no right the token's DACL does not grant the caller. */
    private void checkGrantBound(String call, HandleEntry entry, TokenObject effective, TokenObject primary) {
        int granted = entry.grantedAccess();
        if (granted == 0) {
            return;
        }
        counted("opened token access within the DACL's grant (R24, R25)");
        int bound = 0;
        boolean securityPrivilege = false;
        for (TokenObject subject : new TokenObject[] {effective, primary}) {
            AccessDecision d = kernel.evaluator().check(entry.object().securityDescriptor(), subject, MAXIMUM_ALLOWED,
                    ObjectType.TOKEN.mapping());
            if (d.isGranted()) {
                bound |= d.grantedAccess();
            }
            securityPrivilege |= subject.hasEnabledPrivilege(Privilege.SeSecurityPrivilege);
        }
        if ((granted & ~bound & ~ACCESS_SYSTEM_SECURITY) != 0) {
            fail(call + " granted 0x" + Integer.toHexString(granted) + " but the DACL allows only 0x" + Integer.toHexString(bound));
        }
        if ((granted & ACCESS_SYSTEM_SECURITY) != 0 && !securityPrivilege) {
            fail(call + " granted ACCESS_SYSTEM_SECURITY without SeSecurityPrivilege (R25)");
        }
    }

    private void assertTable(Map<Long, HandleEntry> expected, Map<Long, HandleEntry> actual, String message) {
        if (!expected.equals(actual)) {
            fail(message + ": expected " + expected.keySet() + " but the table holds " + actual.keySet());
        }
    }
}
