package io.github.tokenbridge.model.kernel.ob;

import io.github.tokenbridge.SecurityDescriptor;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.backend.Result;

import java.util.Objects;

/**
 * A securable kernel object of the model (token, process or thread): its type and its own
 * security descriptor (R14), which the object manager checks when a handle is opened (R24).
 */
public abstract class KernelObject {

    private final ObjectType type;
    private volatile SecurityDescriptor securityDescriptor;
    /** The reference a pseudo handle to this object resolves to (an immutable value, made on first use). */
    private Result<HandleEntry> pseudoReference;

    protected KernelObject(ObjectType type, SecurityDescriptor securityDescriptor) {
        this.type = Objects.requireNonNull(type, "type");
        this.securityDescriptor = Objects.requireNonNull(securityDescriptor, "securityDescriptor");
    }

    /** The object's type. */
    public final ObjectType objectType() {
        return type;
    }

    /**
     * The object's own security descriptor. File objects override it: theirs is the descriptor of
     * the file or pipe they were opened on, which the file system keeps (model.kernel.io).
     */
    public SecurityDescriptor securityDescriptor() {
        return securityDescriptor;
    }

    /**
     * The successful reference of a pseudo handle to this object ({@code GetCurrentProcess()},
     * {@code GetCurrentThread()}): full access, no attributes. Made once; a racing first use makes
     * an equal value.
     */
    public final Result<HandleEntry> pseudoReference() {
        Result<HandleEntry> ref = pseudoReference;
        if (ref == null) {
            ref = Result.ofStatus(NtStatus.STATUS_SUCCESS, new HandleEntry(this, type.allAccess(), 0));
            pseudoReference = ref;
        }
        return ref;
    }

    /** Replaces the object's security descriptor (SetKernelObjectSecurity); file objects override it as {@link #securityDescriptor()}. */
    public void setSecurityDescriptor(SecurityDescriptor descriptor) {
        this.securityDescriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    // ---- handle counts (io-skeleton): the I/O manager's IRP_MJ_CLEANUP when a file object's last handle closes

    /** A handle to this object was inserted in some handle table; nothing by default. */
    protected void handleOpened() {
    }

    /** A handle to this object was removed from some handle table; nothing by default. */
    protected void handleClosed() {
    }
}
