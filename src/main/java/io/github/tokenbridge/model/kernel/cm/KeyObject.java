package io.github.tokenbridge.model.kernel.cm;

import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.model.kernel.ob.KernelObject;
import io.github.tokenbridge.model.kernel.ob.ObjectType;

import java.util.Objects;

/**
 * A key object of the model (type KEY): one open of a registry key. Its security descriptor is the
 * key's, shared by every open of it.
 */
public final class KeyObject extends KernelObject {

    private final KeyNode key;

    KeyObject(KeyNode key) {
        super(ObjectType.KEY, key.securityDescriptor());
        this.key = key;
    }

    /** The key this object was opened on. */
    public KeyNode key() {
        return key;
    }

    @Override
    public SecurityDescriptor securityDescriptor() {
        return key.securityDescriptor();
    }

    @Override
    public void setSecurityDescriptor(SecurityDescriptor descriptor) {
        key.setSecurityDescriptor(Objects.requireNonNull(descriptor, "descriptor"));
    }

    @Override
    public String toString() {
        return "Key[" + key.path() + "]";
    }
}
