package io.github.tokenbridge.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;

/**
 * The one buffer-sizing routine for token information (R59), shared by {@code GetTokenInformation}
 * and {@code NtQueryInformationToken}: with a caller-given length it makes exactly one call; with
 * length -1 it starts with the class's fixed size (or {@value #INITIAL_VARIABLE_LENGTH} bytes for
 * variable-size classes) and, while the call reports a too-small buffer
 * ({@code ERROR_INSUFFICIENT_BUFFER}, {@code ERROR_BAD_LENGTH}, {@code STATUS_BUFFER_TOO_SMALL},
 * {@code STATUS_INFO_LENGTH_MISMATCH}) with a larger required length, retries with that length, at
 * most {@value #MAX_ATTEMPTS} calls in all (the information may grow between calls).
 */
final class TokenInformationQuery {

    /** The first buffer size tried for variable-size classes: most tokens fit, so one call. */
    static final int INITIAL_VARIABLE_LENGTH = 1024;
    /** The most calls one sized query makes. */
    static final int MAX_ATTEMPTS = 4;

    /** Which convention the call reports its outcome in. */
    enum Convention {
        /** BOOL and the last error: the code is 0 for TRUE, else the last error. */
        WIN32,
        /** NTSTATUS: the code is the status. */
        NT;

        boolean succeeded(int code) {
            return this == WIN32 ? code == 0 : NtStatus.isSuccess(code);
        }

        boolean bufferTooSmall(int code) {
            return this == WIN32
                    ? code == NativeConstants.ERROR_INSUFFICIENT_BUFFER || code == NativeConstants.ERROR_BAD_LENGTH
                    : code == NativeConstants.STATUS_BUFFER_TOO_SMALL || code == NativeConstants.STATUS_INFO_LENGTH_MISMATCH;
        }

        <T> Result<T> result(int code, T value) {
            if (this == NT) {
                return Result.ofStatus(code, value);
            }
            return code == 0 ? Result.ok(value) : Result.win32Failure(code, value);
        }
    }

    /** One native call: fills {@code buffer} ({@code null} for length 0) and returns its outcome code. */
    @FunctionalInterface
    interface Call {
        int invoke(Pointer buffer, int length, IntByReference returnLength);
    }

    private TokenInformationQuery() {
    }

    /**
     * Queries {@code infoClass} through {@code call}. The result's value is always a
     * {@link TokenInformation} with the returned length; its decoded value is set on success.
     */
    static Result<TokenInformation> query(Convention convention, TokenInformationClass infoClass, int requestedLength,
                                          Call call) {
        if (requestedLength < -1) {
            throw new IllegalArgumentException("buffer length must be -1 (sized by the backend) or >= 0: " + requestedLength);
        }
        boolean sized = requestedLength == -1;
        int length = sized ? (infoClass.isFixedSize() ? infoClass.fixedSize() : INITIAL_VARIABLE_LENGTH) : requestedLength;
        for (int attempt = 1; ; attempt++) {
            IntByReference returnLength = new IntByReference();
            try (Memory buffer = length > 0 ? new Memory(length) : null) {
                if (buffer != null) {
                    buffer.clear();
                }
                int code = call.invoke(buffer, length, returnLength);
                int returned = returnLength.getValue();
                if (convention.succeeded(code)) {
                    Object value = buffer == null ? null : TokenInformationCodec.decode(infoClass, buffer);
                    return convention.result(code, new TokenInformation(infoClass, returned, value));
                }
                if (sized && attempt < MAX_ATTEMPTS && convention.bufferTooSmall(code) && returned > length) {
                    length = returned;
                    continue;
                }
                return convention.result(code, new TokenInformation(infoClass, returned, null));
            }
        }
    }
}
