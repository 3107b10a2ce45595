package io.github.tokenbridge.model.kernel.io;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The I/O manager skeleton: CreateFileW's name translation and errors, dispatch of {@code \??\}
 * names to a registered driver, the open-time access check through the object manager's one
 * check, and cleanup when the last handle closes.
 */
class IoManagerTest {

    private static final int FILE_READ_DATA = 0x1;
    private static final int FILE_WRITE_DATA = 0x2;
    private static final int OPEN_EXISTING = 3;

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
    private final KernelServices kernel = ModelInternals.kernelServices(backend.world());

    /** A driver with one node whose descriptor lets Everyone read only. */
    static final class ReadOnlyDriver implements FileSystemDriver {
        final List<FileObject> cleanedUp = new ArrayList<>();
        final List<String> opened = new ArrayList<>();
        volatile SecurityDescriptor descriptor = SecurityDescriptor.of(Sid.LOCAL_SYSTEM, Sid.LOCAL_SYSTEM,
                Acl.of(Ace.allow(0x00120089, Sid.EVERYONE)));
        final FileNode node = new FileNode() {
            @Override
            public SecurityDescriptor securityDescriptor() {
                return descriptor;
            }

            @Override
            public void setSecurityDescriptor(SecurityDescriptor d) {
                descriptor = d;
            }
        };

        @Override
        public String deviceName() {
            return "\\Device\\TestFs";
        }

        @Override
        public Result<FileOpen> create(IoOpenRequest request, IoManager io) {
            opened.add(request.remainingName());
            Result<Integer> granted = io.checkOpenAccess(request.caller(), node.securityDescriptor(), request.desiredAccess());
            return granted.succeeded() ? granted.withValue(new FileOpen(node, null, granted.value())) : granted.withValue(null);
        }

        @Override
        public void cleanup(FileObject file) {
            cleanedUp.add(file);
        }
    }

    private ReadOnlyDriver registerTestFs() {
        ReadOnlyDriver driver = new ReadOnlyDriver();
        kernel.io().registerDriver(driver);
        kernel.io().registerDosDevice("TESTFS", driver.deviceName());
        return driver;
    }

    @Test
    void createFile_emptyName_isPathNotFound() {
        assertEquals(3, backend.createFile("", FILE_READ_DATA, 0, null, OPEN_EXISTING, 0).win32Error());
    }

    @Test
    void createFile_unknownDosDevice_isFileNotFoundAndPathNotFoundBelowIt() {
        assertEquals(2, backend.createFile("\\\\.\\NoSuchDevice", FILE_READ_DATA, 0, null, OPEN_EXISTING, 0).win32Error());
        assertEquals(3, backend.createFile("\\\\.\\NoSuchDevice\\x", FILE_READ_DATA, 0, null, OPEN_EXISTING, 0).win32Error());
    }

    @Test
    void createFile_invalidDisposition_isInvalidParameter() {
        assertEquals(87, backend.createFile("\\\\.\\pipe\\x", FILE_READ_DATA, 0, null, 0, 0).win32Error());
    }

    @Test
    void createFile_dosDeviceLink_reachesTheDriverCaseInsensitivelyWithTheRemainingName() {
        ReadOnlyDriver driver = registerTestFs();
        Result<Handle> h = backend.createFile("\\\\.\\testfs\\Dir\\File", FILE_READ_DATA, 0, null, OPEN_EXISTING, 0);
        assertTrue(h.succeeded(), h.toString());
        assertEquals(List.of("\\Dir\\File"), driver.opened);
        // CreateFileW adds SYNCHRONIZE | FILE_READ_ATTRIBUTES (P2)
        assertEquals(0x00100081, backend.queryGrantedAccess(h.value()).value());
        assertTrue(backend.closeHandle(h.value()).succeeded());
    }

    @Test
    void createFile_accessTheDaclDenies_isAccessDeniedFromTheOneCheck() {
        registerTestFs();
        Result<Handle> h = backend.createFile("\\\\.\\TESTFS\\f", FILE_WRITE_DATA, 0, null, OPEN_EXISTING, 0);
        assertFalse(h.succeeded());
        assertEquals(5, h.win32Error());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED.code(), h.ntStatusOrNull());
    }

    @Test
    void closeHandle_lastHandleOfAFileObject_runsTheDriversCleanupOnce() {
        ReadOnlyDriver driver = registerTestFs();
        Handle h = backend.createFile("\\\\.\\TESTFS\\f", FILE_READ_DATA, 0, null, OPEN_EXISTING, 0).value();
        Handle dup = backend.duplicateHandle(h, 0, 2).value();
        assertTrue(backend.closeHandle(h).succeeded());
        assertEquals(0, driver.cleanedUp.size());
        assertTrue(backend.closeHandle(dup).succeeded());
        assertEquals(1, driver.cleanedUp.size());
    }

    @Test
    void resolve_relativeNtName_isPathSyntaxBad() {
        assertEquals(NtStatus.STATUS_OBJECT_PATH_SYNTAX_BAD.code(), kernel.io().resolve("pipe\\x").ntStatusOrNull());
    }

    @Test
    void checkOpenAccess_impersonatingBelowImpersonation_isBadImpersonationLevel() {
        ReadOnlyDriver driver = registerTestFs();
        assertTrue(backend.impersonateSelf(io.github.tokenbridge.ImpersonationLevel.IDENTIFICATION).succeeded());
        try {
            ThreadObject caller = kernel.kernel().findThread(backend.getCurrentThreadId()).orElseThrow();
            assertEquals(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL.code(),
                    kernel.io().checkOpenAccess(caller, driver.descriptor, FILE_READ_DATA).ntStatusOrNull());
        } finally {
            backend.revertToSelf();
        }
    }
}
