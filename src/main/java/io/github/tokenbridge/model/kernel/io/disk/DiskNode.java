package io.github.tokenbridge.model.kernel.io.disk;

import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.model.kernel.io.FileNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A file or directory of the model's disk file system: its name, parent, children (directories
 * only; names compare case-insensitively and keep their case) and security descriptor. Contents
 * are not modelled.
 */
public final class DiskNode implements FileNode {

    private final String name;
    private final DiskNode parent;
    private final boolean directory;
    private final Map<String, DiskNode> children = new LinkedHashMap<>();
    private volatile SecurityDescriptor securityDescriptor;
    private volatile boolean deleted;

    DiskNode(String name, DiskNode parent, boolean directory, SecurityDescriptor securityDescriptor) {
        this.name = Objects.requireNonNull(name, "name");
        this.parent = parent;
        this.directory = directory;
        this.securityDescriptor = Objects.requireNonNull(securityDescriptor, "securityDescriptor");
    }

    /** The node's own name (empty for the root). */
    public String name() {
        return name;
    }

    /** The containing directory, or null for the root. */
    public DiskNode parent() {
        return parent;
    }

    /** True for a directory. */
    public boolean isDirectory() {
        return directory;
    }

    /** True once the node was deleted (its open file objects stay valid, its name is gone). */
    public boolean isDeleted() {
        return deleted;
    }

    /** The path inside the volume: {@code \} for the root, {@code \dir\file} below it. */
    public String path() {
        if (parent == null) {
            return "\\";
        }
        String up = parent.path();
        return (up.endsWith("\\") ? up : up + "\\") + name;
    }

    @Override
    public SecurityDescriptor securityDescriptor() {
        return securityDescriptor;
    }

    @Override
    public void setSecurityDescriptor(SecurityDescriptor descriptor) {
        this.securityDescriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    synchronized DiskNode child(String childName) {
        return children.get(childName.toLowerCase(Locale.ROOT));
    }

    synchronized void addChild(DiskNode child) {
        children.put(child.name.toLowerCase(Locale.ROOT), child);
    }

    synchronized boolean hasChildren() {
        return !children.isEmpty();
    }

    synchronized void removeChild(DiskNode child) {
        children.remove(child.name.toLowerCase(Locale.ROOT));
        child.deleted = true;
    }

    /** The names of the children, in creation order. */
    public synchronized List<String> childNames() {
        List<String> names = new ArrayList<>();
        for (DiskNode child : children.values()) {
            names.add(child.name);
        }
        return names;
    }

    @Override
    public String toString() {
        return path();
    }
}
