package io.github.tokenbridge.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenGroupsAndPrivileges;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenSource;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the output of {@code GetTokenInformation} / {@code NtQueryInformationToken} into the
 * value type each {@link TokenInformationClass} declares, and encodes the input of
 * {@code SetTokenInformation} (R5, R58).
 */
final class TokenInformationCodec {

    private TokenInformationCodec() {
    }

    /**
     * The value of {@code infoClass} in the buffer Windows filled; null for the classes the library
     * does not decode ({@code valueType()} empty). A {@code TokenLinkedToken} value is a new handle
     * the caller owns.
     */
    static Object decode(TokenInformationClass infoClass, Pointer buffer) {
        return switch (infoClass) {
            case TokenUser -> NativeDecoding.sidAndAttributes(buffer, NativeLayout.TOKEN_USER.offset("User"));
            case TokenIntegrityLevel -> NativeDecoding.sidAndAttributes(buffer, NativeLayout.TOKEN_MANDATORY_LABEL.offset("Label"));
            case TokenGroups, TokenRestrictedSids, TokenLogonSid -> NativeDecoding.tokenGroups(buffer);
            case TokenPrivileges -> NativeDecoding.tokenPrivileges(buffer);
            case TokenOwner -> NativeDecoding.sid(buffer.getPointer(NativeLayout.TOKEN_OWNER.offset("Owner")));
            case TokenPrimaryGroup -> NativeDecoding.sid(buffer.getPointer(NativeLayout.TOKEN_PRIMARY_GROUP.offset("PrimaryGroup")));
            case TokenDefaultDacl -> {
                Pointer dacl = buffer.getPointer(NativeLayout.TOKEN_DEFAULT_DACL.offset("DefaultDacl"));
                yield dacl == null ? Optional.<Acl>empty() : Optional.of(NativeDecoding.acl(dacl));
            }
            case TokenSource -> source(buffer);
            case TokenType -> io.github.tokenbridge.TokenType.fromCode(buffer.getInt(0));
            case TokenImpersonationLevel -> ImpersonationLevel.fromCode(buffer.getInt(0));
            case TokenStatistics -> statistics(buffer);
            case TokenSessionId -> buffer.getInt(0);
            case TokenMandatoryPolicy -> buffer.getInt(NativeLayout.TOKEN_MANDATORY_POLICY.offset("Policy"));
            case TokenOrigin -> NativeDecoding.luid(buffer, NativeLayout.TOKEN_ORIGIN.offset("OriginatingLogonSession"));
            case TokenElevationType -> ElevationType.fromCode(buffer.getInt(0));
            case TokenLinkedToken -> new Handle(Pointer.nativeValue(
                    buffer.getPointer(NativeLayout.TOKEN_LINKED_TOKEN.offset("LinkedToken"))));
            case TokenElevation -> buffer.getInt(NativeLayout.TOKEN_ELEVATION.offset("TokenIsElevated")) != 0;
            case TokenSandBoxInert, TokenHasRestrictions, TokenVirtualizationAllowed, TokenVirtualizationEnabled,
                    TokenUIAccess, TokenIsAppContainer -> buffer.getInt(0) != 0;
            // --- classes 13 and 30-49 (docs/token-information-classes.md) ---
            case TokenGroupsAndPrivileges -> groupsAndPrivileges(buffer);
            case TokenCapabilities -> NativeDecoding.tokenGroups(buffer);
            case TokenAppContainerSid -> optionalSid(buffer.getPointer(
                    NativeLayout.TOKEN_APPCONTAINER_INFORMATION.offset("TokenAppContainer")));
            case TokenProcessTrustLevel -> optionalSid(buffer.getPointer(
                    NativeLayout.TOKEN_PROCESS_TRUST_LEVEL.offset("TrustLevelSid")));
            case TokenAppContainerNumber -> buffer.getInt(0);
            case TokenUserClaimAttributes, TokenDeviceClaimAttributes ->
                    buffer.getInt(NativeLayout.CLAIM_SECURITY_ATTRIBUTES_INFORMATION.offset("AttributeCount"));
            case TokenIsRestricted, TokenPrivateNameSpace, TokenIsLessPrivilegedAppContainer, TokenIsSandboxed ->
                    buffer.getInt(0) != 0;
            case TokenBnoIsolation -> bnoIsolationPrefix(buffer);
            case TokenSessionReference, TokenAuditPolicy, TokenAccessInformation, TokenRestrictedUserClaimAttributes,
                    TokenRestrictedDeviceClaimAttributes, TokenDeviceGroups, TokenRestrictedDeviceGroups,
                    TokenSecurityAttributes, TokenSingletonAttributes, TokenChildProcessFlags, TokenIsAppSilo,
                    TokenLoggingInformation -> null;
        };
    }

    /** {@code TOKEN_GROUPS_AND_PRIVILEGES}: three arrays reached through their pointers, and the logon session. */
    private static TokenGroupsAndPrivileges groupsAndPrivileges(Pointer buffer) {
        StructLayout layout = NativeLayout.TOKEN_GROUPS_AND_PRIVILEGES;
        List<TokenGroup> sids = sidAndAttributesArray(buffer.getPointer(layout.offset("Sids")),
                buffer.getInt(layout.offset("SidCount")));
        List<TokenGroup> restricted = sidAndAttributesArray(buffer.getPointer(layout.offset("RestrictedSids")),
                buffer.getInt(layout.offset("RestrictedSidCount")));
        int privilegeCount = buffer.getInt(layout.offset("PrivilegeCount"));
        Pointer privileges = buffer.getPointer(layout.offset("Privileges"));
        List<TokenPrivilege> privilegeList = new ArrayList<>(privilegeCount);
        for (int i = 0; i < privilegeCount; i++) {
            privilegeList.add(NativeDecoding.luidAndAttributes(privileges, (long) i * NativeLayout.LUID_AND_ATTRIBUTES.size()));
        }
        return new TokenGroupsAndPrivileges(sids, restricted, privilegeList,
                NativeDecoding.luid(buffer, layout.offset("AuthenticationId")));
    }

    private static List<TokenGroup> sidAndAttributesArray(Pointer array, int count) {
        List<TokenGroup> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(NativeDecoding.sidAndAttributes(array, (long) i * NativeLayout.SID_AND_ATTRIBUTES.size()));
        }
        return entries;
    }

    private static Optional<Sid> optionalSid(Pointer sid) {
        return sid == null ? Optional.empty() : Optional.of(NativeDecoding.sid(sid));
    }

    /** The BaseNamedObjects isolation prefix; empty when isolation is off or the prefix is NULL. */
    private static Optional<String> bnoIsolationPrefix(Pointer buffer) {
        StructLayout layout = NativeLayout.TOKEN_BNO_ISOLATION_INFORMATION;
        Pointer prefix = buffer.getPointer(layout.offset("IsolationPrefix"));
        boolean enabled = buffer.getByte(layout.offset("IsolationEnabled")) != 0;
        return enabled && prefix != null ? Optional.of(prefix.getWideString(0)) : Optional.empty();
    }

    private static TokenSource source(Pointer buffer) {
        StructLayout layout = NativeLayout.TOKEN_SOURCE;
        byte[] name = buffer.getByteArray(layout.offset("SourceName"), 8);
        int length = 0;
        while (length < name.length && name[length] != 0) {
            length++;
        }
        return new TokenSource(new String(name, 0, length, StandardCharsets.ISO_8859_1),
                NativeDecoding.luid(buffer, layout.offset("SourceIdentifier")));
    }

    private static TokenStatistics statistics(Pointer buffer) {
        StructLayout s = NativeLayout.TOKEN_STATISTICS;
        return new TokenStatistics(
                NativeDecoding.luid(buffer, s.offset("TokenId")),
                NativeDecoding.luid(buffer, s.offset("AuthenticationId")),
                buffer.getLong(s.offset("ExpirationTime")),
                TokenType.fromCode(buffer.getInt(s.offset("TokenType"))),
                ImpersonationLevel.fromCode(buffer.getInt(s.offset("ImpersonationLevel"))),
                buffer.getInt(s.offset("DynamicCharged")),
                buffer.getInt(s.offset("DynamicAvailable")),
                buffer.getInt(s.offset("GroupCount")),
                buffer.getInt(s.offset("PrivilegeCount")),
                NativeDecoding.luid(buffer, s.offset("ModifiedId")));
    }

    /**
     * The {@code SetTokenInformation} input for {@code value}: a {@code TOKEN_MANDATORY_LABEL} for a
     * label {@link Sid} (TokenIntegrityLevel), a {@code TOKEN_OWNER} / {@code TOKEN_PRIMARY_GROUP} for
     * a {@link Sid}, a {@code TOKEN_DEFAULT_DACL} for an {@link Acl} or null (NULL DACL), and a DWORD
     * for an {@link Integer} or {@link Boolean} (fixed-size classes). The whole block is the length passed.
     *
     * @throws IllegalArgumentException when {@code value} is not of a type the class takes
     */
    static Memory encode(TokenInformationClass infoClass, Object value) {
        switch (infoClass) {
            case TokenIntegrityLevel:
                if (value instanceof Sid label) {
                    return withSid(NativeLayout.TOKEN_MANDATORY_LABEL, new TokenGroup(label, NativeConstants.SE_GROUP_INTEGRITY));
                }
                if (value instanceof TokenGroup label) {
                    return withSid(NativeLayout.TOKEN_MANDATORY_LABEL, label);
                }
                break;
            case TokenOwner:
            case TokenPrimaryGroup:
                if (value instanceof Sid sid) {
                    return withSid(infoClass == TokenInformationClass.TokenOwner ? NativeLayout.TOKEN_OWNER
                            : NativeLayout.TOKEN_PRIMARY_GROUP, new TokenGroup(sid, -1));
                }
                break;
            case TokenDefaultDacl:
                if (value == null || value instanceof Acl || value instanceof Optional<?>) {
                    Acl acl = value instanceof Optional<?> optional ? (Acl) optional.orElse(null) : (Acl) value;
                    return defaultDacl(acl);
                }
                break;
            default:
                if (infoClass.fixedSize() == 4 && (value instanceof Integer || value instanceof Boolean)) {
                    Memory memory = new Memory(4);
                    memory.setInt(0, value instanceof Boolean b ? (b ? 1 : 0) : (Integer) value);
                    return memory;
                }
                if (infoClass.fixedSize() != 4) {
                    throw new UnsupportedOperationException("the jna backend does not encode "
                            + infoClass + " for SetTokenInformation");
                }
        }
        throw new IllegalArgumentException(infoClass + " does not take a value of type "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /** The structure {@code layout} (a PSID first, then for SID_AND_ATTRIBUTES the attributes) with the SID after it. */
    private static Memory withSid(StructLayout layout, TokenGroup entry) {
        byte[] sid = entry.sid().toBytes();
        Memory memory = new Memory(layout.size() + sid.length);
        memory.clear();
        memory.write(layout.size(), sid, 0, sid.length);
        memory.setPointer(0, memory.share(layout.size()));
        if (entry.attributes() != -1) {
            memory.setInt(NativeLayout.SID_AND_ATTRIBUTES.offset("Attributes"), entry.attributes());
        }
        return memory;
    }

    private static Memory defaultDacl(Acl acl) {
        StructLayout layout = NativeLayout.TOKEN_DEFAULT_DACL;
        byte[] bytes = acl == null ? new byte[0] : SecurityEncoding.acl(acl);
        Memory memory = new Memory(layout.size() + bytes.length);
        memory.clear();
        if (acl != null) {
            memory.write(layout.size(), bytes, 0, bytes.length);
            memory.setPointer(layout.offset("DefaultDacl"), memory.share(layout.size()));
        }
        return memory;
    }
}
