package io.github.tokenbridge.model.kernel.cm;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.ob.ObjectManager;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.ContentsClientToken;
import io.github.tokenbridge.model.kernel.se.PrivilegeChecks;
import io.github.tokenbridge.model.kernel.se.SecurityAssignment;
import io.github.tokenbridge.model.kernel.se.TokenContents;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The model's configuration manager: the registry name space under {@code \REGISTRY} and the parse
 * of key names that NtCreateKey and NtOpenKey make (docs/rules.md O22).
 *
 * <p>A name is a path of components below a key; trailing backslashes are ignored, any other empty
 * component is STATUS_OBJECT_NAME_INVALID. Every component but the last must exist (STATUS_OBJECT_NAME_NOT_FOUND
 * otherwise, as NtCreateKey creates one key at a time). An existing key is opened with the object
 * manager's one access check against its descriptor; a new one needs KEY_CREATE_SUB_KEY granted by
 * the parent's descriptor, gets its descriptor from {@link SecurityAssignment} (a container, the
 * KEY mapping, auto-inherit mode) and a handle with the access asked for (O20), ACCESS_SYSTEM_SECURITY
 * still needing SeSecurityPrivilege (O2).
 */
public final class ConfigurationManager {

    /** KEY_CREATE_SUB_KEY. */
    public static final int KEY_CREATE_SUB_KEY = 0x0004;
    private static final int ACCESS_SYSTEM_SECURITY = 0x01000000;
    private static final int MAXIMUM_ALLOWED = 0x02000000;

    private final ObjectManager objects;
    private final KeyNode root;

    /** A registry whose {@code \REGISTRY} key has {@code rootSecurity}. */
    public ConfigurationManager(ObjectManager objects, SecurityDescriptor rootSecurity) {
        this.objects = Objects.requireNonNull(objects, "objects");
        this.root = new KeyNode("REGISTRY", null, rootSecurity);
    }

    /** The {@code \REGISTRY} key. */
    public KeyNode root() {
        return root;
    }

    /** What a successful create or open returns: the new key object, its granted access, whether it was created. */
    public record KeyOpen(KeyObject key, int grantedAccess, boolean created) {
    }

    /**
     * The components of a relative key name, or null when one is empty; trailing backslashes are
     * ignored (W-REG test_reg_open_key and test_reg_create_key: {@code Software\Wine\Test\\} opens and
     * {@code Subkey4\\} is created, O22).
     */
    static List<String> components(String relativeName) {
        List<String> parts = new ArrayList<>();
        int end = relativeName.length();
        while (end > 0 && relativeName.charAt(end - 1) == '\\') {
            end--;
        }
        if (end == 0) {
            return relativeName.isEmpty() ? parts : null;
        }
        for (String part : relativeName.substring(0, end).split("\\\\", -1)) {
            if (part.isEmpty()) {
                return null;
            }
            parts.add(part);
        }
        return parts;
    }

    /** The key at the absolute NT name {@code \REGISTRY\...}, or null. */
    public synchronized KeyNode find(String ntName) {
        String rest = relativeToRoot(ntName);
        return rest == null ? null : walk(root, components(rest));
    }

    private static KeyNode walk(KeyNode from, List<String> parts) {
        if (parts == null) {
            return null;
        }
        KeyNode node = from;
        for (String part : parts) {
            node = node.subKey(part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** The part of an absolute name below {@code \REGISTRY} ("" for the root itself), or null when it is not under it. */
    public static String relativeToRoot(String ntName) {
        if (!ntName.regionMatches(true, 0, "\\REGISTRY", 0, 9)) {
            return null;
        }
        if (ntName.length() == 9) {
            return "";
        }
        return ntName.charAt(9) == '\\' ? ntName.substring(10) : null;
    }

    /** Creates a key without any check (the world's declared keys); the parent must exist. */
    public synchronized KeyNode declare(String ntName, SecurityDescriptor security) {
        String rest = relativeToRoot(ntName);
        List<String> parts = rest == null ? null : components(rest);
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("not a key below \\REGISTRY: " + ntName);
        }
        KeyNode parent = walk(root, parts.subList(0, parts.size() - 1));
        if (parent == null) {
            throw new IllegalArgumentException("no key above " + ntName);
        }
        KeyNode existing = parent.subKey(parts.get(parts.size() - 1));
        if (existing != null) {
            existing.setSecurityDescriptor(security);
            return existing;
        }
        KeyNode key = new KeyNode(parts.get(parts.size() - 1), parent, security);
        parent.add(key);
        return key;
    }

    /**
     * The parse behind NtCreateKey ({@code create} true) and NtOpenKey: {@code relativeName} below
     * {@code base}.
     *
     * @param creatorSecurity the descriptor in the object attributes (create only), or null
     */
    public synchronized Result<KeyOpen> createOrOpen(ThreadObject caller, KeyNode base, String relativeName, int desiredAccess,
                                                     SecurityDescriptor creatorSecurity, boolean create) {
        if (base.isDeleted()) {
            return Result.failure(NtStatus.STATUS_KEY_DELETED);
        }
        List<String> parts = components(relativeName);
        if (parts == null) {
            return Result.failure(NtStatus.STATUS_OBJECT_NAME_INVALID);
        }
        KeyNode parent = parts.isEmpty() ? base.parent() : walk(base, parts.subList(0, parts.size() - 1));
        if (!parts.isEmpty() && parent == null) {
            return Result.failure(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
        }
        KeyNode key = parts.isEmpty() ? base : parent.subKey(parts.get(parts.size() - 1));
        if (key != null) {
            KeyObject object = new KeyObject(key);
            Result<Integer> granted = objects.checkAccess(caller, object, desiredAccess);
            return granted.succeeded() ? granted.withValue(new KeyOpen(object, granted.value(), false)) : granted.withValue(null);
        }
        if (!create) {
            return Result.failure(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
        }
        Result<Integer> parentCheck = objects.checkAccess(caller, parent.securityDescriptor(), ObjectType.KEY, KEY_CREATE_SUB_KEY);
        if (!parentCheck.succeeded()) {
            return parentCheck.withValue(null);
        }
        TokenContents creator = caller.effectiveToken().contents();
        int desired = GenericMapping.KEY.map(desiredAccess);
        if ((desired & ACCESS_SYSTEM_SECURITY) != 0
                && !PrivilegeChecks.isEnabled(ContentsClientToken.of(creator), Privilege.SeSecurityPrivilege.luid())) {
            return Result.failure(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
        }
        Result<SecurityDescriptor> security = SecurityAssignment.assign(parent.securityDescriptor(), creatorSecurity, creator,
                true, GenericMapping.KEY, true);
        if (!security.succeeded()) {
            return security.withValue(null);
        }
        KeyNode created = new KeyNode(parts.get(parts.size() - 1), parent, security.value());
        parent.add(created);
        int granted = (desired & MAXIMUM_ALLOWED) != 0 ? ObjectType.KEY.allAccess() | (desired & ~MAXIMUM_ALLOWED) : desired;
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, new KeyOpen(new KeyObject(created), granted, true));
    }

    /** {@code NtDeleteKey} on an open key: a key with subkeys is STATUS_CANNOT_DELETE; deleting twice is STATUS_KEY_DELETED. */
    public synchronized Result<Void> delete(KeyObject object) {
        KeyNode key = object.key();
        if (key.isDeleted()) {
            return Result.failure(NtStatus.STATUS_KEY_DELETED);
        }
        if (key.parent() == null || key.hasSubKeys()) {
            return Result.failure(NtStatus.STATUS_CANNOT_DELETE);
        }
        key.parent().remove(key);
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, null);
    }
}
