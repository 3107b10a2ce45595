package io.github.tokenbridge.readme;

import io.github.tokenbridge.GuardedExecutorService;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.junit.ModelObject;
import io.github.tokenbridge.junit.ModelPreset;
import io.github.tokenbridge.model.DeclaredObject;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelThread;
import io.github.tokenbridge.model.LogonOrigin;
import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's named-pipe service ({@link FileOwnerService}, the README's code, checked by
 * {@code ReadmeSnippetsTest}) on the model, through the JUnit extension, which fails the test if a
 * handle stays open or a thread stays impersonating: the service answers as its client
 * (P20-P25, R20, R38), and the pipe's default DACL keeps other users out (P6, P7).
 */
@ModelPreset("standard-user")
@ModelObject(path = "C:\\srv", sddl = "O:SYG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FR;;;AU)")
@ModelObject(path = "C:\\srv\\public.txt", kind = DeclaredObject.Kind.FILE)
@ModelObject(path = "C:\\srv\\secret.txt", sddl = "O:SYG:SYD:P(A;;FA;;;SY)", kind = DeclaredObject.Kind.FILE)
class ReadmePipeServiceTest {

    @Test // P21 P22 R20 R63
    void service_answersAsTheClient_readableOwnerSecretDeniedIdentificationCannotOpen(TokenSystem tokens) {
        // one instance per client: an instance that served a client listens again only after its worker's
        // disconnect, and a client finding no listening instance fails with ERROR_PIPE_BUSY (P11)
        GuardedExecutorService service = FileOwnerService.start(tokens, "file-owner", 3);
        try (GuardedExecutorService pool = service) {
            try {
                assertEquals("owner: S-1-5-18", FileOwnerService.ask(tokens, "file-owner", ImpersonationLevel.IMPERSONATION,
                        "C:\\srv\\public.txt"));
                assertEquals("denied: ERROR_ACCESS_DENIED", FileOwnerService.ask(tokens, "file-owner",
                        ImpersonationLevel.IMPERSONATION, "C:\\srv\\secret.txt"));
                assertEquals("denied: ERROR_BAD_IMPERSONATION_LEVEL", FileOwnerService.ask(tokens, "file-owner",
                        ImpersonationLevel.IDENTIFICATION, "C:\\srv\\public.txt"));
                assertFalse(tokens.isImpersonating());
            } finally {
                pool.shutdownNow(); // the workers' accepts are interrupted; close() waits for them
            }
        }
        assertEquals(0, service.leakCount());
        assertTrue(service.isTerminated());
    }

    @Test // P6 P7: another user's process may only read the pipe under the default DACL
    void service_otherUsersClient_refusedByTheDefaultPipeDacl(TokenSystem tokens, ModelBackend model) throws Exception {
        Handle token = model.world().logon(LogonPrincipal.OTHER, LogonType.INTERACTIVE, LogonOrigin.SYSTEM).value();
        Handle process = model.world().createProcess(token).value();
        ModelThread other = model.world().createThread(process).value();
        try (GuardedExecutorService pool = FileOwnerService.start(tokens, "file-owner", 1)) {
            try {
                WinTokenException e = model.world().runAs(other, () -> assertThrows(WinTokenException.class,
                        () -> FileOwnerService.ask(tokens, "file-owner", ImpersonationLevel.IMPERSONATION, "C:\\srv\\public.txt")));
                assertEquals("ERROR_ACCESS_DENIED", e.win32ErrorName());
                assertEquals("CreateFileW", e.function());
            } finally {
                pool.shutdownNow();
            }
        } finally {
            model.closeHandle(process);
            model.closeHandle(token);
        }
    }
}
