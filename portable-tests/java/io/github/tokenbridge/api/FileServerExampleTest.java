package io.github.tokenbridge.api;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.SecurityPart;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.model.LogonOrigin;
import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's example: a server that checks its client against a file's security before serving
 * it, on a model world that declares the files (docs/rules.md O9, R16, R63).
 */
class FileServerExampleTest {

    /** Serves {@code path} to {@code client} only when the client may read it. */
    static String serve(TokenSystem tokens, AccessToken client, String path) {
        AccessCheckResult read = tokens.objects().checkFileAccess(client, path, GenericMapping.GENERIC_READ);
        if (!read.accessStatus()) {
            throw new SecurityException(client.user() + " may not read " + path);
        }
        return "contents of " + path;
    }

    /** The server runs as LocalSystem, so it can read every file's descriptor (READ_CONTROL). */
    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.localSystem().toBuilder()
            .directory("C:\\srv", "O:SYG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FR;;;AU)")
            .file("C:\\srv\\public.txt", null)
            .file("C:\\srv\\secret.txt", "O:SYG:SYD:P(A;;FA;;;SY)")
            .build());

    @Test
    void serve_clientAgainstFileSecurity_readableServedOthersRefused_O9_R63() {
        try (TokenSystem tokens = Tokens.over(backend)) {
            long handle = backend.world().logon(LogonPrincipal.OTHER, LogonType.NETWORK, LogonOrigin.SELF).value().value();
            try (AccessToken client = tokens.adopt(handle, "client")) {
                assertEquals("contents of C:\\srv\\public.txt", serve(tokens, client, "C:\\srv\\public.txt"));
                assertThrows(SecurityException.class, () -> serve(tokens, client, "C:\\srv\\secret.txt"));
            }
        }
    }

    @Test
    void checkFileAccess_effectiveToken_isTheImpersonatedClientOrTheProcess_R16() throws Exception {
        try (TokenSystem tokens = Tokens.over(backend)) {
            assertTrue(tokens.objects().checkFileAccess("C:\\srv\\secret.txt", GenericMapping.GENERIC_READ).accessStatus());
            long handle = backend.world().logon(LogonPrincipal.OTHER, LogonType.NETWORK, LogonOrigin.SELF).value().value();
            try (AccessToken client = tokens.adopt(handle, "client")) {
                AccessCheckResult asClient = tokens.runImpersonated(client,
                        () -> tokens.objects().checkFileAccess("C:\\srv\\public.txt", GenericMapping.GENERIC_READ | 0x00010000));
                assertFalse(asClient.accessStatus());
            }
            SecurityDescriptor dacl = tokens.objects().fileSecurity("C:\\srv\\public.txt", EnumSet.of(SecurityPart.DACL));
            assertEquals(Sid.AUTHENTICATED_USERS, dacl.dacl().aces().get(1).sid());
            assertTrue(tokens.objects().checkKeyAccess("HKEY_LOCAL_MACHINE\\SOFTWARE", 0x20019).accessStatus());
        }
    }

    @Test
    void fileSecurity_missingFile_winTokenExceptionNamesFunctionAndError() {
        try (TokenSystem tokens = Tokens.over(backend)) {
            WinTokenException e = assertThrows(WinTokenException.class,
                    () -> tokens.objects().fileSecurity("C:\\srv\\none.txt", EnumSet.of(SecurityPart.DACL)));
            assertEquals(Win32Error.ERROR_FILE_NOT_FOUND.code(), e.win32Error());
            assertTrue(e.getMessage().contains("GetNamedSecurityInfoW"), e::getMessage);
            assertThrows(IllegalArgumentException.class, () -> tokens.objects().keySecurity("SOFTWARE\\x", EnumSet.of(SecurityPart.DACL)));
            // a java.nio.file.Path names a file of this host: only the jna backend takes one
            assertThrows(IllegalArgumentException.class, () -> tokens.objects().fileSecurity(java.nio.file.Path.of("x"),
                    EnumSet.of(SecurityPart.DACL)));
            assertThrows(IllegalArgumentException.class, () -> tokens.objects().fileSecurity("C:\\srv", EnumSet.noneOf(SecurityPart.class)));
        }
    }
}
