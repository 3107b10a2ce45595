package io.github.tokenbridge.reliability;

import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Overlapped;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.ob.ObjectType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The named-pipe and overlapped-I/O calls of {@link SpiFuzzer}: CreateNamedPipeW with valid,
 * malformed and differently cased names and random open modes, pipe modes, instance counts and
 * buffer sizes; CreateFileW of pipe names with random SQOS flags; ConnectNamedPipe, ReadFile and
 * WriteFile, synchronous or with an OVERLAPPED; DisconnectNamedPipe, SetNamedPipeHandleState,
 * ImpersonateNamedPipeClient, GetNamedPipeClientProcessId, CreateEventW, WaitForSingleObject on an
 * event, CancelIoEx, CancelSynchronousIo, GetOverlappedResult and WaitNamedPipeW (never waiting: the fuzzer runs
 * every model thread on one Java thread, and the model's blocking pipe calls fail at once with
 * ERROR_SEM_TIMEOUT in its world, as in scenario runs).
 *
 * <p>OVERLAPPED structures are kept in a small pool, as a program keeps them: one whose request may
 * still be pending is reused only for CancelIoEx and GetOverlappedResult, never for a new request.
 */
final class SpiFuzzPipeCalls {

    /** How many operation numbers this class answers (0 .. OPERATIONS - 1). */
    static final int OPERATIONS = 15;

    private static final List<String> NAMES = List.of("\\\\.\\pipe\\fuzz0", "\\\\.\\pipe\\fuzz1", "\\\\.\\PIPE\\FUZZ0",
            "\\\\.\\pipe\\fuzz1\\", "\\\\.\\pipe\\", "\\\\.\\nopipe\\fuzz0", "pipe\\fuzz0", "", "\\\\?\\pipe\\fuzz1",
            "\\\\.\\pipe\\a<b>|*?");
    private static final int[] OPEN_MODES = {0x3, 0x1, 0x2, 0x3 | 0x40000000, 0x1 | 0x40000000, 0x3 | 0x00080000,
            0x3 | 0x40000000 | 0x00080000, 0x3 | 0x00040000, 0, 0x4, 0x80000003};
    private static final int[] PIPE_MODES = {0, 0x4 | 0x2, 0x4, 0x2, 0x1, 0x4 | 0x2 | 0x8, 0x8, 0x10, 0xFFFFFFFF};
    private static final int[] INSTANCES = {1, 2, 255, 0, 256, -1, 3};
    private static final int[] SIZES = {0, 1, 4096, 65536, -1, Integer.MAX_VALUE};
    private static final int[] CLIENT_FLAGS = {0, 0x40000000, 0x00100000, 0x00110000, 0x00120000, 0x00160000, 0x001E0000,
            0x00130000, 0x40120000, 0xFFFFFFFF};
    private static final int[] CLIENT_ACCESS = {0xC0000000, 0x80000000, 0x40000000, 0, 0x00100000, 0x001F01FF, 0x02000000};
    private static final int[] HANDLE_STATES = {0, 1, 2, 3, 4, -1};
    private static final int[] WAIT_TIMEOUTS = {0, 1, 100, -1, 0x7FFFFFFF}; // NMPWAIT_USE_DEFAULT_WAIT, ..., NMPWAIT_WAIT_FOREVER
    private static final int POOL = 6;
    private static final int ERROR_IO_INCOMPLETE = 996;
    private static final int ERROR_IO_PENDING = 997;

    /** One call: what the fuzzer records, runs and judges. */
    record Call(String text, Supplier<Result<?>> invoke, SpiFuzzOracles.Effect effect, ObjectType opened,
                boolean opensExisting, List<SpiFuzzArguments.Arg> mustBeValid) {
    }

    /** The OVERLAPPED structures whose request may still be pending (ERROR_IO_PENDING, not yet reported ended). */
    private final java.util.Set<Overlapped> mayBePending = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private final ModelBackend model;
    private final SpiFuzzArguments args;
    private final List<Overlapped> pool = new ArrayList<>();
    private SplittableRandom random;

    SpiFuzzPipeCalls(ModelBackend model, SpiFuzzArguments args) {
        this.model = model;
        this.args = args;
    }

    /** Draws from {@code source} from now on. */
    void use(SplittableRandom source) {
        this.random = source;
    }

    /** The call numbered {@code which} (0 .. OPERATIONS - 1) with fresh random arguments. */
    Call next(int which, Map<Long, HandleEntry> table) {
        List<SpiFuzzArguments.Arg> valid = new ArrayList<>();
        switch (which) {
            case 0, 1 -> {
                String name = pick(NAMES);
                int openMode = random.nextInt(8) == 0 ? random.nextInt() : OPEN_MODES[random.nextInt(OPEN_MODES.length)];
                int pipeMode = PIPE_MODES[random.nextInt(PIPE_MODES.length)];
                int instances = INSTANCES[random.nextInt(INSTANCES.length)];
                int out = SIZES[random.nextInt(SIZES.length)];
                int in = SIZES[random.nextInt(SIZES.length)];
                int timeout = random.nextInt(4) == 0 ? random.nextInt() : 5000;
                SecurityDescriptor sd = random.nextInt(3) == 0 ? pick(SpiFuzzArguments.DESCRIPTORS) : null;
                return new Call("CreateNamedPipeW(" + name + ", 0x" + Integer.toHexString(openMode) + ", 0x"
                        + Integer.toHexString(pipeMode) + ", " + instances + ", " + out + ", " + in + ", sd=" + (sd != null) + ")",
                        () -> model.createNamedPipe(name, openMode, pipeMode, instances, out, in, timeout, sd),
                        SpiFuzzOracles.Effect.OPENS, ObjectType.FILE, false, valid);
            }
            case 2 -> {
                String name = pick(NAMES);
                int access = CLIENT_ACCESS[random.nextInt(CLIENT_ACCESS.length)];
                int flags = CLIENT_FLAGS[random.nextInt(CLIENT_FLAGS.length)];
                int disposition = random.nextInt(6) == 0 ? random.nextInt(0, 7) : 3;
                return new Call("CreateFileW(" + name + ", 0x" + Integer.toHexString(access) + ", disp " + disposition + ", 0x"
                        + Integer.toHexString(flags) + ")", () -> model.createFile(name, access, 0, null, disposition, flags),
                        SpiFuzzOracles.Effect.OPENS, ObjectType.FILE, disposition == 3, valid);
            }
            case 3 -> {
                SpiFuzzArguments.Arg pipe = file(table, valid);
                Overlapped ov = fresh(table);
                return new Call("ConnectNamedPipe(" + pipe + ", " + describe(ov) + ")", tracked(ov, () -> model.connectNamedPipe(pipe.handle(), ov)),
                        SpiFuzzOracles.Effect.NONE, null, false, valid);
            }
            case 4 -> {
                SpiFuzzArguments.Arg pipe = file(table, valid);
                return new Call("DisconnectNamedPipe(" + pipe + ")", () -> model.disconnectNamedPipe(pipe.handle()),
                        SpiFuzzOracles.Effect.NONE, null, false, valid);
            }
            case 5 -> {
                SpiFuzzArguments.Arg pipe = file(table, valid);
                int mode = random.nextInt(6) == 0 ? random.nextInt() : HANDLE_STATES[random.nextInt(HANDLE_STATES.length)];
                return new Call("SetNamedPipeHandleState(" + pipe + ", 0x" + Integer.toHexString(mode) + ")",
                        () -> model.setNamedPipeHandleState(pipe.handle(), mode), SpiFuzzOracles.Effect.NONE, null, false, valid);
            }
            case 6 -> {
                SpiFuzzArguments.Arg pipe = file(table, valid);
                return new Call("ImpersonateNamedPipeClient(" + pipe + ")", () -> model.impersonateNamedPipeClient(pipe.handle()),
                        SpiFuzzOracles.Effect.NONE, null, false, valid);
            }
            case 7 -> {
                SpiFuzzArguments.Arg pipe = file(table, valid);
                return new Call("GetNamedPipeClientProcessId(" + pipe + ")", () -> model.getNamedPipeClientProcessId(pipe.handle()),
                        SpiFuzzOracles.Effect.NONE, null, false, valid);
            }
            case 8 -> {
                SpiFuzzArguments.Arg file = file(table, valid);
                int length = random.nextBoolean() ? random.nextInt(0, 64) : args.length() % (1 << 20);
                Overlapped ov = random.nextBoolean() ? fresh(table) : null;
                return new Call("ReadFile(" + file + ", " + length + ", " + describe(ov) + ")",
                        tracked(ov, () -> model.readFile(file.handle(), length, ov)), SpiFuzzOracles.Effect.NONE, null, false, valid);
            }
            case 9 -> {
                SpiFuzzArguments.Arg file = file(table, valid);
                byte[] data = new byte[random.nextInt(4) == 0 ? random.nextInt(0, 9000) : random.nextInt(0, 16)];
                random.nextBytes(data);
                Overlapped ov = random.nextBoolean() ? fresh(table) : null;
                return new Call("WriteFile(" + file + ", " + data.length + " bytes, " + describe(ov) + ")",
                        tracked(ov, () -> model.writeFile(file.handle(), data, ov)), SpiFuzzOracles.Effect.NONE, null, false, valid);
            }
            case 10 -> {
                boolean manual = random.nextBoolean();
                boolean initial = random.nextBoolean();
                return new Call("CreateEventW(" + manual + ", " + initial + ")", () -> model.createEvent(manual, initial),
                        SpiFuzzOracles.Effect.OPENS, ObjectType.EVENT, false, valid);
            }
            case 11 -> {
                SpiFuzzArguments.Arg h = args.handle(table, ObjectType.EVENT);
                if (h.invalid()) {
                    valid.add(h); // any waitable type may succeed; a closed or garbage handle never
                }
                return new Call("WaitForSingleObject(" + h + ", 0)", () -> model.waitForSingleObject(h.handle(), 0),
                        SpiFuzzOracles.Effect.NONE, null, false, valid);
            }
            case 12 -> {
                SpiFuzzArguments.Arg file = args.handle(table, ObjectType.FILE);
                boolean any = random.nextInt(3) == 0 || pool.isEmpty();
                Overlapped ov = any ? null : pool.get(random.nextInt(pool.size()));
                if (random.nextBoolean()) {
                    valid.add(typed(file, ObjectType.FILE));
                    return new Call("CancelIoEx(" + file + ", " + describe(ov) + ")", () -> model.cancelIoEx(file.handle(), ov),
                            SpiFuzzOracles.Effect.NONE, null, false, valid);
                }
                // GetOverlappedResult reads a completed request from the OVERLAPPED alone: the file handle is only
                // waited on when hEvent is NULL and the request is pending, so a bad one may still succeed (IMPL: Wine)
                Overlapped request = ov != null ? ov : fresh(table);
                return new Call("GetOverlappedResult(" + file + ", " + describe(request) + ", FALSE)",
                        () -> {
                            Result<Integer> r = model.getOverlappedResult(file.handle(), request, false);
                            if (r.win32Error() != ERROR_IO_INCOMPLETE) {
                                mayBePending.remove(request); // ended: the program may reuse it
                            }
                            return r;
                        }, SpiFuzzOracles.Effect.NONE, null, false, valid);
            }
            case 14 -> {
                String name = pick(NAMES);
                int timeout = random.nextInt(6) == 0 ? random.nextInt() : WAIT_TIMEOUTS[random.nextInt(WAIT_TIMEOUTS.length)];
                return new Call("WaitNamedPipeW(" + name + ", " + Integer.toUnsignedString(timeout) + ")",
                        () -> model.waitNamedPipe(name, timeout), SpiFuzzOracles.Effect.NONE, null, false, valid);
            }
            default -> {
                SpiFuzzArguments.Arg thread = args.handle(table, ObjectType.THREAD);
                valid.add(typed(thread, ObjectType.THREAD));
                return new Call("CancelSynchronousIo(" + thread + ")", () -> model.cancelSynchronousIo(thread.handle()),
                        SpiFuzzOracles.Effect.NONE, null, false, valid);
            }
        }
    }

    /** A pipe or file handle argument (sometimes of another type, closed or garbage), recorded for the oracles. */
    private SpiFuzzArguments.Arg file(Map<Long, HandleEntry> table, List<SpiFuzzArguments.Arg> valid) {
        SpiFuzzArguments.Arg a = args.handle(table, ObjectType.FILE);
        valid.add(typed(a, ObjectType.FILE));
        return a;
    }

    /**
     * An OVERLAPPED for a new request: a pooled one whose request has ended (GetOverlappedResult no
     * longer says ERROR_IO_INCOMPLETE), else a new one while the pool has room, with a random event
     * (an event of the table, NULL, or a handle that is no event at all).
     */
    private Overlapped fresh(Map<Long, HandleEntry> table) {
        for (Overlapped ov : pool) {
            if (ended(ov) && random.nextBoolean()) {
                return ov;
            }
        }
        SpiFuzzArguments.Arg event = args.handle(table, ObjectType.EVENT);
        Overlapped ov = new Overlapped(random.nextInt(4) == 0 || event.handle() == null ? Handle.NULL : event.handle());
        if (pool.size() >= POOL) {
            mayBePending.remove(pool.remove(0)); // dropped by the program: a request still pending stays queued until its handle closes
        }
        pool.add(ov);
        return ov;
    }

    /** True when {@code ov}'s last request is known to have ended. */
    private boolean ended(Overlapped ov) {
        return !mayBePending.contains(ov);
    }

    /** Records what {@code result} says of the request issued with {@code ov}: pending (ERROR_IO_PENDING) or not. */
    private Supplier<Result<?>> tracked(Overlapped ov, Supplier<Result<?>> call) {
        if (ov == null) {
            return call;
        }
        return () -> {
            mayBePending.remove(ov);
            Result<?> r = call.get();
            if (r.win32Error() == ERROR_IO_PENDING) {
                mayBePending.add(ov);
            }
            return r;
        };
    }

    private String describe(Overlapped ov) {
        return ov == null ? "NULL" : "ov#" + pool.indexOf(ov) + "(event " + ov.event() + ")";
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** As SpiFuzzer's: a handle of another object type is invalid for the parameter. */
    private static SpiFuzzArguments.Arg typed(SpiFuzzArguments.Arg arg, ObjectType expected) {
        if (arg.handle() == null || arg.invalid() || arg.handle().isNull()) {
            return new SpiFuzzArguments.Arg(arg.handle(), arg.type(), arg.handle() != null);
        }
        return arg.type() == expected ? arg : new SpiFuzzArguments.Arg(arg.handle(), arg.type(), true);
    }
}
