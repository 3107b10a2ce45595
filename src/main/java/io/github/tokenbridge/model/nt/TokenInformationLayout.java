package io.github.tokenbridge.model.nt;

import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.kernel.se.TokenContents;

import java.util.List;

/**
 * The x64 byte sizes of {@code NtQueryInformationToken} output (R5, R59), so that the model reports
 * the same required lengths as Windows: pointers are 8 bytes, {@code SID_AND_ATTRIBUTES} 16,
 * {@code LUID_AND_ATTRIBUTES} 12, and the variable parts (SIDs, ACLs) follow the fixed part.
 */
public final class TokenInformationLayout {

    private static final int SID_AND_ATTRIBUTES = 16;
    private static final int POINTER = 8;
    private static final int LUID_AND_ATTRIBUTES = 12;
    /** Three (count, length, pointer) triples and a LUID. */
    private static final int TOKEN_GROUPS_AND_PRIVILEGES = 56;
    /** Version, Reserved, AttributeCount and the attribute pointer. */
    private static final int CLAIM_SECURITY_ATTRIBUTES_INFORMATION = 16;
    /** The prefix pointer and the IsolationEnabled BOOLEAN, padded to 8. */
    private static final int TOKEN_BNO_ISOLATION_INFORMATION = 16;

    private TokenInformationLayout() {
    }

    /** The bytes {@code infoClass} needs for this token's current contents. */
    public static int requiredLength(TokenInformationClass infoClass, TokenContents c) {
        return switch (infoClass) {
            case TokenUser -> SID_AND_ATTRIBUTES + c.user().sid().byteLength();
            case TokenGroups -> groupsLength(c.groups());
            case TokenRestrictedSids -> groupsLength(c.restrictedSids());
            case TokenLogonSid -> groupsLength(logonSids(c));
            case TokenPrivileges -> 4 + 12 * c.privileges().size();
            case TokenOwner -> POINTER + c.owner().byteLength();
            case TokenPrimaryGroup -> POINTER + c.primaryGroup().byteLength();
            case TokenDefaultDacl -> POINTER + (c.defaultDacl() == null ? 0 : c.defaultDacl().byteLength());
            case TokenIntegrityLevel -> SID_AND_ATTRIBUTES + c.integrity().byteLength();
            // --- classes 13 and 30-44 (docs/token-information-classes.md) ---
            case TokenGroupsAndPrivileges -> TOKEN_GROUPS_AND_PRIVILEGES + sidAndAttributesLength(List.of(c.user()))
                    + sidAndAttributesLength(c.groups()) + sidAndAttributesLength(c.restrictedSids())
                    + LUID_AND_ATTRIBUTES * c.privileges().size();
            case TokenCapabilities -> groupsLength(List.of());
            case TokenAppContainerSid, TokenProcessTrustLevel -> POINTER;
            case TokenUserClaimAttributes, TokenDeviceClaimAttributes -> CLAIM_SECURITY_ATTRIBUTES_INFORMATION;
            case TokenBnoIsolation -> TOKEN_BNO_ISOLATION_INFORMATION;
            default -> {
                if (!infoClass.isFixedSize()) {
                    throw new UnsupportedOperationException(infoClass + " is not modelled");
                }
                yield infoClass.fixedSize();
            }
        };
    }

    /** {@code TOKEN_GROUPS}: a count padded to 8 bytes, the array, then the SIDs. */
    static int groupsLength(List<TokenGroup> groups) {
        return 8 + sidAndAttributesLength(groups);
    }

    /** A {@code SID_AND_ATTRIBUTES} array followed by its SIDs ({@code RtlLengthSidAndAttributes}). */
    static int sidAndAttributesLength(List<TokenGroup> groups) {
        int length = SID_AND_ATTRIBUTES * groups.size();
        for (TokenGroup g : groups) {
            length += g.sid().byteLength();
        }
        return length;
    }

    /** The logon SID groups of a token (R6: exactly one for a normal logon, none for anonymous). */
    static List<TokenGroup> logonSids(TokenContents c) {
        return c.groups().stream().filter(TokenGroup::logonId).toList();
    }
}
