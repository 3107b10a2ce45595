package io.github.tokenbridge.backend;

import io.github.tokenbridge.Acl;
import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenSource;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.TokenType;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code TOKEN_INFORMATION_CLASS} (R5): the numbered classes of {@code GetTokenInformation},
 * each with the Java type in which the SPI returns it and, for fixed-size classes, the size in
 * bytes of its x64 structure (used for {@code ERROR_BAD_LENGTH} / {@code STATUS_INFO_LENGTH_MISMATCH}).
 *
 * <p>Value types: {@code List} means {@code List<TokenGroup>} (groups, restricted SIDs, logon SID)
 * or {@code List<TokenPrivilege>} (privileges); {@code Optional} for the default DACL means
 * {@code Optional<Acl>} (empty for a NULL default DACL); for TokenAppContainerSid and
 * TokenProcessTrustLevel {@code Optional<Sid>} (empty for a NULL SID pointer), for TokenBnoIsolation
 * {@code Optional<String>} (the isolation prefix, empty when isolation is off); TokenCapabilities is a
 * {@code List<TokenGroup>}; the claim classes (33, 34) give the claim attribute count
 * ({@code AttributeCount}); fixed DWORD classes give {@code Boolean} (nonzero) or {@code Integer}.
 */
public enum TokenInformationClass {
    TokenUser(1, TokenGroup.class, -1),
    TokenGroups(2, List.class, -1),
    TokenPrivileges(3, List.class, -1),
    TokenOwner(4, Sid.class, -1),
    TokenPrimaryGroup(5, Sid.class, -1),
    TokenDefaultDacl(6, Optional.class, -1),
    TokenSource(7, TokenSource.class, 16),
    TokenType(8, TokenType.class, 4),
    TokenImpersonationLevel(9, ImpersonationLevel.class, 4),
    TokenStatistics(10, TokenStatistics.class, 56),
    TokenRestrictedSids(11, List.class, -1),
    TokenSessionId(12, Integer.class, 4),
    TokenGroupsAndPrivileges(13, io.github.tokenbridge.TokenGroupsAndPrivileges.class, -1),
    TokenSessionReference(14, null, -1),
    TokenSandBoxInert(15, Boolean.class, 4),
    TokenAuditPolicy(16, null, -1),
    TokenOrigin(17, Luid.class, 8),
    TokenElevationType(18, ElevationType.class, 4),
    TokenLinkedToken(19, Handle.class, 8),
    TokenElevation(20, Boolean.class, 4),
    TokenHasRestrictions(21, Boolean.class, 4),
    TokenAccessInformation(22, null, -1),
    TokenVirtualizationAllowed(23, Boolean.class, 4),
    TokenVirtualizationEnabled(24, Boolean.class, 4),
    TokenIntegrityLevel(25, TokenGroup.class, -1),
    TokenUIAccess(26, Boolean.class, 4),
    TokenMandatoryPolicy(27, Integer.class, 4),
    TokenLogonSid(28, List.class, -1),
    TokenIsAppContainer(29, Boolean.class, 4),
    // --- classes 30-49 (docs/token-information-classes.md) ---
    TokenCapabilities(30, List.class, -1),
    TokenAppContainerSid(31, Optional.class, -1),
    TokenAppContainerNumber(32, Integer.class, 4),
    TokenUserClaimAttributes(33, Integer.class, -1),
    TokenDeviceClaimAttributes(34, Integer.class, -1),
    TokenRestrictedUserClaimAttributes(35, null, -1),
    TokenRestrictedDeviceClaimAttributes(36, null, -1),
    TokenDeviceGroups(37, null, -1),
    TokenRestrictedDeviceGroups(38, null, -1),
    TokenSecurityAttributes(39, null, -1),
    TokenIsRestricted(40, Boolean.class, 4),
    TokenProcessTrustLevel(41, Optional.class, -1),
    TokenPrivateNameSpace(42, Boolean.class, 4),
    TokenSingletonAttributes(43, null, -1),
    TokenBnoIsolation(44, Optional.class, -1),
    TokenChildProcessFlags(45, null, 4),
    TokenIsLessPrivilegedAppContainer(46, Boolean.class, 4),
    TokenIsSandboxed(47, Boolean.class, 4),
    /** Class 48: {@code TokenIsAppSilo} since Windows 11 22H2, before that {@code TokenOriginatingProcessTrustLevel}. */
    TokenIsAppSilo(48, null, -1),
    TokenLoggingInformation(49, null, -1);

    private final int code;
    private final Class<?> valueType;
    private final int fixedSize;

    TokenInformationClass(int code, Class<?> valueType, int fixedSize) {
        this.code = code;
        this.valueType = valueType;
        this.fixedSize = fixedSize;
    }

    /** The {@code TOKEN_INFORMATION_CLASS} value. */
    public int code() {
        return code;
    }

    /** The Java type of the decoded value; empty for classes tokenbridge does not decode. */
    public Optional<Class<?>> valueType() {
        return Optional.ofNullable(valueType);
    }

    /** The x64 structure size for fixed-size classes, or -1 for variable-size ones. */
    public int fixedSize() {
        return fixedSize;
    }

    /** True when the structure has a fixed size. */
    public boolean isFixedSize() {
        return fixedSize > 0;
    }

    /** The class for a {@code TOKEN_INFORMATION_CLASS} value. */
    public static Optional<TokenInformationClass> fromCode(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
    }
}
