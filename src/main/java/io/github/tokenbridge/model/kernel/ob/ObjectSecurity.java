package io.github.tokenbridge.model.kernel.ob;

import io.github.tokenbridge.model.kernel.se.AceInheritance;
import io.github.tokenbridge.model.kernel.se.TokenContents;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;

import java.util.ArrayList;
import java.util.List;

/**
 * How the model builds security descriptors of new objects from the creator's effective token
 * (R15: owner = TokenOwner, group = TokenPrimaryGroup, DACL = TokenDefaultDacl with generic rights
 * mapped to the object type) and its label SACL (one mandatory label ACE at the creator's integrity
 * level: NO_WRITE_UP for a token, R14c; NO_WRITE_UP | NO_READ_UP for a process or thread).
 */
public final class ObjectSecurity {

    private ObjectSecurity() {
    }

    /** The default DACL Windows gives a logon's token: owner and SYSTEM GENERIC_ALL, logon SID read+execute. */
    public static Acl defaultDaclFor(Sid owner, List<TokenGroup> groups) {
        List<Ace> aces = new ArrayList<>();
        aces.add(Ace.allow(GenericMapping.GENERIC_ALL, owner));
        aces.add(Ace.allow(GenericMapping.GENERIC_ALL, Sid.LOCAL_SYSTEM));
        groups.stream().filter(TokenGroup::logonId).findFirst().ifPresent(g ->
                aces.add(Ace.allow(GenericMapping.GENERIC_READ | GenericMapping.GENERIC_EXECUTE, g.sid())));
        return new Acl(aces);
    }

    /** The default security of a new object of {@code type} created under {@code creator} (R15). */
    public static SecurityDescriptor defaultFor(TokenContents creator, ObjectType type) {
        Acl dacl = creator.defaultDacl() == null ? null : mapAcl(creator.defaultDacl(), type.mapping());
        Acl label = Acl.of(new Ace(AceType.SYSTEM_MANDATORY_LABEL, 0, labelPolicyFor(type), creator.integrity()));
        return new SecurityDescriptor(creator.owner(), creator.primaryGroup(), true, dacl, label, 0);
    }

    // --- fidelity (issue 12): the label policy each object type is created with ---

    /**
     * The policy of the label a new object of {@code type} gets at its creator's integrity level:
     * processes and threads NO_WRITE_UP | NO_READ_UP, tokens NO_WRITE_UP (WSI ch. 6, Table 6-5:
     * the types registered with the MacNoWriteUp / MacNoReadUp auto-inherit flags; R14c for tokens).
     */
    public static int labelPolicyFor(ObjectType type) {
        switch (type) {
            case PROCESS:
            case THREAD:
                return Ace.NO_WRITE_UP | Ace.NO_READ_UP;
            default:
                return Ace.NO_WRITE_UP;
        }
    }

    /**
     * The security of a new token given an explicit descriptor (R14a, R14d): its DACL with the ACEs
     * in order and their flags kept, generic rights mapped to the token's rights except in
     * inherit-only ACEs (O10, O14a: a creator DACL is stored mapped), owner and group filled from the
     * creator when absent, and the creator's label (a label in {@code given} is ignored).
     */
    public static SecurityDescriptor explicitFor(SecurityDescriptor given, TokenContents creator) {
        SecurityDescriptor defaults = defaultFor(creator, ObjectType.TOKEN);
        return new SecurityDescriptor(given.owner() != null ? given.owner() : defaults.owner(),
                given.group() != null ? given.group() : defaults.group(),
                given.daclPresent() || defaults.daclPresent(),
                given.daclPresent() ? AceInheritance.mapExplicit(given.dacl(), ObjectType.TOKEN.mapping()) : defaults.dacl(),
                defaults.sacl(), given.control());
    }

    private static Acl mapAcl(Acl acl, GenericMapping mapping) {
        List<Ace> mapped = new ArrayList<>();
        for (Ace ace : acl.aces()) {
            mapped.add(ace.type() == AceType.SYSTEM_MANDATORY_LABEL ? ace
                    : new Ace(ace.type(), ace.flags(), AceInheritance.storedMask(ace.mask(), mapping), ace.sid()));
        }
        return new Acl(mapped);
    }
}
