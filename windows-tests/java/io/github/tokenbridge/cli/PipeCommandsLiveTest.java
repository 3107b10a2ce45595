package io.github.tokenbridge.cli;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.conformance.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pipe-server} and {@code pipe-client} on the jna backend, as a user runs them in two consoles
 * (here two threads of one process: the same user, so no downgrade; P21, R38).
 */
@EnabledOnOs(OS.WINDOWS)
class PipeCommandsLiveTest {

    /** A writer that keeps what it is given and completes {@code waiting} when the server says it waits for a client. */
    private static final class ServerOutput extends Writer {
        final StringBuilder text = new StringBuilder();
        final CompletableFuture<Void> waiting = new CompletableFuture<>();

        @Override
        public synchronized void write(char[] buffer, int offset, int length) {
            text.append(buffer, offset, length);
            if (text.indexOf("waiting up to ") >= 0) {
                waiting.complete(null);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test // P10 P13 P21 P25 P26
    @SuppressWarnings("unchecked")
    void serverAndClient_sameUserAtImpersonation_serverPrintsTheUserAndTheClientTheReply() throws Exception {
        String name = "tokenbridge-live-" + UUID.randomUUID();
        ServerOutput serverOut = new ServerOutput();
        StringWriter serverErr = new StringWriter();
        CompletableFuture<Integer> server = CompletableFuture.supplyAsync(() -> Main.run(new PrintWriter(serverOut, true),
                new PrintWriter(serverErr, true), "pipe-server", "--backend", "jna", name, "--timeout", "60"));
        serverOut.waiting.get(60, TimeUnit.SECONDS);
        CliRun client = CliRun.of("pipe-client", "--backend", "jna", name, "--level", "impersonation", "--json");
        assertEquals(0, server.get(60, TimeUnit.SECONDS), serverOut.text + "\n" + serverErr);
        assertEquals(0, client.exit(), client.toString());
        String user;
        try (TokenSystem tokens = Tokens.windows();
             AccessToken process = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY))) {
            user = process.user().toString();
        }
        String out = serverOut.text.toString();
        assertTrue(out.contains("request: \"whoami\""), out);
        assertTrue(out.contains("(" + user + ")"), out);
        assertTrue(out.contains("  level      IMPERSONATION"), out);
        assertTrue(out.contains("reverted: yes"), out);
        Map<String, Object> json = Json.parseObject(client.out().strip());
        assertEquals("jna", json.get("backend"));
        assertEquals(0x00120000L, ((Number) ((Map<String, Object>) ((Map<String, Object>) json.get("sqos")).get("flags"))
                .get("value")).longValue());
        assertTrue(String.valueOf(json.get("reply")).endsWith(" at IMPERSONATION"), client.out());
    }
}
