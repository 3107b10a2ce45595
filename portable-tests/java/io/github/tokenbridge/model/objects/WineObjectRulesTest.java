package io.github.tokenbridge.model.objects;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.PrivilegeAttribute;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PredefinedKey;
import io.github.tokenbridge.backend.SeObjectType;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.lsa.WellKnownAccounts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.tokenbridge.model.objects.ObjectSecurityRulesTest.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model rules settled from Wine's tests that run on Windows (W-SEC dlls/advapi32/tests/security.c)
 * and Microsoft's documentation: the token mapping of an explicit token DACL (R14a, O10), a key's
 * SACL read at the privilege of the moment (O2, test_system_security_access), the primary group of
 * a local account (L5, N3, test_process_security) and backup-intent opens (O21, CreateFileW).
 */
class WineObjectRulesTest {

    private static final int MAXIMUM_ALLOWED = 0x02000000;
    private static final int ACCESS_SYSTEM_SECURITY = 0x01000000;
    private static final int TOKEN_DUPLICATE = 0x2;
    private static final int TOKEN_QUERY = 0x8;

    @Test
    @DisplayName("R14 (a), O10: DuplicateTokenEx keeps the ACEs and flags given, their GENERIC_ALL mapped to TOKEN_ALL_ACCESS")
    void duplicateTokenEx_explicitGenericDacl_flagsKeptRightsMapped() {
        ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
        Handle p = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, MAXIMUM_ALLOWED));
        SecurityDescriptor given = io.github.tokenbridge.Sddl.parse("D:(A;NP;GA;;;SU)(A;OICIIO;GA;;;WD)");
        Handle d = ok(backend.duplicateTokenEx(p, MAXIMUM_ALLOWED, given, ImpersonationLevel.IMPERSONATION, TokenType.IMPERSONATION));
        SecurityDescriptor sd = ok(backend.getSecurityInfo(d, SeObjectType.SE_KERNEL_OBJECT, DACL));
        assertEquals(List.of(new Ace(AceType.ACCESS_ALLOWED, Ace.NO_PROPAGATE_INHERIT, TOKEN_ALL_ACCESS, Sid.SERVICE),
                        new Ace(AceType.ACCESS_ALLOWED, Ace.OBJECT_INHERIT | Ace.CONTAINER_INHERIT | Ace.INHERIT_ONLY, 0x10000000, Sid.EVERYONE)),
                sd.dacl().aces(), "an inherit-only ACE keeps its generic right");
    }

    @Test
    @DisplayName("O2: a key's SACL is read at the SeSecurityPrivilege of the call, not the rights of the handle")
    void getSecurityInfoKeySacl_followsThePrivilegeAtCallTime() {
        ModelBackend backend = ModelBackend.create(ModelConfiguration.elevatedAdmin());
        Handle process = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_DUPLICATE | TOKEN_QUERY));
        Handle token = ok(backend.duplicateTokenEx(process, TOKEN_ALL_ACCESS, null, ImpersonationLevel.IMPERSONATION,
                TokenType.IMPERSONATION));
        ok(backend.impersonateLoggedOnUser(token));
        try {
            set(backend, token, PrivilegeAttribute.ENABLED.mask());
            Handle withRight = ok(backend.regCreateKeyEx(PredefinedKey.HKEY_CURRENT_USER, "Software\\sacl", 0,
                    KEY_READ | ACCESS_SYSTEM_SECURITY, null));
            Handle plain = ok(backend.regOpenKeyEx(PredefinedKey.HKEY_CURRENT_USER, "Software\\sacl", 0, KEY_READ));
            assertTrue(backend.getSecurityInfo(plain, SeObjectType.SE_REGISTRY_KEY, SACL).succeeded(),
                    "privilege enabled: the handle's missing ACCESS_SYSTEM_SECURITY does not matter");
            set(backend, token, 0);
            fails(Win32Error.ERROR_PRIVILEGE_NOT_HELD, backend.getSecurityInfo(withRight, SeObjectType.SE_REGISTRY_KEY, SACL));
            fails(Win32Error.ERROR_PRIVILEGE_NOT_HELD, backend.getSecurityInfo(plain, SeObjectType.SE_REGISTRY_KEY, SACL));
            assertTrue(backend.getSecurityInfo(plain, SeObjectType.SE_REGISTRY_KEY, DACL).succeeded(), "other parts: the handle rule");
            ok(backend.regCloseKey(withRight));
            ok(backend.regCloseKey(plain));
        } finally {
            ok(backend.revertToSelf());
        }
    }

    @Test
    @DisplayName("O2: a file's SACL still needs ACCESS_SYSTEM_SECURITY on the handle")
    void getSecurityInfoFileSacl_handleWithoutTheRight_accessDenied() {
        ModelBackend backend = ModelBackend.create(ModelConfiguration.elevatedAdmin());
        ObjectSecuritySetRulesTest.enable(backend, Privilege.SeSecurityPrivilege);
        String path = ok(backend.getTempPath()) + "s.txt";
        Handle f = ok(backend.createFile(path, GENERIC_READ | GENERIC_WRITE, SHARE_ALL, null, CREATE_NEW, 0));
        fails(Win32Error.ERROR_ACCESS_DENIED, backend.getSecurityInfo(f, SeObjectType.SE_FILE_OBJECT, SACL));
        ok(backend.closeHandle(f));
    }

    @Test
    @DisplayName("L5, N3: a local account's process token has the group None as primary group, and holds it")
    void standardUser_primaryGroupIsNoneAndAGroup() {
        ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
        Handle p = ok(backend.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_QUERY));
        Sid primary = (Sid) ok(backend.getTokenInformation(p, TokenInformationClass.TokenPrimaryGroup, -1)).value();
        assertEquals(WellKnownAccounts.NONE_GROUP, primary);
        @SuppressWarnings("unchecked")
        List<TokenGroup> groups = (List<TokenGroup>) ok(backend.getTokenInformation(p, TokenInformationClass.TokenGroups, -1)).value();
        assertTrue(groups.stream().anyMatch(g -> g.sid().equals(primary) && g.enabled()), groups::toString);
        io.github.tokenbridge.Account none = ok(backend.lookupAccountSid(null, primary));
        assertEquals("None", none.name());
        assertEquals(io.github.tokenbridge.SidType.GROUP, none.type());
    }

    @Test
    @DisplayName("L5: LocalSystem and the service accounts keep their own primary group")
    void localSystem_primaryGroupUnchanged() {
        assertEquals(Sid.LOCAL_SYSTEM, ModelConfiguration.localSystem().primaryGroup());
        assertEquals(Sid.LOCAL_SERVICE, ModelConfiguration.serviceImpersonate().primaryGroup());
    }

    @Test
    @DisplayName("O21: a backup-intent open lets enabled SeBackupPrivilege grant reads and SeRestorePrivilege writes; a plain open does not")
    void backupIntentOpen_privilegesOverrideTheDacl_onlyWithBackupSemantics() {
        ModelBackend backend = ModelBackend.create(ModelConfiguration.elevatedAdmin());
        String path = ok(backend.getTempPath()) + "bk.txt";
        ok(backend.closeHandle(ok(backend.createFile(path, GENERIC_READ, SHARE_ALL, io.github.tokenbridge.Sddl.parse("D:"),
                CREATE_NEW, 0))));
        int backupSemantics = 0x02000000;
        fails(Win32Error.ERROR_ACCESS_DENIED, backend.createFile(path, GENERIC_READ, SHARE_ALL, null, OPEN_EXISTING, backupSemantics));
        ObjectSecuritySetRulesTest.enable(backend, Privilege.SeBackupPrivilege);
        ok(backend.closeHandle(ok(backend.createFile(path, GENERIC_READ, SHARE_ALL, null, OPEN_EXISTING, backupSemantics))));
        fails(Win32Error.ERROR_ACCESS_DENIED, backend.createFile(path, GENERIC_READ, SHARE_ALL, null, OPEN_EXISTING, 0));
        fails(Win32Error.ERROR_ACCESS_DENIED, backend.createFile(path, GENERIC_WRITE, SHARE_ALL, null, OPEN_EXISTING, backupSemantics));
        ObjectSecuritySetRulesTest.enable(backend, Privilege.SeRestorePrivilege);
        ok(backend.closeHandle(ok(backend.createFile(path, GENERIC_WRITE, SHARE_ALL, null, OPEN_EXISTING, backupSemantics))));
    }

    @Test
    @DisplayName("O22: trailing backslashes of a key name are ignored; a leading one on a relative name is ERROR_BAD_PATHNAME")
    void registryNames_trailingBackslashesIgnored_leadingRefused() {
        ModelBackend backend = ModelBackend.create(ModelConfiguration.standardUser());
        Handle created = ok(backend.regCreateKeyEx(PredefinedKey.HKEY_CURRENT_USER, "Software\\Subkey4\\\\", 0, KEY_ALL_ACCESS, null));
        ok(backend.regCloseKey(created));
        Handle software = ok(backend.regOpenKeyEx(PredefinedKey.HKEY_CURRENT_USER, "Software", 0, KEY_READ));
        ok(backend.regCloseKey(ok(backend.regOpenKeyEx(software, "Subkey4", 0, KEY_READ))));
        ok(backend.regCloseKey(ok(backend.regOpenKeyEx(software, "Subkey4\\", 0, KEY_READ))));
        fails(Win32Error.ERROR_BAD_PATHNAME, backend.regOpenKeyEx(software, "\\Subkey4", 0, KEY_READ));
        fails(Win32Error.ERROR_BAD_PATHNAME, backend.regCreateKeyEx(software, "\\Subkey3", 0, KEY_ALL_ACCESS, null));
        // an empty component in the middle stays invalid in the model (O22, UNVERIFIED on Windows)
        fails(Win32Error.ERROR_INVALID_NAME, backend.regOpenKeyEx(software, "Subkey4\\\\b", 0, KEY_READ));
        ok(backend.regCloseKey(software));
    }

    private static void set(ModelBackend backend, Handle token, int attributes) {
        ok(backend.adjustTokenPrivileges(token, false,
                List.of(new TokenPrivilege(Privilege.SeSecurityPrivilege.luid(), attributes)), -1));
    }
}
