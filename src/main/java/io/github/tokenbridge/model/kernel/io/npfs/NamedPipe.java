package io.github.tokenbridge.model.kernel.io.npfs;

import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.model.kernel.io.FileNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named pipe (npfs's FCB): its name, its one security descriptor shared by every instance and
 * client end (P8), what its first instance fixed (message or byte type, instance limit, direction;
 * P5), and its instances. The pipe object is the lock of all its instances' state.
 */
final class NamedPipe implements FileNode {

    final String name;
    final boolean messageType;
    final int maxInstances;
    final boolean inbound;
    final boolean outbound;
    final boolean rejectRemote;
    /** The time-out {@code WaitNamedPipeW(NMPWAIT_USE_DEFAULT_WAIT)} uses: nDefaultTimeOut, or 50 ms for 0 (P11). */
    final long defaultTimeoutMillis;
    final List<PipeInstance> instances = new ArrayList<>();
    /** Overlapped requests waiting on this pipe's instances. */
    final List<PendingRequest> pending = new ArrayList<>();
    private volatile SecurityDescriptor securityDescriptor;
    private long nextListenSequence;

    NamedPipe(String name, NamedPipeCreateParameters first, SecurityDescriptor securityDescriptor) {
        this.name = Objects.requireNonNull(name, "name");
        this.messageType = first.messageType();
        this.maxInstances = first.maxInstances();
        this.inbound = first.inbound();
        this.outbound = first.outbound();
        this.rejectRemote = first.rejectRemote();
        this.defaultTimeoutMillis = first.defaultTimeout() == 0 ? 50 : Integer.toUnsignedLong(first.defaultTimeout());
        this.securityDescriptor = Objects.requireNonNull(securityDescriptor, "securityDescriptor");
    }

    @Override
    public SecurityDescriptor securityDescriptor() {
        return securityDescriptor;
    }

    @Override
    public void setSecurityDescriptor(SecurityDescriptor descriptor) {
        this.securityDescriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    /** The order in which instances began listening (clients take the earliest, P11). */
    long nextListenSequence() {
        return nextListenSequence++;
    }

    @Override
    public String toString() {
        return "pipe " + name;
    }
}
