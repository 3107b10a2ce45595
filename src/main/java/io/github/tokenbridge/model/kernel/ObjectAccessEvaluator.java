package io.github.tokenbridge.model.kernel;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.SecurityDescriptor;

/**
 * The access check the object manager runs when a handle to a model object is opened or
 * duplicated with more access ({@code SeAccessCheck} as used by {@code ObOpenObjectByPointer}; R21,
 * R24, R25). The model's small built-in implementation is {@link DaclAccessEvaluator}; the full
 * AccessCheck engine of {@code model.security} replaces it through this interface.
 */
public interface ObjectAccessEvaluator {

    /**
     * Decides an open.
     *
     * @param descriptor    the object's security descriptor
     * @param subject       the caller's effective token (R16)
     * @param desiredAccess the desired access with generic bits already mapped; may contain
     *                      MAXIMUM_ALLOWED (0x02000000) and ACCESS_SYSTEM_SECURITY (0x01000000); never 0
     * @param mapping       the object type's generic mapping
     * @return the decision; for MAXIMUM_ALLOWED the granted mask is everything the DACL grants
     */
    AccessDecision check(SecurityDescriptor descriptor, TokenObject subject, int desiredAccess, GenericMapping mapping);
}
