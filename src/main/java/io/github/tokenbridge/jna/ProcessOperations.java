package io.github.tokenbridge.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.ProcessStart;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.StartedProcess;
import io.github.tokenbridge.backend.StdioRedirect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The process functions of the jna backend (processes, issue 20): CreateProcessW, CreateProcessAsUserW,
 * CreateProcessWithTokenW with STARTUPINFOW and, for piped streams, CreatePipe pairs (the child's end
 * inheritable, the parent's not; the child's ends closed after the call whatever its outcome), ResumeThread,
 * TerminateProcess, GetExitCodeProcess, WaitForSingleObject, and userenv's CreateEnvironmentBlock /
 * DestroyEnvironmentBlock and LoadUserProfileW / UnloadUserProfile.
 */
final class ProcessOperations extends NativeOperations {

    /** The bindings, loaded on first use (userenv.dll is loaded only when a process function runs). */
    record Bindings(ProcessCalls kernel32, ProcessTokenCalls advapi32, UserenvCalls userenv) {
        static Bindings load() {
            return new Bindings(Native.load("kernel32", ProcessCalls.class), Native.load("advapi32", ProcessTokenCalls.class),
                    Native.load("userenv", UserenvCalls.class));
        }
    }

    private static final int STARTF_USESTDHANDLES = 0x100;
    private static final int HANDLE_FLAG_INHERIT = 0x1;
    private static final int STD_INPUT_HANDLE = -10;
    private static final int STD_OUTPUT_HANDLE = -11;
    private static final int STD_ERROR_HANDLE = -12;
    private static final int ERROR_BROKEN_PIPE = 109;
    private static final int PI_NOUI = 0x1;

    private final Supplier<Bindings> bindings;
    private volatile Bindings loaded;

    ProcessOperations(NativeCalls calls, Supplier<Bindings> bindings) {
        super(calls);
        this.bindings = Objects.requireNonNull(bindings, "bindings");
    }

    private Bindings b() {
        Bindings value = loaded;
        if (value == null) {
            value = Objects.requireNonNull(bindings.get(), "bindings");
            loaded = value;
        }
        return value;
    }

    /** Which entry point a start uses. */
    enum Entry { CREATE_PROCESS, AS_USER, WITH_TOKEN }

    Result<StartedProcess> start(Entry entry, Handle token, int logonFlags, ProcessStart start) {
        Objects.requireNonNull(start, "start");
        List<HANDLE> childEnds = new ArrayList<>();
        List<HANDLE> parentEnds = new ArrayList<>();
        ProcessStructures.STARTUPINFOW si = new ProcessStructures.STARTUPINFOW();
        ProcessStructures.PROCESS_INFORMATION pi = new ProcessStructures.PROCESS_INFORMATION();
        HANDLE[] parent = new HANDLE[3];
        try (Memory app = wide(start.applicationName()); Memory line = wide(start.commandLine());
             Memory dir = wide(start.currentDirectory()); Memory desktop = wide(start.desktop());
             Memory env = environmentBlock(start.environment())) {
            if (start.anyPiped()) {
                si.dwFlags |= STARTF_USESTDHANDLES;
                StdioRedirect[] modes = {start.stdin(), start.stdout(), start.stderr()};
                int[] std = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};
                Pointer[] child = new Pointer[3];
                for (int i = 0; i < 3; i++) {
                    if (modes[i] == StdioRedirect.PIPE) {
                        HANDLE[] pair = pipe(i == 0);
                        if (pair == null) {
                            return Result.win32Failure(lastError());
                        }
                        child[i] = pair[0].getPointer();
                        parent[i] = pair[1];
                        childEnds.add(pair[0]);
                        parentEnds.add(pair[1]);
                    } else {
                        HANDLE h = b().kernel32().GetStdHandle(std[i]);
                        child[i] = h == null ? null : h.getPointer();
                    }
                }
                si.hStdInput = child[0];
                si.hStdOutput = child[1];
                si.hStdError = child[2];
            }
            si.lpDesktop = desktop;
            int flags = start.creationFlags() | (env != null ? ProcessStart.CREATE_UNICODE_ENVIRONMENT : 0);
            boolean inherit = start.anyPiped();
            boolean ok = switch (entry) {
                case CREATE_PROCESS -> b().kernel32().CreateProcessW(app, line, null, null, inherit, flags, env, dir, si, pi);
                case AS_USER -> b().advapi32().CreateProcessAsUserW(handle(token), app, line, null, null, inherit, flags, env,
                        dir, si, pi);
                case WITH_TOKEN -> b().advapi32().CreateProcessWithTokenW(handle(token), logonFlags, app, line, flags, env,
                        dir, si, pi);
            };
            if (!ok) {
                int error = lastError();
                parentEnds.forEach(h -> calls.kernel32().CloseHandle(h));
                return Result.win32Failure(error);
            }
            pi.read();
            return Result.ok(new StartedProcess(new Handle(Pointer.nativeValue(pi.hProcess)),
                    new Handle(Pointer.nativeValue(pi.hThread)), pi.dwProcessId, pi.dwThreadId,
                    parent[0] == null ? null : new HandleOutputStream(parent[0]),
                    parent[1] == null ? null : new HandleInputStream(parent[1]),
                    parent[2] == null ? null : new HandleInputStream(parent[2])));
        } finally {
            childEnds.forEach(h -> calls.kernel32().CloseHandle(h));
        }
    }

    /** A pipe for one stream: [child end (inheritable), parent end (not inheritable)], or null (last error set). */
    private HANDLE[] pipe(boolean childReads) {
        HANDLEByReference read = new HANDLEByReference();
        HANDLEByReference write = new HANDLEByReference();
        try (Memory sa = new Memory(NativeLayout.SECURITY_ATTRIBUTES.size())) {
            sa.clear();
            sa.setInt(NativeLayout.SECURITY_ATTRIBUTES.offset("nLength"), NativeLayout.SECURITY_ATTRIBUTES.size());
            sa.setInt(NativeLayout.SECURITY_ATTRIBUTES.offset("bInheritHandle"), 1);
            if (!b().kernel32().CreatePipe(read, write, sa, 0)) {
                return null;
            }
        }
        HANDLE child = childReads ? read.getValue() : write.getValue();
        HANDLE parentEnd = childReads ? write.getValue() : read.getValue();
        if (!b().kernel32().SetHandleInformation(parentEnd, HANDLE_FLAG_INHERIT, 0)) {
            int error = lastError();
            calls.kernel32().CloseHandle(child);
            calls.kernel32().CloseHandle(parentEnd);
            throw new IllegalStateException("SetHandleInformation on a new pipe failed with " + error);
        }
        return new HANDLE[] {child, parentEnd};
    }

    Result<Integer> resumeThread(Handle thread) {
        int previous = b().kernel32().ResumeThread(handle(thread));
        return previous == -1 ? Result.win32Failure(lastError()) : Result.ok(previous);
    }

    Result<Void> terminateProcess(Handle process, int exitCode) {
        return win32(b().kernel32().TerminateProcess(handle(process), exitCode), null);
    }

    Result<Integer> getExitCodeProcess(Handle process) {
        IntByReference code = new IntByReference();
        return win32(b().kernel32().GetExitCodeProcess(handle(process), code), code.getValue());
    }

    Result<Integer> waitForSingleObject(Handle handle, int milliseconds) {
        int result = b().kernel32().WaitForSingleObject(handle(handle), milliseconds);
        return result == -1 ? Result.win32Failure(lastError()) : Result.ok(result);
    }

    Result<Map<String, String>> createEnvironmentBlock(Handle token, boolean inherit) {
        PointerByReference block = new PointerByReference();
        if (!b().userenv().CreateEnvironmentBlock(block, handle(token), inherit)) {
            return Result.win32Failure(lastError());
        }
        Pointer p = block.getValue();
        try {
            Map<String, String> env = new LinkedHashMap<>();
            long offset = 0;
            while (true) {
                String entry = p.getWideString(offset);
                if (entry.isEmpty()) {
                    break;
                }
                int eq = entry.indexOf('=', 1);
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
                offset += (entry.length() + 1L) * 2;
            }
            return Result.ok(Collections.unmodifiableMap(env));
        } finally {
            b().userenv().DestroyEnvironmentBlock(p);
        }
    }

    Result<Handle> loadUserProfile(Handle token, String userName) {
        Objects.requireNonNull(userName, "userName");
        try (Memory name = wide(userName)) {
            ProcessStructures.PROFILEINFOW info = new ProcessStructures.PROFILEINFOW();
            info.dwFlags = PI_NOUI;
            info.lpUserName = name;
            if (!b().userenv().LoadUserProfileW(handle(token), info)) {
                return Result.win32Failure(lastError());
            }
            info.read();
            return Result.ok(new Handle(Pointer.nativeValue(info.hProfile)));
        }
    }

    Result<Void> unloadUserProfile(Handle token, Handle profile) {
        return win32(b().userenv().UnloadUserProfile(handle(token), handle(profile)), null);
    }

    /** A NUL-terminated UTF-16 copy of {@code text}, or null for null. */
    static Memory wide(String text) {
        if (text == null) {
            return null;
        }
        byte[] bytes = (text + "\0").getBytes(StandardCharsets.UTF_16LE);
        Memory m = new Memory(bytes.length);
        m.write(0, bytes, 0, bytes.length);
        return m;
    }

    /** A Unicode environment block ("k=v\0...\0\0"), or null for the caller's environment. */
    static Memory environmentBlock(Map<String, String> env) {
        if (env == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER) {{ putAll(env); }}
                .forEach((k, v) -> sb.append(k).append('=').append(v).append('\0'));
        if (env.isEmpty()) {
            sb.append('\0');
        }
        sb.append('\0');
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_16LE);
        Memory m = new Memory(bytes.length);
        m.write(0, bytes, 0, bytes.length);
        return m;
    }

    /** The reading end of a pipe: ReadFile until ERROR_BROKEN_PIPE (the writer closed), which is end of stream. */
    private final class HandleInputStream extends InputStream {
        private final HANDLE handle;
        private boolean closed;

        HandleInputStream(HANDLE handle) {
            this.handle = handle;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public synchronized int read(byte[] buffer, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, buffer.length);
            if (closed) {
                throw new IOException("stream closed");
            }
            if (len == 0) {
                return 0;
            }
            byte[] chunk = new byte[len];
            IntByReference read = new IntByReference();
            if (!b().kernel32().ReadFile(handle, chunk, len, read, null)) {
                int error = lastError();
                if (error == ERROR_BROKEN_PIPE) {
                    return -1;
                }
                throw new IOException("ReadFile on a child's pipe failed with Win32 error " + error);
            }
            if (read.getValue() == 0) {
                return -1;
            }
            System.arraycopy(chunk, 0, buffer, off, read.getValue());
            return read.getValue();
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                calls.kernel32().CloseHandle(handle);
            }
        }
    }

    /** The writing end of a child's standard input pipe. */
    private final class HandleOutputStream extends OutputStream {
        private final HANDLE handle;
        private boolean closed;

        HandleOutputStream(HANDLE handle) {
            this.handle = handle;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] buffer, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, buffer.length);
            if (closed) {
                throw new IOException("stream closed");
            }
            byte[] chunk = java.util.Arrays.copyOfRange(buffer, off, off + len);
            int done = 0;
            while (done < len) {
                byte[] rest = done == 0 ? chunk : java.util.Arrays.copyOfRange(chunk, done, len);
                IntByReference written = new IntByReference();
                if (!b().kernel32().WriteFile(handle, rest, rest.length, written, null)) {
                    throw new IOException("WriteFile on a child's pipe failed with Win32 error " + lastError());
                }
                done += written.getValue();
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                calls.kernel32().CloseHandle(handle);
            }
        }
    }
}
