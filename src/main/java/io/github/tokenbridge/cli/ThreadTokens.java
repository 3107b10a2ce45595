package io.github.tokenbridge.cli;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.ThreadAccess;
import io.github.tokenbridge.backend.TokenBackend;

import java.util.Optional;

/**
 * Opens another thread's impersonation token by thread id, which the public API does not offer:
 * {@code OpenThread(THREAD_QUERY_INFORMATION)}, which NtOpenThreadToken requires, then {@code OpenThreadToken(OpenAsSelf)}
 * through the system's backend, the token handle adopted by the system.
 */
final class ThreadTokens {

    private ThreadTokens() {
    }

    /** The impersonation token of thread {@code threadId}; empty when the thread has none (ERROR_NO_TOKEN, R27). */
    static Optional<AccessToken> open(TokenSystem system, TokenBackend spi, int threadId) {
        Result<Handle> thread = spi.openThread(ThreadAccess.THREAD_QUERY_INFORMATION.mask(), threadId);
        if (!thread.succeeded()) {
            if (thread.win32Error() == Win32Error.ERROR_INVALID_PARAMETER.code()) {
                throw new CommandFailure("no thread with id " + Integer.toUnsignedString(threadId)
                        + " (OpenThread: ERROR_INVALID_PARAMETER)");
            }
            throw new WinTokenException("OpenThread", thread.win32Error(), thread.ntStatusOrNull(), spi.kind());
        }
        try {
            Result<Handle> token = spi.openThreadToken(thread.value(), TokenAccess.QUERY.mask(), true);
            if (!token.succeeded()) {
                if (token.win32Error() == Win32Error.ERROR_NO_TOKEN.code()) {
                    return Optional.empty();
                }
                throw new WinTokenException("OpenThreadToken", token.win32Error(), token.ntStatusOrNull(), spi.kind());
            }
            return Optional.of(system.adopt(token.value().value(), "thread " + threadId + " token"));
        } finally {
            Result<Void> closed = spi.closeHandle(thread.value());
            if (!closed.succeeded()) {
                throw new WinTokenException("CloseHandle", closed.win32Error(), closed.ntStatusOrNull(), spi.kind());
            }
        }
    }
}
