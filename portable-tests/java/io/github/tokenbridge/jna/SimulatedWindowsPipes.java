package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import io.github.tokenbridge.Win32Error;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;

/**
 * One named pipe on the mocked kernel32 / advapi32 bindings of {@link SimulatedWindowsTokens}, enough
 * to count what a pipe request costs the public API in native calls: CreateNamedPipeW and
 * CreateFileW make the server and client ends of one connection (the client is connected at once, so
 * ConnectNamedPipe answers ERROR_PIPE_CONNECTED, P10), WriteFile queues a message for the other end,
 * ReadFile takes the next one (at once, also with an OVERLAPPED, setting its InternalHigh) or, with an
 * OVERLAPPED and nothing queued, stays pending (ERROR_IO_PENDING) until CancelIoEx, after which
 * GetOverlappedResult reports ERROR_OPERATION_ABORTED; WaitForSingleObject on the event times out,
 * ImpersonateNamedPipeClient gives the thread the client's token at Impersonation level, CreateEventW
 * makes events, and CloseHandle closes all of them.
 */
final class SimulatedWindowsPipes {

    private static final int ERROR_IO_PENDING = 997;
    private static final int ERROR_OPERATION_ABORTED = 995;
    private static final int WAIT_TIMEOUT = 258;

    /** Pipe ends and events by handle value: what each is ("server", "client", "event"). */
    final Map<Long, String> objects = new HashMap<>();
    private final Deque<byte[]> toServer = new ArrayDeque<>();
    private final Deque<byte[]> toClient = new ArrayDeque<>();
    private final SimulatedWindowsTokens windows;
    private Pointer pendingRead;
    private boolean pendingCancelled;
    private long nextHandle = 0x8000;

    SimulatedWindowsPipes(SimulatedWindowsTokens windows) {
        this.windows = windows;
        Kernel32Calls k = windows.fake.kernel32;
        doAnswer(i -> created("server")).when(k).CreateNamedPipeW(any(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(),
                anyInt(), any());
        doAnswer(i -> created("client")).when(k).CreateFileW(any(), anyInt(), anyInt(), any(), anyInt(), anyInt(), any());
        doAnswer(i -> created("event")).when(k).CreateEventW(any(), anyBoolean(), anyBoolean(), any());
        doAnswer(i -> is(i.getArgument(0), "client") || fail(Win32Error.ERROR_INVALID_HANDLE))
                .when(k).SetNamedPipeHandleState(any(), any(), any(), any());
        doAnswer(i -> is(i.getArgument(0), "server") ? fail(Win32Error.ERROR_PIPE_CONNECTED) : fail(Win32Error.ERROR_INVALID_FUNCTION))
                .when(k).ConnectNamedPipe(any(), any());
        doAnswer(i -> write(i.getArgument(0), i.getArgument(1), i.getArgument(2), i.getArgument(3), i.getArgument(4)))
                .when(k).WriteFile(any(), any(), anyInt(), any(), any());
        doAnswer(i -> read(i.getArgument(0), i.getArgument(1), i.getArgument(2), i.getArgument(3), i.getArgument(4)))
                .when(k).ReadFile(any(), any(), anyInt(), any(), any());
        doAnswer(i -> is(i.getArgument(0), "event") ? WAIT_TIMEOUT : -1).when(k).WaitForSingleObject(any(), anyInt());
        doAnswer(i -> {
            if (pendingRead == null) {
                return fail(Win32Error.ERROR_NOT_FOUND);
            }
            pendingCancelled = true;
            return true;
        }).when(k).CancelIoEx(any(), any());
        doAnswer(i -> {
            if (pendingRead != null && pendingCancelled && pendingRead.equals(i.getArgument(1))) {
                pendingRead = null;
                pendingCancelled = false;
                windows.fake.lastError = ERROR_OPERATION_ABORTED;
                return false;
            }
            return fail(Win32Error.ERROR_IO_INCOMPLETE);
        }).when(k).GetOverlappedResult(any(), any(), any(), anyBoolean());
        doAnswer(i -> is(i.getArgument(0), "server") && windows.impersonatePipeClient() || fail(Win32Error.ERROR_INVALID_HANDLE))
                .when(windows.fake.advapi32).ImpersonateNamedPipeClient(any());
    }

    /** Closes {@code value} if it is one of these objects; true when it was. */
    boolean close(long value) {
        return objects.remove(value) != null;
    }

    /** Queues a message from the client to the server, as a client thread's write would. */
    void clientWrites(byte[] message) {
        toServer.add(message.clone());
    }

    /** Takes the server's last reply to the client, or null. */
    byte[] replyToClient() {
        return toClient.poll();
    }

    /** Queues a reply from the server to the client, as the server's write would. */
    void serverWrites(byte[] message) {
        toClient.add(message.clone());
    }

    private HANDLE created(String what) {
        long value = nextHandle;
        nextHandle += 4;
        objects.put(value, what);
        return new HANDLE(Pointer.createConstant(value));
    }

    private boolean is(HANDLE h, String what) {
        return what.equals(objects.get(FakeNative.value(h)));
    }

    private boolean fail(Win32Error error) {
        windows.fake.lastError = error.code();
        return false;
    }

    private boolean write(HANDLE h, Pointer buffer, int length, IntByReference written, Pointer overlapped) {
        Deque<byte[]> queue = is(h, "server") ? toClient : is(h, "client") ? toServer : null;
        if (queue == null) {
            return fail(Win32Error.ERROR_INVALID_HANDLE);
        }
        queue.add(buffer.getByteArray(0, length));
        transferred(written, overlapped, length);
        return true;
    }

    private boolean read(HANDLE h, Pointer buffer, int length, IntByReference read, Pointer overlapped) {
        Deque<byte[]> queue = is(h, "server") ? toServer : is(h, "client") ? toClient : null;
        if (queue == null) {
            return fail(Win32Error.ERROR_INVALID_HANDLE);
        }
        byte[] message = queue.poll();
        if (message == null) {
            if (overlapped == null) {
                throw new UnsupportedOperationException("the simulated pipe cannot block a synchronous ReadFile");
            }
            pendingRead = overlapped;
            windows.fake.lastError = ERROR_IO_PENDING;
            return false;
        }
        if (message.length > length) {
            throw new UnsupportedOperationException("the simulated pipe has no ERROR_MORE_DATA");
        }
        buffer.write(0, message, 0, message.length);
        transferred(read, overlapped, message.length);
        return true;
    }

    private static void transferred(IntByReference count, Pointer overlapped, int n) {
        if (count != null) {
            count.setValue(n);
        }
        if (overlapped != null) {
            overlapped.setLong(NativeLayout.OVERLAPPED.offset("InternalHigh"), n);
        }
    }
}
