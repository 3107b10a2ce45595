package io.github.tokenbridge.model.kernel.io;

import io.github.tokenbridge.SecurityDescriptor;

/**
 * What a file object is opened on: a file, directory or pipe that a file system keeps, with the one
 * security descriptor every file object opened on it shares (for pipes, P8).
 */
public interface FileNode {

    /** The node's security descriptor. */
    SecurityDescriptor securityDescriptor();

    /** Replaces the node's security descriptor (NtSetSecurityObject through any handle to it). */
    void setSecurityDescriptor(SecurityDescriptor descriptor);
}
