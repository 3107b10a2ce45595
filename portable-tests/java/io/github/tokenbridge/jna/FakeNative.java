package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import io.github.tokenbridge.Sid;
import org.mockito.Mockito;
import org.mockito.stubbing.Answer;

/**
 * Mockito-mocked bindings and a fake last error for marshalling tests of the jna backend: answers
 * set {@link #lastError} as the real DLL would, and helpers write outputs the way Windows does.
 */
final class FakeNative {

    final Advapi32Calls advapi32;
    final NtdllCalls ntdll;
    final Kernel32Calls kernel32;
    // processes (issue 20): the process start bindings
    final ProcessCalls processKernel32;
    final ProcessTokenCalls processAdvapi32;
    final UserenvCalls userenv;
    /** The last error the next read returns; answers set it like the DLL does. */
    int lastError = 0x7777;
    int lastErrorReads;
    /** How often the backend cleared (set) the last error. */
    int lastErrorWrites;
    /** True for {@link #succeeding()} mocks, whose operations may stub realistic outputs (objects). */
    boolean succeedingMode;
    final JnaBackend backend;

    /** Mocks that return Mockito's defaults (FALSE, 0, NULL) unless stubbed. */
    FakeNative() {
        this(Mockito.RETURNS_DEFAULTS);
    }

    private FakeNative(Answer<Object> defaultAnswer) {
        advapi32 = Mockito.mock(Advapi32Calls.class, Mockito.withSettings().defaultAnswer(defaultAnswer));
        ntdll = Mockito.mock(NtdllCalls.class, Mockito.withSettings().defaultAnswer(defaultAnswer));
        kernel32 = Mockito.mock(Kernel32Calls.class, Mockito.withSettings().defaultAnswer(defaultAnswer));
        processKernel32 = Mockito.mock(ProcessCalls.class, Mockito.withSettings().defaultAnswer(defaultAnswer));
        processAdvapi32 = Mockito.mock(ProcessTokenCalls.class, Mockito.withSettings().defaultAnswer(defaultAnswer));
        userenv = Mockito.mock(UserenvCalls.class, Mockito.withSettings().defaultAnswer(defaultAnswer));
        ProcessOperations.Bindings bindings = new ProcessOperations.Bindings(processKernel32, processAdvapi32, userenv);
        backend = new JnaBackend(new NativeCalls(advapi32, ntdll, kernel32, () -> {
            lastErrorReads++;
            return lastError;
        }, code -> {
            lastErrorWrites++;
            lastError = code;
        }), () -> bindings);
    }

    /**
     * Mocks on which every unstubbed call fails: FALSE with {@code lastError} set, a NULL HANDLE with
     * {@code lastError} set, or {@code status} for the Nt functions.
     */
    static FakeNative failing(int lastError, int status) {
        FakeNative[] self = new FakeNative[1];
        self[0] = new FakeNative(invocation -> {
            Class<?> type = invocation.getMethod().getReturnType();
            if (type == boolean.class || type == HANDLE.class) {
                self[0].lastError = lastError;
                return type == boolean.class ? false : null;
            }
            if (type == int.class && invocation.getMock() instanceof NtdllCalls) {
                return status;
            }
            if (type == int.class && (invocation.getMethod().getName().equals("WaitForSingleObject")
                    || invocation.getMock() instanceof ProcessCalls)) { // DWORD (-1) failures: WAIT_FAILED, ResumeThread
                self[0].lastError = lastError;
                return -1;
            }
            // ---- objects: LSTATUS / DWORD-result advapi32 functions return the error; GetTempPathW 0 with the last error
            if (type == int.class && invocation.getMock() instanceof Advapi32Calls) {
                return lastError;
            }
            if (type == int.class && invocation.getMethod().getName().equals("GetTempPathW")) {
                self[0].lastError = lastError;
                return 0;
            }
            return Mockito.RETURNS_DEFAULTS.answer(invocation);
        });
        return self[0];
    }

    /** Mocks on which every unstubbed call succeeds: TRUE, STATUS_SUCCESS (0), a non-NULL HANDLE. */
    static FakeNative succeeding() {
        FakeNative fake = new FakeNative(invocation -> {
            Class<?> type = invocation.getMethod().getReturnType();
            if (type == boolean.class) {
                return true;
            }
            if (type == HANDLE.class) {
                return new HANDLE(Pointer.createConstant(0x10));
            }
            return Mockito.RETURNS_DEFAULTS.answer(invocation);
        });
        fake.succeedingMode = true;
        return fake;
    }

    /** An answer for a BOOL function that fails with {@code error}. */
    <T> Answer<T> fails(int error) {
        return invocation -> {
            lastError = error;
            @SuppressWarnings("unchecked") T result = (T) Boolean.FALSE;
            return result;
        };
    }

    /** An answer that writes {@code value} to the HANDLEByReference argument {@code index} and returns TRUE. */
    static Answer<Boolean> writesHandle(int index, long value) {
        return invocation -> {
            invocation.getArgument(index, HANDLEByReference.class).getPointer().setLong(0, value);
            return true;
        };
    }

    /** An answer that writes {@code value} to the HANDLEByReference argument {@code index} and returns {@code status}. */
    static Answer<Integer> writesHandleStatus(int index, long value, int status) {
        return invocation -> {
            invocation.getArgument(index, HANDLEByReference.class).getPointer().setLong(0, value);
            return status;
        };
    }

    /** The numeric value of a HANDLE argument (0 for null). */
    static long value(HANDLE handle) {
        return handle == null ? 0 : Pointer.nativeValue(handle.getPointer());
    }

    /** Writes {@code sid} at {@code p + offset} and returns the bytes written. */
    static int writeSid(Pointer p, long offset, Sid sid) {
        byte[] bytes = sid.toBytes();
        p.write(offset, bytes, 0, bytes.length);
        return bytes.length;
    }

    /** All calls made on the three mocks. */
    int nativeCalls() {
        return Mockito.mockingDetails(advapi32).getInvocations().size()
                + Mockito.mockingDetails(ntdll).getInvocations().size()
                + Mockito.mockingDetails(kernel32).getInvocations().size()
                + Mockito.mockingDetails(processKernel32).getInvocations().size()
                + Mockito.mockingDetails(processAdvapi32).getInvocations().size()
                + Mockito.mockingDetails(userenv).getInvocations().size();
    }
}
