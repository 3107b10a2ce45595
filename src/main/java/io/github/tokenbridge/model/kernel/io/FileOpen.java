package io.github.tokenbridge.model.kernel.io;

import java.util.Objects;

/**
 * What a file system's create routine returns when an open succeeds: the node opened, the driver's
 * own state for this open (a pipe end, say), and the access the open-time check granted.
 *
 * @param node          the file, directory or pipe opened
 * @param context       the driver's per-open state (its FsContext2); may be null
 * @param grantedAccess the access the handle gets
 */
public record FileOpen(FileNode node, Object context, int grantedAccess) {

    public FileOpen {
        Objects.requireNonNull(node, "node");
    }
}
