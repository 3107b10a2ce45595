package io.github.tokenbridge.model.kernel.cm;

import io.github.tokenbridge.SecurityDescriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A registry key of the model's configuration manager (its key control block): name, parent,
 * subkeys (names compare case-insensitively and keep their case) and security descriptor. Values
 * are not modelled.
 */
public final class KeyNode {

    private final String name;
    private final KeyNode parent;
    private final Map<String, KeyNode> subKeys = new LinkedHashMap<>();
    private volatile SecurityDescriptor securityDescriptor;
    private volatile boolean deleted;

    KeyNode(String name, KeyNode parent, SecurityDescriptor securityDescriptor) {
        this.name = Objects.requireNonNull(name, "name");
        this.parent = parent;
        this.securityDescriptor = Objects.requireNonNull(securityDescriptor, "securityDescriptor");
    }

    /** The key's own name ({@code REGISTRY} for the root). */
    public String name() {
        return name;
    }

    /** The parent key, or null for {@code \REGISTRY}. */
    public KeyNode parent() {
        return parent;
    }

    /** True once the key was deleted (open handles stay valid; STATUS_KEY_DELETED for most uses). */
    public boolean isDeleted() {
        return deleted;
    }

    /** The key's full NT name, {@code \REGISTRY\MACHINE\SOFTWARE} say. */
    public String path() {
        return parent == null ? "\\" + name : parent.path() + "\\" + name;
    }

    /** The key's security descriptor. */
    public SecurityDescriptor securityDescriptor() {
        return securityDescriptor;
    }

    /** Replaces the key's security descriptor. */
    public void setSecurityDescriptor(SecurityDescriptor descriptor) {
        this.securityDescriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    synchronized KeyNode subKey(String subKeyName) {
        return subKeys.get(subKeyName.toLowerCase(Locale.ROOT));
    }

    synchronized void add(KeyNode child) {
        subKeys.put(child.name.toLowerCase(Locale.ROOT), child);
    }

    synchronized boolean hasSubKeys() {
        return !subKeys.isEmpty();
    }

    synchronized void remove(KeyNode child) {
        subKeys.remove(child.name.toLowerCase(Locale.ROOT));
        child.deleted = true;
    }

    /** The subkey names, in creation order. */
    public synchronized List<String> subKeyNames() {
        List<String> names = new ArrayList<>();
        for (KeyNode child : subKeys.values()) {
            names.add(child.name);
        }
        return names;
    }

    @Override
    public String toString() {
        return path();
    }
}
