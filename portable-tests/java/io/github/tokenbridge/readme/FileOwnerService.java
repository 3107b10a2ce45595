package io.github.tokenbridge.readme;

import io.github.tokenbridge.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.Executors;

/**
 * A named-pipe service: a client sends a file path, the service reads the file's owner while it
 * impersonates the client, so Windows checks the client's rights (not the service's), and replies.
 * Each worker thread serves its own instance of the pipe, one client at a time.
 */
public final class FileOwnerService {

    /** Creates {@code workers} instances of {@code \\.\pipe\}{@code name}, each served by a pool thread until {@code shutdownNow()}. */
    public static GuardedExecutorService start(TokenSystem tokens, String name, int workers) {
        GuardedExecutorService pool = tokens.guard(Executors.newFixedThreadPool(workers),
                leak -> System.err.println("a task left its thread impersonating (reverted): " + leak));
        try {
            for (int i = 0; i < workers; i++) {
                NamedPipeServer server = NamedPipeServer.create(tokens, name, PipeServerOptions.defaults());
                pool.execute(() -> {                               // the instance exists: clients can connect now
                    try (server) {
                        while (true) {
                            serveConnection(tokens, server);
                        }
                    } catch (InterruptedException stop) {          // shutdownNow(): the pending accept is cancelled
                        Thread.currentThread().interrupt();
                    }
                });
            }
        } catch (RuntimeException e) {                             // an instance could not be created: stop the others
            pool.shutdownNow();
            pool.close();
            throw e;
        }
        return pool;
    }

    /** Accepts one client and answers each of its requests as the client, until it closes its end. */
    static void serveConnection(TokenSystem tokens, NamedPipeServer server) throws InterruptedException {
        if (!server.accept(Duration.ofSeconds(30))) {
            return;                                                // nobody came: wait again
        }
        try {
            byte[] request;
            while ((request = server.read()) != null) {            // null: the client closed its end
                String reply;
                try (ImpersonationScope asClient = server.impersonateClient()) {   // this thread only
                    reply = ownerAsClient(tokens, new String(request, StandardCharsets.UTF_8));
                }                                                  // reverted here, even when the work throws
                server.write(reply.getBytes(StandardCharsets.UTF_8));
            }
        } catch (WinTokenException e) {                            // the client left mid-request, ...
            System.err.println("connection ended: " + e.getMessage());
        } finally {
            server.disconnect();                                   // drops the client's security context
        }
    }

    /** The work, done while impersonating: opening the file for READ_CONTROL is checked as the client. */
    static String ownerAsClient(TokenSystem tokens, String path) {
        try {
            return "owner: " + tokens.objects().fileSecurity(path, EnumSet.of(SecurityPart.OWNER)).owner();
        } catch (WinTokenException e) {
            return "denied: " + e.win32ErrorName();                // ERROR_ACCESS_DENIED; ERROR_BAD_IMPERSONATION_LEVEL
        }                                                          // for a client at Identification level (R20)
    }

    public static void main(String[] args) throws Exception {
        try (TokenSystem tokens = Tokens.windows();
             GuardedExecutorService pool = start(tokens, "file-owner", 4)) {
            System.out.println("serving \\\\.\\pipe\\file-owner; press Enter to stop");
            System.in.read();
            pool.shutdownNow();                                    // interrupts the accepts; close() waits for them
        }
    }

    /** A client: opens the pipe granting {@code level} (static tracking), asks, reads the reply. */
    public static String ask(TokenSystem tokens, String name, ImpersonationLevel level, String path) {
        try (NamedPipeClient client = NamedPipeClient.open(tokens, name, new NamedPipeClient.Sqos(level, false, false))) {
            client.write(path.getBytes(StandardCharsets.UTF_8));
            return new String(client.read(), StandardCharsets.UTF_8);
        }
    }
}
