package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.ProcessAccess;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;

import java.util.Optional;
import java.util.Set;

/**
 * The opening operations of a {@link TokenSystem} over the SPI: {@code OpenProcessToken} of the
 * calling or another process, and {@code OpenThreadToken} with ERROR_NO_TOKEN as "no token" (R22–R28).
 */
final class TokenOpener {

    private final TokenSystem system;

    TokenOpener(TokenSystem system) {
        this.system = system;
    }

    private TokenBackend backend() {
        return system.backendSpi();
    }

    /** A raw handle value that can be owned: not NULL and not a pseudo handle. */
    static Handle ownedHandle(long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("not an owned handle (NULL or a pseudo handle): " + new Handle(value));
        }
        return new Handle(value);
    }

    AccessToken openProcessToken(int mask, Set<TokenAccess> access) {
        Handle token = system.failures().require(backend().openProcessToken(Handle.CURRENT_PROCESS, mask), "OpenProcessToken");
        return system.adopt(token, "process token", mask);
    }

    AccessToken openProcessToken(int processId, int mask, Set<TokenAccess> access) {
        Result<Handle> process = backend().openProcess(ProcessAccess.PROCESS_QUERY_LIMITED_INFORMATION.mask(), processId);
        if (Failures.failedWith(process, Win32Error.ERROR_ACCESS_DENIED)) {
            process = backend().openProcess(ProcessAccess.PROCESS_QUERY_INFORMATION.mask(), processId);
        }
        if (!process.succeeded()) {
            // OpenProcess reports an id no process has as ERROR_INVALID_PARAMETER: say which id
            throw system.failures().exception(process, "OpenProcess", Failures.failedWith(process, Win32Error.ERROR_INVALID_PARAMETER)
                    ? "no process with id " + Integer.toUnsignedString(processId) : "process " + Integer.toUnsignedString(processId));
        }
        Handle processHandle = process.value();
        AccessToken token;
        try {
            Result<Handle> opened = backend().openProcessToken(processHandle, mask);
            if (!opened.succeeded()) {
                throw system.failures().exception(opened, "OpenProcessToken", "the token of process "
                        + Integer.toUnsignedString(processId) + " for " + AccessMaskNames.tokenRights(mask));
            }
            token = system.adopt(opened.value(), "token of process " + processId, mask);
        } catch (RuntimeException | Error e) {
            system.failures().closeOwnHandle(backend(), processHandle, "process " + processId + ", opened for its token", e);
            throw e;
        }
        system.failures().closeOwnHandle(backend(), processHandle, "process " + processId + ", opened for its token", null);
        return token;
    }

    Optional<AccessToken> openThreadToken(int mask, Set<TokenAccess> access, OpenAs openAs) {
        Result<Handle> result = backend().openThreadToken(Handle.CURRENT_THREAD, mask, openAs.openAsSelf());
        if (Failures.failedWith(result, Win32Error.ERROR_NO_TOKEN)) {
            return Optional.empty();
        }
        return Optional.of(system.adopt(system.failures().require(result, "OpenThreadToken"), "thread token", mask));
    }
}
