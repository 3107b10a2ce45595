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
import io.github.tokenbridge.backend.SeObjectType;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.tokenbridge.model.objects.ObjectSecurityRulesTest.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Setting the security of existing objects on the model (docs/rules.md O1, O4-O6, O11, O12, R20) and
 * bad input (invalid names, missing objects, missing rights and privileges), with nothing partly
 * applied when a set fails.
 */
class ObjectSecuritySetRulesTest {

    private static final int READ_CONTROL = 0x00020000;

    final ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
    final Sid user = backend.world().configuration().user();
    final String dir = ok(backend.getTempPath()) + "scratch";

    ObjectSecuritySetRulesTest() {
        ok(backend.createDirectory(dir, io.github.tokenbridge.Sddl.parse("D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;" + user + ")")));
    }

    private SecurityDescriptor sd(String path, int info) {
        return ok(backend.getNamedSecurityInfo(path, SeObjectType.SE_FILE_OBJECT, info));
    }

    private String newFile(String name) {
        String path = dir + "\\" + name;
        ok(backend.closeHandle(ok(backend.createFile(path, GENERIC_READ | GENERIC_WRITE, SHARE_ALL, null, CREATE_NEW, 0))));
        return path;
    }

    private static SecurityDescriptor dacl(String sddlDacl) {
        return io.github.tokenbridge.Sddl.parse("D:" + sddlDacl);
    }

    @Test
    void setNamedSecurityInfo_emptyDaclOnUnprotectedFile_inheritedAcesStay_O11() {
        String file = newFile("f.txt");
        ok(backend.setNamedSecurityInfo(file, SeObjectType.SE_FILE_OBJECT, DACL, dacl("")));
        assertEquals(2, sd(file, DACL).dacl().aces().size());
        ok(backend.closeHandle(ok(backend.createFile(file, GENERIC_READ, SHARE_ALL, null, OPEN_EXISTING, 0))));
    }

    @Test
    void setNamedSecurityInfo_protectedEmptyDacl_dropsInheritedAndDeniesOpen_O11() {
        String file = newFile("f.txt");
        ok(backend.setNamedSecurityInfo(file, SeObjectType.SE_FILE_OBJECT, DACL | PROTECTED_DACL, dacl("")));
        SecurityDescriptor now = sd(file, DACL);
        assertEquals(0, now.dacl().aces().size());
        assertTrue((now.control() & SecurityDescriptor.DACL_PROTECTED) != 0);
        fails(Win32Error.ERROR_ACCESS_DENIED, backend.createFile(file, GENERIC_READ, SHARE_ALL, null, OPEN_EXISTING, 0));
        // the owner keeps READ_CONTROL and WRITE_DAC (O1): unprotecting restores the parent's ACEs
        ok(backend.setNamedSecurityInfo(file, SeObjectType.SE_FILE_OBJECT, DACL | UNPROTECTED_DACL, dacl("")));
        assertEquals(2, sd(file, DACL).dacl().aces().size());
    }

    @Test
    void setNamedSecurityInfo_nullDacl_storedAsNull_O11() {
        String file = newFile("f.txt");
        ok(backend.setNamedSecurityInfo(file, SeObjectType.SE_FILE_OBJECT, DACL, SecurityDescriptor.withNullDacl(null, null)));
        SecurityDescriptor now = sd(file, DACL);
        assertTrue(now.daclPresent());
        assertNull(now.dacl());
    }

    @Test
    void setNamedSecurityInfo_newInheritableAceOnDirectory_propagatesToExistingChildren_O11() {
        String file = newFile("f.txt");
        ok(backend.setNamedSecurityInfo(dir, SeObjectType.SE_FILE_OBJECT, DACL | PROTECTED_DACL,
                dacl("(A;OICI;FA;;;SY)(A;OICI;FA;;;" + user + ")(A;OICI;FR;;;BU)")));
        assertEquals(new Ace(AceType.ACCESS_ALLOWED, Ace.INHERITED, 0x00120089, Sid.BUILTIN_USERS), sd(file, DACL).dacl().aces().get(2));
    }

    @Test
    void setSecurityInfo_setFileSecurityStyleKernelSet_doesNotPropagateOnKernelObjects_O12() {
        Handle token = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_ALL_ACCESS));
        ok(backend.setSecurityInfo(token, SeObjectType.SE_KERNEL_OBJECT, DACL, dacl("(A;;GA;;;" + user + ")")));
        SecurityDescriptor now = ok(backend.getSecurityInfo(token, SeObjectType.SE_KERNEL_OBJECT, DACL));
        assertEquals(List.of(Ace.allow(0x000F01FF, user)), now.dacl().aces());
    }

    @Test
    void setSecurityInfo_kernelObjectHandleWithWriteDacOnly_setsWithoutReadingFirst_O1_O12() {
        Handle token = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, 0x00040000));
        ok(backend.setSecurityInfo(token, SeObjectType.SE_KERNEL_OBJECT, DACL, dacl("(A;;GA;;;" + user + ")")));
        fails(Win32Error.ERROR_ACCESS_DENIED, backend.getSecurityInfo(token, SeObjectType.SE_KERNEL_OBJECT, DACL));
        ok(backend.closeHandle(token));
    }

    @Test
    void setNamedSecurityInfo_ownerNotInToken_invalidOwnerAndNothingApplied_O4() {
        String file = newFile("f.txt");
        SecurityDescriptor before = sd(file, OWNER | DACL);
        SecurityDescriptor parts = new SecurityDescriptor(Sid.BUILTIN_ADMINISTRATORS, null, true, Acl.EMPTY, null, 0);
        fails(Win32Error.ERROR_INVALID_OWNER,
                backend.setNamedSecurityInfo(file, SeObjectType.SE_FILE_OBJECT, OWNER | DACL | PROTECTED_DACL, parts));
        assertEquals(before, sd(file, OWNER | DACL));
    }

    @Test
    void setNamedSecurityInfo_ownerWithSeRestoreEnabled_anyOwnerAccepted_O4() {
        ModelBackend admin = ModelBackend.create(ModelConfiguration.elevatedAdmin());
        String path = ok(admin.getTempPath()) + "x";
        ok(admin.createDirectory(path, null));
        SecurityDescriptor parts = new SecurityDescriptor(Sid.LOCAL_SERVICE, null, false, null, null, 0);
        fails(Win32Error.ERROR_INVALID_OWNER, admin.setNamedSecurityInfo(path, SeObjectType.SE_FILE_OBJECT, OWNER, parts));
        enable(admin, Privilege.SeRestorePrivilege);
        ok(admin.setNamedSecurityInfo(path, SeObjectType.SE_FILE_OBJECT, OWNER, parts));
        assertEquals(Sid.LOCAL_SERVICE, ok(admin.getNamedSecurityInfo(path, SeObjectType.SE_FILE_OBJECT, OWNER)).owner());
    }

    @Test
    void setNamedSecurityInfo_ownerGroupWithOwnerAttribute_accepted_O4() {
        ModelBackend admin = ModelBackend.create(ModelConfiguration.elevatedAdmin());
        String path = ok(admin.getTempPath()) + "x";
        ok(admin.createDirectory(path, null));
        ok(admin.setNamedSecurityInfo(path, SeObjectType.SE_FILE_OBJECT, OWNER,
                new SecurityDescriptor(Sid.BUILTIN_ADMINISTRATORS, null, false, null, null, 0)));
    }

    @Test
    void setNamedSecurityInfo_ownerAskedButAbsent_invalidSecurityDescr_O3() {
        String file = newFile("f.txt");
        fails(Win32Error.ERROR_INVALID_SECURITY_DESCR, backend.setNamedSecurityInfo(file, SeObjectType.SE_FILE_OBJECT, OWNER | DACL,
                dacl("")));
        assertEquals(2, sd(file, DACL).dacl().aces().size(), "the DACL part was not applied either");
    }

    @Test
    void setNamedSecurityInfo_aclOver64KiB_refusedBeforeAnyCall() {
        // Windows' ACL limit (AclSize is a WORD, ERROR_INVALID_ACL there) is enforced when the
        // descriptor is built, so an oversized DACL never reaches SetNamedSecurityInfoW.
        java.util.List<Ace> many = new java.util.ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            many.add(Ace.allow(0x1, Sid.parse("S-1-5-21-1-2-3-" + (5000 + i))));
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Acl(many));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("65535"), e.getMessage());
    }

    @Test
    void setNamedSecurityInfo_ownerWithTakeOwnership_writeOwnerGrantedDespiteDacl_O5() {
        String path = "C:\\Users\\elevated-admin\\system.txt";
        ModelBackend admin = ModelBackend.create(ModelConfiguration.elevatedAdmin().toBuilder()
                .file(path, "O:SYG:SYD:P(A;;FA;;;SY)").build());
        SecurityDescriptor toAdministrators = new SecurityDescriptor(Sid.BUILTIN_ADMINISTRATORS, null, false, null, null, 0);
        fails(Win32Error.ERROR_ACCESS_DENIED, admin.setNamedSecurityInfo(path, SeObjectType.SE_FILE_OBJECT, OWNER, toAdministrators));
        enable(admin, Privilege.SeTakeOwnershipPrivilege);
        ok(admin.setNamedSecurityInfo(path, SeObjectType.SE_FILE_OBJECT, OWNER, toAdministrators));
        // the new owner must still pass the owner rule (O4): SYSTEM is not the admin's to give
        fails(Win32Error.ERROR_INVALID_OWNER, admin.setNamedSecurityInfo(path, SeObjectType.SE_FILE_OBJECT, OWNER,
                new SecurityDescriptor(Sid.LOCAL_SYSTEM, null, false, null, null, 0)));
    }

    @Test
    void setNamedSecurityInfo_withoutWriteDac_accessDenied_O1() {
        String file = newFile("f.txt");
        ok(backend.setNamedSecurityInfo(file, SeObjectType.SE_FILE_OBJECT, OWNER | DACL | PROTECTED_DACL,
                new SecurityDescriptor(user, null, true, Acl.of(Ace.allow(READ_CONTROL, user)), null, 0)));
        // the owner still gets WRITE_DAC implicitly: an OWNER RIGHTS ACE takes it away
        ok(backend.setNamedSecurityInfo(file, SeObjectType.SE_FILE_OBJECT, DACL | PROTECTED_DACL,
                dacl("(A;;RC;;;OW)")));
        fails(Win32Error.ERROR_ACCESS_DENIED, backend.setNamedSecurityInfo(file, SeObjectType.SE_FILE_OBJECT, DACL, dacl("")));
    }

    @Test
    void getNamedSecurityInfo_sacl_needsSeSecurityPrivilege_O2() {
        fails(Win32Error.ERROR_PRIVILEGE_NOT_HELD, backend.getNamedSecurityInfo(dir, SeObjectType.SE_FILE_OBJECT, SACL));
    }

    @Test
    void setNamedSecurityInfo_labelAboveCallersIntegrity_privilegeNotHeld_lowerAllowed_O6() {
        String file = newFile("f.txt");
        fails(Win32Error.ERROR_PRIVILEGE_NOT_HELD, backend.setNamedSecurityInfo(file, SeObjectType.SE_FILE_OBJECT, LABEL,
                io.github.tokenbridge.Sddl.parse("S:(ML;;NW;;;HI)")));
        ok(backend.setNamedSecurityInfo(file, SeObjectType.SE_FILE_OBJECT, LABEL, io.github.tokenbridge.Sddl.parse("S:(ML;;NW;;;LW)")));
        assertEquals(List.of(new Ace(AceType.SYSTEM_MANDATORY_LABEL, 0, Ace.NO_WRITE_UP, Sid.LOW_LABEL)),
                sd(file, LABEL).sacl().aces());
    }

    @Test
    void createFile_identificationLevelThread_cannotOpen_R20() {
        String file = newFile("f.txt");
        ok(backend.impersonateSelf(ImpersonationLevel.IDENTIFICATION));
        try {
            fails(Win32Error.ERROR_BAD_IMPERSONATION_LEVEL, backend.createFile(file, GENERIC_READ, SHARE_ALL, null, OPEN_EXISTING, 0));
            fails(Win32Error.ERROR_BAD_IMPERSONATION_LEVEL, backend.getNamedSecurityInfo(file, SeObjectType.SE_FILE_OBJECT, DACL));
        } finally {
            ok(backend.revertToSelf());
        }
    }

    @Test
    void namedObjects_badNames_invalidNameFileNotFoundPathNotFound() {
        fails(Win32Error.ERROR_INVALID_NAME, backend.getNamedSecurityInfo(dir + "\\a<b", SeObjectType.SE_FILE_OBJECT, DACL));
        fails(Win32Error.ERROR_FILE_NOT_FOUND, backend.getNamedSecurityInfo(dir + "\\missing", SeObjectType.SE_FILE_OBJECT, DACL));
        fails(Win32Error.ERROR_PATH_NOT_FOUND, backend.getNamedSecurityInfo(dir + "\\no\\such", SeObjectType.SE_FILE_OBJECT, DACL));
        fails(Win32Error.ERROR_FILE_NOT_FOUND, backend.setNamedSecurityInfo(dir + "\\missing", SeObjectType.SE_FILE_OBJECT, DACL, dacl("")));
        fails(Win32Error.ERROR_INVALID_PARAMETER, backend.getNamedSecurityInfo("NOWHERE\\x", SeObjectType.SE_REGISTRY_KEY, DACL));
        fails(Win32Error.ERROR_INVALID_HANDLE, backend.getSecurityInfo(Handle.NULL, SeObjectType.SE_KERNEL_OBJECT, DACL));
        fails(Win32Error.ERROR_ALREADY_EXISTS, backend.createDirectory(dir, null));
    }

    @Test
    void regCreateKeyEx_underCurrentUserSoftware_inheritsContainerAces_andReadsBackByMartaName_O8_O16() {
        Handle key = ok(backend.regCreateKeyEx(PredefinedKey.HKEY_CURRENT_USER, "Software\\tb\\deep", 0, KEY_ALL_ACCESS, null));
        SecurityDescriptor sd = ok(backend.getSecurityInfo(key, SeObjectType.SE_REGISTRY_KEY, OWNER | DACL));
        assertEquals(user, sd.owner());
        assertEquals(new Ace(AceType.ACCESS_ALLOWED, Ace.CONTAINER_INHERIT | Ace.INHERITED, KEY_ALL_ACCESS, user), sd.dacl().aces().get(0));
        ok(backend.regCloseKey(key));
        SecurityDescriptor named = ok(backend.getNamedSecurityInfo("CURRENT_USER\\Software\\tb\\deep", SeObjectType.SE_REGISTRY_KEY, DACL));
        assertEquals(sd.dacl(), named.dacl());
        ok(backend.regDeleteTree(PredefinedKey.HKEY_CURRENT_USER, "Software\\tb"));
        fails(Win32Error.ERROR_FILE_NOT_FOUND, backend.regOpenKeyEx(PredefinedKey.HKEY_CURRENT_USER, "Software\\tb", 0, KEY_READ));
    }

    @Test
    void regCreateKeyEx_machineSoftwareAsStandardUser_accessDenied_butReadable_O8() {
        fails(Win32Error.ERROR_ACCESS_DENIED, backend.regCreateKeyEx(PredefinedKey.HKEY_LOCAL_MACHINE, "SOFTWARE\\tb", 0, KEY_ALL_ACCESS, null));
        ok(backend.regCloseKey(ok(backend.regOpenKeyEx(PredefinedKey.HKEY_LOCAL_MACHINE, "SOFTWARE", 0, KEY_READ))));
        SecurityDescriptor sd = ok(backend.getNamedSecurityInfo("MACHINE\\SOFTWARE", SeObjectType.SE_REGISTRY_KEY, OWNER));
        assertEquals(Sid.BUILTIN_ADMINISTRATORS, sd.owner());
    }

    @Test
    void deleteFile_deniedOnFileButFileDeleteChildOnParent_succeeds() {
        String file = newFile("f.txt");
        ok(backend.setNamedSecurityInfo(file, SeObjectType.SE_FILE_OBJECT, DACL | PROTECTED_DACL, dacl("(A;;FR;;;" + user + ")")));
        ok(backend.deleteFile(file));
        fails(Win32Error.ERROR_FILE_NOT_FOUND, backend.getNamedSecurityInfo(file, SeObjectType.SE_FILE_OBJECT, DACL));
    }

    static void enable(ModelBackend backend, Privilege privilege) {
        Handle token = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_ALL_ACCESS));
        ok(backend.adjustTokenPrivileges(token, false, List.of(new TokenPrivilege(privilege.luid(), PrivilegeAttribute.ENABLED.mask())), -1));
        ok(backend.closeHandle(token));
    }
}
