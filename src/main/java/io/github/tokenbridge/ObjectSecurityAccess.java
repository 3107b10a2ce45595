package io.github.tokenbridge;

import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.SeObjectType;
import io.github.tokenbridge.backend.TokenBackend;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The security of real objects through a {@link TokenSystem} ({@link TokenSystem#objects()}): read
 * and write the descriptor of files and directories (Win32 path strings on every backend,
 * {@link Path} on Windows), registry keys ({@code HKEY_LOCAL_MACHINE\...}, {@code HKLM\...} or the
 * {@code MACHINE\...} form) and token objects by handle, with Windows' rules (docs/rules.md part O);
 * and "check as the client": what a token may do to a named object, computed with AccessCheck
 * against the object's real descriptor and its type's generic mapping.
 *
 * <p>What a check leaves out compared with a real open (docs/rules.md "O: Model notes",
 * "Checking access as a client"): rights NTFS grants through the parent directory (DELETE from FILE_DELETE_CHILD,
 * FILE_READ_ATTRIBUTES from FILE_LIST_DIRECTORY), traverse checking along the path, backup and
 * restore intent, share access, and the Identification-level rule of an open (R20: AccessCheck
 * accepts an Identification token, an open by such a thread fails). The descriptor (owner, group,
 * DACL and label; never the audit SACL) is read with the calling thread's own identity, which needs
 * READ_CONTROL on the object: a server checks before it impersonates.
 */
public final class ObjectSecurityAccess {

    private static final int CHECK_PARTS = 0x1 | 0x2 | 0x4 | 0x10;

    private final TokenSystem system;

    ObjectSecurityAccess(TokenSystem system) {
        this.system = system;
    }

    private TokenBackend backend() {
        return system.backendSpi();
    }

    // ---------------------------------------------------------------- files and directories

    /** {@code GetNamedSecurityInfoW(path, SE_FILE_OBJECT, parts)}: the parts asked for. */
    public SecurityDescriptor fileSecurity(String path, Set<SecurityPart> parts) {
        return get(fileName(path), SeObjectType.SE_FILE_OBJECT, parts);
    }

    /** {@link #fileSecurity(String, Set)} for a {@link Path} of this Windows host (jna backend only). */
    public SecurityDescriptor fileSecurity(Path path, Set<SecurityPart> parts) {
        return fileSecurity(hostPath(path), parts);
    }

    /**
     * {@code SetNamedSecurityInfoW(path, SE_FILE_OBJECT, parts, ...)} with the parts taken from
     * {@code sd} (O11: an unprotected DACL is merged with the parent's inheritable ACEs, and a
     * container's change reaches its children). Nothing is changed when it fails.
     */
    public void setFileSecurity(String path, SecurityDescriptor sd, Set<SecurityPart> parts) {
        set(fileName(path), SeObjectType.SE_FILE_OBJECT, sd, parts);
    }

    /** {@link #setFileSecurity(String, SecurityDescriptor, Set)} for a {@link Path} of this Windows host. */
    public void setFileSecurity(Path path, SecurityDescriptor sd, Set<SecurityPart> parts) {
        setFileSecurity(hostPath(path), sd, parts);
    }

    // ---------------------------------------------------------------- registry keys

    /** {@code GetNamedSecurityInfoW(key, SE_REGISTRY_KEY, parts)}; {@code key} as {@link #registryName}. */
    public SecurityDescriptor keySecurity(String key, Set<SecurityPart> parts) {
        return get(registryName(key), SeObjectType.SE_REGISTRY_KEY, parts);
    }

    /** {@code SetNamedSecurityInfoW(key, SE_REGISTRY_KEY, parts, ...)}. */
    public void setKeySecurity(String key, SecurityDescriptor sd, Set<SecurityPart> parts) {
        set(registryName(key), SeObjectType.SE_REGISTRY_KEY, sd, parts);
    }

    // ---------------------------------------------------------------- kernel objects by handle

    /** {@code GetSecurityInfo(token, SE_KERNEL_OBJECT, parts)}: the token object's own descriptor. */
    public SecurityDescriptor tokenSecurity(AccessToken token, Set<SecurityPart> parts) {
        Objects.requireNonNull(token, "token");
        int info = info(parts);
        return system.failures().require(token.withHandle(h -> backend().getSecurityInfo(h, SeObjectType.SE_KERNEL_OBJECT, info)),
                "GetSecurityInfo");
    }

    /** {@code SetSecurityInfo(token, SE_KERNEL_OBJECT, parts, ...)}: stored as given (no parent, O12). */
    public void setTokenSecurity(AccessToken token, SecurityDescriptor sd, Set<SecurityPart> parts) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(sd, "sd");
        int info = info(parts);
        system.failures().require(token.withHandle(h -> backend().setSecurityInfo(h, SeObjectType.SE_KERNEL_OBJECT, info, sd)),
                "SetSecurityInfo");
    }

    // ---------------------------------------------------------------- check as the client

    /**
     * What the calling thread's effective token (its impersonation token, else the process token,
     * R16) may do to the file or directory {@code path}: AccessCheck of {@code desired} (generic
     * rights mapped with the FILE mapping; MAXIMUM_ALLOWED allowed) against its owner, group, DACL
     * and label. A denial is a result.
     */
    public AccessCheckResult checkFileAccess(String path, int desired) {
        return check(null, fileSecurity(path, parts(CHECK_PARTS)), desired, GenericMapping.FILE);
    }

    /** {@link #checkFileAccess(String, int)} for a {@link Path} of this Windows host (jna backend only). */
    public AccessCheckResult checkFileAccess(Path path, int desired) {
        return checkFileAccess(hostPath(path), desired);
    }

    /** {@link #checkFileAccess(String, int)} for {@code client}'s token instead of the effective one. */
    public AccessCheckResult checkFileAccess(AccessToken client, String path, int desired) {
        return check(Objects.requireNonNull(client, "client"), fileSecurity(path, parts(CHECK_PARTS)), desired, GenericMapping.FILE);
    }

    /** {@link #checkFileAccess(String, int)} for a registry key, with the KEY mapping. */
    public AccessCheckResult checkKeyAccess(String key, int desired) {
        return check(null, keySecurity(key, parts(CHECK_PARTS)), desired, GenericMapping.KEY);
    }

    /** {@link #checkKeyAccess(String, int)} for {@code client}'s token. */
    public AccessCheckResult checkKeyAccess(AccessToken client, String key, int desired) {
        return check(Objects.requireNonNull(client, "client"), keySecurity(key, parts(CHECK_PARTS)), desired, GenericMapping.KEY);
    }

    private AccessCheckResult check(AccessToken client, SecurityDescriptor sd, int desired, GenericMapping mapping) {
        if (client != null) {
            try (AccessToken impersonation = asImpersonation(client)) {
                return system.accessCheck(sd, impersonation != null ? impersonation : client, desired, mapping);
            }
        }
        // the effective token (R16): the thread's impersonation token as it is, else the process
        // token as an Identification-level duplicate (AccessCheck needs an impersonation token, R62)
        Set<TokenAccess> query = EnumSet.of(TokenAccess.QUERY, TokenAccess.DUPLICATE);
        java.util.Optional<AccessToken> thread = system.openThreadToken(query, OpenAs.SELF);
        if (thread.isPresent()) {
            try (AccessToken impersonation = thread.get()) {
                return system.accessCheck(sd, impersonation, desired, mapping);
            }
        }
        try (AccessToken process = system.openProcessToken(query);
             AccessToken identification = process.duplicate(EnumSet.of(TokenAccess.QUERY), ImpersonationLevel.IDENTIFICATION,
                     TokenType.IMPERSONATION)) {
            return system.accessCheck(sd, identification, desired, mapping);
        }
    }

    /** An Identification-level duplicate when {@code token} is primary (AccessCheck needs an impersonation token, R62), else null. */
    private static AccessToken asImpersonation(AccessToken token) {
        if (token.type() == TokenType.IMPERSONATION) {
            return null;
        }
        return token.duplicate(EnumSet.of(TokenAccess.QUERY), ImpersonationLevel.IDENTIFICATION, TokenType.IMPERSONATION);
    }

    // ---------------------------------------------------------------- names

    /**
     * The MARTA name of a registry key: {@code HKEY_LOCAL_MACHINE} / {@code HKLM} become
     * {@code MACHINE}, {@code HKEY_CURRENT_USER} / {@code HKCU} {@code CURRENT_USER},
     * {@code HKEY_USERS} / {@code HKU} {@code USERS}, {@code HKEY_CLASSES_ROOT} / {@code HKCR}
     * {@code CLASSES_ROOT}; the MACHINE-style names pass as they are (O8).
     */
    public static String registryName(String key) {
        Objects.requireNonNull(key, "key");
        int slash = key.indexOf('\\');
        String root = (slash < 0 ? key : key.substring(0, slash)).toUpperCase(Locale.ROOT);
        String rest = slash < 0 ? "" : key.substring(slash);
        String mapped = switch (root) {
            case "HKEY_LOCAL_MACHINE", "HKLM", "MACHINE" -> "MACHINE";
            case "HKEY_CURRENT_USER", "HKCU", "CURRENT_USER" -> "CURRENT_USER";
            case "HKEY_USERS", "HKU", "USERS" -> "USERS";
            case "HKEY_CLASSES_ROOT", "HKCR", "CLASSES_ROOT" -> "CLASSES_ROOT";
            default -> throw new IllegalArgumentException("not a registry key name (HKEY_LOCAL_MACHINE\\..., HKLM\\..., "
                    + "MACHINE\\..., HKCU\\..., HKU\\..., HKCR\\...): " + key);
        };
        return mapped + rest;
    }

    private static String fileName(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        return path;
    }

    private String hostPath(Path path) {
        Objects.requireNonNull(path, "path");
        if (system.backend() != BackendKind.JNA) {
            throw new IllegalArgumentException("a java.nio.file.Path names a file of this host; the " + system.backend()
                    + " backend takes Win32 path strings (C:\\...)");
        }
        return path.toAbsolutePath().toString();
    }

    private SecurityDescriptor get(String name, SeObjectType type, Set<SecurityPart> parts) {
        int info = info(parts);
        Result<SecurityDescriptor> r = backend().getNamedSecurityInfo(name, type, info);
        return system.failures().require(r, "GetNamedSecurityInfoW");
    }

    private void set(String name, SeObjectType type, SecurityDescriptor sd, Set<SecurityPart> parts) {
        Objects.requireNonNull(sd, "sd");
        int info = info(parts);
        system.failures().require(backend().setNamedSecurityInfo(name, type, info, sd), "SetNamedSecurityInfoW");
    }

    private static int info(Set<SecurityPart> parts) {
        Objects.requireNonNull(parts, "parts");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no security part asked for");
        }
        return SecurityPart.mask(parts);
    }

    private static Set<SecurityPart> parts(int mask) {
        Set<SecurityPart> out = EnumSet.noneOf(SecurityPart.class);
        for (SecurityPart p : SecurityPart.values()) {
            if ((mask & p.mask()) != 0) {
                out.add(p);
            }
        }
        return out;
    }
}
