package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code SeAssignSecurity} without auto-inherit (docs/rules.md O14, O16, O17) checked against the
 * expectations of ReactOS's kernel-mode test {@code modules/rostests/kmtests/ntos_se/SeInheritance.c}
 * (a test that runs on Windows): every combination of one parent ACE's four inheritance flags and
 * another explicit ACE's, a file or directory child, the parent and the creator descriptor present or
 * not and marked SE_DACL_DEFAULTED or not, with plain and with generic / CREATOR OWNER ACEs.
 */
class SeAssignSecurityInheritanceTest {

    /** The test's mapping: read RC|0x1001, write 0x2002, execute 0x4004, all STANDARD_RIGHTS_ALL|0x800F. */
    private static final GenericMapping MAPPING = new GenericMapping(0x00020000 | 0x1001, 0x00020000 | 0x2002,
            0x00020000 | 0x4004, 0x001F0000 | 0x800F);
    private static final int READ_CONTROL = 0x00020000;
    private static final int SYNCHRONIZE = 0x00100000;
    private static final int GENERIC_READ = 0x80000000;
    private static final int GENERIC_EXECUTE = 0x20000000;
    private static final int GENERIC_ALL = 0x10000000;

    /** The kmtest's subject: owner Administrators, group SYSTEM, default DACL {SYSTEM GA, Administrators GR|GX|RC}. */
    private final TokenContents token;

    SeAssignSecurityInheritanceTest() {
        TokenContents system = systemContents();
        // the kernel-mode caller passes every privilege check: SeSecurityPrivilege enabled stands for it
        List<io.github.tokenbridge.TokenPrivilege> privileges = new ArrayList<>();
        for (io.github.tokenbridge.TokenPrivilege p : system.privileges()) {
            privileges.add(p.luid().equals(io.github.tokenbridge.Privilege.SeSecurityPrivilege.luid())
                    ? new io.github.tokenbridge.TokenPrivilege(p.luid(), 0x3) : p);
        }
        token = new TokenContents(system.user(), system.groups(), privileges, Sid.BUILTIN_ADMINISTRATORS, Sid.LOCAL_SYSTEM,
                new Acl(List.of(Ace.allow(GENERIC_ALL, Sid.LOCAL_SYSTEM),
                        Ace.allow(GENERIC_READ | GENERIC_EXECUTE | READ_CONTROL, Sid.BUILTIN_ADMINISTRATORS))),
                system.source(), system.type(), system.level(), system.authenticationId(), system.parentTokenId(), system.origin(),
                system.modifiedId(), system.expirationTime(), system.sessionId(), system.mandatoryPolicy(), system.restrictedSids(),
                system.elevationType(), system.elevated(), null, system.flags());
    }

    private static TokenContents systemContents() {
        ModelBackend backend = ModelBackend.create(ModelConfiguration.localSystem());
        TokenReference r = ModelInternals.kernelServices(backend.world()).ps().referencePrimaryToken(
                ModelInternals.kernelServices(backend.world()).kernel().findProcess(backend.getCurrentProcessId()).orElseThrow());
        try {
            return r.token().contents();
        } finally {
            ModelInternals.kernelServices(backend.world()).ps().dereference(r);
        }
    }

    private List<Ace> defaultDacl() {
        return List.of(Ace.allow(0x001F0000 | 0x800F, Sid.LOCAL_SYSTEM), Ace.allow(READ_CONTROL | 0x0005, Sid.BUILTIN_ADMINISTRATORS));
    }

    private SecurityDescriptor assign(SecurityDescriptor parent, SecurityDescriptor explicit, boolean dir) {
        Result<SecurityDescriptor> r = SecurityAssignment.assign(parent, explicit, token, dir, MAPPING, false);
        assertTrue(r.succeeded(), r::toString);
        SecurityDescriptor sd = r.value();
        assertEquals(Sid.BUILTIN_ADMINISTRATORS, sd.owner());
        assertEquals(Sid.LOCAL_SYSTEM, sd.group());
        assertTrue(sd.daclPresent());
        assertEquals(0, sd.control() & SecurityAssignment.DACL_DEFAULTED, "never SE_DACL_DEFAULTED");
        return sd;
    }

    private static SecurityDescriptor dacl(Acl acl, boolean defaulted) {
        return new SecurityDescriptor(null, null, true, acl, null, defaulted ? SecurityAssignment.DACL_DEFAULTED : 0);
    }

    @Test
    @DisplayName("O14: no parent and no creator descriptor, or descriptors without a DACL: the token's default DACL, mapped")
    void noDacls_tokenDefaultDaclMapped() {
        SecurityDescriptor empty = new SecurityDescriptor(null, null, false, null, null, 0);
        for (boolean dir : new boolean[] {false, true}) {
            assertEquals(defaultDacl(), assign(null, null, dir).dacl().aces());
            assertEquals(defaultDacl(), assign(empty, null, dir).dacl().aces());
            assertEquals(defaultDacl(), assign(null, empty, dir).dacl().aces());
            assertEquals(defaultDacl(), assign(empty, empty, dir).dacl().aces());
        }
    }

    @Test
    @DisplayName("O14: a NULL or empty creator DACL is used, defaulted or not, when the parent passes nothing")
    void nullOrEmptyCreatorDacl_usedWhenTheParentPassesNothing() {
        for (boolean defaulted : new boolean[] {false, true}) {
            for (boolean dir : new boolean[] {false, true}) {
                for (SecurityDescriptor parent : new SecurityDescriptor[] {null, dacl(null, defaulted), dacl(Acl.EMPTY, defaulted)}) {
                    assertNull(assign(parent, dacl(null, defaulted), dir).dacl(), "NULL creator DACL");
                    assertEquals(List.of(), assign(parent, dacl(Acl.EMPTY, defaulted), dir).dacl().aces(), "empty creator DACL");
                    if (parent != null) {
                        assertEquals(defaultDacl(), assign(parent, null, dir).dacl().aces(), "a NULL or empty parent DACL passes nothing");
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("O14, O16, O17: one parent ACE with every inheritance-flag combination against one creator ACE (SeInheritance.c)")
    void everyFlagCombination_matchesTheKernelModeTest() {
        for (int access = 0; access <= 1; access++) {
            Sid genericSid = access == 1 ? Sid.CREATOR_OWNER : Sid.EVERYONE;
            Sid specificSid = access == 1 ? Sid.BUILTIN_ADMINISTRATORS : Sid.EVERYONE;
            int genericMask = access == 1 ? GENERIC_READ : READ_CONTROL;
            int specificMask = access == 1 ? READ_CONTROL | 0x0001 : READ_CONTROL;
            Sid genericSid2 = access == 1 ? AceInheritance.CREATOR_GROUP : Sid.LOCAL_SYSTEM;
            int genericMask2 = access == 1 ? GENERIC_EXECUTE : SYNCHRONIZE;
            int specificMask2 = access == 1 ? READ_CONTROL | 0x0004 : SYNCHRONIZE;
            for (int canInherit = 0; canInherit <= 255; canInherit++) {
                int flags = canInherit & 0xF;
                int flags2 = canInherit >> 4;
                Acl parentAcl = Acl.of(new Ace(AceType.ACCESS_ALLOWED, flags, genericMask, genericSid));
                Acl explicitAcl = Acl.of(new Ace(AceType.ACCESS_ALLOWED, flags2, genericMask2, genericSid2));
                for (int usingDefault = 0; usingDefault <= 3; usingDefault++) {
                    SecurityDescriptor parent = dacl(parentAcl, (usingDefault & 1) != 0);
                    SecurityDescriptor explicit = dacl(explicitAcl, (usingDefault & 2) != 0);
                    for (boolean dir : new boolean[] {false, true}) {
                        for (boolean usingParent : new boolean[] {false, true}) {
                            for (boolean usingExplicit : new boolean[] {false, true}) {
                                List<Ace> expected = expected(flags, flags2, usingDefault, dir, usingParent, usingExplicit, genericSid,
                                        specificSid, genericMask, specificMask, genericSid2, genericMask2, specificMask2);
                                List<Ace> got = assign(usingParent ? parent : null, usingExplicit ? explicit : null, dir).dacl().aces();
                                assertEquals(expected, got, "access " + access + ", inherit " + canInherit + ", default " + usingDefault
                                        + ", dir " + dir + ", parent " + usingParent + ", explicit " + usingExplicit);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("O19, O18, O17: SACLs inherit as DACLs do: NULL, empty and audit creator SACLs kept, CREATOR OWNER of an audit or label ACE replaced in a child")
    void sacls_inheritLikeDacls() {
        Acl audit = Acl.of(new Ace(AceType.SYSTEM_AUDIT, Ace.SUCCESSFUL_ACCESS | Ace.FAILED_ACCESS, READ_CONTROL, Sid.EVERYONE));
        Acl auditCreator = Acl.of(new Ace(AceType.SYSTEM_AUDIT, Ace.OBJECT_INHERIT | Ace.SUCCESSFUL_ACCESS | Ace.FAILED_ACCESS,
                READ_CONTROL, Sid.CREATOR_OWNER));
        Acl label = Acl.of(new Ace(AceType.SYSTEM_MANDATORY_LABEL, 0, Ace.NO_WRITE_UP, Sid.EVERYONE));
        Acl labelCreator = Acl.of(new Ace(AceType.SYSTEM_MANDATORY_LABEL, Ace.OBJECT_INHERIT, Ace.NO_WRITE_UP, Sid.CREATOR_OWNER));
        for (int usingDefault = 0; usingDefault <= 3; usingDefault++) {
            boolean parentDefaulted = (usingDefault & 1) != 0;
            boolean explicitDefaulted = (usingDefault & 2) != 0;
            assertEquals(List.of(), sacl(assign(sacl(Acl.EMPTY, explicitDefaulted), false)).aces());
            assertEquals(audit.aces(), sacl(assign(sacl(audit, explicitDefaulted), false)).aces());
            assertEquals(label.aces(), sacl(assign(sacl(label, explicitDefaulted), false)).aces());
            assertEquals(auditCreator.aces(), sacl(assign(sacl(auditCreator, explicitDefaulted), false)).aces(), "explicit: kept as given");
            assertEquals(labelCreator.aces(), sacl(assign(sacl(labelCreator, explicitDefaulted), false)).aces(), "explicit: kept as given");
            for (boolean dir : new boolean[] {false, true}) {
                for (Acl notInheritable : List.of(Acl.EMPTY, audit, label)) {
                    assertNull(assign(sacl(notInheritable, parentDefaulted), null, dir).sacl(), "a parent passing nothing gives no SACL");
                }
            }
            assertEquals(List.of(new Ace(AceType.SYSTEM_AUDIT, Ace.SUCCESSFUL_ACCESS | Ace.FAILED_ACCESS, READ_CONTROL,
                    Sid.BUILTIN_ADMINISTRATORS)), assign(sacl(auditCreator, parentDefaulted), null, false).sacl().aces());
            assertEquals(List.of(new Ace(AceType.SYSTEM_MANDATORY_LABEL, 0, Ace.NO_WRITE_UP, Sid.BUILTIN_ADMINISTRATORS)),
                    assign(sacl(labelCreator, parentDefaulted), null, false).sacl().aces());
        }
    }

    private SecurityDescriptor assign(SecurityDescriptor explicit, boolean dir) {
        return assign(null, explicit, dir);
    }

    private static SecurityDescriptor sacl(Acl acl, boolean defaulted) {
        return new SecurityDescriptor(null, null, false, null, acl, defaulted ? 0x0020 : 0);
    }

    private static Acl sacl(SecurityDescriptor sd) {
        assertTrue(sd.sacl() != null, "SACL present");
        return sd.sacl();
    }

    /** The kmtest's expectation, transcribed. */
    private List<Ace> expected(int flags, int flags2, int usingDefault, boolean dir, boolean usingParent, boolean usingExplicit,
                               Sid genericSid, Sid specificSid, int genericMask, int specificMask, Sid genericSid2,
                               int genericMask2, int specificMask2) {
        boolean parentUsable = usingParent;
        if (!dir && (flags & Ace.OBJECT_INHERIT) == 0) {
            parentUsable = false;
        } else if (dir && (flags & Ace.CONTAINER_INHERIT) == 0
                && ((flags & Ace.OBJECT_INHERIT) == 0 || (flags & Ace.NO_PROPAGATE_INHERIT) != 0)) {
            parentUsable = false;
        }
        List<Ace> out = new ArrayList<>();
        if (usingExplicit && ((usingDefault & 2) == 0 || !parentUsable)) {
            out.add(new Ace(AceType.ACCESS_ALLOWED, flags2, (flags2 & Ace.INHERIT_ONLY) != 0 ? genericMask2 : specificMask2, genericSid2));
        } else if (parentUsable) {
            if (dir && (flags & Ace.NO_PROPAGATE_INHERIT) == 0) {
                if ((flags & Ace.CONTAINER_INHERIT) != 0 && (specificMask != genericMask || !specificSid.equals(genericSid))) {
                    out.add(new Ace(AceType.ACCESS_ALLOWED, 0, specificMask, specificSid));
                    out.add(new Ace(AceType.ACCESS_ALLOWED, Ace.INHERIT_ONLY | Ace.CONTAINER_INHERIT | (flags & Ace.OBJECT_INHERIT),
                            genericMask, genericSid));
                } else {
                    out.add(new Ace(AceType.ACCESS_ALLOWED, ((flags & Ace.CONTAINER_INHERIT) != 0 ? 0 : Ace.INHERIT_ONLY)
                            | (flags & (Ace.CONTAINER_INHERIT | Ace.OBJECT_INHERIT)), genericMask, genericSid));
                }
            } else {
                out.add(new Ace(AceType.ACCESS_ALLOWED, 0, specificMask, specificSid));
            }
        } else {
            out.addAll(defaultDacl());
        }
        return out;
    }
}
