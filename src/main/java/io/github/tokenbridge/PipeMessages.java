package io.github.tokenbridge;

import io.github.tokenbridge.backend.Result;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * How both ends of a message-mode pipe finish reading one message (P12): ReadFile gives a message
 * in parts when the buffer is smaller (ERROR_MORE_DATA until the last part), and ERROR_BROKEN_PIPE
 * with nothing read means the other end has closed.
 */
final class PipeMessages {

    private PipeMessages() {
    }

    /**
     * The whole message whose first ReadFile gave {@code first}, reading further parts with
     * {@code nextPart}; null at ERROR_BROKEN_PIPE before any byte; other failures thrown as ReadFile's.
     */
    static byte[] finish(Result<byte[]> first, Supplier<Result<byte[]>> nextPart, Failures failures) {
        byte[] all = new byte[0];
        Result<byte[]> r = first;
        while (true) {
            if (r.win32Error() == Win32Error.ERROR_BROKEN_PIPE.code() && all.length == 0) {
                return null;
            }
            if (!r.succeeded() && r.win32Error() != Win32Error.ERROR_MORE_DATA.code()) {
                throw failures.exception(r, "ReadFile", null);
            }
            byte[] part = r.value();
            byte[] joined = Arrays.copyOf(all, all.length + part.length);
            System.arraycopy(part, 0, joined, all.length, part.length);
            all = joined;
            if (r.succeeded()) {
                return all;
            }
            r = nextPart.get();
        }
    }
}
