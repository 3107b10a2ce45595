package io.github.tokenbridge.jna;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.util.Objects;

/**
 * The jna backend's token information functions: {@code GetTokenInformation} and
 * {@code NtQueryInformationToken} through the one sizing routine ({@link TokenInformationQuery},
 * R59), and {@code SetTokenInformation} (R58).
 */
final class TokenInformationOperations extends NativeOperations {

    TokenInformationOperations(NativeCalls calls) {
        super(calls);
    }

    Result<TokenInformation> getTokenInformation(Handle token, TokenInformationClass infoClass, int bufferLength) {
        HANDLE h = handle(token);
        return TokenInformationQuery.query(TokenInformationQuery.Convention.WIN32, infoClass, bufferLength,
                (buffer, length, returnLength) ->
                        calls.advapi32().GetTokenInformation(h, infoClass.code(), buffer, length, returnLength) ? 0 : lastError());
    }

    Result<TokenInformation> ntQueryInformationToken(Handle token, TokenInformationClass infoClass, int bufferLength) {
        HANDLE h = handle(token);
        return TokenInformationQuery.query(TokenInformationQuery.Convention.NT, infoClass, bufferLength,
                (buffer, length, returnLength) ->
                        calls.ntdll().NtQueryInformationToken(h, infoClass.code(), buffer, length, returnLength));
    }

    Result<Void> setTokenInformation(Handle token, TokenInformationClass infoClass, Object value) {
        Objects.requireNonNull(infoClass, "infoClass");
        try (Memory info = TokenInformationCodec.encode(infoClass, value)) {
            return win32(calls.advapi32().SetTokenInformation(handle(token), infoClass.code(), info, (int) info.size()), null);
        }
    }
}
