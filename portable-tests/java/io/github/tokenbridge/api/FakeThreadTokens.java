package io.github.tokenbridge.api;

import io.github.tokenbridge.BackendKind;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

/**
 * A Mockito-mocked {@link TokenBackend} whose answers keep a tiny per-Java-thread impersonation
 * state, just enough to exercise the API's policy: thread tokens, handles, the Win32 errors of
 * R27/R28, and switches that make the next assignment downgrade (R38) or a revert fail.
 */
final class FakeThreadTokens {

    /** A fake token object. */
    record FakeToken(Luid id, TokenType type, ImpersonationLevel level) {
    }

    final TokenBackend backend = mock(TokenBackend.class);
    final Map<Thread, FakeToken> threadTokens = new ConcurrentHashMap<>();
    final Map<Long, FakeToken> handles = new ConcurrentHashMap<>();
    private final AtomicLong nextHandle = new AtomicLong(0x100);
    private final AtomicLong nextTokenId = new AtomicLong(0x1000);
    final FakeToken processToken = token(TokenType.PRIMARY, ImpersonationLevel.ANONYMOUS);
    volatile boolean downgradeNextAssignment;
    volatile boolean failReverts;
    volatile boolean failSetThreadToken;

    FakeThreadTokens() {
        lenient().when(backend.kind()).thenReturn(BackendKind.MODEL);
        lenient().when(backend.closeHandle(any())).thenAnswer(a -> {
            Handle h = a.getArgument(0);
            return handles.remove(h.value()) != null ? Result.ok(null) : Result.win32Failure(6);
        });
        lenient().when(backend.openProcessToken(eq(Handle.CURRENT_PROCESS), anyInt()))
                .thenAnswer(a -> Result.ok(handleTo(processToken)));
        lenient().when(backend.openThreadToken(eq(Handle.CURRENT_THREAD), anyInt(), anyBoolean())).thenAnswer(a -> {
            FakeToken current = threadTokens.get(Thread.currentThread());
            if (current == null) {
                return Result.ofStatus(0xC000007C, null); // STATUS_NO_TOKEN, R27
            }
            if (current.level() == ImpersonationLevel.ANONYMOUS) {
                return Result.ofStatus(0xC00000A6, null); // STATUS_CANT_OPEN_ANONYMOUS, R28
            }
            return Result.ok(handleTo(current));
        });
        lenient().when(backend.getTokenInformation(any(), any(), anyInt())).thenAnswer(a -> {
            FakeToken t = handles.get(((Handle) a.getArgument(0)).value());
            TokenInformationClass c = a.getArgument(1);
            if (t == null) {
                return Result.win32Failure(Win32Error.ERROR_INVALID_HANDLE.code());
            }
            return switch (c) {
                case TokenType -> Result.ok(new TokenInformation(c, 4, t.type()));
                case TokenImpersonationLevel -> t.type() == TokenType.PRIMARY
                        ? Result.win32Failure(Win32Error.ERROR_INVALID_PARAMETER.code())
                        : Result.ok(new TokenInformation(c, 4, t.level()));
                case TokenStatistics -> Result.ok(new TokenInformation(c, 56, new TokenStatistics(t.id(),
                        new Luid(0x999), Long.MAX_VALUE, t.type(), t.level(), 0, 0, 0, 0, t.id())));
                default -> throw new UnsupportedOperationException("fake backend does not answer " + c);
            };
        });
        lenient().when(backend.impersonateSelf(any())).thenAnswer(a ->
                assign(token(TokenType.IMPERSONATION, a.getArgument(0))));
        lenient().when(backend.impersonateLoggedOnUser(any())).thenAnswer(a -> {
            FakeToken t = handles.get(((Handle) a.getArgument(0)).value());
            if (t == null) {
                return Result.win32Failure(Win32Error.ERROR_INVALID_HANDLE.code());
            }
            return assign(t.type() == TokenType.PRIMARY ? token(TokenType.IMPERSONATION, ImpersonationLevel.IMPERSONATION) : t);
        });
        lenient().when(backend.setThreadToken(isNull(), any())).thenAnswer(a -> {
            Handle h = a.getArgument(1);
            if (failSetThreadToken) {
                return Result.win32Failure(Win32Error.ERROR_ACCESS_DENIED.code());
            }
            if (h.isNull()) {
                threadTokens.remove(Thread.currentThread());
                return Result.ok(null);
            }
            FakeToken t = handles.get(h.value());
            return t == null ? Result.win32Failure(Win32Error.ERROR_INVALID_HANDLE.code()) : assign(t);
        });
        lenient().when(backend.revertToSelf()).thenAnswer(a -> {
            if (failReverts) {
                return Result.win32Failure(Win32Error.ERROR_ACCESS_DENIED.code());
            }
            threadTokens.remove(Thread.currentThread());
            return Result.ok(null);
        });
    }

    FakeToken token(TokenType type, ImpersonationLevel level) {
        return new FakeToken(new Luid(nextTokenId.getAndIncrement()), type, level);
    }

    Handle handleTo(FakeToken token) {
        Handle h = new Handle(nextHandle.getAndAdd(4));
        handles.put(h.value(), token);
        return h;
    }

    private Result<Void> assign(FakeToken token) {
        FakeToken assigned = token;
        if (downgradeNextAssignment && token.level().compareTo(ImpersonationLevel.IDENTIFICATION) > 0) {
            downgradeNextAssignment = false;
            assigned = token(TokenType.IMPERSONATION, ImpersonationLevel.IDENTIFICATION); // R38: silent copy
        }
        threadTokens.put(Thread.currentThread(), assigned);
        return Result.ok(null);
    }

    /** The calling thread's fake token, or null. */
    FakeToken current() {
        return threadTokens.get(Thread.currentThread());
    }
}
