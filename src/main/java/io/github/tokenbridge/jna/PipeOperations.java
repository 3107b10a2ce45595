package io.github.tokenbridge.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Overlapped;
import io.github.tokenbridge.backend.Result;

import java.util.Objects;

/**
 * The named-pipe, event and overlapped-I/O functions of the jna backend (kernel32, and advapi32's
 * ImpersonateNamedPipeClient), and CancelSynchronousIo. An {@link Overlapped} carries a native
 * {@code OVERLAPPED} laid out as {@link NativeLayout#OVERLAPPED} (x64: 32 bytes, InternalHigh at 8,
 * hEvent at 24; the layout probe checks it) and the request's buffer, both kept until the next
 * request on it or its close.
 */
final class PipeOperations extends NativeOperations {

    private static final int ERROR_MORE_DATA = 234;
    private static final int OVERLAPPED_SIZE = NativeLayout.OVERLAPPED.size();
    private static final int INTERNAL_HIGH = NativeLayout.OVERLAPPED.offset("InternalHigh");
    private static final int H_EVENT = NativeLayout.OVERLAPPED.offset("hEvent");

    PipeOperations(NativeCalls calls) {
        super(calls);
    }

    /** The native state of one {@link Overlapped}. */
    static final class NativeOverlapped implements AutoCloseable {
        final Memory overlapped = new Memory(OVERLAPPED_SIZE);
        Memory buffer;
        boolean reading;

        Pointer prepare(Handle event, int bufferSize, boolean read) {
            overlapped.clear();
            overlapped.setPointer(H_EVENT, event.isNull() ? null : Pointer.createConstant(event.value()));
            if (buffer != null) {
                buffer.close();
            }
            buffer = new Memory(Math.max(1, bufferSize));
            reading = read;
            return overlapped;
        }

        byte[] bytes(int count) {
            return buffer.getByteArray(0, count);
        }

        int internalHigh() {
            return (int) overlapped.getLong(INTERNAL_HIGH);
        }

        @Override
        public void close() {
            overlapped.close();
            if (buffer != null) {
                buffer.close();
            }
        }
    }

    private static NativeOverlapped state(Overlapped overlapped) {
        return overlapped.backendState(NativeOverlapped.class, NativeOverlapped::new);
    }

    Result<Handle> createNamedPipe(String name, int openMode, int pipeMode, int maxInstances, int outBufferSize,
                                   int inBufferSize, int defaultTimeout, SecurityDescriptor securityDescriptor) {
        Objects.requireNonNull(name, "name");
        try (Memory attributes = securityDescriptor == null ? null : TokenCreation.securityAttributes(securityDescriptor)) {
            HANDLE pipe = calls.kernel32().CreateNamedPipeW(new WString(name), openMode, pipeMode, maxInstances, outBufferSize,
                    inBufferSize, defaultTimeout, attributes);
            Handle h = handle(pipe);
            return h.isNull() || h.value() == -1 ? Result.win32Failure(lastError()) : Result.ok(h);
        }
    }

    Result<Void> connectNamedPipe(Handle pipe, Overlapped overlapped) {
        Pointer ov = overlapped == null ? null : state(overlapped).prepare(overlapped.event(), 0, false);
        return win32(calls.kernel32().ConnectNamedPipe(handle(pipe), ov), null);
    }

    Result<Void> waitNamedPipe(String name, int timeoutMillis) {
        return win32(calls.kernel32().WaitNamedPipeW(new WString(Objects.requireNonNull(name, "name")), timeoutMillis), null);
    }

    Result<Void> disconnectNamedPipe(Handle pipe) {
        return win32(calls.kernel32().DisconnectNamedPipe(handle(pipe)), null);
    }

    Result<Void> setNamedPipeHandleState(Handle pipe, int mode) {
        return win32(calls.kernel32().SetNamedPipeHandleState(handle(pipe), new IntByReference(mode), null, null), null);
    }

    Result<Void> impersonateNamedPipeClient(Handle pipe) {
        return win32(calls.advapi32().ImpersonateNamedPipeClient(handle(pipe)), null);
    }

    Result<Integer> getNamedPipeClientProcessId(Handle pipe) {
        IntByReference pid = new IntByReference();
        boolean ok = calls.kernel32().GetNamedPipeClientProcessId(handle(pipe), pid);
        return ok ? Result.ok(pid.getValue()) : Result.win32Failure(lastError());
    }

    Result<byte[]> readFile(Handle file, int length, Overlapped overlapped) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
        if (overlapped != null) {
            NativeOverlapped state = state(overlapped);
            Pointer ov = state.prepare(overlapped.event(), length, true);
            boolean ok = calls.kernel32().ReadFile(handle(file), state.buffer, length, null, ov);
            if (ok) {
                return Result.ok(state.bytes(state.internalHigh()));
            }
            int error = lastError();
            return error == ERROR_MORE_DATA ? Result.win32Failure(error, state.bytes(state.internalHigh()))
                    : Result.win32Failure(error);
        }
        try (Memory buffer = new Memory(Math.max(1, length))) {
            IntByReference read = new IntByReference();
            boolean ok = calls.kernel32().ReadFile(handle(file), buffer, length, read, null);
            if (ok) {
                return Result.ok(buffer.getByteArray(0, read.getValue()));
            }
            int error = lastError();
            return error == ERROR_MORE_DATA ? Result.win32Failure(error, buffer.getByteArray(0, read.getValue()))
                    : Result.win32Failure(error);
        }
    }

    Result<Integer> writeFile(Handle file, byte[] data, Overlapped overlapped) {
        Objects.requireNonNull(data, "data");
        if (overlapped != null) {
            NativeOverlapped state = state(overlapped);
            Pointer ov = state.prepare(overlapped.event(), data.length, false);
            state.buffer.write(0, data, 0, data.length);
            boolean ok = calls.kernel32().WriteFile(handle(file), state.buffer, data.length, null, ov);
            return ok ? Result.ok(state.internalHigh()) : Result.win32Failure(lastError());
        }
        try (Memory buffer = new Memory(Math.max(1, data.length))) {
            buffer.write(0, data, 0, data.length);
            IntByReference written = new IntByReference();
            boolean ok = calls.kernel32().WriteFile(handle(file), buffer, data.length, written, null);
            return ok ? Result.ok(written.getValue()) : Result.win32Failure(lastError());
        }
    }

    Result<Handle> createEvent(boolean manualReset, boolean initialState) {
        Handle h = handle(calls.kernel32().CreateEventW(null, manualReset, initialState, null));
        return h.isNull() ? Result.win32Failure(lastError()) : Result.ok(h);
    }

    Result<Integer> waitForSingleObject(Handle handle, int milliseconds) {
        int result = calls.kernel32().WaitForSingleObject(handle(handle), milliseconds);
        return result == -1 ? Result.win32Failure(lastError()) : Result.ok(result); // WAIT_FAILED
    }

    Result<Void> cancelIoEx(Handle file, Overlapped overlapped) {
        Pointer ov = overlapped == null ? null : state(overlapped).overlapped;
        return win32(calls.kernel32().CancelIoEx(handle(file), ov), null);
    }

    Result<Void> cancelSynchronousIo(Handle thread) {
        return win32(calls.kernel32().CancelSynchronousIo(handle(Objects.requireNonNull(thread, "thread"))), null);
    }

    Result<Integer> getOverlappedResult(Handle file, Overlapped overlapped, boolean wait) {
        NativeOverlapped state = state(Objects.requireNonNull(overlapped, "overlapped"));
        IntByReference transferred = new IntByReference();
        boolean ok = calls.kernel32().GetOverlappedResult(handle(file), state.overlapped, transferred, wait);
        int error = ok ? 0 : lastError();
        if (state.reading && (ok || error == ERROR_MORE_DATA)) {
            overlapped.setCompletedData(state.bytes(transferred.getValue()));
        }
        if (ok) {
            return Result.ok(transferred.getValue());
        }
        return error == ERROR_MORE_DATA ? Result.win32Failure(error, transferred.getValue()) : Result.win32Failure(error);
    }
}
