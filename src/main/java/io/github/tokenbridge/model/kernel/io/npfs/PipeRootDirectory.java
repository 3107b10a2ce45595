package io.github.tokenbridge.model.kernel.io.npfs;

import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.model.kernel.io.FileNode;

import java.util.Objects;

/**
 * The root directory of the named-pipe file system ({@code \Device\NamedPipe\}, {@code \\.\pipe\}),
 * which {@code WaitNamedPipeW} opens to issue FSCTL_PIPE_WAIT (P11). Its descriptor has no DACL in
 * the model (every open is granted; UNVERIFIED against Windows' root descriptor).
 */
final class PipeRootDirectory implements FileNode {

    private volatile SecurityDescriptor securityDescriptor =
            new SecurityDescriptor(Sid.LOCAL_SYSTEM, Sid.LOCAL_SYSTEM, false, null, null, 0);

    @Override
    public SecurityDescriptor securityDescriptor() {
        return securityDescriptor;
    }

    @Override
    public void setSecurityDescriptor(SecurityDescriptor descriptor) {
        this.securityDescriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    @Override
    public String toString() {
        return "npfs root";
    }
}
