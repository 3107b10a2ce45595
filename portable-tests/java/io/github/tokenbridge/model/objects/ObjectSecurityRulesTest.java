package io.github.tokenbridge.model.objects;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.PrivilegeAttribute;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PredefinedKey;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.SeObjectType;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The security of real objects on the model (docs/rules.md O1-O22): what new
 * files, directories and keys get, what a get returns, what a set may change and what it leaves.
 */
class ObjectSecurityRulesTest {

    static final int OWNER = 0x1;
    static final int GROUP = 0x2;
    static final int DACL = 0x4;
    static final int SACL = 0x8;
    static final int LABEL = 0x10;
    static final int PROTECTED_DACL = 0x80000000;
    static final int UNPROTECTED_DACL = 0x20000000;
    static final int GENERIC_READ = 0x80000000;
    static final int GENERIC_WRITE = 0x40000000;
    static final int FILE_ALL = 0x001F01FF;
    static final int KEY_ALL_ACCESS = 0x000F003F;
    static final int KEY_READ = 0x00020019;
    static final int CREATE_NEW = 1;
    static final int OPEN_EXISTING = 3;
    static final int SHARE_ALL = 7;
    static final int TOKEN_ALL_ACCESS = 0x000F01FF;

    final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
    final Sid user = backend.world().configuration().user();
    final String temp = ok(backend.getTempPath());

    static <T> T ok(Result<T> r) {
        assertTrue(r.succeeded(), () -> "expected success, got " + r);
        return r.value();
    }

    static void fails(Win32Error error, Result<?> r) {
        assertFalse(r.succeeded(), () -> "expected " + error + ", got " + r);
        assertEquals(error.code(), r.win32Error(), () -> "expected " + error + ", got " + r);
    }

    SecurityDescriptor fileSd(String path, int info) {
        return ok(backend.getNamedSecurityInfo(path, SeObjectType.SE_FILE_OBJECT, info));
    }

    String scratch(String sddl) {
        String dir = temp + "scratch";
        ok(backend.createDirectory(dir, sddl == null ? null : io.github.tokenbridge.Sddl.parse(sddl)));
        return dir;
    }

    Handle createFile(String path, SecurityDescriptor sd) {
        return ok(backend.createFile(path, GENERIC_READ | GENERIC_WRITE, SHARE_ALL, sd, CREATE_NEW, 0));
    }

    @Test
    void createFile_underObjectContainerInheritAces_getsThemMarkedInherited_O15_O16() {
        String dir = scratch("D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;" + user + ")(A;CI;FR;;;BU)");
        ok(backend.closeHandle(createFile(dir + "\\f.txt", null)));
        SecurityDescriptor sd = fileSd(dir + "\\f.txt", DACL);
        assertEquals(List.of(new Ace(AceType.ACCESS_ALLOWED, Ace.INHERITED, FILE_ALL, Sid.LOCAL_SYSTEM),
                new Ace(AceType.ACCESS_ALLOWED, Ace.INHERITED, FILE_ALL, user)), sd.dacl().aces());
        assertTrue((sd.control() & SecurityDescriptor.DACL_AUTO_INHERITED) != 0);
    }

    @Test
    void createDirectory_creatorOwnerGenericAce_splitsIntoEffectiveAndInheritOnly_O17() {
        String dir = scratch("D:P(A;OICI;FA;;;SY)(A;OICIIO;GA;;;CO)(A;OICI;FA;;;" + user + ")");
        ok(backend.createDirectory(dir + "\\sub", null));
        List<Ace> aces = fileSd(dir + "\\sub", DACL).dacl().aces();
        int oici = Ace.OBJECT_INHERIT | Ace.CONTAINER_INHERIT;
        assertEquals(List.of(new Ace(AceType.ACCESS_ALLOWED, oici | Ace.INHERITED, FILE_ALL, Sid.LOCAL_SYSTEM),
                new Ace(AceType.ACCESS_ALLOWED, Ace.INHERITED, FILE_ALL, user),
                new Ace(AceType.ACCESS_ALLOWED, oici | Ace.INHERIT_ONLY | Ace.INHERITED, 0x10000000, Sid.CREATOR_OWNER),
                new Ace(AceType.ACCESS_ALLOWED, oici | Ace.INHERITED, FILE_ALL, user)), aces);
    }

    @Test
    void createFile_explicitCreatorDacl_usedAloneWithoutParentAces_O14() {
        String dir = scratch("D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;" + user + ")");
        SecurityDescriptor given = io.github.tokenbridge.Sddl.parse("D:(A;;GA;;;" + user + ")(D;;GA;;;BU)");
        ok(backend.closeHandle(createFile(dir + "\\f.txt", given)));
        assertEquals(List.of(Ace.allow(FILE_ALL, user), Ace.deny(FILE_ALL, Sid.BUILTIN_USERS)), fileSd(dir + "\\f.txt", DACL).dacl().aces());
    }

    @Test
    void createFile_emptyCreatorDacl_handleStillGranted_noAcesStored_O14_O20() {
        String dir = scratch("D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;" + user + ")");
        Handle h = createFile(dir + "\\f.txt", io.github.tokenbridge.Sddl.parse("D:"));
        assertTrue(backend.getSecurityInfo(h, SeObjectType.SE_FILE_OBJECT, OWNER).succeeded());
        ok(backend.closeHandle(h));
        assertEquals(0, fileSd(dir + "\\f.txt", DACL).dacl().aces().size());
        fails(Win32Error.ERROR_ACCESS_DENIED, backend.createFile(dir + "\\f.txt", GENERIC_READ, SHARE_ALL, null, OPEN_EXISTING, 0));
    }

    @Test
    void createFile_nothingInheritable_tokenDefaultDaclOwnerAndGroup_O13_O14() {
        String dir = scratch("D:P(A;;FA;;;SY)(A;;FA;;;" + user + ")");
        ok(backend.closeHandle(createFile(dir + "\\f.txt", null)));
        SecurityDescriptor sd = fileSd(dir + "\\f.txt", OWNER | GROUP | DACL);
        assertEquals(user, sd.owner());
        assertEquals(backend.world().configuration().primaryGroup(), sd.group());
        assertEquals(Ace.allow(FILE_ALL, user), sd.dacl().aces().get(0));
        assertEquals(Ace.allow(FILE_ALL, Sid.LOCAL_SYSTEM), sd.dacl().aces().get(1));
    }

    @Test
    void createFile_lowIntegrityCreator_getsLowNoWriteUpLabel_mediumGetsNone_O18() {
        // a Low creator can add files only to a directory labelled Low (R63 no-write-up); the label is not inheritable
        String dir = scratch("D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;" + user + ")S:(ML;;NW;;;LW)");
        ok(backend.closeHandle(createFile(dir + "\\medium.txt", null)));
        assertTrue(labels(fileSd(dir + "\\medium.txt", LABEL)).isEmpty());
        Handle low = ok(backend.duplicateTokenEx(ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_ALL_ACCESS)), TOKEN_ALL_ACCESS, null,
                ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        ok(backend.setTokenInformation(low, TokenInformationClass.TokenIntegrityLevel, Sid.LOW_LABEL));
        ok(backend.impersonateLoggedOnUser(low));
        try {
            ok(backend.closeHandle(createFile(dir + "\\low.txt", null)));
        } finally {
            ok(backend.revertToSelf());
        }
        assertEquals(List.of(new Ace(AceType.SYSTEM_MANDATORY_LABEL, 0, Ace.NO_WRITE_UP, Sid.LOW_LABEL)),
                labels(fileSd(dir + "\\low.txt", LABEL)));
    }

    private static List<Ace> labels(SecurityDescriptor sd) {
        return sd.sacl() == null ? List.of() : sd.sacl().aces();
    }
}
