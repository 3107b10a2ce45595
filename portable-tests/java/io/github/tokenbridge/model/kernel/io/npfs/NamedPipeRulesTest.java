package io.github.tokenbridge.model.kernel.io.npfs;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Overlapped;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.LogonOrigin;
import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.ModelThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The named-pipe rules P1-P26 (docs/rules.md part P) on the model, through the SPI. */
class NamedPipeRulesTest {

    private static final int DUPLEX = 0x3;
    private static final int FIRST_INSTANCE = 0x00080000;
    private static final int OVERLAPPED = 0x40000000;
    private static final int MESSAGE = 0x4 | 0x2;
    private static final int RW = 0x80000000 | 0x40000000;
    private static final int OPEN_EXISTING = 3;
    private static final int SQOS = 0x00100000;
    private static final int IDENTIFICATION = 0x00010000;
    private static final int IMPERSONATION = 0x00020000;
    private static final String NAME = "\\\\.\\pipe\\tokenbridge-test";

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());

    @AfterEach
    void serverThreadDoesNotImpersonate() {
        backend.revertToSelf();
        assertEquals(0, backend.world().impersonatingThreadCount());
    }

    private Handle server() {
        return ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 255, 4096, 4096, 5000, null));
    }

    private static <T> T ok(Result<T> r) {
        assertTrue(r.succeeded(), r.toString());
        return r.value();
    }

    private <T> T as(ModelThread thread, Callable<T> work) throws Exception {
        return backend.world().runAs(thread, work);
    }

    private ModelThread otherUserThread() {
        Handle token = ok(backend.world().logon(LogonPrincipal.OTHER, LogonType.INTERACTIVE, LogonOrigin.SYSTEM)); // not made in the server's session (R38 d)
        Handle process = ok(backend.world().createProcess(token));
        return ok(backend.world().createThread(process));
    }

    private ImpersonationLevel threadLevel() {
        Handle token = ok(backend.openThreadToken(Handle.CURRENT_THREAD, 0x8, true));
        try {
            return (ImpersonationLevel) ok(backend.getTokenInformation(token, TokenInformationClass.TokenImpersonationLevel, -1)).value();
        } finally {
            backend.closeHandle(token);
        }
    }

    /** The user of the thread's effective token, read through GetCurrentThreadEffectiveToken() (-6, no access check). */
    private Sid threadUser() {
        return ((TokenGroup) ok(backend.getTokenInformation(new Handle(-6), TokenInformationClass.TokenUser, -1)).value()).sid();
    }

    private ImpersonationLevel effectiveLevel() {
        return (ImpersonationLevel) ok(backend.getTokenInformation(new Handle(-6), TokenInformationClass.TokenImpersonationLevel,
                -1)).value();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createNamedPipe_nameOutsideThePipeNamespace_isInvalidName_P1() {
        assertEquals(123, backend.createNamedPipe("\\\\.\\notapipe\\x", DUPLEX, MESSAGE, 1, 0, 0, 0, null).win32Error());
        assertEquals(87, backend.createNamedPipe(NAME, DUPLEX, 0x2, 1, 0, 0, 0, null).win32Error()); // byte type, message read
    }

    @Test
    void createFile_missingPipe_isFileNotFound_andEveryInstanceConnected_isPipeBusy_P11() {
        assertEquals(2, backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0).win32Error());
        Handle server = server();
        Handle client = ok(backend.createFile(NAME.toUpperCase(), RW, 0, null, OPEN_EXISTING, 0)); // names ignore case (P1)
        assertEquals(231, backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0).win32Error());
        ok(backend.closeHandle(client));
        ok(backend.closeHandle(server));
    }

    @Test
    void createNamedPipe_firstInstanceWhileOneExists_isAccessDenied_thenFreeAfterClose_P4() {
        Handle first = ok(backend.createNamedPipe(NAME, DUPLEX | FIRST_INSTANCE, MESSAGE, 2, 0, 0, 0, null));
        assertEquals(5, backend.createNamedPipe(NAME, DUPLEX | FIRST_INSTANCE, MESSAGE, 2, 0, 0, 0, null).win32Error());
        Handle second = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 2, 0, 0, 0, null));
        assertEquals(231, backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 2, 0, 0, 0, null).win32Error()); // P5
        ok(backend.closeHandle(first));
        ok(backend.closeHandle(second));
        ok(backend.closeHandle(ok(backend.createNamedPipe(NAME, DUPLEX | FIRST_INSTANCE, MESSAGE, 2, 0, 0, 0, null))));
    }

    @Test
    void impersonate_noSqosClient_cannotImpersonateUntilARead_thenImpersonation_P14_P20_P21() {
        Handle server = server();
        Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        assertEquals(535, backend.connectNamedPipe(server, null).win32Error()); // P10
        assertEquals(1368, backend.impersonateNamedPipeClient(server).win32Error());
        assertEquals(5, ok(backend.writeFile(client, text("hello"), null)));
        assertArrayEquals(text("hello"), ok(backend.readFile(server, 4096, null)));
        ok(backend.impersonateNamedPipeClient(server));
        assertEquals(ImpersonationLevel.IMPERSONATION, threadLevel());
        ok(backend.revertToSelf());
        ok(backend.closeHandle(client));
        ok(backend.closeHandle(server));
    }

    @Test
    void impersonate_staticIdentificationClient_worksBeforeAnyRead_atIdentification_P20_P23() {
        Handle server = server();
        Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, SQOS | IDENTIFICATION));
        ok(backend.impersonateNamedPipeClient(server));
        assertEquals(ImpersonationLevel.IDENTIFICATION, threadLevel());
        ok(backend.revertToSelf());
        ok(backend.closeHandle(client));
        ok(backend.closeHandle(server));
    }

    @Test
    void impersonate_anonymousClient_succeedsAndOpenThreadTokenIsCantOpenAnonymous_P15_P23() {
        Handle server = server();
        Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, SQOS)); // level bits 0: Anonymous
        ok(backend.impersonateNamedPipeClient(server));
        assertEquals(1347, backend.openThreadToken(Handle.CURRENT_THREAD, 0x8, true).win32Error());
        ok(backend.revertToSelf());
        ok(backend.closeHandle(client));
        ok(backend.closeHandle(server));
    }

    @Test
    void impersonate_otherUsersClient_serverWithoutSeImpersonate_isCutToIdentification_P24_R38() throws Exception {
        Handle server = ok(backend.createNamedPipe(NAME, DUPLEX, MESSAGE, 255, 0, 0, 0,
                io.github.tokenbridge.Sddl.parse("D:(A;;GA;;;WD)")));
        ModelThread other = otherUserThread();
        Sid otherUser = as(other, () -> {
            Handle token = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, 0x8));
            return ((TokenGroup) ok(backend.getTokenInformation(token, TokenInformationClass.TokenUser, -1)).value()).sid();
        });
        Handle client = as(other, () -> {
            Handle c = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, SQOS | IMPERSONATION));
            ok(backend.writeFile(c, text("x"), null));
            return c;
        });
        ok(backend.readFile(server, 16, null));
        ok(backend.impersonateNamedPipeClient(server));
        assertEquals(otherUser, threadUser());
        assertEquals(ImpersonationLevel.IDENTIFICATION, effectiveLevel());
        ok(backend.revertToSelf());
        as(other, () -> backend.closeHandle(client));
        ok(backend.closeHandle(server));
    }

    @Test
    void createFile_otherUserAskingWriteUnderTheDefaultDacl_isAccessDenied_P6_P7() throws Exception {
        Handle server = server();
        ModelThread other = otherUserThread();
        assertEquals(5, as(other, () -> backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0)).win32Error());
        Result<Handle> reader = as(other, () -> backend.createFile(NAME, 0x80000000, 0, null, OPEN_EXISTING, 0));
        assertTrue(reader.succeeded(), reader.toString());
        as(other, () -> backend.closeHandle(reader.value()));
        ok(backend.closeHandle(server));
    }

    @Test
    void readFile_messageLongerThanTheBuffer_isMoreDataWithThePart_thenTheRest() {
        Handle server = server();
        Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        ok(backend.writeFile(client, text("abcdef"), null));
        Result<byte[]> part = backend.readFile(server, 4, null);
        assertEquals(234, part.win32Error());
        assertArrayEquals(text("abcd"), part.value());
        assertArrayEquals(text("ef"), ok(backend.readFile(server, 4, null)));
        ok(backend.closeHandle(client));
        ok(backend.closeHandle(server));
    }

    @Test
    void clientClosed_serverReadsDrainThenBrokenPipe_writesNoData_contextKept_P12_P21() {
        Handle server = server();
        Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        ok(backend.writeFile(client, text("last"), null));
        ok(backend.closeHandle(client));
        assertArrayEquals(text("last"), ok(backend.readFile(server, 16, null)));
        assertEquals(109, backend.readFile(server, 16, null).win32Error());
        assertEquals(232, backend.writeFile(server, text("x"), null).win32Error());
        ok(backend.impersonateNamedPipeClient(server));
        ok(backend.revertToSelf());
        assertEquals(232, backend.connectNamedPipe(server, null).win32Error()); // P10: ERROR_NO_DATA
        ok(backend.closeHandle(server));
    }

    @Test
    void disconnect_cutsTheClientOff_pidNotFound_secondDisconnectNotConnected_thenBusyUntilListen_P11_P12_P26() {
        Handle server = ok(backend.createNamedPipe(NAME, DUPLEX | OVERLAPPED, MESSAGE, 1, 0, 0, 0, null));
        Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
        assertEquals(backend.getCurrentProcessId(), ok(backend.getNamedPipeClientProcessId(server)));
        ok(backend.disconnectNamedPipe(server));
        assertEquals(233, backend.readFile(client, 16, null).win32Error());
        assertEquals(1168, backend.getNamedPipeClientProcessId(server).win32Error());
        assertEquals(233, backend.disconnectNamedPipe(server).win32Error());
        assertEquals(1368, backend.impersonateNamedPipeClient(server).win32Error());
        assertEquals(231, backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0).win32Error());
        Handle event = ok(backend.createEvent(true, false));
        try (Overlapped ov = new Overlapped(event)) {
            assertEquals(997, backend.connectNamedPipe(server, ov).win32Error());
            assertEquals(258, ok(backend.waitForSingleObject(event, 0)));
            Handle second = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0));
            assertEquals(0, ok(backend.waitForSingleObject(event, 0)));
            ok(backend.getOverlappedResult(server, ov, true));
            ok(backend.closeHandle(second));
        }
        ok(backend.closeHandle(client));
        ok(backend.closeHandle(event));
        ok(backend.closeHandle(server));
    }

    @Test
    void cancelIoEx_pendingConnect_completesWithOperationAborted() {
        Handle server = ok(backend.createNamedPipe(NAME, DUPLEX | OVERLAPPED, MESSAGE, 1, 0, 0, 0, null));
        Handle event = ok(backend.createEvent(true, false));
        try (Overlapped ov = new Overlapped(event)) {
            assertEquals(997, backend.connectNamedPipe(server, ov).win32Error());
            assertEquals(996, backend.getOverlappedResult(server, ov, false).win32Error());
            ok(backend.cancelIoEx(server, ov));
            assertEquals(995, backend.getOverlappedResult(server, ov, true).win32Error());
            assertEquals(1168, backend.cancelIoEx(server, ov).win32Error());
        }
        ok(backend.closeHandle(event));
        ok(backend.closeHandle(server));
        assertFalse(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0).succeeded());
    }
    @Test
    void zeroLengthRead_ofADynamicClientsMessage_makesItsContextCurrentOnce_andDisconnectDropsItOnce_P18() {
        // found by the SPI fuzzer: the context was deleted twice (once with the queue, once as the current one)
        Handle server = server();
        Handle client = ok(backend.createFile(NAME, RW, 0, null, OPEN_EXISTING, 0)); // no SQOS: dynamic (P14)
        ok(backend.writeFile(client, "abc".getBytes(StandardCharsets.UTF_8), null));
        Result<byte[]> empty = backend.readFile(server, 0, null);
        assertEquals(234, empty.win32Error()); // ERROR_MORE_DATA with nothing read
        assertEquals(0, empty.value().length);
        ok(backend.impersonateNamedPipeClient(server)); // the message's context is current
        ok(backend.revertToSelf());
        ok(backend.disconnectNamedPipe(server));
        assertEquals(1368, backend.impersonateNamedPipeClient(server).win32Error());
        ok(backend.closeHandle(client));
        ok(backend.closeHandle(server));
    }
}
