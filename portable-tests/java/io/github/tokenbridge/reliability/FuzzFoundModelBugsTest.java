package io.github.tokenbridge.reliability;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.ModelInvariants;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Minimal reproductions of the model bugs the SPI fuzzer found, kept as regression tests. */
class FuzzFoundModelBugsTest {

    private static final int TOKEN_DUPLICATE_QUERY = 0x2 | 0x8;
    private static final int TOKEN_QUERY = 0x8;

    @Test
    @DisplayName("R55: an EffectiveOnly duplicate that drops the default owner's group gets the user as owner")
    void ntDuplicateToken_effectiveOnlyDropsOwnerGroup_ownerBecomesUser() {
        Sid team = Sid.parse("S-1-5-21-1-2-3-2000");
        ModelConfiguration standard = ModelConfiguration.standardUser();
        java.util.List<io.github.tokenbridge.TokenGroup> groups = new java.util.ArrayList<>(standard.groups());
        groups.add(new io.github.tokenbridge.TokenGroup(team, 0xE)); // an owner group, enabled, not mandatory
        ModelBackend model = ModelBackend.create(standard.toBuilder().groups(groups).owner(team).build());
        Result<Handle> opened = model.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_DUPLICATE_QUERY | 0x40);
        assertTrue(opened.succeeded(), opened.toString());
        Handle source = model.duplicateTokenEx(opened.value(), 0, null, ImpersonationLevel.IMPERSONATION,
                TokenType.IMPERSONATION).value();
        assertTrue(model.adjustTokenGroups(source, false, java.util.List.of(new io.github.tokenbridge.TokenGroup(team, 0)), -1)
                .succeeded(), "disabling the owner group");
        assertEquals(team, model.getTokenInformation(source, TokenInformationClass.TokenOwner, -1).value().value());
        Result<Handle> dup = model.ntDuplicateToken(source, 0, ImpersonationLevel.IMPERSONATION, true,
                TokenType.IMPERSONATION); // access 0: the source handle's (R52)
        assertTrue(dup.succeeded(), dup.toString());
        Handle effective = dup.value();
        Sid user = ((io.github.tokenbridge.TokenGroup) model.getTokenInformation(effective, TokenInformationClass.TokenUser, -1)
                .value().value()).sid();
        assertEquals(user, model.getTokenInformation(effective, TokenInformationClass.TokenOwner, -1).value().value());
        ModelInvariants.of(ModelInternals.kernelServices(model.world()).kernel()).assertHold();
    }

    @Test
    @DisplayName("R24/ObpCreateHandle: a right the token type does not define is never granted, even under a NULL DACL")
    void duplicateTokenEx_undefinedRightUnderNullDacl_notGranted() {
        ModelBackend model = ModelBackend.create(ModelConfiguration.standardUser());
        Handle process = model.openProcessToken(Handle.CURRENT_PROCESS, TOKEN_DUPLICATE_QUERY).value();
        SecurityDescriptor nullDacl = SecurityDescriptor.of(null, null, null); // no owner, NULL DACL
        Result<Handle> copy = model.duplicateTokenEx(process, 0x400 | TOKEN_QUERY, nullDacl, ImpersonationLevel.IMPERSONATION,
                TokenType.IMPERSONATION);
        assertTrue(copy.succeeded(), copy.toString());
        assertEquals(TOKEN_QUERY, model.queryGrantedAccess(copy.value()).value());
    }

    @Test
    @DisplayName("SetTokenInformation with a value of the wrong Java type is an IllegalArgumentException, not a ClassCastException")
    void setTokenInformation_wrongJavaType_illegalArgument() {
        ModelBackend model = ModelBackend.create(ModelConfiguration.standardUser());
        Handle process = model.openProcessToken(Handle.CURRENT_PROCESS, 0x80 | TOKEN_QUERY).value();
        assertThrows(IllegalArgumentException.class,
                () -> model.setTokenInformation(process, TokenInformationClass.TokenIntegrityLevel, 42));
        assertThrows(IllegalArgumentException.class,
                () -> model.setTokenInformation(process, TokenInformationClass.TokenDefaultDacl, "junk"));
    }
}
