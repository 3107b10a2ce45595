package io.github.tokenbridge.model;

import io.github.tokenbridge.model.internal.KernelRoutines;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.model.kernel.se.SubjectAccessCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.tokenbridge.model.ModelAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/** The kernel routine {@code SeAccessCheck} through {@link KernelRoutines} (R97; kmtests ntos_se/SeQueryInfoToken.c). */
class KernelAccessCheckTest {

    private static final int KEY_READ = 0x20019;
    private static final int KEY_WRITE = 0x20006;
    private static final GenericMapping KEY = new GenericMapping(KEY_READ, KEY_WRITE, KEY_READ, 0xF003F);
    private static final GenericMapping PROCESS = new GenericMapping(0x20410, 0x20BEA, 0x121000, 0x1FFFFF);
    private static final int GENERIC_READ = 0x80000000;
    private static final SecurityDescriptor EVERYONE_READS =
            Sddl.parse("O:S-1-5-21-1-2-3-4242G:S-1-5-21-1-2-3-513D:(A;;KR;;;WD)");

    private final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
    private final KernelRoutines kernel = ModelInternals.kernelRoutines(backend.world());

    @AfterEach
    void noReferenceLeaks() {
        assertEquals(0, kernel.outstandingReferences());
    }

    private SubjectAccessCheck.Outcome check(SecurityDescriptor sd, ModelThread subject, int desired, int previously,
                                             GenericMapping mapping, boolean kernelMode) {
        return ok(kernel.seAccessCheck(sd, subject, desired, previously, mapping, kernelMode));
    }

    @Test
    @DisplayName("R97: in kernel mode the answer is TRUE, MAXIMUM_ALLOWED is GenericAll and no privileges are returned, even without a descriptor")
    void seAccessCheck_kernelMode_grantsWhatIsAsked() {
        ModelThread self = backend.world().currentThread();
        SubjectAccessCheck.Outcome max = check(null, self, MAXIMUM_ALLOWED, 0, PROCESS, true);
        assertTrue(max.granted());
        assertEquals(0x1FFFFF, max.grantedAccess());
        assertEquals(NtStatus.STATUS_SUCCESS, max.accessStatus());
        assertEquals(List.of(), max.privileges());
        SubjectAccessCheck.Outcome some = check(Sddl.parse("O:BAG:BAD:"), self, KEY_READ, KEY_WRITE, KEY, true);
        assertEquals(KEY_READ | KEY_WRITE, some.grantedAccess());
    }

    @Test
    @DisplayName("R97, R63: in user mode the descriptor decides, generic rights are mapped and previously granted rights are kept")
    void seAccessCheck_userMode_descriptorDecides() {
        ModelThread self = backend.world().currentThread();
        SubjectAccessCheck.Outcome read = check(EVERYONE_READS, self, GENERIC_READ, 0, KEY, false);
        assertTrue(read.granted());
        assertEquals(KEY_READ, read.grantedAccess());
        SubjectAccessCheck.Outcome write = check(EVERYONE_READS, self, KEY_WRITE, 0, KEY, false);
        assertFalse(write.granted());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, write.accessStatus());
        assertEquals(0, write.grantedAccess());
        SubjectAccessCheck.Outcome both = check(EVERYONE_READS, self, KEY_READ | KEY_WRITE, KEY_WRITE, KEY, false);
        assertTrue(both.granted());
        assertEquals(KEY_READ | KEY_WRITE, both.grantedAccess());
        SubjectAccessCheck.Outcome covered = check(Sddl.parse("O:S-1-5-21-1-2-3-4242G:S-1-5-21-1-2-3-513D:"), self,
                KEY_WRITE, KEY_WRITE, KEY, false);
        assertTrue(covered.granted(), "the previously granted rights cover the request");
        SubjectAccessCheck.Outcome max = check(EVERYONE_READS, self, MAXIMUM_ALLOWED, 0, KEY, false);
        assertEquals(KEY_READ, max.grantedAccess());
    }

    @Test
    @DisplayName("R97, R25: ACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege enabled; without it STATUS_PRIVILEGE_NOT_HELD")
    void seAccessCheck_userMode_systemSecurityNeedsThePrivilege() {
        SubjectAccessCheck.Outcome r = check(EVERYONE_READS, backend.world().currentThread(), 0x01000000, 0, KEY, false);
        assertFalse(r.granted());
        assertEquals(NtStatus.STATUS_PRIVILEGE_NOT_HELD, r.accessStatus());
    }

    @Test
    @DisplayName("R97, R20: the subject is the thread's client token; below SecurityImpersonation user mode refuses, kernel mode does not")
    void seAccessCheck_impersonatingSubject() {
        ModelThread t = ok(backend.world().createThread(Handle.CURRENT_PROCESS));
        Handle process = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_DUPLICATE | TOKEN_QUERY));
        Handle restricted = ok(backend.createRestrictedToken(process, 0, List.of(Sid.EVERYONE), List.of(), List.of()));
        Handle client = ok(backend.duplicateTokenEx(restricted, TOKEN_ALL_ACCESS, null, ImpersonationLevel.IMPERSONATION,
                TokenType.IMPERSONATION));
        assertTrue(check(EVERYONE_READS, t, KEY_READ, 0, KEY, false).granted(), "the process token is a member of Everyone");
        ok(kernel.psImpersonateClient(t, client, false, false, ImpersonationLevel.IMPERSONATION));
        SubjectAccessCheck.Outcome denied = check(EVERYONE_READS, t, KEY_READ, 0, KEY, false);
        assertFalse(denied.granted(), "Everyone is deny-only in the client token");
        ok(kernel.psImpersonateClient(t, client, false, false, ImpersonationLevel.IDENTIFICATION));
        SubjectAccessCheck.Outcome low = check(EVERYONE_READS, t, KEY_READ, 0, KEY, false);
        assertFalse(low.granted());
        assertEquals(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL, low.accessStatus());
        assertTrue(check(EVERYONE_READS, t, KEY_READ, 0, KEY, true).granted());
        ok(kernel.psImpersonateClient(t, Handle.NULL, false, false, null));
    }
}
