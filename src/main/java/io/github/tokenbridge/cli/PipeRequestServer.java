package io.github.tokenbridge.cli;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.Account;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.ImpersonationScope;
import io.github.tokenbridge.IntegrityLevel;
import io.github.tokenbridge.NamedPipeServer;
import io.github.tokenbridge.OpenAs;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server half of {@code pipe-server}, the same on both backends: accept one client (with a
 * time-out), read its request, impersonate it and read who the thread became (user, level,
 * integrity) through a token opened as self (R29), or through GetCurrentThreadToken's pseudo handle
 * (R19) when the client's token does not let the server open it (R24), revert, look the user's name up as the server,
 * reply, wait until the client closes its end, and disconnect.
 */
final class PipeRequestServer {

    /**
     * What one request showed.
     *
     * @param clientProcessId GetNamedPipeClientProcessId (P26)
     * @param request         the client's message
     * @param level           the level the server thread got
     * @param user            the impersonated user, or null when the token could not be opened
     * @param integrityLabel  its integrity label, or null likewise
     * @param account         the user's account name, or null when it has none here (or no user)
     * @param unreadable      why the token could not be opened (Anonymous level: ERROR_CANT_OPEN_ANONYMOUS, R28), or null
     * @param pseudoHandle    whether the token was read through GetCurrentThreadToken's pseudo handle (R19) because
     *                        its DACL refused the server's own identity (R24)
     * @param reverted        whether the thread was back to the server's identity after the scope closed
     * @param reply           the reply the server wrote
     */
    record ServedRequest(int clientProcessId, String request, ImpersonationLevel level, Sid user, Sid integrityLabel,
                         Account account, WinTokenException unreadable, boolean pseudoHandle, boolean reverted, String reply) {

        /** The user as text: {@code DOMAIN\name (SID)}, or the SID alone. */
        String userText() {
            return account != null ? account.qualifiedName() + " (" + user + ")" : String.valueOf(user);
        }

        /** The {@code impersonation} member of the JSON output. */
        Map<String, Object> impersonationJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", level.name());
            m.put("tokenReadable", unreadable == null);
            m.put("readThrough", unreadable != null ? null : pseudoHandle ? "pseudo-handle" : "open-as-self");
            Map<String, Object> u = null;
            if (user != null) {
                u = TokenReport.sidJson(user);
                u.put("account", WhoamiWording.accountJson(account));
            }
            m.put("user", u);
            m.put("integrity", integrityLabel == null ? null
                    : TokenReport.integrityJson(IntegrityLevel.fromSid(integrityLabel), integrityLabel));
            m.put("error", unreadable == null ? null : CliJson.error(unreadable.win32Error()));
            return m;
        }
    }

    private PipeRequestServer() {
    }

    /**
     * Serves one request on {@code server}.
     *
     * @throws CommandFailure when no client came within {@code timeout}, or the client sent nothing
     */
    static ServedRequest serveOne(TokenSystem system, TokenBackend spi, NamedPipeServer server, Duration timeout) throws InterruptedException {
        if (!server.accept(timeout)) {
            throw new CommandFailure("no client connected to " + server.name() + " within " + seconds(timeout) + " s");
        }
        int clientProcessId = server.clientProcessId();
        byte[] request = server.read();
        if (request == null) {
            throw new CommandFailure("the client closed " + server.name() + " without sending a request");
        }
        ImpersonationLevel level;
        Sid user = null;
        Sid label = null;
        WinTokenException unreadable = null;
        boolean throughPseudoHandle = false;
        try (ImpersonationScope asClient = server.impersonateClient()) {
            level = asClient.obtainedLevel();
            try {
                Optional<AccessToken> token = system.openThreadToken(EnumSet.of(TokenAccess.QUERY), OpenAs.SELF);
                try (AccessToken t = token.orElseThrow(() -> new IllegalStateException(
                        "ImpersonateNamedPipeClient succeeded but the thread has no token"))) {
                    user = t.user();
                    label = t.integrityLabel();
                }
            } catch (WinTokenException e) {
                if (level == ImpersonationLevel.ANONYMOUS) {
                    unreadable = e; // R28: an Anonymous-level token cannot be opened
                } else if ("ERROR_ACCESS_DENIED".equals(e.win32ErrorName())) {
                    // R24: the client's token's DACL does not let the server's own identity open it; R19: query it
                    // through GetCurrentThreadToken's pseudo handle, which needs no open
                    user = query(system, spi, TokenInformationClass.TokenUser);
                    label = query(system, spi, TokenInformationClass.TokenIntegrityLevel);
                    throughPseudoHandle = true;
                } else {
                    throw e;
                }
            }
        }
        boolean reverted = !system.isImpersonating();
        Account account = user == null ? null : system.findAccount(user).orElse(null); // as the server, reverted
        String reply = unreadable != null ? "served an anonymous client (ANONYMOUS level)"
                : "served as " + (account != null ? account.qualifiedName() : user.toString()) + " at " + level;
        server.write(reply.getBytes(StandardCharsets.UTF_8));
        while (server.read() != null) {
            // further messages are not served: wait for the client to close its end (ERROR_BROKEN_PIPE)
        }
        server.disconnect();
        return new ServedRequest(clientProcessId, new String(request, StandardCharsets.UTF_8), level, user, label, account,
                unreadable, throughPseudoHandle, reverted, reply);
    }

    private static Sid query(TokenSystem system, TokenBackend spi, TokenInformationClass type) {
        Result<TokenInformation> r = spi.getTokenInformation(Handle.CURRENT_THREAD_TOKEN, type, -1);
        if (!r.succeeded()) {
            throw new WinTokenException("GetTokenInformation", r.win32Error(), r.ntStatusOrNull(), system.backend());
        }
        return r.value().as(TokenGroup.class).sid();
    }

    /** A time-out in seconds as the user gave it ({@code 60}, {@code 0.5}). */
    static String seconds(Duration timeout) {
        return java.math.BigDecimal.valueOf(timeout.toNanos(), 9).stripTrailingZeros().toPlainString();
    }
}
