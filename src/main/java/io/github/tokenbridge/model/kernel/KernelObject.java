package io.github.tokenbridge.model.kernel;

import io.github.tokenbridge.SecurityDescriptor;

import java.util.Objects;

/**
 * A securable kernel object of the model (token, process or thread): its type and its own
 * security descriptor (R14), which the object manager checks when a handle is opened (R24).
 */
public abstract class KernelObject {

    private final ObjectType type;
    private volatile SecurityDescriptor securityDescriptor;

    protected KernelObject(ObjectType type, SecurityDescriptor securityDescriptor) {
        this.type = Objects.requireNonNull(type, "type");
        this.securityDescriptor = Objects.requireNonNull(securityDescriptor, "securityDescriptor");
    }

    /** The object's type. */
    public final ObjectType objectType() {
        return type;
    }

    /** The object's own security descriptor. */
    public final SecurityDescriptor securityDescriptor() {
        return securityDescriptor;
    }

    /** Replaces the object's security descriptor (SetKernelObjectSecurity). */
    public final void setSecurityDescriptor(SecurityDescriptor descriptor) {
        this.securityDescriptor = Objects.requireNonNull(descriptor, "descriptor");
    }
}
